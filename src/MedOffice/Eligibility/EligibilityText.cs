using System.Globalization;

namespace MedOffice.Eligibility;

public enum EligibilityTone
{
    /// <summary>No check yet.</summary>
    None,
    /// <summary>Asked, no answer yet.</summary>
    Waiting,
    /// <summary>Active coverage.</summary>
    Good,
    /// <summary>Not active, refused, or the payer could not answer: the desk must act.</summary>
    Bad,
    /// <summary>Answered without saying whether coverage is active.</summary>
    Unclear,
}

/// <summary>The line the front desk reads, e.g. "Active · plan 01/01/2026–12/31/2026 · office visit copay $30 · deductible left $450 of $1,500 · coinsurance 20%".</summary>
public sealed record EligibilityLine(EligibilityTone Tone, string Text, string When);

public static class EligibilityText
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    public static EligibilityLine Describe(EligibilityCheck? check, DateTime utcNow)
    {
        if (check is null)
        {
            return new EligibilityLine(EligibilityTone.None, "No check yet", "");
        }
        var when = Ago(check.AnsweredAt ?? check.RequestedAt, utcNow);
        return check.Status switch
        {
            EligibilityStatuses.Requested => new(EligibilityTone.Waiting,
                $"Asked {when} for {check.ServiceDate.ToString("MM/dd/yyyy", UnitedStates)}: waiting for the payer's answer", when),
            EligibilityStatuses.Rejected => new(EligibilityTone.Bad, $"Not active: {check.Reason}", when),
            EligibilityStatuses.Failed => new(EligibilityTone.Bad, $"Could not check: {check.Reason}", when),
            _ when check.IsActive == false => new(EligibilityTone.Bad, $"Not active: {check.Reason ?? "the payer reports no active coverage"}", when),
            _ when check.IsActive is null => new(EligibilityTone.Unclear, "The payer answered without saying whether coverage is active: see the benefits", when),
            _ => new(EligibilityTone.Good, Active(check), when),
        };
    }

    private static string Active(EligibilityCheck check)
    {
        var parts = new List<string> { "Active" };
        if (check.PlanName is { } name)
        {
            parts.Add(name);
        }
        if ((check.PlanBegin, check.PlanEnd) switch
            {
                ({ } begin, { } end) => $"plan {Date(begin)}–{Date(end)}",
                ({ } begin, null) => $"plan from {Date(begin)}",
                (null, { } end) => $"plan until {Date(end)}",
                _ => null,
            } is { } dates)
        {
            parts.Add(dates);
        }
        if (check.OfficeVisitCopay is { } copay)
        {
            parts.Add($"office visit copay {Money(copay)}");
        }
        if (check.DeductibleRemaining is { } left)
        {
            parts.Add($"deductible left {Money(left)}{(check.Deductible is { } total ? $" of {Money(total)}" : "")}");
        }
        else if (check.Deductible is { } total)
        {
            parts.Add($"deductible {Money(total)}");
        }
        if (check.OutOfPocketRemaining is { } outOfPocket)
        {
            parts.Add($"out-of-pocket left {Money(outOfPocket)}");
        }
        if (check.CoinsurancePercent is { } share)
        {
            parts.Add($"coinsurance {share.ToString("0.##", CultureInfo.InvariantCulture)}%");
        }
        return string.Join(" · ", parts);
    }

    /// <summary>"today", "yesterday", "3 days ago" (whole UTC days: close enough for "is this answer fresh?").</summary>
    public static string Ago(DateTime then, DateTime utcNow) => (DateOnly.FromDateTime(utcNow).DayNumber - DateOnly.FromDateTime(then).DayNumber) switch
    {
        <= 0 => "today",
        1 => "yesterday",
        var days => $"{days} days ago",
    };

    private static string Date(DateOnly date) => date.ToString("MM/dd/yyyy", UnitedStates);

    // Whole dollars print without cents ("$30"), as on the insurance card.
    private static string Money(decimal amount) => amount.ToString(amount == decimal.Truncate(amount) ? "C0" : "C", UnitedStates);
}
