using static MedOffice.X12.Validation.SchemaTable;

namespace MedOffice.X12.Validation;

/// <summary>
/// The responses a practice receives, at loop and segment level with their key codes: 835 (X221A1), 999 (X231A1),
/// 277CA (X214), 277 (X212) and 271 (X279A1). Elements beyond the ones listed go unchecked.
/// </summary>
internal static class ResponseSchemas
{
    private const string Adjustment = "R =@AdjustmentGroup|R AN1-5|R R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15|S AN1-5|S R1-18|S R1-15";
    private const string Trailer = "R N01-10|R AN4-9";

    public static LoopRule Remittance { get; } = Loop("ST", "835 Payment/Remittance Advice", R, 1,
        Seg("ST", "Transaction Set Header", R, 1, "R =835|R AN4-9|S AN1-35"),
        Seg("BPR", "Financial Information", R, 1, "R =C,D,H,I,P,U,X|R R1-18|R =C,D|R =ACH,BOP,CHK,FWT,NON|..."),
        Seg("NTE", "Note", S, 1),
        Seg("TRN", "Reassociation Trace Number", R, 1, "R =1|R AN1-50|R AN10-10|S AN1-50"),
        Seg("CUR", "Foreign Currency Information", S, 1),
        Q("REF", "Receiver or Version Identification", S, 2, "R =EV,F2|R AN1-50|..."),
        Q("DTM", "Production Date", S, 1, "R =405|R DT8-8"),
        Loop("1000A", "Payer Identification", R, 1,
            Q("N1", "Payer Identification", R, 1, "R =PR|R AN1-60|S =XV|S AN2-80"),
            Seg("N3", "Payer Address", S, 1), Seg("N4", "Payer City, State, ZIP Code", S, 1),
            Q("REF", "Additional Payer Identification", S, 4, "R =2U,EO,HI,NF|R AN1-50"),
            Seg("PER", "Payer Contact Information", S, 3)),
        Loop("1000B", "Payee Identification", R, 1,
            Q("N1", "Payee Identification", R, 1, "R =PE|R AN1-60|R =FI,XV,XX|R AN2-80"),
            Seg("N3", "Payee Address", S, 1), Seg("N4", "Payee City, State, ZIP Code", S, 1),
            Q("REF", "Payee Additional Identification", S, 99, "R =0B,D3,PQ,TJ|R AN1-50"), Seg("RDM", "Remittance Delivery Method", S, 1)),
        Loop("2000", "Header Number", S, int.MaxValue,
            Seg("LX", "Header Number", R, 1, "R N01-6"), Seg("TS3", "Provider Summary Information", S, 1), Seg("TS2", "Provider Supplemental Summary Information", S, 1),
            Loop("2100", "Claim Payment Information", R, int.MaxValue,
                Seg("CLP", "Claim Payment Information", R, 1, "R AN1-38|R =1,2,3,4,19,20,21,22,23,25|R R1-18|R R1-18|S R1-18|R ID1-2|S AN1-50|S AN1-2|S AN1-1|..."),
                Seg("CAS", "Claim Adjustment", S, 99, Adjustment),
                Q("NM1", "Claim Party Name", R, 7, "R =QC,IL,74,82,TT,PR,GB|R =1,2|..."),
                Seg("MIA", "Inpatient Adjudication Information", S, 1), Seg("MOA", "Outpatient Adjudication Information", S, 1),
                Seg("REF", "Claim Reference", S, 15, "R ID2-3|R AN1-50|..."),
                Q("DTM", "Claim Date", S, 4, "R =036,050,232,233|R DT8-8"),
                Seg("PER", "Claim Contact Information", S, 2),
                Seg("AMT", "Claim Supplemental Information", S, 13, "R ID1-3|R R1-18"),
                Seg("QTY", "Claim Supplemental Information Quantity", S, 14),
                Loop("2110", "Service Payment Information", S, 999,
                    Seg("SVC", "Service Payment Information", R, 1, "R {R =AD,ER,HC,HP,IV,N4,N6,NU,UI,WK;R AN1-48;S AN2-2;S AN2-2;S AN2-2;S AN2-2;S AN1-80;S AN1-48}|R R1-18|R R1-18|S AN1-48|S R1-15|..."),
                    Q("DTM", "Service Date", S, 2, "R =150,151,472|R DT8-8"),
                    Seg("CAS", "Service Adjustment", S, 99, Adjustment),
                    Seg("REF", "Service Identification", S, 16, "R ID2-3|R AN1-50|..."),
                    Seg("AMT", "Service Supplemental Amount", S, 9, "R ID1-3|R R1-18"),
                    Seg("QTY", "Service Supplemental Quantity", S, 6),
                    Q("LQ", "Health Care Remark Codes", S, 99, "R =HE,RX|R AN1-30")))),
        Seg("PLB", "Provider Adjustment", S, int.MaxValue, "R AN1-50|R DT8-8|R {R ID2-2;S AN1-50}|R R1-18|..."),
        Seg("SE", "Transaction Set Trailer", R, 1, Trailer)).Seal();

    public static LoopRule Acknowledgment { get; } = Loop("ST", "999 Implementation Acknowledgment", R, 1,
        Seg("ST", "Transaction Set Header", R, 1, "R =999|R AN4-9|R AN1-35"),
        Seg("AK1", "Functional Group Response Header", R, 1, "R ID2-2|R N01-9|S AN1-12"),
        Loop("2000", "Transaction Set Response Header", S, int.MaxValue,
            Seg("AK2", "Transaction Set Response Header", R, 1, "R ID3-3|R AN4-9|S AN1-35"),
            Loop("2100", "Error Identification", S, int.MaxValue,
                Seg("IK3", "Error Identification", R, 1, "R ID2-3|R N01-10|S AN1-4|R =1,2,3,4,5,6,7,8,I4,I6,I7,I8,I9"),
                Seg("CTX", "Segment Context", S, 10),
                Loop("2110", "Implementation Data Element Note", S, 99,
                    Seg("IK4", "Implementation Data Element Note", R, 1, "R {R N01-4;S N01-4;S N01-4}|S N01-4|R =1,2,3,4,5,6,7,8,9,10,12,13,I6,I9,I10,I11,I12,I13|S AN1-99"),
                    Seg("CTX", "Element Context", S, 10))),
            Seg("IK5", "Transaction Set Response Trailer", R, 1, "R =A,E,M,R,W,X|S ID1-3|S ID1-3|S ID1-3|S ID1-3|S ID1-3")),
        Seg("AK9", "Functional Group Response Trailer", R, 1, "R =A,E,M,P,R,W,X|R N01-6|R N01-6|R N01-6|S ID1-3|S ID1-3|S ID1-3|S ID1-3|S ID1-3"),
        Seg("SE", "Transaction Set Trailer", R, 1, Trailer)).Seal();

    private const string Status = "R {R ID1-3;R AN1-30;S ID2-3;S AN1-30}|S DT8-8|S ID1-3|S R1-18|S R1-18|S DT8-8|S ID3-3|S DT8-8|S AN1-16|S {R ID1-3;R AN1-30;S ID2-3;S AN1-30}|S {R ID1-3;R AN1-30;S ID2-3;S AN1-30}|S AN1-264";

    private static SchemaItem[] ClaimLoops(string suffix) =>
    [
        Loop("2200" + suffix, "Claim Status Tracking Number", S, int.MaxValue,
            Seg("TRN", "Claim Status Tracking Number", R, 1, "R =1,2|R AN1-50"),
            Seg("STC", "Claim Level Status Information", S, int.MaxValue, Status),
            Seg("REF", "Claim Identification", S, 9, "R ID2-3|R AN1-50|..."),
            Seg("DTP", "Claim Service Date", S, 2, "R ID3-3|R =D8,RD8|R AN8-17"),
            Loop("2220" + suffix, "Service Line Information", S, int.MaxValue,
                Seg("SVC", "Service Line Information", R, 1),
                Seg("STC", "Service Line Level Status Information", R, int.MaxValue, Status),
                Seg("REF", "Service Line Item Identification", S, 2, "R ID2-3|R AN1-50|..."),
                Seg("DTP", "Service Line Date", S, 1, "R =472|R =D8,RD8|R AN8-17"))),
    ];

    private static SchemaItem[] LevelLoop(string suffix, string entityName) =>
    [
        Loop("2100" + suffix, entityName, R, 1, Seg("NM1", entityName, R, 1, "R ID2-3|R =1,2|..."), Seg("PER", "Contact Information", S, 1)),
        Seg("TRN", entityName + " Trace", S, 1, "R =1,2|R AN1-50|..."),
        Seg("STC", entityName + " Status", S, int.MaxValue, Status),
        Seg("REF", entityName + " Identification", S, 3),
        Seg("DTP", entityName + " Date", S, 2, "R ID3-3|R =D8|R DT8-8"),
        Seg("QTY", entityName + " Quantity", S, 2, "R =90,AA|R R1-15"),
        Seg("AMT", entityName + " Amount", S, 2, "R =YU,YY|R R1-18"),
    ];

    public static LoopRule ClaimAcknowledgment { get; } = StatusReport("277CA Claim Acknowledgment", "0085", "PT", null);

    public static LoopRule ClaimStatusResponse { get; } = StatusReport("277 Claim Status Response", "0010", "22", "23");

    private static LoopRule StatusReport(string name, string structure, string patientLevel, string? dependentLevel)
    {
        SchemaItem[] patient = dependentLevel is null
            ? [.. LevelLoop("D", "Patient Name").Take(1), .. ClaimLoops("D")]
            : [.. LevelLoop("D", "Subscriber Name").Take(1), .. ClaimLoops("D"),
                Loop("2000E", "Dependent Level", S, int.MaxValue, [InquirySchemas.Level(dependentLevel, "Dependent Level", "R"), .. LevelLoop("E", "Dependent Name").Take(1), .. ClaimLoops("E")])];
        return Loop("ST", name, R, 1,
            Seg("ST", "Transaction Set Header", R, 1, "R =277|R AN4-9|R AN1-35"),
            Seg("BHT", "Beginning of Hierarchical Transaction", R, 1, $"R ={structure}|R =08|R AN1-50|R DT8-8|S TM4-8|R =DG,TH"),
            Loop("2000A", "Information Source Level", R, int.MaxValue, [InquirySchemas.Level("20", "Information Source Level", "N"), .. LevelLoop("A", "Information Source Name"),
                Loop("2000B", "Information Receiver Level", R, int.MaxValue, [InquirySchemas.Level("21", "Information Receiver Level", "R"), .. LevelLoop("B", "Information Receiver Name"),
                    Loop("2000C", "Provider Level", S, int.MaxValue, [InquirySchemas.Level("19", "Provider Level", "R"), .. LevelLoop("C", "Provider Name"),
                        Loop("2000D", dependentLevel is null ? "Patient Level" : "Subscriber Level", S, int.MaxValue, [InquirySchemas.Level(patientLevel, "Patient Level", "R"), .. patient])])])]),
            Seg("SE", "Transaction Set Trailer", R, 1, Trailer)).Seal();
    }

    public static LoopRule EligibilityResponse { get; } = BuildEligibility();

    private static LoopRule BuildEligibility()
    {
        SchemaItem[] Person(string loop, string name) =>
        [
            Seg("TRN", name + " Trace Number", S, 3, "R =1,2|R AN1-50|R AN10-10|S AN1-50"),
            Loop("2100" + loop, name + " Name", R, 1,
                Seg("NM1", name + " Name", R, 1, "R =IL,03|R =1|..."), Seg("REF", name + " Additional Identification", S, 9), Seg("N3", name + " Address", S, 1),
                Seg("N4", name + " City, State, ZIP Code", S, 1), Seg("AAA", name + " Request Validation", S, 9, "R =N,Y|N|R ID2-2|R =C,N,P,R,S,W,X,Y"),
                Seg("PRV", "Provider Information", S, 1), Seg("DMG", name + " Demographic Information", S, 1, "R =D8|R DT8-8|S =F,M,U|..."),
                Seg("INS", name + " Relationship", S, 1), Seg("HI", name + " Health Care Diagnosis Code", S, 1), Seg("DTP", name + " Date", S, 9, "R ID3-3|R =D8,RD8|R AN8-17"),
                Seg("MPI", name + " Military Personnel Information", S, 1),
                Loop("2110" + loop, name + " Eligibility or Benefit Information", S, int.MaxValue,
                    Seg("EB", "Eligibility or Benefit Information", R, 1, "R ID1-2|S =CHD,DEP,ECH,EMP,ESP,FAM,IND,SPC,SPO|S AN1-99|S ID1-3|S AN1-50|S ID1-2|S R1-18|S R1-10|S ID2-2|S R1-15|S =N,U,Y|S =N,U,W,Y|..."),
                    Seg("HSD", "Health Care Services Delivery", S, 9), Seg("REF", "Additional Identification", S, 9), Seg("DTP", "Eligibility or Benefit Date", S, 20, "R ID3-3|R =D8,RD8|R AN8-17"),
                    Seg("AAA", "Request Validation", S, 9, "R =N,Y|N|R ID2-2|R =C,N,P,R,S,W,X,Y"), Seg("MSG", "Message Text", S, 10, "R AN1-264"),
                    Loop("2115" + loop, "Eligibility or Benefit Additional Information", S, 10, Seg("III", "Additional Information", R, 1)),
                    Seg("LS", "Loop Header", S, 1, "R =2120"),
                    Loop("2120" + loop, "Benefit Related Entity Name", S, 23, Seg("NM1", "Benefit Related Entity Name", R, 1, "R ID2-3|R =1,2|..."),
                        Seg("N3", "Benefit Related Entity Address", S, 1), Seg("N4", "Benefit Related Entity City, State, ZIP Code", S, 1),
                        Seg("PER", "Benefit Related Entity Contact Information", S, 3), Seg("PRV", "Benefit Related Provider Information", S, 1)),
                    Seg("LE", "Loop Trailer", S, 1, "R =2120"))),
        ];
        return Loop("ST", "271 Eligibility Response", R, 1,
            Seg("ST", "Transaction Set Header", R, 1, "R =271|R AN4-9|R AN1-35"),
            Seg("BHT", "Beginning of Hierarchical Transaction", R, 1, "R =0022|R =06,11|S AN1-50|R DT8-8|S TM4-8"),
            Loop("2000A", "Information Source Level", R, int.MaxValue, InquirySchemas.Level("20", "Information Source Level", "N"),
                Seg("AAA", "Request Validation", S, 9, "R =N,Y|N|R ID2-2|R =C,N,P,R,S,W,X,Y"),
                Loop("2100A", "Information Source Name", R, 1, Seg("NM1", "Information Source Name", R, 1, "R =2B,36,GP,P5,PR|R =1,2|..."),
                    Seg("PER", "Information Source Contact Information", S, 3), Seg("AAA", "Request Validation", S, 9, "R =N,Y|N|R ID2-2|R =C,N,P,R,S,W,X,Y")),
                Loop("2000B", "Information Receiver Level", S, int.MaxValue, InquirySchemas.Level("21", "Information Receiver Level", "R"),
                    Loop("2100B", "Information Receiver Name", R, 1, Seg("NM1", "Information Receiver Name", R, 1, "R ID2-3|R =1,2|..."),
                        Seg("REF", "Information Receiver Additional Identification", S, 9), Seg("N3", "Information Receiver Address", S, 1),
                        Seg("N4", "Information Receiver City, State, ZIP Code", S, 1),
                        Seg("AAA", "Information Receiver Request Validation", S, 9, "R =N,Y|N|R ID2-2|R =C,N,P,R,S,W,X,Y"), Seg("PRV", "Information Receiver Provider Information", S, 1)),
                    Loop("2000C", "Subscriber Level", S, int.MaxValue, [InquirySchemas.Level("22", "Subscriber Level", "R"), .. Person("C", "Subscriber"),
                        Loop("2000D", "Dependent Level", S, int.MaxValue, [InquirySchemas.Level("23", "Dependent Level", "R"), .. Person("D", "Dependent")])]))),
            Seg("SE", "Transaction Set Trailer", R, 1, Trailer)).Seal();
    }
}
