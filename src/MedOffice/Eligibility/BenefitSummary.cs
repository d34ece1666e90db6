using System.Text.Json;
using MedOffice.X12.Eligibility;

namespace MedOffice.Eligibility;

/// <summary>One benefit of a 271 as kept for the detail view: what it is, for which services, and the amount in words.</summary>
public sealed record BenefitLine(string Information, string? CoverageLevel, IReadOnlyList<string> ServiceTypes, bool? InNetwork,
    decimal? Amount, decimal? Percent, string? TimePeriod, string Description, IReadOnlyList<string> Messages);

/// <summary>
/// Turns one person's 271 answer into the front desk's few figures: active or not, plan dates, the office-visit copay,
/// deductible and out-of-pocket left, coinsurance. Where a payer lists several (in and out of network, individual and
/// family, per service type) the office visit in network for the individual wins, then the plan as a whole.
/// </summary>
public static class BenefitSummary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Apply(EligibilityCheck check, EligibilityMember member, EligibilityResponse response)
    {
        var planLevel = response.Rejections.Select(r => r.ToString()).ToList();
        var personLevel = member.Rejections.Select(r => r.ToString()).ToList();
        if (planLevel.Count > 0)
        {
            check.Status = EligibilityStatuses.Failed;
            check.Reason = ("The payer could not answer: " + string.Join(" ", planLevel)).Limit(1000);
            return;
        }
        if (personLevel.Count > 0)
        {
            check.Status = EligibilityStatuses.Rejected;
            check.Reason = string.Join(" ", personLevel).Limit(1000);
            return;
        }
        check.Status = EligibilityStatuses.Answered;
        check.IsActive = member.IsActive;
        check.PlanName = member.PlanName is { } plan ? plan.Limit(200) : null;
        var (begin, end) = member.PlanDates is { Begin: null, End: null } ? member.EligibilityDates : member.PlanDates;
        (check.PlanBegin, check.PlanEnd) = (begin, end);
        check.OfficeVisitCopay = Money(Best(member.Copays, _ => true)?.Amount);
        check.DeductibleRemaining = Money(Best(member.Deductibles, b => b.TimePeriodCode == "29")?.Amount);
        check.Deductible = Money(Best(member.Deductibles, b => b.TimePeriodCode is null or "21" or "22" or "23" or "25" or "32")?.Amount);
        check.OutOfPocketRemaining = Money(Best(member.OutOfPocket, b => b.TimePeriodCode == "29")?.Amount);
        check.CoinsurancePercent = Best(member.Coinsurance, b => b.Percent is not null)?.Percent is { } share && share is >= 0 and <= 1 ? share * 100 : null;
        if (member.IsActive == false)
        {
            var inactive = member.Benefits.First(b => b.InformationCode is "6" or "7" or "8");
            check.Reason = (inactive.Information + (inactive.Messages.Count > 0 ? ": " + string.Join(" ", inactive.Messages) : "")
                + (end is { } ended ? $" (plan ended {ended:MM/dd/yyyy})" : "")).Limit(1000);
        }
        var lines = member.Benefits.Select(b => new BenefitLine(b.Information, b.CoverageLevelCode is null ? null : EligibilityCodes.DescribeCoverageLevel(b.CoverageLevelCode),
            b.ServiceTypes.ToList(), b.InNetwork, b.Amount, b.Percent, b.TimePeriod, b.Describe(), b.Messages.ToList())).ToList();
        check.BenefitsJson = JsonSerializer.Serialize(lines, Json);
    }

    public static IReadOnlyList<BenefitLine> Lines(EligibilityCheck check) =>
        check.BenefitsJson is { Length: > 0 } json ? JsonSerializer.Deserialize<List<BenefitLine>>(json, Json) ?? [] : [];

    /// <summary>The benefit that applies to an office visit: service type 98, else the plan (30 or none); in network, individual.</summary>
    private static EligibilityBenefit? Best(IEnumerable<EligibilityBenefit> benefits, Func<EligibilityBenefit, bool> kind) =>
        benefits.Where(kind)
            .Select(b => (Benefit: b, Service: b.ServiceTypeCodes.Contains("98") ? 0 : b.ServiceTypeCodes.Contains("30") ? 1 : b.ServiceTypeCodes.Count == 0 ? 2 : 9))
            .Where(x => x.Service < 9)
            .OrderBy(x => x.Service)
            .ThenBy(x => x.Benefit.InNetwork switch { true => 0, null => 1, false => 2 })
            .ThenBy(x => x.Benefit.CoverageLevelCode switch { "IND" => 0, null or "EMP" => 1, _ => 2 })
            .Select(x => x.Benefit).FirstOrDefault();

    // A payer's negative or absurd amount is not shown rather than refused: the rest of the answer is still worth having.
    private static decimal? Money(decimal? amount) => amount is >= 0 and < 10_000_000 ? amount : null;

}
