using MedOffice.X12.Claims;

namespace MedOffice.X12.Tests;

/// <summary>Claims of the kinds a practice sends, for the writer's tests and golden files.</summary>
internal static class SampleClaims
{
    public static readonly DateTime Created = new(2024, 3, 15, 14, 30, 0);
    private static readonly DateOnly Visit = new(2024, 3, 4);

    public static readonly Payer Acme = new("ACME HEALTH PLAN", "60054");
    public static readonly Payer Medicare = new("MEDICARE PART B", "00882", new Address("PO BOX 3000", "CHICAGO", "IL", "60601"));

    public static readonly ClaimProvider Referring = new(new EntityName("WELBY", "MARCUS", "A"), "1234567893");
    public static readonly ClaimProvider Rendering = new(new EntityName("KILDARE", "JAMES"), "1497758544", "207Q00000X");

    public static Person Jane => new(new EntityName("DOE", "JANE", "Q"), new DateOnly(1970, 5, 1), 'F', new Address("12 ELM ST", "SPRINGFIELD", "IL", "62704"));
    public static Person Tommy => new(new EntityName("DOE", "TOMMY"), new DateOnly(2015, 9, 12), 'M', new Address("12 ELM ST", "SPRINGFIELD", "IL", "62704"));
    public static Person Walter => new(new EntityName("WHITE", "WALTER", Suffix: "SR"), new DateOnly(1950, 9, 7), 'M', new Address("308 NEGRA ARROYO LN", "SPRINGFIELD", "IL", "627041234"));

    public static ServiceLine Line(string code, decimal charge, params int[] pointers) =>
        new() { ProcedureCode = code, Charge = charge, DiagnosisPointers = pointers, ServiceDate = Visit };

    /// <summary>An office visit billed to the primary payer, with a referring provider.</summary>
    public static ProfessionalClaim OfficeVisit(string id = "RFM-1001") => new()
    {
        PatientControlNumber = id,
        Diagnoses = ["E11.9", "I10"],
        ReferringProvider = Referring,
        OnsetDate = new DateOnly(2024, 2, 20),
        Lines = [Line("99214", 150m, 1, 2) with { LineControlNumber = "L1" }, Line("82947", 25.5m, 1) with { Modifiers = ["QW"], LineControlNumber = "L2" }],
    };

    /// <summary>A child's visit under a parent's coverage, seen by a rendering provider.</summary>
    public static ProfessionalClaim ChildVisit => new()
    {
        PatientControlNumber = "RFM-1002",
        Diagnoses = ["J06.9"],
        RenderingProvider = Rendering,
        Lines = [Line("99213", 110m, 1), Line("87880", 30m, 1) with { Modifiers = ["QW"] }],
    };

    /// <summary>A secondary claim after Medicare paid at claim level (2320 CAS and AMT, 2330B adjudication date).</summary>
    public static ProfessionalClaim SecondaryAfterClaimLevelPayment => new()
    {
        PatientControlNumber = "RFM-1003",
        Diagnoses = ["M54.50", "M25.561"],
        RenderingProvider = Rendering,
        OtherPayers =
        [
            new OtherPayer
            {
                Responsibility = PayerResponsibility.Primary, ClaimFilingIndicator = "MB", InsuredName = Walter.Name, InsuredMemberId = "1EG4TE5MK73",
                Payer = Medicare, PaidAmount = 112.48m, RemainingPatientLiability = 28.12m, AdjudicationDate = new DateOnly(2024, 3, 12),
                ClaimAdjustments = [new Adjustment("CO", "45", 59.40m), new Adjustment("PR", "2", 28.12m)],
            },
        ],
        Lines = [Line("99213", 110m, 1, 2), Line("97110", 90m, 1) with { Units = 2 }],
    };

    /// <summary>A secondary claim where Medicare adjudicated each line (2430 SVD, CAS, DTP*573).</summary>
    public static ProfessionalClaim SecondaryAfterLineLevelPayment => new()
    {
        PatientControlNumber = "RFM-1004",
        Diagnoses = ["Z00.00"],
        OtherPayers =
        [
            new OtherPayer
            {
                Responsibility = PayerResponsibility.Primary, ClaimFilingIndicator = "MB", InsuredName = Walter.Name, InsuredMemberId = "1EG4TE5MK73",
                Payer = Medicare, PaidAmount = 152m, RemainingPatientLiability = 38m,
            },
        ],
        Lines =
        [
            Line("99397", 230m, 1) with
            {
                Adjudications = [new LineAdjudication { PayerId = "00882", PaidAmount = 120m, AdjudicationDate = new DateOnly(2024, 3, 12),
                    Adjustments = [new Adjustment("CO", "45", 80m), new Adjustment("PR", "2", 30m)] }],
            },
            Line("36415", 40m, 1) with
            {
                Adjudications = [new LineAdjudication { PayerId = "00882", PaidAmount = 32m, AdjudicationDate = new DateOnly(2024, 3, 12),
                    Adjustments = [new Adjustment("PR", "2", 8m)] }],
            },
        ],
    };

    public static ProfessionalClaim Replacement => OfficeVisit("RFM-1001") with { Frequency = ClaimFrequency.Replacement, PayerClaimControlNumber = "2024071000123" };

    public static ProfessionalClaim VoidedClaim => OfficeVisit("RFM-0997") with { Frequency = ClaimFrequency.Void, PayerClaimControlNumber = "2024060500777" };

    public static BillingProvider Clinic(params Subscriber[] subscribers) => new()
    {
        Name = new EntityName("RIVERSIDE FAMILY MEDICINE"),
        Npi = "1245319599",
        TaxId = "364123456",
        Taxonomy = "207Q00000X",
        Address = new Address("100 RIVER RD", "SPRINGFIELD", "IL", "627011234"),
        PayToAddress = new Address("PO BOX 500", "SPRINGFIELD", "IL", "627050500"),
        Subscribers = subscribers,
    };

    public static Subscriber JaneWithAcme(params ProfessionalClaim[] claims) => new()
    {
        Person = Jane, MemberId = "ACM123456789", GroupNumber = "GRP-7788", Payer = Acme, Claims = claims,
    };

    public static Subscriber WalterSecondary(params ProfessionalClaim[] claims) => new()
    {
        Responsibility = PayerResponsibility.Secondary, Person = Walter, MemberId = "SUP5550001", GroupName = "MEDIGAP PLAN F",
        Payer = new Payer("SUPPLEMENT MUTUAL", "77001"), Claims = claims,
    };

    public static ProfessionalClaimBatch Batch(params BillingProvider[] providers) => new()
    {
        Envelope = new X12Envelope
        {
            SenderId = "RIVERSIDEFM", ReceiverId = "CLEARINGHOUSE", InterchangeControlNumber = 1201, GroupControlNumber = 1201,
            FirstTransactionControlNumber = 1, Created = Created,
        },
        BatchReference = "BATCH1201",
        Submitter = new Submitter("RIVERSIDE FAMILY MEDICINE", "RFM001", "PAT BILLER", "2175550100"),
        Receiver = new Party("CLEARINGHOUSE INC", "CH0001"),
        BillingProviders = providers,
    };
}
