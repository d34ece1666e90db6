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
public sealed class Scrubber(MedOfficeDb db, DiagnosisCodes diagnoses, ProcedureCodes procedures, ClaimMaker maker, TimeProvider time)
{
    /// <summary>The fields a RequiredField rule may name: what the finding calls them and where the value comes from.</summary>
    private static readonly RequiredFieldDefinition[] Fields =
    [
        new("Patient.AddressLine1", "The patient's street address", c => c.Patient.AddressLine1),
        new("Patient.City", "The patient's city", c => c.Patient.City),
        new("Patient.State", "The patient's state", c => c.Patient.State),
        new("Patient.PostalCode", "The patient's ZIP code", c => c.Patient.PostalCode),
        new("Subscriber.MemberId", "The subscriber's member ID", c => c.Coverage.MemberId),
        new("Subscriber.GroupNumber", "The group number", c => c.Coverage.GroupNumber),
        new("Payer.PayerIdentifier", "The payer ID", c => c.Payer.PayerIdentifier),
        new("RenderingProvider.TaxonomyCode", "The rendering provider's taxonomy code", c => c.Provider.TaxonomyCode),
        new("Organization.BillingNpi", "The practice's billing NPI (Settings)", c => c.Organization.BillingNpi),
        new("Organization.TaxId", "The practice's tax ID (Settings)", c => c.Organization.TaxId),
        new("Organization.BillingAddressLine1", "The practice's billing street address (Settings)", c => c.Organization.BillingAddressLine1),
        new("Organization.BillingCity", "The practice's billing city (Settings)", c => c.Organization.BillingCity),
        new("Organization.BillingState", "The practice's billing state (Settings)", c => c.Organization.BillingState),
        new("Organization.BillingPostalCode", "The practice's billing ZIP (Settings)", c => c.Organization.BillingPostalCode),
    ];

    internal static IReadOnlyList<string> FieldNames { get; } = Fields.Select(f => f.Name).ToList();

    /// <summary>Scrubs one claim and moves it to Ready or Open by what it found; null when there is no such claim.</summary>
    public async Task<IReadOnlyList<ScrubFinding>?> ScrubAsync(int claimId, CancellationToken cancellationToken = default) =>
        (await ScrubManyAsync([claimId], cancellationToken)).GetValueOrDefault(claimId);

    /// <summary>
    /// Scrubs claims together, as "Create batch" does: everything they need is read once for all of them (not once per
    /// claim or per line), and the status changes are saved together.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<ScrubFinding>>> ScrubManyAsync(IReadOnlyList<int> claimIds,
        CancellationToken cancellationToken = default)
    {
        var claims = await db.Claims.Include(c => c.Lines).Where(c => claimIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var findings = await FindManyAsync(claims, cancellationToken);
        var moved = false;
        foreach (var claim in claims.Where(c => c.Status is ClaimStatuses.Open or ClaimStatuses.Ready or ClaimStatuses.Rejected))
        {
            var firstError = findings[claim.Id].FirstOrDefault(f => f.Severity == ScrubSeverities.Error);
            var status = firstError is null ? ClaimStatuses.Ready : ClaimStatuses.Open;
            var reason = firstError is null ? "Passed the scrubber." : $"{firstError.Field}: {firstError.Message}";
            if (claim.Status != status || claim.StatusReason != reason)
            {
                maker.Move(claim, status, "scrubber", reason);
                moved = true;
            }
        }
        if (moved)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return findings;
    }

    /// <summary>What the scrubber finds on a claim, without changing it.</summary>
    public async Task<IReadOnlyList<ScrubFinding>> FindAsync(Claim claim, CancellationToken cancellationToken = default) =>
        (await FindManyAsync([claim], cancellationToken))[claim.Id];

    private async Task<Dictionary<int, IReadOnlyList<ScrubFinding>>> FindManyAsync(IReadOnlyList<Claim> claims, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return [];
        }
        var sheetIds = claims.Select(c => c.ChargeSheetId).Distinct().ToList();
        var sheets = await db.ChargeSheets.AsNoTracking().Include(s => s.Diagnoses).Where(s => sheetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var patientIds = claims.Select(c => c.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var coverageIds = claims.Select(c => c.CoverageId).Distinct().ToList();
        var coverages = await db.Coverages.AsNoTracking().Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var payerIds = claims.Select(c => c.PayerId).Distinct().ToList();
        var payers = await db.Payers.AsNoTracking().Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var providerIds = sheets.Values.Select(s => s.RenderingProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var locationIds = sheets.Values.Select(s => s.LocationId).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstAsync(cancellationToken);
        var rules = await db.ScrubRules.AsNoTracking().Where(r => r.IsActive && (r.PayerId == null || payerIds.Contains(r.PayerId.Value)))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var lines = claims.SelectMany(c => c.Lines).ToList();
        var codes = await procedures.BookAsync(lines.Select(l => l.ProcedureCode), lines.SelectMany(Modifiers), cancellationToken);
        var diagnosisChecks = new Dictionary<(DateOnly, string), DiagnosisCheck>();
        foreach (var byDate in claims.GroupBy(c => c.DateOfService))
        {
            var written = byDate.SelectMany(c => sheets[c.ChargeSheetId].Diagnoses.Select(d => d.Code)).Distinct().ToList<string?>();
            var checks = await diagnoses.CheckManyAsync(written, byDate.Key, cancellationToken);
            for (var i = 0; i < written.Count; i++)
            {
                diagnosisChecks[(byDate.Key, written[i]!)] = checks[i];
            }
        }
        // Candidates for "the same services already billed": the other original claims of these patients on these dates.
        var dates = claims.Select(c => c.DateOfService).Distinct().ToList();
        var claimIds = claims.Select(c => c.Id).ToList();
        var others = await db.Claims.AsNoTracking().Include(o => o.Lines)
            .Where(o => patientIds.Contains(o.PatientId) && dates.Contains(o.DateOfService) && !claimIds.Contains(o.Id)
                && o.Status != ClaimStatuses.Cancelled && o.Frequency == ClaimFrequencies.Original)
            .ToListAsync(cancellationToken);
        // A primary claim names the patient's secondary insurance (2330A/B); the 837P needs its member ID and payer ID.
        var primaryPatients = claims.Where(c => c.PayerSequence == "P").Select(c => c.PatientId).Distinct().ToList();
        var secondaries = await db.Coverages.AsNoTracking().Include(c => c.Payer)
            .Where(c => primaryPatients.Contains(c.PatientId) && c.Priority == CoveragePriorities.Secondary).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var findings = new Dictionary<int, IReadOnlyList<ScrubFinding>>();
        foreach (var claim in claims)
        {
            var sheet = sheets[claim.ChargeSheetId];
            var location = locations[sheet.LocationId];
            var context = new ClaimContext(claim, sheet, patients[claim.PatientId], coverages[claim.CoverageId], payers[claim.PayerId],
                providers[sheet.RenderingProviderId], location, organization, codes,
                code => diagnosisChecks[(claim.DateOfService, code)],
                others.Where(o => o.PatientId == claim.PatientId && o.PayerId == claim.PayerId && o.DateOfService == claim.DateOfService
                    && o.ChargeSheetId != claim.ChargeSheetId).ToList(),
                Scheduling.LocalTimes.DateAt(now, location.TimeZoneId));
            var found = new List<ScrubFinding>();
            foreach (var rule in rules.Where(r => r.PayerId is null || r.PayerId == claim.PayerId))
            {
                foreach (var (field, message) in Check(rule, context))
                {
                    var text = rule.Note is { Length: > 0 } note ? $"{message} ({note})" : message;
                    if (!found.Any(f => f.Field == field && f.Message == text))
                    {
                        found.Add(new ScrubFinding(rule.Kind, rule.Severity, field, text));
                    }
                }
            }
            if (claim.PayerSequence == "P"
                && secondaries.InForce(claim.PatientId, CoveragePriorities.Secondary, claim.DateOfService) is { } secondary)
            {
                found.AddRange(OtherCoverageProblems(secondary));
            }
            findings[claim.Id] = found;
        }
        return findings;
    }

    /// <summary>
    /// What the 837P's other-subscriber loops need of the secondary coverage; the batch would be refused whole without it.
    /// Not a ScrubRules row: it is the file format's requirement, not a payer's policy, so no office should be able to turn it off.
    /// </summary>
    private static IEnumerable<ScrubFinding> OtherCoverageProblems(Coverage secondary)
    {
        var payer = secondary.Payer?.Name ?? "the secondary payer";
        if ((secondary.MemberId?.Trim().Length ?? 0) < 2)
        {
            yield return new ScrubFinding(ScrubRuleKinds.RequiredField, ScrubSeverities.Error, "SecondaryCoverage.MemberId",
                $"The patient's secondary insurance ({payer}) has no member ID, and the claim must name it: add it to the coverage or end that coverage.");
        }
        if ((secondary.Payer?.PayerIdentifier.Trim().Length ?? 0) < 2)
        {
            yield return new ScrubFinding(ScrubRuleKinds.RequiredField, ScrubSeverities.Error, "SecondaryCoverage.PayerId",
                $"The secondary payer {payer} has no payer ID for electronic claims: add it in the payer's set-up.");
        }
    }

    private sealed record RequiredFieldDefinition(string Name, string Label, Func<ClaimContext, string?> Value);

    /// <summary>One claim with everything its rules look at, read beforehand for the whole set of claims.</summary>
    private sealed record ClaimContext(Claim Claim, ChargeSheet Sheet, Patient Patient, Coverage Coverage, Payer Payer, Provider Provider,
        Location Location, Organization Organization, ProcedureCodeBook Codes, Func<string, DiagnosisCheck> Diagnosis,
        IReadOnlyList<Claim> SameDayClaims, DateOnly Today);

    private static IEnumerable<(string Field, string Message)> Check(ScrubRule rule, ClaimContext c)
    {
        var p = rule.Parameter.Trim();
        switch (rule.Kind)
        {
            case ScrubRuleKinds.RequiredField:
                return Fields.FirstOrDefault(f => f.Name == p) switch
                {
                    null => [("ScrubRules", $"Rule {rule.Id} names an unknown field '{p}'.")],
                    var field when string.IsNullOrEmpty(field.Value(c)) => [(p, $"{field.Label} is missing, and {c.Payer.Name} needs it on the claim.")],
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
                    if (c.Diagnosis(dx.Code) is { IsBillable: false } check)
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
                return c.Claim.Lines.SelectMany(line =>
                    (c.Codes.Check(line.ProcedureCode) is { IsBillable: false } check
                        ? [($"Lines[{line.LineNumber}].ProcedureCode", check.Problem!)]
                        : Array.Empty<(string, string)>())
                    .Concat(c.Codes.UnknownModifiers(Modifiers(line)).Select(problem => ($"Lines[{line.LineNumber}].Modifiers", problem))))
                    .ToList();
            case ScrubRuleKinds.NoFutureService:
                return c.Claim.DateOfService > c.Today
                    ? [("DateOfService", $"The date of service {c.Claim.DateOfService:MM/dd/yyyy} is in the future: bill it after the visit.")]
                    : [];
            case ScrubRuleKinds.TimelyFiling:
                if (!ScrubRuleParameters.TryFilingDays(p, out var days))
                {
                    return [("ScrubRules", $"Rule {rule.Id} (timely filing) needs a number of days, not '{p}'.")];
                }
                var deadline = c.Claim.DateOfService.AddDays(days);
                return c.Today > deadline
                    ? [("DateOfService", $"{c.Payer.Name} takes claims up to {days} days after the service; the limit for {c.Claim.DateOfService:MM/dd/yyyy} was {deadline:MM/dd/yyyy}. Appeal with proof of timely filing, or write it off.")]
                    : [];
            case ScrubRuleKinds.DuplicateClaim:
                if (c.Claim.Frequency != ClaimFrequencies.Original)
                {
                    return [];
                }
                var codes = string.Join(",", c.Claim.Lines.Select(l => l.ProcedureCode).Order(StringComparer.Ordinal));
                return c.SameDayClaims.Where(o => string.Join(",", o.Lines.Select(l => l.ProcedureCode).Order(StringComparer.Ordinal)) == codes)
                    .Select(o => ("Claim", $"Claim {o.ClaimNumber} already bills {c.Payer.Name} for the same services on {c.Claim.DateOfService:MM/dd/yyyy}: a duplicate would be denied."))
                    .Take(1).ToList();
            case ScrubRuleKinds.ModifierConflict:
                if (!ScrubRuleParameters.TryModifierPair(p, out var first, out var second))
                {
                    return [("ScrubRules", $"Rule {rule.Id} (modifier conflict) needs two modifiers, e.g. 26,TC.")];
                }
                return c.Claim.Lines.Where(l => Modifiers(l).Contains(first, StringComparer.OrdinalIgnoreCase) && Modifiers(l).Contains(second, StringComparer.OrdinalIgnoreCase))
                    .Select(l => ($"Lines[{l.LineNumber}].Modifiers", $"Line {l.LineNumber} ({l.ProcedureCode}) has both {first} and {second}, which exclude each other: keep the one that describes the service."))
                    .ToList();
            case ScrubRuleKinds.ModifierOnlyWith:
                if (!ScrubRuleParameters.TryModifierOnlyWith(p, out var modifier, out var ranges))
                {
                    return [("ScrubRules", $"Rule {rule.Id} (modifier only with) needs modifier:codes, e.g. 25:99202-99215.")];
                }
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

    private static IReadOnlyList<string> Modifiers(ClaimLine line) =>
        line.Modifiers.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool InRange(string code, string range)
    {
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? string.Equals(code, range, StringComparison.OrdinalIgnoreCase)
            : string.CompareOrdinal(code, range[..dash]) >= 0 && string.CompareOrdinal(code, range[(dash + 1)..]) <= 0 && code.Length == range[..dash].Length;
    }
}

/// <summary>How a rule row's parameter is written, read one way by the scrubber and by the form that adds the row.</summary>
public static class ScrubRuleParameters
{
    /// <summary>"365": the payer's filing limit in days (1 to 3650).</summary>
    public static bool TryFilingDays(string parameter, out int days) =>
        int.TryParse(parameter.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= 3650;

    /// <summary>"26,TC": two modifiers that exclude each other.</summary>
    public static bool TryModifierPair(string parameter, out string first, out string second)
    {
        var pair = parameter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        (first, second) = pair.Length == 2 ? (pair[0], pair[1]) : ("", "");
        return pair.Length == 2 && pair.All(Coding.Modifiers.IsWellFormed);
    }

    /// <summary>"25:99202-99215,99381-99397": a modifier and the codes or code ranges it belongs with.</summary>
    public static bool TryModifierOnlyWith(string parameter, out string modifier, out IReadOnlyList<string> ranges)
    {
        var colon = parameter.IndexOf(':', StringComparison.Ordinal);
        modifier = colon > 0 ? parameter[..colon].Trim() : "";
        ranges = colon > 0 ? parameter[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        return Coding.Modifiers.IsWellFormed(modifier) && ranges.Count > 0;
    }
}
