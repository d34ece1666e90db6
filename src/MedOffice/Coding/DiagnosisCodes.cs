using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Coding;

/// <summary>
/// The loaded ICD-10-CM years held in memory, one index per fiscal year, shared by every request of this app node.
/// Each use first reads the code-import log (a tiny table): a new import anywhere — this node or another — drops them.
/// </summary>
public sealed class DiagnosisIndexCache
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    // The indexes and the import they were built from, swapped together: a reader never pairs one import's id with another's index.
    private sealed record Snapshot(int ImportId, IReadOnlyDictionary<int, DiagnosisIndex> Indexes);

    private Snapshot _snapshot = new(-1, new Dictionary<int, DiagnosisIndex>());

    internal async Task<(DiagnosisIndex? Index, IReadOnlyList<int> LoadedYears)> GetAsync(MedOfficeDb db, int? fiscalYear, CancellationToken cancellationToken)
    {
        var imports = await db.CodeSetImports.AsNoTracking().Where(i => i.Kind == CodeKinds.Icd10Cm)
            .Select(i => new { i.Id, i.Version }).ToListAsync(cancellationToken);
        var years = imports.Where(i => i.Version is not null).Select(i => i.Version!.Value).Distinct().Order().ToList();
        if (years.Count == 0)
        {
            return (null, years);
        }
        // The year asked for if loaded; else the latest loaded before it; else the earliest loaded.
        var year = fiscalYear is not { } wanted ? years[^1]
            : years.Contains(wanted) ? wanted
            : years.LastOrDefault(y => y < wanted, years[0]);
        var latest = imports.Max(i => i.Id);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.ImportId == latest && snapshot.Indexes.TryGetValue(year, out var cached))
        {
            return (cached, years);
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot.ImportId == latest ? _snapshot : new Snapshot(latest, new Dictionary<int, DiagnosisIndex>());
            if (!snapshot.Indexes.TryGetValue(year, out var index))
            {
                var rows = await db.DiagnosisCodes.AsNoTracking().Where(c => c.FiscalYear == year)
                    .Select(c => new DiagnosisCodeInfo(c.Code, c.IsBillable, c.ShortDescription, c.LongDescription)).ToListAsync(cancellationToken);
                index = new DiagnosisIndex(year, rows);
                snapshot = snapshot with { Indexes = new Dictionary<int, DiagnosisIndex>(snapshot.Indexes) { [year] = index } };
            }
            Volatile.Write(ref _snapshot, snapshot);
            return (index, years);
        }
        finally
        {
            _loading.Release();
        }
    }
}

public sealed record DiagnosisSearchResult(int? FiscalYear, IReadOnlyList<DiagnosisCodeInfo> Codes, string? Note);

/// <summary>What the check found: the code as written, whether it may go on a claim, and if not, why in words.</summary>
public sealed record DiagnosisCheck(string Input, DiagnosisCodeInfo? Code, int? FiscalYear, string? Problem)
{
    public bool IsBillable => Problem is null;
}

/// <summary>ICD-10-CM search (by code or by words, a provider's favourites first) and the billable-on-this-date check.</summary>
public sealed class DiagnosisCodes(MedOfficeDb db, DiagnosisIndexCache cache)
{
    public async Task<DiagnosisSearchResult> SearchAsync(string? query, DateOnly? dateOfService, int? providerId, int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var (index, years) = await cache.GetAsync(db, dateOfService is { } d ? IcdCode.FiscalYearOf(d) : null, cancellationToken);
        if (index is null)
        {
            return new DiagnosisSearchResult(null, [], "No ICD-10-CM codes are loaded yet: import the CMS file under Coding.");
        }
        var favorites = providerId is { } id
            ? await db.CodeFavorites.AsNoTracking().Where(f => f.ProviderId == id && f.Kind == CodeKinds.Icd10Cm)
                .OrderBy(f => f.SortOrder).Select(f => f.Code).ToListAsync(cancellationToken)
            : [];
        var text = query?.Trim() ?? "";
        IReadOnlyList<DiagnosisCodeInfo> codes;
        if (text.Length == 0)
        {
            codes = favorites.Select(index.Find).OfType<DiagnosisCodeInfo>().Take(limit).ToList();
        }
        else if (LooksLikeCode(text, out var prefix))
        {
            codes = index.Prefixed(prefix).OrderByDescending(c => favorites.Contains(c.Code)).ThenBy(c => c.Code, StringComparer.Ordinal).Take(limit).ToList();
        }
        else
        {
            codes = index.SearchWords(text, limit, favorites.ToHashSet(StringComparer.Ordinal));
        }
        var wanted = dateOfService is { } day ? IcdCode.FiscalYearOf(day) : (int?)null;
        var note = wanted is { } fy && fy != index.FiscalYear
            ? $"FY{fy} codes are not loaded; showing FY{index.FiscalYear} (loaded: {string.Join(", ", years)})."
            : null;
        return new DiagnosisSearchResult(index.FiscalYear, codes, note);
    }

    /// <summary>Is this a billable ICD-10-CM code for a service on this date? Checked against that date's fiscal year when loaded.</summary>
    public async Task<DiagnosisCheck> CheckAsync(string? input, DateOnly dateOfService, CancellationToken cancellationToken = default) =>
        (await CheckManyAsync([input], dateOfService, cancellationToken))[0];

    /// <summary>The same check for every code of a sheet or claim, against one read of the code set.</summary>
    public async Task<IReadOnlyList<DiagnosisCheck>> CheckManyAsync(IReadOnlyList<string?> inputs, DateOnly dateOfService, CancellationToken cancellationToken = default)
    {
        var fy = IcdCode.FiscalYearOf(dateOfService);
        var (index, _) = inputs.Any(i => IcdCode.TryParse(i, out _)) ? await cache.GetAsync(db, fy, cancellationToken) : (null, []);
        return inputs.Select(input => Check(input, dateOfService, fy, index)).ToList();
    }

    private static DiagnosisCheck Check(string? input, DateOnly dateOfService, int fy, DiagnosisIndex? index)
    {
        var written = input?.Trim() ?? "";
        if (!IcdCode.TryParse(written, out var code))
        {
            return new DiagnosisCheck(written, null, null, $"'{written}' is not written like an ICD-10-CM code (a letter, a digit, then up to five letters or digits, e.g. E11.9).");
        }
        if (index is null)
        {
            return new DiagnosisCheck(written, null, null, "No ICD-10-CM codes are loaded, so the code cannot be checked: import the CMS file under Coding.");
        }
        if (index.FiscalYear != fy)
        {
            return new DiagnosisCheck(written, index.Find(code.Value.Value), index.FiscalYear,
                $"The FY{fy} ICD-10-CM codes (services from {new DateOnly(fy - 1, 10, 1):yyyy-MM-dd}) are not loaded, so {code.Value.Display} cannot be checked for {dateOfService:yyyy-MM-dd}: import them under Coding.");
        }
        var found = index.Find(code.Value.Value);
        if (found is null)
        {
            var near = index.Prefixed(code.Value.Value[..3]).Any() ? $" (category {code.Value.Value[..3]} exists: pick one of its codes)" : "";
            return new DiagnosisCheck(written, null, fy, $"{code.Value.Display} is not an ICD-10-CM code in FY{fy}{near}.");
        }
        if (!found.IsBillable)
        {
            var examples = index.BillableUnder(found.Code).Take(3).Select(c => c.Display).ToList();
            return new DiagnosisCheck(written, found, fy,
                $"{found.Display} ({found.ShortDescription}) is a category header, not billable: code it to the full depth{(examples.Count > 0 ? $", e.g. {string.Join(", ", examples)}" : "")}.");
        }
        return new DiagnosisCheck(written, found, fy, null);
    }

    private static bool LooksLikeCode(string text, out string prefix)
    {
        var bare = text.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        prefix = bare;
        return bare.Length is >= 1 and <= 7 && char.IsAsciiLetterUpper(bare[0]) && (bare.Length == 1 || char.IsAsciiDigit(bare[1]))
            && bare.All(char.IsAsciiLetterOrDigit) && !text.Contains(' ', StringComparison.Ordinal);
    }
}
