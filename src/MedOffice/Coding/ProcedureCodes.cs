using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Coding;

public sealed record ProcedureCodeInfo(string Code, string CodeSystem, string ShortDescription, string LongDescription, bool IsActive);

/// <summary>The procedure codes and modifiers one sheet or claim uses, looked up once; the checks themselves need no database.</summary>
public sealed class ProcedureCodeBook(IReadOnlyDictionary<string, ProcedureCodeInfo> codes, IReadOnlySet<string> knownModifiers)
{
    public ProcedureCheck Check(string? input)
    {
        var written = input?.Trim() ?? "";
        if (!ProcedureCode.TryParse(written, out var code))
        {
            return new ProcedureCheck(written, null,
                $"'{written}' is not a CPT code (five digits, or four and F, T or U) or a HCPCS code (a letter A–V and four digits).");
        }
        if (!codes.TryGetValue(code.Value.Value, out var found))
        {
            return new ProcedureCheck(written, null, code.Value.CodeSystem == ProcedureCodeSystems.Cpt
                ? $"CPT {code.Value} is not in the office's CPT list: add it with the office's description under Coding."
                : $"HCPCS {code.Value} is not in the loaded HCPCS file.");
        }
        return found.IsActive
            ? new ProcedureCheck(written, found, null)
            : new ProcedureCheck(written, found, $"{found.CodeSystem} {found.Code} was dropped from the current code set and cannot be billed.");
    }

    /// <summary>The modifiers that are not known (neither from the HCPCS file nor typed by the office), each with why.</summary>
    public IReadOnlyList<string> UnknownModifiers(IEnumerable<string?> modifiers) =>
        modifiers.Select(Normalize).Where(m => m.Length > 0).Distinct().Where(m => !knownModifiers.Contains(m))
            .Select(m => Modifiers.IsWellFormed(m) ? $"Modifier {m} is not in the office's modifier list." : $"'{m}' is not a modifier (two letters or digits).")
            .ToList();

    internal static string Normalize(string? modifier) => modifier?.Trim().ToUpperInvariant() ?? "";
}

public sealed record ProcedureCheck(string Input, ProcedureCodeInfo? Code, string? Problem)
{
    public bool IsBillable => Problem is null;
}

/// <summary>
/// Procedure codes (HCPCS and the office's CPT), modifiers and Place of Service: search by code or words, checks on
/// entry, and providers' favourite codes (diagnoses and procedures alike).
/// </summary>
public sealed class ProcedureCodes(MedOfficeDb db, AuditTrail audit)
{
    public async Task<IReadOnlyList<ProcedureCodeInfo>> SearchAsync(string? query, int? providerId, int limit = 20, CancellationToken cancellationToken = default)
    {
        var text = query?.Trim() ?? "";
        var codes = db.BillingCodes.AsNoTracking().Where(c => c.IsActive);
        if (text.Length == 0)
        {
            if (providerId is null)
            {
                return [];
            }
            var favorites = await db.CodeFavorites.AsNoTracking().Where(f => f.ProviderId == providerId && f.Kind != CodeKinds.Icd10Cm)
                .OrderBy(f => f.SortOrder).Select(f => f.Code).ToListAsync(cancellationToken);
            var found = await codes.Where(c => favorites.Contains(c.Code)).Select(Info()).ToListAsync(cancellationToken);
            return found.OrderBy(c => favorites.IndexOf(c.Code)).Take(limit).ToList();
        }
        var upper = text.ToUpperInvariant();
        if (upper.Length <= 5 && upper.All(char.IsAsciiLetterOrDigit) && upper.Any(char.IsAsciiDigit))
        {
            return await codes.Where(c => c.Code.StartsWith(upper)).OrderBy(c => c.Code).Take(limit).Select(Info()).ToListAsync(cancellationToken);
        }
        foreach (var word in DiagnosisIndex.Words(text).Distinct())
        {
            var pattern = $"%{word}%";
            codes = codes.Where(c => EF.Functions.Like(c.LongDescription.ToLower(), pattern));
        }
        return await codes.OrderBy(c => c.LongDescription.Length).ThenBy(c => c.Code).Take(limit).Select(Info()).ToListAsync(cancellationToken);
    }

    public async Task<ProcedureCheck> CheckAsync(string? input, CancellationToken cancellationToken = default) =>
        (await BookAsync([input], [], cancellationToken)).Check(input);

    /// <summary>The modifiers that are not known (neither from the HCPCS file nor typed by the office), each with why.</summary>
    public async Task<IReadOnlyList<string>> UnknownModifiersAsync(IEnumerable<string> modifiers, CancellationToken cancellationToken = default)
    {
        var list = modifiers.ToList();
        return (await BookAsync([], list, cancellationToken)).UnknownModifiers(list);
    }

    /// <summary>
    /// The codes and modifiers a sheet or claim uses, read in two statements, so checking its lines costs no query per line.
    /// </summary>
    public async Task<ProcedureCodeBook> BookAsync(IEnumerable<string?> codes, IEnumerable<string?> modifiers, CancellationToken cancellationToken = default)
    {
        var wanted = codes.Select(c => ProcedureCode.TryParse(c, out var code) ? code.Value.Value : null).OfType<string>().Distinct().ToList();
        var wantedModifiers = modifiers.Select(ProcedureCodeBook.Normalize).Where(m => m.Length > 0).Distinct().ToList();
        var found = wanted.Count == 0 ? []
            : await db.BillingCodes.AsNoTracking().Where(c => wanted.Contains(c.Code)).Select(Info()).ToDictionaryAsync(c => c.Code, cancellationToken);
        var known = wantedModifiers.Count == 0 ? []
            : await db.BillingModifiers.AsNoTracking().Where(m => wantedModifiers.Contains(m.Code)).Select(m => m.Code).ToListAsync(cancellationToken);
        return new ProcedureCodeBook(found, known.ToHashSet(StringComparer.Ordinal));
    }

    public async Task<Result<CodeFavorite>> AddFavoriteAsync(int providerId, string? kind, string? code, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
        {
            return Result<CodeFavorite>.Fail("ProviderId", "No such provider.");
        }
        string value;
        if (kind is not (CodeKinds.Icd10Cm or CodeKinds.Cpt or CodeKinds.Hcpcs))
        {
            return Result<CodeFavorite>.Fail("Kind", $"Kind must be {CodeKinds.Icd10Cm}, {CodeKinds.Cpt} or {CodeKinds.Hcpcs}.");
        }
        if (kind == CodeKinds.Icd10Cm)
        {
            if (!IcdCode.TryParse(code, out var icd))
            {
                return Result<CodeFavorite>.Fail("Code", $"'{code}' is not written like an ICD-10-CM code.");
            }
            value = icd.Value.Value;
        }
        else
        {
            var check = await CheckAsync(code, cancellationToken);
            if (!check.IsBillable)
            {
                return Result<CodeFavorite>.Fail("Code", check.Problem!);
            }
            (value, kind) = (check.Code!.Code, check.Code.CodeSystem);
        }
        var existing = await db.CodeFavorites.FirstOrDefaultAsync(f => f.ProviderId == providerId && f.Kind == kind && f.Code == value, cancellationToken);
        if (existing is not null)
        {
            return Result<CodeFavorite>.Ok(existing);
        }
        var order = await db.CodeFavorites.Where(f => f.ProviderId == providerId).Select(f => (int?)f.SortOrder).MaxAsync(cancellationToken) ?? 0;
        var favorite = new CodeFavorite { ProviderId = providerId, Kind = kind, Code = value, SortOrder = order + 1 };
        db.CodeFavorites.Add(favorite);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, Detail: $"favourite {kind} {value} for provider {providerId}"), cancellationToken);
        return Result<CodeFavorite>.Ok(favorite);
    }

    public async Task<bool> RemoveFavoriteAsync(int favoriteId, Actor actor, CancellationToken cancellationToken = default)
    {
        var favorite = await db.CodeFavorites.FindAsync([favoriteId], cancellationToken);
        if (favorite is null)
        {
            return false;
        }
        db.CodeFavorites.Remove(favorite);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Delete, AuditCategories.Billing,
            Detail: $"favourite {favorite.Kind} {favorite.Code} for provider {favorite.ProviderId}"), cancellationToken);
        return true;
    }

    private static System.Linq.Expressions.Expression<Func<BillingCode, ProcedureCodeInfo>> Info() =>
        c => new ProcedureCodeInfo(c.Code, c.CodeSystem, c.ShortDescription, c.LongDescription, c.IsActive);
}
