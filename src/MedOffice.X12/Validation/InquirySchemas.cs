using static MedOffice.X12.Validation.SchemaTable;

namespace MedOffice.X12.Validation;

/// <summary>
/// The 270 Eligibility Inquiry (005010X279A1) and 276 Claim Status Request (005010X212) as tables, in the notation of
/// <see cref="ProfessionalClaimSchema"/>: every loop and segment with usage and repeat, and the elements that matter.
/// </summary>
internal static class InquirySchemas
{
    private const string Hl = "R AN1-12|S AN1-12|R =";

    public static LoopRule Eligibility { get; } = BuildEligibility();

    public static LoopRule ClaimStatus { get; } = BuildClaimStatus();

    internal static SegmentRule Level(string code, string name, string parent = "S") =>
        Q("HL", name, R, 1, $"R AN1-12|{parent} AN1-12|R ={code}|S =0,1", qualifierAt: 3);

    internal static SegmentRule Name(string entities, string name, Usage usage = Usage.Required, string idQualifiers = "24,34,46,FI,II,MI,NI,PI,SV,XV,XX,ZZ") =>
        Q("NM1", name, usage, 1, $"R ={entities}|R =1,2|S AN1-60|S AN1-35|S AN1-25|N|S AN1-10|S ={idQualifiers}|S AN2-80|N|N|N");

    private static LoopRule BuildEligibility()
    {
        SchemaItem[] Person(string loop, string entity, string name) =>
        [
            Seg("TRN", name + " Trace Number", S, 2, "R =1|R AN1-50|R AN10-10|S AN1-50"),
            Loop("2100" + loop, name + " Name", R, 1,
                Name(entity, name + " Name", idQualifiers: "II,MI,ZZ"),
                Q("REF", name + " Additional Identification", S, 9, "R =18,1L,1W,3H,6P,EA,EJ,F6,GH,HJ,IG,N6,NQ,SY,Y4|R AN1-50|..."),
                Seg("N3", name + " Address", S, 1, "R AN1-55|S AN1-55"),
                Seg("N4", name + " City, State, ZIP Code", S, 1, "R AN2-30|S ID2-2|S ID3-15|..."),
                Seg("PRV", "Provider Information", S, 1),
                Seg("DMG", name + " Demographic Information", S, 1, "R =D8|R DT8-8|S =F,M,U|..."),
                Seg("INS", "Multiple Birth Sequence Number", S, 1),
                Seg("HI", "Health Care Diagnosis Code", S, 1),
                Q("DTP", name + " Date", S, 2, "R =291,307,435,472|R =D8,RD8|R AN8-17"),
                Loop("2110" + loop, name + " Eligibility or Benefit Inquiry", S, 99,
                    Seg("EQ", "Eligibility or Benefit Inquiry", R, 1, "S ID1-2|S {R =AD,CJ,HC,ID,IV,N4,ZZ;R AN1-48;S AN2-2;S AN2-2;S AN2-2;S AN2-2;S AN1-80;S AN1-48}|S =CHD,DEP,ECH,EMP,ESP,FAM,IND,SPC,SPO|S ID1-3|..."),
                    Q("AMT", "Spend Down Amount", S, 1, "R =R|R R1-18"),
                    Q("AMT", "Spend Down Total Billed Amount", S, 1, "R =PB|R R1-18"),
                    Seg("III", "Eligibility or Benefit Additional Inquiry Information", S, 10),
                    Q("REF", "Eligibility or Benefit Additional Information", S, 1, "R =9F,G1|R AN1-50"),
                    Q("DTP", "Eligibility or Benefit Date", S, 1, "R =291,307,435,472|R =D8,RD8|R AN8-17"))),
        ];
        return Loop("ST", "270 Eligibility Inquiry", R, 1,
            Seg("ST", "Transaction Set Header", R, 1, "R =270|R AN4-9|R AN1-35"),
            Seg("BHT", "Beginning of Hierarchical Transaction", R, 1, "R =0022|R =01,13,36|S AN1-50|R DT8-8|S TM4-8|S =RT"),
            Loop("2000A", "Information Source Level", R, int.MaxValue, Level("20", "Information Source Level", "N"),
                Loop("2100A", "Information Source Name", R, 1, Name("2B,36,GP,P5,PR", "Information Source Name")),
                Loop("2000B", "Information Receiver Level", R, int.MaxValue, Level("21", "Information Receiver Level"),
                    Loop("2100B", "Information Receiver Name", R, 1, Name("1P,2B,36,80,FA,GP,P5,PR", "Information Receiver Name"),
                        Q("REF", "Information Receiver Additional Identification", S, 9, "R =0B,1C,1D,1J,4A,CT,EL,EO,HPI,JD,N5,N7,Q4,SY,TJ|R AN1-50|..."),
                        Seg("N3", "Information Receiver Address", S, 1), Seg("N4", "Information Receiver City, State, ZIP Code", S, 1),
                        Seg("PRV", "Information Receiver Provider Information", S, 1)),
                    Loop("2000C", "Subscriber Level", R, int.MaxValue, [Level("22", "Subscriber Level", "R"), .. Person("C", "IL", "Subscriber"),
                        Loop("2000D", "Dependent Level", S, int.MaxValue, [Level("23", "Dependent Level", "R"), .. Person("D", "03", "Dependent")])]))),
            Seg("SE", "Transaction Set Trailer", R, 1, "R N01-10|R AN4-9")).Seal();
    }

    private static LoopRule BuildClaimStatus()
    {
        SchemaItem[] Claim(string loop) =>
        [
            Loop("2200" + loop, "Claim Status Tracking Number", S, int.MaxValue,
                Seg("TRN", "Claim Status Tracking Number", R, 1, "R =1|R AN1-50"),
                Q("REF", "Claim Identification", S, 7, "R =1K,BLT,LU,6P,EJ,XZ,D9|R AN1-50|..."),
                Q("AMT", "Claim Submitted Charges", S, 1, "R =T3|R R1-18"),
                Q("DTP", "Claim Service Date", S, 1, "R =472|R =D8,RD8|R AN8-17"),
                Loop("2210" + loop, "Service Line Information", S, int.MaxValue,
                    Seg("SVC", "Service Line Information", R, 1, "R {R =AD,ER,HC,HP,IV,N4,NU,WK;R AN1-48;S AN2-2;S AN2-2;S AN2-2;S AN2-2;S AN1-80}|R R1-18|..."),
                    Q("REF", "Service Line Item Identification", S, 1, "R =FJ|R AN1-50"),
                    Q("DTP", "Service Line Date", R, 1, "R =472|R =D8,RD8|R AN8-17"))),
        ];
        return Loop("ST", "276 Claim Status Request", R, 1,
            Seg("ST", "Transaction Set Header", R, 1, "R =276|R AN4-9|R AN1-35"),
            Seg("BHT", "Beginning of Hierarchical Transaction", R, 1, "R =0010|R =13|R AN1-50|R DT8-8|S TM4-8"),
            Loop("2000A", "Information Source Level", R, int.MaxValue, Level("20", "Information Source Level", "N"),
                Loop("2100A", "Payer Name", R, 1, Name("PR", "Payer Name", idQualifiers: "PI,XV")),
                Loop("2000B", "Information Receiver Level", R, int.MaxValue, Level("21", "Information Receiver Level"),
                    Loop("2100B", "Information Receiver Name", R, 1, Name("41", "Information Receiver Name", idQualifiers: "46,FI,XX")),
                    Loop("2000C", "Service Provider Level", R, int.MaxValue, Level("19", "Service Provider Level", "R"),
                        Loop("2100C", "Provider Name", R, 1, Name("1P", "Provider Name", idQualifiers: "FI,SV,XX")),
                        Loop("2000D", "Subscriber Level", R, int.MaxValue,
                            [Level("22", "Subscriber Level", "R"), Seg("DMG", "Subscriber Demographic Information", S, 1, "R =D8|R DT8-8|S =F,M,U"),
                                Loop("2100D", "Subscriber Name", R, 1, Name("IL", "Subscriber Name", idQualifiers: "24,II,MI")), .. Claim("D"),
                                Loop("2000E", "Dependent Level", S, int.MaxValue,
                                    [Level("23", "Dependent Level", "R"), Seg("DMG", "Dependent Demographic Information", S, 1, "R =D8|R DT8-8|S =F,M,U"),
                                        Loop("2100E", "Dependent Name", R, 1, Name("QC", "Dependent Name")), .. Claim("E")])])))),
            Seg("SE", "Transaction Set Trailer", R, 1, "R N01-10|R AN4-9")).Seal();
    }
}
