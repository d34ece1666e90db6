using FuzzySharp;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Patients;

public sealed record PatientSearchHit(
    int Id, string Mrn, string Name, DateOnly DateOfBirth, string SexAtBirth, string? Phone, string? City, string Status, int Score);

/// <summary>
/// The front desk's one search box: names (typo-tolerant), a date of birth in common formats, a phone number, an MRN
/// or a member ID, in any mix. Candidates come from indexed keys (exact, prefix, Soundex) so the database never scans
/// every row; only the few candidates are scored for similarity in memory.
/// </summary>
public sealed class PatientSearch(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    private const int CandidateLimit = 200;

    public async Task<List<PatientSearchHit>> SearchAsync(string query, Actor actor, int limit = 20, CancellationToken cancellationToken = default)
    {
        var hits = await FindAsync(query, limit, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Demographics,
            Detail: $"patient search \"{query.Trim()}\": {hits.Count} results"), cancellationToken);
        return hits;
    }

    /// <summary>The search itself, without the audit row (the benchmark measures this).</summary>
    public async Task<List<PatientSearchHit>> FindAsync(string query, int limit = 20, CancellationToken cancellationToken = default)
    {
        var parsed = SearchQuery.Parse(query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (parsed.IsEmpty)
        {
            return [];
        }

        // Merged-away charts are dropped after the fetch (Live), not in SQL: once a few merges exist, SQLite's statistics
        // make "MergedIntoPatientId IS NULL" look selective (a few hundred rows per value), and it then reads every live row
        // through that index instead of the name, phone or date index: 250-900 ms at 1M patients (bench/README.md).
        var candidates = db.Patients.AsNoTracking();
        if (parsed.SpacedMemberIdKey is { } spacedKey)
        {
            // "XYZ 123 456" is one member ID typed with spaces, not a name and two numbers: a holder of it is the answer.
            var holders = db.Coverages.Where(c => c.MemberIdKey == spacedKey).Select(c => c.PatientId);
            var byWholeId = Live(await candidates.Where(p => holders.Contains(p.Id)).Take(CandidateLimit).ToListAsync(cancellationToken));
            if (byWholeId.Count > 0)
            {
                return Rank(byWholeId, parsed with { NameTokens = [] }, limit);
            }
        }

        List<Patient> found;
        if (parsed.Identifier is { } identifier)
        {
            var key = Coverage.KeyOf(identifier)!;
            var byCoverage = db.Coverages.Where(c => c.MemberIdKey == key).Select(c => c.PatientId);
            // One indexed look-up per alternative joined by UNION ALL, not one OR: PostgreSQL cannot use an index for
            // "Mrn = @id OR Id IN (subquery)" and reads every row (200+ ms at 1M patients).
            var byIdentifier = candidates.Where(p => p.Mrn == identifier).Concat(candidates.Where(p => byCoverage.Contains(p.Id)));
            // Eight digits can be both an MRN and a birth date (01011980): show either.
            if (parsed.IdentifierAsDate is { } alsoDate)
            {
                byIdentifier = byIdentifier.Concat(candidates.Where(p => p.DateOfBirth == alsoDate));
            }
            found = (await byIdentifier.Take(CandidateLimit).ToListAsync(cancellationToken)).DistinctBy(p => p.Id).ToList();
        }
        else if (parsed.Phone is { } phone)
        {
            found = await candidates.Where(p => p.MobilePhone == phone || p.HomePhone == phone || p.WorkPhone == phone)
                .Take(CandidateLimit).ToListAsync(cancellationToken);
        }
        else if (parsed.DateOfBirth is { } dob)
        {
            found = await candidates.Where(p => p.DateOfBirth == dob).Take(CandidateLimit).ToListAsync(cancellationToken);
        }
        else
        {
            found = await ByNameAsync(candidates, parsed, cancellationToken);
        }

        found = Live(found);
        if (parsed.DateOfBirth is { } birth)
        {
            found = found.Where(p => p.DateOfBirth == birth).ToList();
        }
        return Rank(found, parsed, limit);
    }

    private static List<Patient> Live(List<Patient> found) => found.Where(p => p.MergedIntoPatientId == null).ToList();

    private static List<PatientSearchHit> Rank(List<Patient> found, SearchQuery parsed, int limit) =>
        found
            .Select(p => (Patient: p, Score: Score(p, parsed)))
            .Where(x => parsed.NameTokens.Count == 0 || x.Score >= 50)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Patient.LegalLastName).ThenBy(x => x.Patient.LegalFirstName)
            .Take(limit)
            .Select(x => new PatientSearchHit(x.Patient.Id, x.Patient.Mrn, x.Patient.DisplayName, x.Patient.DateOfBirth, x.Patient.SexAtBirth,
                x.Patient.MobilePhone ?? x.Patient.HomePhone ?? x.Patient.WorkPhone, x.Patient.City, x.Patient.Status, x.Score))
            .ToList();

    private async Task<List<Patient>> ByNameAsync(IQueryable<Patient> candidates, SearchQuery parsed, CancellationToken cancellationToken)
    {
        var tokens = parsed.NameTokens;
        if (tokens.Count == 1)
        {
            var t = tokens[0];
            var sound = NameKeys.Soundex(t);
            var upper = UpperBound(t);
            // Exact and prefix matches first, then sound-alikes, so a common surname still shows its exact matches.
            var exact = await candidates
                .Where(p => (string.Compare(p.LastNameKey, t) >= 0 && string.Compare(p.LastNameKey, upper) < 0)
                    || (string.Compare(p.FirstNameKey, t) >= 0 && string.Compare(p.FirstNameKey, upper) < 0))
                .Take(CandidateLimit).ToListAsync(cancellationToken);
            if (exact.Count >= CandidateLimit)
            {
                return exact;
            }
            var seen = exact.Select(p => p.Id).ToHashSet();
            var alike = await candidates.Where(p => p.LastNameSound == sound || p.FirstNameSound == sound)
                .Take(CandidateLimit).ToListAsync(cancellationToken);
            return exact.Concat(alike.Where(p => seen.Add(p.Id))).ToList();
        }

        // Two or more words: the first and the last are taken as first and last name, in either order ("jon smith", "smith jon").
        var a = tokens[0];
        var b = tokens[^1];
        if (parsed.LastNameFirst)
        {
            (a, b) = (b, a);
        }
        var soundA = NameKeys.Soundex(a);
        var soundB = NameKeys.Soundex(b);
        var upperA = UpperBound(a);
        var upperB = UpperBound(b);
        return await candidates
            .Where(p => (p.LastNameSound == soundB && p.FirstNameSound == soundA)
                || (p.LastNameSound == soundA && p.FirstNameSound == soundB)
                || (string.Compare(p.LastNameKey, b) >= 0 && string.Compare(p.LastNameKey, upperB) < 0
                    && string.Compare(p.FirstNameKey, a) >= 0 && string.Compare(p.FirstNameKey, upperA) < 0)
                || (string.Compare(p.LastNameKey, a) >= 0 && string.Compare(p.LastNameKey, upperA) < 0
                    && string.Compare(p.FirstNameKey, b) >= 0 && string.Compare(p.FirstNameKey, upperB) < 0))
            .Take(CandidateLimit).ToListAsync(cancellationToken);
    }

    private static int Score(Patient p, SearchQuery parsed)
    {
        if (parsed.NameTokens.Count == 0)
        {
            return 100;
        }
        var typed = string.Join(' ', parsed.NameTokens);
        var full = $"{p.FirstNameKey} {p.LastNameKey}";
        var preferred = NameKeys.Normalize(p.PreferredName);
        var score = Math.Max(Fuzz.TokenSortRatio(typed, full), Fuzz.PartialTokenSortRatio(typed, full) - 5);
        if (preferred.Length > 0)
        {
            score = Math.Max(score, Fuzz.TokenSortRatio(typed, $"{preferred} {p.LastNameKey}"));
        }
        if (parsed.NameTokens.Contains(p.LastNameKey))
        {
            score += 5;
        }
        return Math.Min(score, 100);
    }

    // The smallest string greater than every string starting with the prefix: "smi" -> "smj".
    private static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}

/// <summary>What the user typed, split into the kinds of thing it can be.</summary>
/// <param name="IdentifierAsDate">The identifier read as a birth date, when it is both (an 8-digit date can pass the MRN check).</param>
/// <param name="SpacedMemberIdKey">The whole query as one member ID key, when it could be a member ID typed with spaces ("XYZ 123 456").</param>
public sealed record SearchQuery(IReadOnlyList<string> NameTokens, bool LastNameFirst, DateOnly? DateOfBirth, string? Phone, string? Identifier,
    DateOnly? IdentifierAsDate = null, string? SpacedMemberIdKey = null)
{
    public bool IsEmpty => NameTokens.Count == 0 && DateOfBirth is null && Phone is null && Identifier is null;

    public static SearchQuery Parse(string text, DateOnly today)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return new([], false, null, null, null);
        }
        // A whole query of phone characters with 10 or 11 digits is a phone number, however it is spaced.
        if (text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+')
            && text.Count(char.IsAsciiDigit) is 10 or 11 && ContactFormats.TryParsePhone(text, out var phone))
        {
            return new([], false, null, phone, null);
        }

        var names = new List<string>();
        DateOnly? dob = null;
        string? identifier = null;
        DateOnly? identifierAsDate = null;
        var lastNameFirst = text.Contains(',');
        var pieces = text.Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var raw in pieces)
        {
            if (raw.Any(char.IsAsciiDigit))
            {
                var isDate = ContactFormats.TryParseDate(raw, today, out var date);
                if (dob is null && isDate && !Mrns.IsValid(raw))
                {
                    dob = date;
                }
                else if (identifier is null)
                {
                    identifier = raw.ToUpperInvariant();
                    identifierAsDate = isDate ? date : null;
                }
                continue;
            }
            var key = NameKeys.Normalize(raw);
            if (key.Length > 0)
            {
                names.Add(key);
            }
        }
        var spacedMemberId = pieces.Length > 1 && text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-')
            ? Coverage.KeyOf(text)
            : null;
        return new(names, lastNameFirst && names.Count >= 2, dob, null, identifier, identifierAsDate, spacedMemberId);
    }
}
