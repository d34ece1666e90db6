using System.Globalization;
using System.Text;

namespace MedOffice.X12.Eligibility;

/// <summary>
/// One 271 Eligibility Benefit Response (005010X279A1): the payer's answer about each person asked for, with every
/// benefit (EB loop) and a plain summary (<see cref="EligibilityMember.Summary"/>) for the front desk.
/// </summary>
public sealed class EligibilityResponse
{
    internal List<EligibilityRejection> RejectionList { get; } = [];
    internal List<EligibilityMember> MemberList { get; } = [];

    /// <summary>Reads every 271 in an input. Never throws for bad input: problems are in <see cref="X12ReadResult{T}.Errors"/>.</summary>
    public static X12ReadResult<EligibilityResponse> Read(Stream input, X12ReaderOptions? options = null) => new EligibilityResponseReader().Read(input, options);

    /// <summary>Reads every 271 held in a string.</summary>
    public static X12ReadResult<EligibilityResponse> Read(string text, X12ReaderOptions? options = null) => new EligibilityResponseReader().Read(text, options);

    /// <summary>ST02.</summary>
    public string ControlNumber { get; internal set; } = "";

    /// <summary>BHT03, the reference of the 270 answered.</summary>
    public string Reference { get; internal set; } = "";

    /// <summary>BHT04, when the response was created.</summary>
    public DateOnly? CreatedDate { get; internal set; }

    /// <summary>Loop 2100A: the payer (information source).</summary>
    public X12Party? Payer { get; internal set; }

    /// <summary>Loop 2100B: the provider who asked (information receiver).</summary>
    public X12Party? Provider { get; internal set; }

    /// <summary>AAA of loops 2100A and 2100B: the whole request refused (payer unavailable, provider not on file…).</summary>
    public IReadOnlyList<EligibilityRejection> Rejections => RejectionList;

    /// <summary>Loops 2000C and 2000D: each subscriber and dependent answered for.</summary>
    public IReadOnlyList<EligibilityMember> Members => MemberList;

    /// <summary>The member whose trace (TRN02) is <paramref name="traceNumber"/> (the 270's TRN02), or null.</summary>
    public EligibilityMember? Find(string traceNumber) => MemberList.FirstOrDefault(m => m.TraceNumbers.Contains(traceNumber));
}

/// <summary>A request refused (AAA): reason and what to do.</summary>
/// <param name="Level">Where: <c>payer</c>, <c>provider</c>, <c>subscriber</c>, <c>dependent</c> or <c>benefit</c>.</param>
/// <param name="ValidRequest">AAA01: <c>Y</c> the request was valid but could not be answered, <c>N</c> it was invalid.</param>
/// <param name="ReasonCode">AAA03.</param>
/// <param name="FollowUpCode">AAA04.</param>
public sealed record EligibilityRejection(string Level, string ValidRequest, string ReasonCode, string FollowUpCode)
{
    /// <summary>AAA03 in words.</summary>
    public string Reason => EligibilityCodes.DescribeRejectReason(ReasonCode);

    /// <summary>AAA04 in words.</summary>
    public string FollowUp => EligibilityCodes.DescribeFollowUp(FollowUpCode);

    /// <summary>e.g. <c>Provider not eligible for inquiries (50). Resubmission not allowed.</c></summary>
    public override string ToString() => $"{Reason} ({ReasonCode}). {FollowUp}.";
}

/// <summary>A date or period of a 271 (DTP) by its qualifier.</summary>
/// <param name="Qualifier">DTP01, e.g. <c>346</c> plan begin, <c>291</c> plan, <c>356</c> eligibility begin.</param>
/// <param name="Dates">The day or period.</param>
public sealed record EligibilityDate(string Qualifier, DateRange Dates);

/// <summary>One subscriber or dependent of a 271, with their benefits.</summary>
public sealed class EligibilityMember
{
    internal List<string> TraceList { get; } = [];
    internal List<EligibilityRejection> RejectionList { get; } = [];
    internal List<EligibilityDate> DateList { get; } = [];
    internal List<EligibilityBenefit> BenefitList { get; } = [];

    /// <summary>Whether this is a dependent (loop 2000D) rather than the subscriber (2000C).</summary>
    public bool IsDependent { get; internal set; }

    /// <summary>NM1*IL or NM1*03: the person, with the member ID (NM109) for a subscriber.</summary>
    public X12Party? Person { get; internal set; }

    /// <summary>For a dependent, the subscriber above them.</summary>
    public X12Party? Subscriber { get; internal set; }

    /// <summary>TRN02s: our trace numbers from the 270 (and any the payer or clearinghouse added).</summary>
    public IReadOnlyList<string> TraceNumbers => TraceList;

    /// <summary>DMG02, the date of birth the payer holds.</summary>
    public DateOnly? BirthDate { get; internal set; }

    /// <summary>DMG03, <c>F</c>, <c>M</c> or <c>U</c>.</summary>
    public string? Gender { get; internal set; }

    /// <summary>AAA at this person: the inquiry about them refused (not found, ID invalid…).</summary>
    public IReadOnlyList<EligibilityRejection> Rejections => RejectionList;

    /// <summary>The person's DTP dates (plan, eligibility…).</summary>
    public IReadOnlyList<EligibilityDate> Dates => DateList;

    /// <summary>Loop 2110: every benefit, in order.</summary>
    public IReadOnlyList<EligibilityBenefit> Benefits => BenefitList;

    /// <summary>Covered: true for active coverage (EB01 1–5), false for inactive (6–8), null when the response does not say.</summary>
    public bool? IsActive =>
        BenefitList.Any(b => b.InformationCode is "1" or "2" or "3" or "4" or "5") ? true
        : BenefitList.Any(b => b.InformationCode is "6" or "7" or "8") ? false
        : null;

    /// <summary>The plan's name: EB05 of the first active coverage benefit that has one.</summary>
    public string? PlanName => BenefitList.FirstOrDefault(b => b.InformationCode is "1" or "2" or "3" or "4" or "5" && b.PlanDescription is not null)?.PlanDescription;

    /// <summary>The plan's dates: DTP*291, else DTP*346 (begin) and 347 (end); an open end is null.</summary>
    public (DateOnly? Begin, DateOnly? End) PlanDates => Period("291", "346", "347");

    /// <summary>The eligibility dates: DTP*307, else DTP*356 (begin) and 357 (end).</summary>
    public (DateOnly? Begin, DateOnly? End) EligibilityDates => Period("307", "356", "357");

    /// <summary>Copays (EB01 <c>B</c>), per service type and network.</summary>
    public IEnumerable<EligibilityBenefit> Copays => BenefitList.Where(b => b.InformationCode == "B");

    /// <summary>Coinsurance (EB01 <c>A</c>), per service type and network.</summary>
    public IEnumerable<EligibilityBenefit> Coinsurance => BenefitList.Where(b => b.InformationCode == "A");

    /// <summary>Deductibles (EB01 <c>C</c>); <see cref="EligibilityBenefit.TimePeriodCode"/> 29 is the amount remaining.</summary>
    public IEnumerable<EligibilityBenefit> Deductibles => BenefitList.Where(b => b.InformationCode == "C");

    /// <summary>Out-of-pocket maximums (EB01 <c>G</c>).</summary>
    public IEnumerable<EligibilityBenefit> OutOfPocket => BenefitList.Where(b => b.InformationCode == "G");

    /// <summary>A plain summary for the front desk: name, active or not, plan and dates, then copays, coinsurance, deductibles and out-of-pocket per service type.</summary>
    public string Summary
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Person?.DisplayName ?? "(no name)").Append(IsDependent ? " (dependent)" : "").Append(": ");
            text.AppendLine(IsActive switch { true => "coverage ACTIVE", false => "coverage INACTIVE", null => "coverage not stated" });
            foreach (var rejection in RejectionList)
            {
                text.Append("  Not answered: ").AppendLine(rejection.ToString());
            }
            if (PlanName is { } plan)
            {
                text.Append("  Plan: ").AppendLine(plan);
            }
            AppendPeriod(text, "Plan dates", PlanDates);
            AppendPeriod(text, "Eligible", EligibilityDates);
            foreach (var (label, benefits) in new[] { ("Copay", Copays), ("Coinsurance", Coinsurance), ("Deductible", Deductibles), ("Out-of-pocket", OutOfPocket) })
            {
                foreach (var benefit in benefits)
                {
                    text.Append("  ").Append(label).Append(": ").AppendLine(benefit.Describe());
                }
            }
            return text.ToString();
        }
    }

    private (DateOnly? Begin, DateOnly? End) Period(string range, string begin, string end)
    {
        if (DateList.FirstOrDefault(d => d.Qualifier == range) is { } period)
        {
            return (period.Dates.From, period.Dates.To);
        }
        return (DateList.FirstOrDefault(d => d.Qualifier == begin)?.Dates.From, DateList.FirstOrDefault(d => d.Qualifier == end)?.Dates.To);
    }

    private static void AppendPeriod(StringBuilder text, string label, (DateOnly? Begin, DateOnly? End) period)
    {
        if (period.Begin is null && period.End is null)
        {
            return;
        }
        text.Append("  ").Append(label).Append(": ").Append(period.Begin?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?")
            .Append(" to ").AppendLine(period.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "open");
    }
}

/// <summary>One benefit of a 271 (loop 2110, EB segment and what follows it).</summary>
public sealed class EligibilityBenefit
{
    internal List<EligibilityDate> DateList { get; } = [];
    internal List<string> MessageList { get; } = [];
    internal List<X12Party> EntityList { get; } = [];
    internal List<EligibilityRejection> RejectionList { get; } = [];

    /// <summary>EB01, e.g. <c>1</c> active coverage, <c>B</c> copay, <c>C</c> deductible.</summary>
    public string InformationCode { get; internal set; } = "";

    /// <summary>EB01 in words.</summary>
    public string Information => EligibilityCodes.DescribeInformation(InformationCode);

    /// <summary>EB02, e.g. <c>IND</c> individual, <c>FAM</c> family.</summary>
    public string? CoverageLevelCode { get; internal set; }

    /// <summary>EB03, the service types it applies to (none means all, or the plan as a whole).</summary>
    public IReadOnlyList<string> ServiceTypeCodes { get; internal set; } = [];

    /// <summary>EB03 in words.</summary>
    public IEnumerable<string> ServiceTypes => ServiceTypeCodes.Select(EligibilityCodes.DescribeServiceType);

    /// <summary>EB04, the insurance type (e.g. <c>HM</c> HMO, <c>MB</c> Medicare Part B).</summary>
    public string? InsuranceType { get; internal set; }

    /// <summary>EB05, the plan's description.</summary>
    public string? PlanDescription { get; internal set; }

    /// <summary>EB06, the time period (e.g. <c>23</c> calendar year, <c>29</c> remaining).</summary>
    public string? TimePeriodCode { get; internal set; }

    /// <summary>EB06 in words.</summary>
    public string? TimePeriod => TimePeriodCode is null ? null : EligibilityCodes.DescribeTimePeriod(TimePeriodCode);

    /// <summary>EB07, the amount (copay, deductible, out-of-pocket).</summary>
    public decimal? Amount { get; internal set; }

    /// <summary>EB08, the percentage as a fraction (0.2 = 20 %), for coinsurance.</summary>
    public decimal? Percent { get; internal set; }

    /// <summary>EB09, the quantity's qualifier (e.g. <c>VS</c> visits).</summary>
    public string? QuantityQualifier { get; internal set; }

    /// <summary>EB10, the quantity.</summary>
    public decimal? Quantity { get; internal set; }

    /// <summary>EB11: whether authorization or certification is required (<c>Y</c>/<c>N</c>; <c>U</c> unknown → null).</summary>
    public bool? AuthorizationRequired { get; internal set; }

    /// <summary>EB12: true in network, false out of network, null when it applies to both or is not stated.</summary>
    public bool? InNetwork { get; internal set; }

    /// <summary>The benefit's DTP dates.</summary>
    public IReadOnlyList<EligibilityDate> Dates => DateList;

    /// <summary>MSG: free-form messages from the payer.</summary>
    public IReadOnlyList<string> Messages => MessageList;

    /// <summary>Loop 2120 (NM1 between LS and LE): related entities (primary care provider, other payer…).</summary>
    public IReadOnlyList<X12Party> RelatedEntities => EntityList;

    /// <summary>AAA within the benefit: the part of the inquiry about it refused.</summary>
    public IReadOnlyList<EligibilityRejection> Rejections => RejectionList;

    /// <summary>e.g. <c>$30.00 per visit, in network — Professional (physician) visit, office</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Amount is { } amount)
        {
            parts.Add("$" + amount.ToString("0.00", CultureInfo.InvariantCulture));
        }
        if (Percent is { } percent)
        {
            parts.Add((percent * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%");
        }
        if (Quantity is { } quantity)
        {
            parts.Add($"{quantity.ToString("0.##", CultureInfo.InvariantCulture)} ({QuantityQualifier})");
        }
        var what = string.Join(" ", parts);
        if (TimePeriod is { } period)
        {
            what += " " + period;
        }
        if (CoverageLevelCode is { } level)
        {
            what += ", " + EligibilityCodes.DescribeCoverageLevel(level).ToLowerInvariant();
        }
        what += InNetwork switch { true => ", in network", false => ", out of network", null => "" };
        var services = ServiceTypeCodes.Count == 0 ? "" : " — " + string.Join(", ", ServiceTypes);
        return what.Trim().TrimStart(',').Trim() + services;
    }
}
