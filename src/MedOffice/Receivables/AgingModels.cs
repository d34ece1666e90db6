namespace MedOffice.Receivables;

/// <summary>Amounts in the five aging buckets, by days since the date of service (0–30 includes a service dated after the as-of day).</summary>
public sealed record AgingBuckets(decimal Days0To30, decimal Days31To60, decimal Days61To90, decimal Days91To120, decimal Over120)
{
    public static readonly AgingBuckets Zero = new(0m, 0m, 0m, 0m, 0m);

    public static readonly IReadOnlyList<string> Labels = ["0–30", "31–60", "61–90", "91–120", "120+"];

    public decimal Total => Days0To30 + Days31To60 + Days61To90 + Days91To120 + Over120;

    public IReadOnlyList<decimal> Amounts => [Days0To30, Days31To60, Days61To90, Days91To120, Over120];

    /// <summary>0 for 0–30 days, 1 for 31–60, 2 for 61–90, 3 for 91–120, 4 beyond.</summary>
    public static int BucketOf(int days) => days switch
    {
        <= 30 => 0,
        <= 60 => 1,
        <= 90 => 2,
        <= 120 => 3,
        _ => 4,
    };

    public AgingBuckets Add(int days, decimal amount) => BucketOf(days) switch
    {
        0 => this with { Days0To30 = Days0To30 + amount },
        1 => this with { Days31To60 = Days31To60 + amount },
        2 => this with { Days61To90 = Days61To90 + amount },
        3 => this with { Days91To120 = Days91To120 + amount },
        _ => this with { Over120 = Over120 + amount },
    };

    public AgingBuckets Plus(AgingBuckets other) => new(Days0To30 + other.Days0To30, Days31To60 + other.Days31To60,
        Days61To90 + other.Days61To90, Days91To120 + other.Days91To120, Over120 + other.Over120);
}

/// <summary>
/// What is owed on one service line (or, for payer postings made to a claim without a line, on that claim), by whom and
/// to which payer, aged from its date of service. OnLedger is false for a released line whose charge is not posted yet.
/// </summary>
public sealed record AgingLine(int PatientId, string PatientName, int? ChargeSheetId, int? ChargeLineId, int LineNumber, string Procedure,
    decimal Charge, DateOnly DateOfService, int Days, int? ClaimId, string? ClaimNumber, int? PayerId, string PayerName,
    decimal InsuranceDue, decimal PatientDue, bool OnLedger);

/// <summary>Insurance A/R of one payer; PayerId null is "Not yet billed" (insurance balance on lines no claim holds).</summary>
public sealed record PayerAgingRow(int? PayerId, string PayerName, AgingBuckets Buckets)
{
    public decimal Total => Buckets.Total;
}

/// <summary>
/// Patient A/R of one patient: what the patient owes on lines, by bucket, and apart from it any unapplied credit (money
/// paid and not applied to a line, less refunds — zero or negative). Total is the account's net patient balance.
/// </summary>
public sealed record PatientAgingRow(int PatientId, string PatientName, AgingBuckets Buckets, decimal UnappliedCredit, bool ReferredToCollections)
{
    public decimal Total => Buckets.Total + UnappliedCredit;
}

/// <summary>
/// A/R aging as of a day. GrandTotal always equals LedgerTotal (every entry posted by the end of that day) plus
/// UnpostedCharges (released lines whose charge is not on the ledger yet, counted as insurance A/R).
/// </summary>
public sealed record AgingReport(DateOnly AsOf, IReadOnlyList<PayerAgingRow> ByPayer, AgingBuckets InsuranceTotals,
    IReadOnlyList<PatientAgingRow> ByPatient, AgingBuckets PatientTotals, decimal UnappliedCreditTotal, decimal LedgerTotal, decimal UnpostedCharges)
{
    public decimal InsuranceTotal => InsuranceTotals.Total;
    public decimal PatientTotal => PatientTotals.Total + UnappliedCreditTotal;
    public decimal GrandTotal => InsuranceTotal + PatientTotal;
}

/// <summary>One patient's lines with a balance, their credit, and whether the account went to collections.</summary>
public sealed record PatientAgingDetail(DateOnly AsOf, int PatientId, string PatientName, IReadOnlyList<AgingLine> Lines, decimal UnappliedCredit,
    IReadOnlyList<CollectionsReferral> Referrals)
{
    public decimal InsuranceDue => Lines.Sum(l => l.InsuranceDue);
    public decimal PatientDue => Lines.Sum(l => l.PatientDue) + UnappliedCredit;
}

/// <summary>One payer's (or "Not yet billed") lines with an insurance balance.</summary>
public sealed record PayerAgingDetail(DateOnly AsOf, int? PayerId, string PayerName, IReadOnlyList<AgingLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.InsuranceDue);
}
