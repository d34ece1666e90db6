using static MedOffice.X12.Validation.SchemaTable;

namespace MedOffice.X12.Validation;

/// <summary>
/// The 837 Professional (005010X222A1) as a table: loops in order, each with its segments (usage, repeat, elements).
/// Element rules read <c>usage [type min-max] [=codes]</c> or <c>usage {component;…}</c>; <c>N</c> is "not used";
/// a trailing <c>...</c> leaves later elements unchecked.
/// </summary>
internal static class ProfessionalClaimSchema
{
    private const string Contact = "R =IC|S AN1-60|R =@ContactQualifier|R AN1-256|S =@ContactQualifier|S AN1-256|S =@ContactQualifier|S AN1-256|N";
    private const string Street = "R AN1-55|S AN1-55";
    private const string City = "R AN2-30|S ID2-2|S ID3-15|S ID2-3|N|N|S AN1-3";
    private const string Reference = "R ID2-3|R AN1-50|N|N";
    private const string Adjustment = "R =@AdjustmentGroup|R AN1-5|R R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15";
    private const string Procedure = "{R =@ProcedureQualifier;R AN1-48;S AN2-2;S AN2-2;S AN2-2;S AN2-2;S AN1-80;N}";
    private const string Diagnosis = "{R =@OtherDiagnosis;R AN1-30;N;N;N;N;N;N;N}";

    public static LoopRule Transaction { get; } = Build();

    /// <summary>An NM1 for a person or organisation: entity code, entity type, names, then the identifier.</summary>
    private static SegmentRule Name(string entity, string name, string entityType = "1,2", string idQualifiers = "XX", char idUsage = 'S', char nameUsage = 'R') =>
        Q("NM1", name, R, 1,
            $"R ={entity}|R ={entityType}|{nameUsage} AN1-60|S AN1-35|S AN1-25|N|S AN1-10|{idUsage} ={idQualifiers}|{idUsage} AN2-80|N|N|N");

    private static SegmentRule[] Address(string what, Usage usage = R) =>
        [Seg("N3", what + " Address", usage, 1, Street), Seg("N4", what + " City, State, ZIP Code", usage, 1, City)];

    private static SegmentRule Refs(string name, Usage usage, int max, string qualifiers) =>
        Q("REF", name, usage, max, $"R ={qualifiers}|R AN1-50|N|N");

    private static LoopRule Build()
    {
        var claim = Loop("2300", "Claim Information", S, 100,
            [
                Seg("CLM", "Claim Information", R, 1,
                    "R AN1-38|R R1-18|N|N|R {R =@POS;R =B;R =@Frequency}|R =N,Y|R =A,B,C|R =N,W,Y|R =I,Y|S =P|S {R =AA,EM,OA;S =AA,EM,OA;N;S ID2-2;S ID2-3}|S =02,03,05,09|N|N|N|N|N|N|N|S =1,2,3,4,5,6,7,8,9,10,11,15"),
                Q("DTP", "Claim Date", S, 15, "R =431,454,304,453,439,484,455,471,297,296,444,050,090,091,096|R =D8|R DT8-8"),
                Q("DTP", "Disability Dates", S, 1, "R =314,360,361|R =D8,RD8|R AN8-17"),
                Q("DTP", "Admission Date", S, 1, "R =435|R =D8,DT|R AN8-12"),
                Seg("PWK", "Claim Supplemental Information", S, 10, "R ID2-2|R ID1-2|N|N|S =AC|S AN2-80|..."),
                Seg("CN1", "Contract Information", S, 1, "R =01,02,03,04,05,06,09|S R1-18|S R1-6|S AN1-50|S AN1-6|S AN1-30"),
                Q("AMT", "Patient Amount Paid", S, 1, "R =F5|R R1-18|N"),
                Refs("Claim Reference", S, 14, "4N,F5,EW,9F,G1,F8,X4,9A,9C,LX,D9,EA,P4,1J"),
                Seg("K3", "File Information", S, 10, "R AN1-80|..."),
                Seg("NTE", "Claim Note", S, 1, "R =ADD,CER,DCP,DGN,TPO|R AN1-80"),
                Seg("CR1", "Ambulance Transport Information", S, 1),
                Seg("CR2", "Spinal Manipulation Service Information", S, 1),
                Q("CRC", "Claim Condition Indicator", S, 8, "R =07,E1,E2,E3,75,ZZ|R =N,Y|R ID2-3|S ID2-3|S ID2-3|S ID2-3|S ID2-3"),
                Q("HI", "Health Care Diagnosis Code", R, 1,
                    "R {R =@PrincipalDiagnosis;R AN1-30;N;N;N;N;N;N;N}|" + string.Join("|", Enumerable.Repeat("S " + Diagnosis, 11))),
                Q("HI", "Anesthesia Related Procedure", S, 1, "R {R =BP;R AN1-30}|S {R =BO;R AN1-30}"),
                Q("HI", "Condition Information", S, 2, "R {R =BG;R AN1-30}|" + string.Join("|", Enumerable.Repeat("S {R =BG;R AN1-30}", 11))),
                Seg("HCP", "Claim Pricing/Repricing Information", S, 1),
                Loop("2310A", "Referring Provider Name", S, 2, Name("DN,P3", "Referring Provider Name", "1"), Refs("Referring Provider Secondary Identification", S, 3, "0B,1G,G2")),
                Loop("2310B", "Rendering Provider Name", S, 1, Name("82", "Rendering Provider Name"),
                    Q("PRV", "Rendering Provider Specialty Information", S, 1, "R =PE|R =PXC|R AN1-50"),
                    Refs("Rendering Provider Secondary Identification", S, 4, "0B,1G,G2,LU")),
                Loop("2310C", "Service Facility Location Name", S, 1,
                    [Name("77", "Service Facility Location Name", "2"), .. Address("Service Facility Location"),
                        Refs("Service Facility Location Secondary Identification", S, 3, "G2,LU"), Q("PER", "Service Facility Contact Information", S, 1, Contact)]),
                Loop("2310D", "Supervising Provider Name", S, 1, Name("DQ", "Supervising Provider Name", "1"), Refs("Supervising Provider Secondary Identification", S, 4, "0B,1G,G2,LU")),
                Loop("2310E", "Ambulance Pick-up Location", S, 1, [Q("NM1", "Ambulance Pick-up Location", R, 1, "R =PW|R =2|N|N|N|N|N|N|N|N|N|N"), .. Address("Ambulance Pick-up")]),
                Loop("2310F", "Ambulance Drop-off Location", S, 1, [Q("NM1", "Ambulance Drop-off Location", R, 1, "R =45|R =2|S AN1-60|N|N|N|N|N|N|N|N|N"), .. Address("Ambulance Drop-off")]),
                Loop("2320", "Other Subscriber Information", S, 10,
                    Seg("SBR", "Other Subscriber Information", R, 1, "R =@Responsibility|R =@Relationship|S AN1-50|S AN1-60|S =12,13,14,15,16,41,42,43,47|N|N|N|R =@ClaimFiling"),
                    Seg("CAS", "Claim Level Adjustments", S, 5, Adjustment),
                    Q("AMT", "Payer Paid Amount", S, 1, "R =D|R R1-18|N"),
                    Q("AMT", "Non-Covered Amount", S, 1, "R =A8|R R1-18|N"),
                    Q("AMT", "Remaining Patient Liability", S, 1, "R =EAF|R R1-18|N"),
                    Seg("OI", "Other Insurance Coverage Information", R, 1, "N|N|R =N,W,Y|S =P|N|R =I,Y"),
                    Seg("MOA", "Outpatient Adjudication Information", S, 1),
                    Loop("2330A", "Other Subscriber Name", R, 1, [Name("IL", "Other Subscriber Name", idQualifiers: "II,MI", idUsage: 'R'),
                        .. Address("Other Subscriber", S), Refs("Other Subscriber Secondary Identification", S, 1, "SY")]),
                    Loop("2330B", "Other Payer Name", R, 1, [Name("PR", "Other Payer Name", "2", "PI,XV", 'R'), .. Address("Other Payer", S),
                        Q("DTP", "Claim Check or Remittance Date", S, 1, "R =573|R =D8|R DT8-8"),
                        Refs("Other Payer Secondary Identifier", S, 2, "2U,EI,FY,NF"), Refs("Other Payer Prior Authorization Number", S, 2, "G1"),
                        Refs("Other Payer Referral Number", S, 2, "9F"), Refs("Other Payer Claim Adjustment Indicator", S, 2, "T4"),
                        Refs("Other Payer Claim Control Number", S, 2, "F8")]),
                    Loop("2330C", "Other Payer Referring Provider", S, 2, Q("NM1", "Other Payer Referring Provider", R, 1, "R =DN,P3|R =1|..."), Refs("Other Payer Referring Provider Secondary Identification", R, 3, "0B,1G,G2")),
                    Loop("2330D", "Other Payer Rendering Provider", S, 1, Q("NM1", "Other Payer Rendering Provider", R, 1, "R =82|R =1,2|..."), Refs("Other Payer Rendering Provider Secondary Identification", R, 3, "0B,1G,G2,LU")),
                    Loop("2330E", "Other Payer Service Facility Location", S, 1, Q("NM1", "Other Payer Service Facility Location", R, 1, "R =77|R =2|..."), Refs("Other Payer Service Facility Location Secondary Identification", R, 3, "0B,G2,LU")),
                    Loop("2330F", "Other Payer Supervising Provider", S, 1, Q("NM1", "Other Payer Supervising Provider", R, 1, "R =DQ|R =1|..."), Refs("Other Payer Supervising Provider Secondary Identification", R, 3, "0B,1G,G2,LU")),
                    Loop("2330G", "Other Payer Billing Provider", S, 1, Q("NM1", "Other Payer Billing Provider", R, 1, "R =85|R =1,2|..."), Refs("Other Payer Billing Provider Secondary Identification", R, 2, "G2,LU"))),
                ServiceLine(),
            ]);

        return Loop("ST", "837 Professional", R, 1,
            Seg("ST", "Transaction Set Header", R, 1, "R =837|R AN4-9|R AN1-35"),
            Seg("BHT", "Beginning of Hierarchical Transaction", R, 1, "R =0019|R =00,18|R AN1-50|R DT8-8|R TM4-8|R =31,CH,RP"),
            Loop("1000A", "Submitter Name", R, 1,
                Name("41", "Submitter Name", idQualifiers: "46", idUsage: 'R'),
                Q("PER", "Submitter EDI Contact Information", R, 2, Contact)),
            Loop("1000B", "Receiver Name", R, 1, Name("40", "Receiver Name", "2", "46", 'R')),
            Loop("2000A", "Billing Provider Hierarchical Level", R, int.MaxValue,
                Q("HL", "Billing Provider Hierarchical Level", R, 1, "R AN1-12|N|R =20|R =1", qualifierAt: 3),
                Q("PRV", "Billing Provider Specialty Information", S, 1, "R =BI|R =PXC|R AN1-50"),
                Seg("CUR", "Foreign Currency Information", S, 1, "R =85|R ID3-3"),
                Loop("2010AA", "Billing Provider Name", R, 1,
                    [Name("85", "Billing Provider Name", idUsage: 'R'), .. Address("Billing Provider"),
                        Refs("Billing Provider Tax Identification", R, 1, "EI,SY"), Refs("Billing Provider UPIN/License Information", S, 2, "0B,1G"),
                        Q("PER", "Billing Provider Contact Information", S, 2, Contact)]),
                Loop("2010AB", "Pay-to Address Name", S, 1, [Q("NM1", "Pay-to Address Name", R, 1, "R =87|R =1,2|N|N|N|N|N|N|N|N|N|N"), .. Address("Pay-to Address")]),
                Loop("2010AC", "Pay-to Plan Name", S, 1,
                    [Name("PE", "Pay-to Plan Name", "2", "PI,XV", 'R'), .. Address("Pay-to Plan"),
                        Refs("Pay-to Plan Secondary Identification", S, 1, "2U,FY,NF"), Refs("Pay-to Plan Tax Identification Number", R, 1, "EI")]),
                Loop("2000B", "Subscriber Hierarchical Level", R, int.MaxValue,
                    Q("HL", "Subscriber Hierarchical Level", R, 1, "R AN1-12|R AN1-12|R =22|R =0,1", qualifierAt: 3),
                    Seg("SBR", "Subscriber Information", R, 1, "R =@Responsibility|S =18|S AN1-50|S AN1-60|S =12,13,14,15,16,41,42,43,47|N|N|N|R =@ClaimFiling"),
                    Seg("PAT", "Patient Information", S, 1, "N|N|N|N|S =D8|S DT8-8|S =01|S R1-10|S =Y"),
                    Loop("2010BA", "Subscriber Name", R, 1,
                        [Name("IL", "Subscriber Name", idQualifiers: "II,MI", idUsage: 'R'), .. Address("Subscriber", S),
                            Seg("DMG", "Subscriber Demographic Information", S, 1, "R =D8|R DT8-8|R =@Gender|..."),
                            Refs("Subscriber Secondary Identification", S, 1, "SY"), Refs("Property and Casualty Claim Number", S, 1, "Y4"),
                            Q("PER", "Property and Casualty Subscriber Contact Information", S, 1, Contact)]),
                    Loop("2010BB", "Payer Name", R, 1,
                        [Name("PR", "Payer Name", "2", "PI,XV", 'R'), .. Address("Payer", S),
                            Refs("Payer Secondary Identification", S, 3, "2U,EI,FY,NF"), Refs("Billing Provider Secondary Identification", S, 2, "G2,LU")]),
                    Loop("2000C", "Patient Hierarchical Level", S, int.MaxValue,
                        Q("HL", "Patient Hierarchical Level", R, 1, "R AN1-12|R AN1-12|R =23|R =0", qualifierAt: 3),
                        Seg("PAT", "Patient Information", R, 1, "R =@PatientRelationship|N|N|N|S =D8|S DT8-8|S =01|S R1-10|S =Y"),
                        Loop("2010CA", "Patient Name", R, 1,
                            [Name("QC", "Patient Name", "1", "XX", 'N'), .. Address("Patient"),
                                Seg("DMG", "Patient Demographic Information", R, 1, "R =D8|R DT8-8|R =@Gender|..."),
                                Refs("Property and Casualty Claim Number", S, 1, "Y4"), Refs("Property and Casualty Patient Identifier", S, 1, "1W,SY"),
                                Q("PER", "Property and Casualty Patient Contact Information", S, 1, Contact)]),
                        RequiredClaim(claim)),
                    claim)),
            Seg("SE", "Transaction Set Trailer", R, 1, "R N01-10|R AN4-9")).Seal();
    }

    /// <summary>Under a patient (2000C) the claim loop is required; under a subscriber who is the patient it is situational.</summary>
    private static LoopRule RequiredClaim(LoopRule claim) =>
        new() { Id = claim.Id, Name = claim.Name, Usage = R, MaxUse = claim.MaxUse, Items = claim.Items };

    private static LoopRule ServiceLine() => Loop("2400", "Service Line Number", R, 50,
        Seg("LX", "Service Line Number", R, 1, "R N01-6"),
        Seg("SV1", "Professional Service", R, 1, $"R {Procedure}|R R1-18|R =@Unit|R R1-15|S =@POS|N|R {{R N01-2;S N01-2;S N01-2;S N01-2}}|N|S =Y|N|S =Y|S =Y|N|N|S =0"),
        Seg("SV5", "Durable Medical Equipment Service", S, 1),
        Seg("PWK", "Line Supplemental Information", S, 11, "R ID2-2|R ID1-2|N|N|S =AC|S AN2-80|..."),
        Seg("CR1", "Ambulance Transport Information", S, 1),
        Seg("CR3", "Durable Medical Equipment Certification", S, 1),
        Seg("CRC", "Condition Indicator", S, 3),
        Q("DTP", "Date - Service Date", R, 1, "R =472|R =D8,RD8|R AN8-17"),
        Q("DTP", "Line Date", S, 10, "R =471,607,463,461,304,738,739,011,455,454|R =D8|R DT8-8"),
        Seg("QTY", "Quantity", S, 2),
        Seg("MEA", "Test Result", S, 5),
        Seg("CN1", "Contract Information", S, 1),
        Refs("Line Reference", S, 20, "9B,9D,G1,9F,6R,EW,X4,F4,BT,TP,0B,1G,2U,LU,G2,VY,XZ,D9"),
        Q("AMT", "Line Amount", S, 2, "R =T,F4|R R1-18|N"),
        Seg("K3", "File Information", S, 10, "R AN1-80|..."),
        Q("NTE", "Line Note", S, 2, "R =ADD,DCP,TPO|R AN1-80"),
        Seg("PS1", "Purchased Service Information", S, 1),
        Seg("HCP", "Line Pricing/Repricing Information", S, 1),
        Loop("2410", "Drug Identification", S, 1,
            Seg("LIN", "Drug Identification", R, 1, "N|R =EN,EO,HI,N4,ON,UK,UP|R AN1-48|..."), Seg("CTP", "Drug Quantity", R, 1),
            Refs("Prescription or Compound Drug Association Number", S, 1, "VY,XZ")),
        Loop("2420A", "Rendering Provider Name", S, 1, Name("82", "Rendering Provider Name"),
            Q("PRV", "Rendering Provider Specialty Information", S, 1, "R =PE|R =PXC|R AN1-50"), Refs("Rendering Provider Secondary Identification", S, 20, "0B,1G,G2,LU")),
        Loop("2420B", "Purchased Service Provider Name", S, 1, Q("NM1", "Purchased Service Provider Name", R, 1, "R =QB|R =1,2|..."), Refs("Purchased Service Provider Secondary Identification", S, 20, "0B,1G,G2")),
        Loop("2420C", "Service Facility Location Name", S, 1, [Name("77", "Service Facility Location Name", "2", nameUsage: 'S'), .. Address("Service Facility Location"),
            Refs("Service Facility Location Secondary Identification", S, 3, "G2,LU")]),
        Loop("2420D", "Supervising Provider Name", S, 1, Name("DQ", "Supervising Provider Name", "1"), Refs("Supervising Provider Secondary Identification", S, 20, "0B,1G,G2,LU")),
        Loop("2420E", "Ordering Provider Name", S, 1, [Name("DK", "Ordering Provider Name", "1"), .. Address("Ordering Provider", S),
            Refs("Ordering Provider Secondary Identification", S, 20, "0B,1G,G2"), Q("PER", "Ordering Provider Contact Information", S, 1, Contact)]),
        Loop("2420F", "Referring Provider Name", S, 2, Name("DN,P3", "Referring Provider Name", "1"), Refs("Referring Provider Secondary Identification", S, 20, "0B,1G,G2")),
        Loop("2420G", "Ambulance Pick-up Location", S, 1, [Q("NM1", "Ambulance Pick-up Location", R, 1, "R =PW|R =2|..."), .. Address("Ambulance Pick-up")]),
        Loop("2420H", "Ambulance Drop-off Location", S, 1, [Q("NM1", "Ambulance Drop-off Location", R, 1, "R =45|R =2|..."), .. Address("Ambulance Drop-off")]),
        Loop("2430", "Line Adjudication Information", S, 15,
            Seg("SVD", "Line Adjudication Information", R, 1, $"R AN2-80|R R1-18|R {Procedure}|N|R R1-15|S N01-6"),
            Seg("CAS", "Line Adjustment", S, 5, Adjustment),
            Q("DTP", "Line Check or Remittance Date", R, 1, "R =573|R =D8|R DT8-8"),
            Q("AMT", "Remaining Patient Liability", S, 1, "R =EAF|R R1-18|N")),
        Loop("2440", "Form Identification Code", S, int.MaxValue, Seg("LQ", "Form Identification Code", R, 1, "R =AS,UT|R AN1-30"), Seg("FRM", "Supporting Documentation", R, 99)));
}
