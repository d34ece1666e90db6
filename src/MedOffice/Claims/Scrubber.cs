using System.Globalization;
using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>One thing the scrubber found: which rule, how bad, the field to fix and why, in words.</summary>
public sealed record ScrubFinding(string Kind, string Severity, string Field, string Message);

/// <summary>
/// The scrubber's vocabulary: what each rule kind checks and what its parameter means. The ScrubRules table says which
/// kinds run, for which payer, with which parameter; an office extends it with rows, not code.
/// </summary>
public static class ScrubRuleKinds
{
    public const string RequiredField = "RequiredField";
    public const string ValidNpi = "ValidNpi";
    public const string ValidTaxonomy = "ValidTaxonomy";
    public const string NineDigitBillingZip = "NineDigitBillingZip";
    public const string DiagnosisBillable = "DiagnosisBillable";
    public const string DiagnosisPointers = "DiagnosisPointers";
    public const string ProcedureKnown = "ProcedureKnown";
    public const string NoFutureService = "NoFutureService";
    public const string TimelyFiling = "TimelyFiling";
    public const string DuplicateClaim = "DuplicateClaim";
    public const string ModifierConflict = "ModifierConflict";
    public const string ModifierOnlyWith = "ModifierOnlyWith";
    public const string PlaceOfServiceMatchesLocation = "PlaceOfServiceMatchesLocation";
    public const string ReferringProviderRequired = "ReferringProviderRequired";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [RequiredField] = "A field the payer needs is filled in. Parameter: one of " + string.Join(", ", Scrubber.FieldNames) + ".",
        [ValidNpi] = "Billing, rendering and referring NPIs pass the check digit (Luhn with the 80840 prefix).",
        [ValidTaxonomy] = "Taxonomy codes are ten characters: three digits, six letters or digits, and X.",
        [NineDigitBillingZip] = "The billing address has a nine-digit ZIP (ZIP+4), as the 837P requires.",
        [DiagnosisBillable] = "Every diagnosis is a billable ICD-10-CM code for the date of service.",
        [DiagnosisPointers] = "Every line points at one to four of the claim's diagnoses.",
        [ProcedureKnown] = "Procedure codes are in the HCPCS file or the office's CPT list, and modifiers are known.",
        [NoFutureService] = "The date of service is not in the future.",
        [TimelyFiling] = "The claim goes out within the payer's filing limit. Parameter: days after the date of service (e.g. 365; 90 for strict payers).",
        [DuplicateClaim] = "No other claim to the same payer has the same patient, date of service and codes.",
        [ModifierConflict] = "Two modifiers that cannot be on one line together. Parameter: the pair, e.g. 26,TC.",
        [ModifierOnlyWith] = "A modifier allowed only with some codes. Parameter: modifier:code ranges, e.g. 25:99202-99215,99381-99397.",
        [PlaceOfServiceMatchesLocation] = "The place of service is the location's, or telehealth (02, 10).",
        [ReferringProviderRequired] = "The payer needs a referring provider on every claim (e.g. an HMO).",
    };
}

/// <summary>
/// Checks a claim before it leaves, by the rules in the ScrubRules table for all payers and the claim's payer. Findings
/// name the field to fix and say why. A claim with no errors becomes Ready; with errors it stays Open with the first
/// one as its reason (warnings are shown, they do not hold it back).
/// </summary>
public sealed class Scrubber(MedOfficeDb db, DiagnosisCodes diagnoses, ProcedureCodes procedures, TimeProvider time)
{
    internal static readonly IReadOnlyList<string> FieldNames =
    [
        "Patient.AddressLine1", "Patient.City", "Patient.State", "Patient.PostalCode", "Subscriber.MemberId", "Subscriber.GroupNumber",
        "Payer.PayerIdentifier", "RenderingProvider.TaxonomyCode", "Organization.BillingNpi", "Organization.TaxId",
        "Organization.BillingAddressLine1", "Organization.BillingCity", "Organization.BillingState", "Organization.BillingPostalCode",
    ];

    public async Task<IReadOnlyList<ScrubFinding>?> ScrubAsync(int claimId, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }
        var findings = await FindAsync(claim, cancellationToken);
        if (claim.Status is ClaimStatuses.Open or ClaimStatuses.Ready or ClaimStatuses.Rejected)
        {
            var firstError = findings.FirstOrDefault(f => f.Severity == ScrubSeverities.Error);
            var status = firstError is null ? ClaimStatuses.Ready : ClaimStatuses.Open;
            var reason = firstError is null ? "Passed the scrubber." : $"{firstError.Field}: {firstError.Message}";
            if (claim.Status != status || claim.StatusReason != reason)
            {
                new ClaimMaker(db, time).Move(claim, status, "scrubber", reason);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return findings;
    }

    public async Task<IReadOnlyList<ScrubFinding>> FindAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        var sheet = await db.ChargeSheets.AsNoTracking().Include(s => s.Diagnoses).FirstAsync(s => s.Id == claim.ChargeSheetId, cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == claim.PatientId, cancellationToken);
        var coverage = await db.Coverages.AsNoTracking().FirstAsync(c => c.Id == claim.CoverageId, cancellationToken);
        var payer = await db.Payers.AsNoTracking().FirstAsync(p => p.Id == claim.PayerId, cancellationToken);
        var provider = await db.Providers.AsNoTracking().FirstAsync(p => p.Id == sheet.RenderingProviderId, cancellationToken);
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == sheet.LocationId, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstAsync(cancellationToken);
        var rules = await db.ScrubRules.AsNoTracking().Where(r => r.IsActive && (r.PayerId == null || r.PayerId == claim.PayerId))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var context = new ClaimContext(claim, sheet, patient, coverage, payer, provider, location, organization);

        var findings = new List<ScrubFinding>();
        foreach (var rule in rules)
        {
            foreach (var (field, message) in await CheckAsync(rule, context, cancellationToken))
            {
                var text = rule.Note is { Length: > 0 } note ? $"{message} ({note})" : message;
                if (!findings.Any(f => f.Field == field && f.Message == text))
                {
                    findings.Add(new ScrubFinding(rule.Kind, rule.Severity, field, text));
                }
            }
        }
        return findings;
    }

    private sealed record ClaimContext(Claim Claim, ChargeSheet Sheet, Patient Patient, Coverage Coverage, Payer Payer, Provider Provider,
        Location Location, Organization Organization);

    private async Task<IEnumerable<(string Field, string Message)>> CheckAsync(ScrubRule rule, ClaimContext c, CancellationToken cancellationToken)
    {
        var p = rule.Parameter.Trim();
        switch (rule.Kind)
        {
            case ScrubRuleKinds.RequiredField:
                return FieldValue(c, p) switch
                {
                    null => [("ScrubRules", $"Rule {rule.Id} names an unknown field '{p}'.")],
                    { Length: 0 } => [(p, $"{Label(p)} is missing, and {c.Payer.Name} needs it on the claim.")],
                    _ => [],
                };
            case ScrubRuleKinds.ValidNpi:
                return NpiProblems(c);
            case ScrubRuleKinds.ValidTaxonomy:
                return new[] { ("RenderingProvider.TaxonomyCode", c.Provider.TaxonomyCode), ("Organization.BillingTaxonomyCode", c.Organization.BillingTaxonomyCode) }
                    .Where(x => x.Item2 is { Length: > 0 } && !TaxonomyCode.TryParse(x.Item2, out _))
                    .Select(x => (x.Item1, $"'{x.Item2}' is not a taxonomy code (three digits, six letters or digits, then X, e.g. 207Q00000X)."))
                    .ToList();
            case ScrubRuleKinds.NineDigitBillingZip:
                var zip = (c.Organization.BillingPostalCode ?? "").Replace("-", "", StringComparison.Ordinal);
                return zip.Length == 9 && zip.All(char.IsAsciiDigit) ? []
                    : [("Organization.BillingPostalCode", $"The billing ZIP '{c.Organization.BillingPostalCode}' needs all nine digits (ZIP+4); claims refuse a five-digit billing ZIP.")];
            case ScrubRuleKinds.DiagnosisBillable:
                var problems = new List<(string, string)>();
                if (c.Sheet.Diagnoses.Count == 0)
                {
                    problems.Add(("Diagnoses", "The claim has no diagnosis."));
                }
                foreach (var dx in c.Sheet.Diagnoses.OrderBy(d => d.Sequence))
                {
                    var check = await diagnoses.CheckAsync(dx.Code, c.Claim.DateOfService, cancellationToken);
                    if (!check.IsBillable)
                    {
                        problems.Add(($"Diagnoses[{dx.Sequence}]", check.Problem!));
                    }
                }
                return problems;
            case ScrubRuleKinds.DiagnosisPointers:
                var count = c.Sheet.Diagnoses.Count;
                return c.Claim.Lines.SelectMany(l =>
                {
                    var pointers = l.DiagnosisPointers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var field = $"Lines[{l.LineNumber}].DiagnosisPointers";
                    if (pointers.Length is 0 or > 4)
                    {
                        return [(field, $"Line {l.LineNumber} ({l.ProcedureCode}) must point at one to four diagnoses.")];
                    }
                    return pointers.Where(x => !int.TryParse(x, out var n) || n < 1 || n > count)
                        .Select(x => (field, $"Line {l.LineNumber} ({l.ProcedureCode}) points at diagnosis {x}, but the claim has {count}."));
                }).ToList();
            case ScrubRuleKinds.ProcedureKnown:
                var unknown = new List<(string, string)>();
                foreach (var line in c.Claim.Lines)
                {
                    var check = await procedures.CheckAsync(line.ProcedureCode, cancellationToken);
                    if (!check.IsBillable)
                    {
                        unknown.Add(($"Lines[{line.LineNumber}].ProcedureCode", check.Problem!));
                    }
                    foreach (var problem in await procedures.UnknownModifiersAsync(Modifiers(line), cancellationToken))
                    {
                        unknown.Add(($"Lines[{line.LineNumber}].Modifiers", problem));
                    }
                }
                return unknown;
            case ScrubRuleKinds.NoFutureService:
                return c.Claim.DateOfService > Today(c)
                    ? [("DateOfService", $"The date of service {c.Claim.DateOfService:MM/dd/yyyy} is in the future: bill it after the visit.")]
                    : [];
            case ScrubRuleKinds.TimelyFiling:
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
                {
                    return [("ScrubRules", $"Rule {rule.Id} (timely filing) needs a number of days, not '{p}'.")];
                }
                var deadline = c.Claim.DateOfService.AddDays(days);
                return Today(c) > deadline
                    ? [("DateOfService", $"{c.Payer.Name} takes claims up to {days} days after the service; the limit for {c.Claim.DateOfService:MM/dd/yyyy} was {deadline:MM/dd/yyyy}. Appeal with proof of timely filing, or write it off.")]
                    : [];
            case ScrubRuleKinds.DuplicateClaim:
                var codes = string.Join(",", c.Claim.Lines.Select(l => l.ProcedureCode).Order(StringComparer.Ordinal));
                var others = await db.Claims.AsNoTracking().Include(o => o.Lines)
                    .Where(o => o.Id != c.Claim.Id && o.PatientId == c.Claim.PatientId && o.PayerId == c.Claim.PayerId && o.DateOfService == c.Claim.DateOfService
                        && o.Status != ClaimStatuses.Cancelled && o.Frequency == ClaimFrequencies.Original && c.Claim.Frequency == ClaimFrequencies.Original
                        && o.ChargeSheetId != c.Claim.ChargeSheetId)
                    .ToListAsync(cancellationToken);
                return others.Where(o => string.Join(",", o.Lines.Select(l => l.ProcedureCode).Order(StringComparer.Ordinal)) == codes)
                    .Select(o => ("Claim", $"Claim {o.ClaimNumber} already bills {c.Payer.Name} for the same services on {c.Claim.DateOfService:MM/dd/yyyy}: a duplicate would be denied."))
                    .Take(1).ToList();
            case ScrubRuleKinds.ModifierConflict:
                var pair = p.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (pair.Length != 2)
                {
                    return [("ScrubRules", $"Rule {rule.Id} (modifier conflict) needs two modifiers, e.g. 26,TC.")];
                }
                return c.Claim.Lines.Where(l => Modifiers(l).Contains(pair[0], StringComparer.OrdinalIgnoreCase) && Modifiers(l).Contains(pair[1], StringComparer.OrdinalIgnoreCase))
                    .Select(l => ($"Lines[{l.LineNumber}].Modifiers", $"Line {l.LineNumber} ({l.ProcedureCode}) has both {pair[0]} and {pair[1]}, which exclude each other: keep the one that describes the service."))
                    .ToList();
            case ScrubRuleKinds.ModifierOnlyWith:
                var colon = p.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return [("ScrubRules", $"Rule {rule.Id} (modifier only with) needs modifier:codes, e.g. 25:99202-99215.")];
                }
                var modifier = p[..colon].Trim();
                var ranges = p[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return c.Claim.Lines.Where(l => Modifiers(l).Contains(modifier, StringComparer.OrdinalIgnoreCase) && !ranges.Any(r => InRange(l.ProcedureCode, r)))
                    .Select(l => ($"Lines[{l.LineNumber}].Modifiers", $"Modifier {modifier} does not belong on {l.ProcedureCode} (line {l.LineNumber}): it is for {string.Join(", ", ranges)}."))
                    .ToList();
            case ScrubRuleKinds.PlaceOfServiceMatchesLocation:
                var pos = c.Sheet.PlaceOfServiceCode;
                return pos == c.Location.PlaceOfServiceCode || pos is "02" or "10" ? []
                    : [("PlaceOfServiceCode", $"Place of service {pos} does not match {c.Location.Name} ({c.Location.PlaceOfServiceCode}); use the location's code, or 02/10 for telehealth.")];
            case ScrubRuleKinds.ReferringProviderRequired:
                return c.Sheet.ReferringProviderNpi is { Length: > 0 } ? []
                    : [("ReferringProvider", $"{c.Payer.Name} needs the referring provider's name and NPI on every claim.")];
            default:
                return [("ScrubRules", $"Rule {rule.Id} has an unknown kind '{rule.Kind}'.")];
        }
    }

    private static IEnumerable<(string, string)> NpiProblems(ClaimContext c)
    {
        foreach (var (field, value, who) in new[]
        {
            ("Organization.BillingNpi", c.Organization.BillingNpi, "billing provider"),
            ("RenderingProvider.Npi", c.Provider.Npi, $"rendering provider {c.Provider.FullName}"),
            ("ReferringProvider.Npi", c.Sheet.ReferringProviderNpi, "referring provider"),
        })
        {
            if (value is { Length: > 0 } && !Npi.TryParse(value, out _))
            {
                yield return (field, $"The {who}'s NPI {value} fails the check digit: an NPI is ten digits, the last a Luhn check over 80840 and the first nine.");
            }
        }
    }

    private static string? FieldValue(ClaimContext c, string field) => field switch
    {
        "Patient.AddressLine1" => c.Patient.AddressLine1 ?? "",
        "Patient.City" => c.Patient.City ?? "",
        "Patient.State" => c.Patient.State ?? "",
        "Patient.PostalCode" => c.Patient.PostalCode ?? "",
        "Subscriber.MemberId" => c.Coverage.MemberId ?? "",
        "Subscriber.GroupNumber" => c.Coverage.GroupNumber ?? "",
        "Payer.PayerIdentifier" => c.Payer.PayerIdentifier,
        "RenderingProvider.TaxonomyCode" => c.Provider.TaxonomyCode ?? "",
        "Organization.BillingNpi" => c.Organization.BillingNpi ?? "",
        "Organization.TaxId" => c.Organization.TaxId ?? "",
        "Organization.BillingAddressLine1" => c.Organization.BillingAddressLine1 ?? "",
        "Organization.BillingCity" => c.Organization.BillingCity ?? "",
        "Organization.BillingState" => c.Organization.BillingState ?? "",
        "Organization.BillingPostalCode" => c.Organization.BillingPostalCode ?? "",
        _ => null,
    };

    private static string Label(string field) => field switch
    {
        "Patient.AddressLine1" => "The patient's street address",
        "Patient.City" => "The patient's city",
        "Patient.State" => "The patient's state",
        "Patient.PostalCode" => "The patient's ZIP code",
        "Subscriber.MemberId" => "The subscriber's member ID",
        "Subscriber.GroupNumber" => "The group number",
        "Payer.PayerIdentifier" => "The payer ID",
        "RenderingProvider.TaxonomyCode" => "The rendering provider's taxonomy code",
        "Organization.BillingNpi" => "The practice's billing NPI (Settings)",
        "Organization.TaxId" => "The practice's tax ID (Settings)",
        "Organization.BillingAddressLine1" => "The practice's billing street address (Settings)",
        "Organization.BillingCity" => "The practice's billing city (Settings)",
        "Organization.BillingState" => "The practice's billing state (Settings)",
        "Organization.BillingPostalCode" => "The practice's billing ZIP (Settings)",
        _ => field,
    };

    private static IReadOnlyList<string> Modifiers(ClaimLine line) =>
        line.Modifiers.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool InRange(string code, string range)
    {
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? string.Equals(code, range, StringComparison.OrdinalIgnoreCase)
            : string.CompareOrdinal(code, range[..dash]) >= 0 && string.CompareOrdinal(code, range[(dash + 1)..]) <= 0 && code.Length == range[..dash].Length;
    }

    private DateOnly Today(ClaimContext c) => Scheduling.LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, c.Location.TimeZoneId);
}
