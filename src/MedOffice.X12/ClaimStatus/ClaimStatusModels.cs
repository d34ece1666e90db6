namespace MedOffice.X12.ClaimStatus;

/// <summary>What a status says about a claim, from its category code.</summary>
public enum ClaimStatusOutcome
{
    /// <summary>A0, A2, A5: accepted (into adjudication, or forwarded or split to be adjudicated).</summary>
    Accepted,

    /// <summary>A1: received, not yet accepted for adjudication.</summary>
    Received,

    /// <summary>A3, A4, A6, A7, A8, E0–E4, D0: rejected or not processable; fix and resubmit.</summary>
    Rejected,

    /// <summary>P0–P5: pending.</summary>
    Pending,

    /// <summary>R0–R16: the payer asks for more information.</summary>
    InformationRequested,

    /// <summary>F0–F4: finalized (paid, denied, revised…).</summary>
    Finalized,

    /// <summary>Any other category.</summary>
    Other,
}

/// <summary>One status of a claim, line, provider or batch (an STC01, STC10 or STC11 composite).</summary>
/// <param name="CategoryCode">STC01-1, e.g. <c>A7</c>.</param>
/// <param name="StatusCode">STC01-2, e.g. <c>562</c>.</param>
/// <param name="EntityCode">STC01-3, whom the status is about (e.g. <c>85</c> billing provider), if sent.</param>
/// <param name="EffectiveDate">STC02, when the status took effect.</param>
public sealed record ClaimStatusInfo(string CategoryCode, string StatusCode, string? EntityCode, DateOnly? EffectiveDate)
{
    /// <summary>The category in words.</summary>
    public string CategoryDescription => ClaimStatusCodes.DescribeCategory(CategoryCode);

    /// <summary>The status in words.</summary>
    public string StatusDescription => ClaimStatusCodes.DescribeStatus(StatusCode);

    /// <summary>The entity in words, or null.</summary>
    public string? EntityDescription => EntityCode is null ? null : ClaimStatusCodes.DescribeEntity(EntityCode);

    /// <summary>The category's outcome.</summary>
    public ClaimStatusOutcome Outcome => CategoryCode switch
    {
        "A0" or "A2" or "A5" => ClaimStatusOutcome.Accepted,
        "A1" => ClaimStatusOutcome.Received,
        "A3" or "A4" or "A6" or "A7" or "A8" or "D0" => ClaimStatusOutcome.Rejected,
        _ when CategoryCode.StartsWith('E') => ClaimStatusOutcome.Rejected,
        _ when CategoryCode.StartsWith('P') => ClaimStatusOutcome.Pending,
        _ when CategoryCode.StartsWith('R') => ClaimStatusOutcome.InformationRequested,
        _ when CategoryCode.StartsWith('F') => ClaimStatusOutcome.Finalized,
        _ => ClaimStatusOutcome.Other,
    };

    /// <summary>e.g. <c>Rejected for invalid information: Entity's National Provider Identifier (NPI) — Billing provider (A7:562:85)</c>.</summary>
    public override string ToString() =>
        $"{CategoryDescription}: {StatusDescription}" + (EntityDescription is null ? "" : $" — {EntityDescription}") +
        $" ({CategoryCode}:{StatusCode}{(EntityCode is null ? "" : ":" + EntityCode)})";
}

/// <summary>One claim's statuses in a 277 or 277CA (loop 2200D/2200E), with its identifiers, amounts and lines.</summary>
public sealed class StatusReportedClaim
{
    internal List<ClaimStatusInfo> StatusList { get; } = [];
    internal List<StatusReportedLine> LineList { get; } = [];

    /// <summary>TRN02, the patient control number we sent as CLM01 (the 276 echoes its own trace number here).</summary>
    public string PatientControlNumber { get; internal set; } = "";

    /// <summary>REF*1K, the payer's claim control number, if assigned.</summary>
    public string? PayerClaimControlNumber { get; internal set; }

    /// <summary>REF*D9, the clearinghouse's trace number, if sent.</summary>
    public string? ClearinghouseTraceNumber { get; internal set; }

    /// <summary>REF*EJ, the patient account number, if sent.</summary>
    public string? PatientAccountNumber { get; internal set; }

    /// <summary>REF*BLT, the institutional bill type, if sent.</summary>
    public string? BillType { get; internal set; }

    /// <summary>The billing or service provider (NM1*85 or *1P of loop 2100C), if sent.</summary>
    public X12Party? Provider { get; internal set; }

    /// <summary>The subscriber (NM1*IL), if sent.</summary>
    public X12Party? Subscriber { get; internal set; }

    /// <summary>The patient (NM1*QC), or the subscriber when the subscriber is the patient.</summary>
    public X12Party? Patient { get; internal set; }

    /// <summary>DTP*472, the service dates.</summary>
    public DateRange? ServiceDates { get; internal set; }

    /// <summary>STC04 of the first STC, the claim's total charge.</summary>
    public decimal? ChargeAmount { get; internal set; }

    /// <summary>STC05, the amount paid, if the claim is finalized.</summary>
    public decimal? PaidAmount { get; internal set; }

    /// <summary>STC06, the adjudication or payment date.</summary>
    public DateOnly? AdjudicationDate { get; internal set; }

    /// <summary>STC08, the check issue or EFT date.</summary>
    public DateOnly? PaymentDate { get; internal set; }

    /// <summary>STC09, the check or EFT trace number (the 835's TRN02).</summary>
    public string? CheckNumber { get; internal set; }

    /// <summary>STC12, the payer's free-form message, if any.</summary>
    public string? Message { get; internal set; }

    /// <summary>Every status of the claim (each STC's STC01, STC10 and STC11), in order.</summary>
    public IReadOnlyList<ClaimStatusInfo> Statuses => StatusList;

    /// <summary>Loop 2220: statuses of single service lines.</summary>
    public IReadOnlyList<StatusReportedLine> ServiceLines => LineList;

    /// <summary>
    /// The claim's outcome: rejected if any status rejects it, otherwise the first status's (accepted, pending, finalized…).
    /// </summary>
    public ClaimStatusOutcome Outcome =>
        StatusList.Any(s => s.Outcome == ClaimStatusOutcome.Rejected) ? ClaimStatusOutcome.Rejected
        : StatusList.Count == 0 ? ClaimStatusOutcome.Other : StatusList[0].Outcome;

    /// <summary>The statuses in plain words, the rejecting ones first (for a worklist's "reason" column).</summary>
    public string Reason => string.Join("; ", StatusList.OrderBy(s => s.Outcome == ClaimStatusOutcome.Rejected ? 0 : 1).Select(s => s.ToString()));
}

/// <summary>One service line's status in a 277 or 277CA (loop 2220).</summary>
public sealed class StatusReportedLine
{
    internal List<ClaimStatusInfo> StatusList { get; } = [];

    /// <summary>SVC01, the procedure as sent (e.g. <c>HC:99213</c>).</summary>
    public string Procedure { get; internal set; } = "";

    /// <summary>SVC02, the line's charge.</summary>
    public decimal? ChargeAmount { get; internal set; }

    /// <summary>SVC03, the amount paid on the line.</summary>
    public decimal? PaidAmount { get; internal set; }

    /// <summary>REF*FJ, the line item control number sent on the 837 (REF*6R).</summary>
    public string? LineItemControlNumber { get; internal set; }

    /// <summary>DTP*472, the line's service date.</summary>
    public DateRange? ServiceDate { get; internal set; }

    /// <summary>The line's statuses.</summary>
    public IReadOnlyList<ClaimStatusInfo> Statuses => StatusList;
}

/// <summary>A status reported for a whole batch or a provider (loops 2200B, 2200C), with the counts and amounts accepted and rejected.</summary>
public sealed class LevelStatus
{
    internal List<ClaimStatusInfo> StatusList { get; } = [];

    /// <summary><c>receiver</c> (the batch, loop 2200B) or <c>provider</c> (loop 2200C).</summary>
    public string Level { get; internal set; } = "";

    /// <summary>Whom it is about (NM1 of the level).</summary>
    public X12Party? Party { get; internal set; }

    /// <summary>TRN02 of the level (for the receiver: the batch's identifier, usually our BHT03).</summary>
    public string? TraceNumber { get; internal set; }

    /// <summary>The STC statuses.</summary>
    public IReadOnlyList<ClaimStatusInfo> Statuses => StatusList;

    /// <summary>QTY*90, claims accepted.</summary>
    public decimal? AcceptedCount { get; internal set; }

    /// <summary>QTY*AA, claims rejected.</summary>
    public decimal? RejectedCount { get; internal set; }

    /// <summary>AMT*YU, total charge accepted.</summary>
    public decimal? AcceptedAmount { get; internal set; }

    /// <summary>AMT*YY, total charge rejected.</summary>
    public decimal? RejectedAmount { get; internal set; }
}
