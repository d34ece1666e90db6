using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Coding;

public sealed record CodeImportSummary(string Kind, int? Version, int Rows, int Billable, int Inactivated, string Layout);

/// <summary>
/// Loads code files: ICD-10-CM by fiscal year (the CMS order file, its tab-separated form, or the CMS billable-codes
/// list), HCPCS Level II (CMS record layout as CSV: code, sequence, record id, long and short description), the
/// office's own CPT list (CSV with code and description columns) and Place of Service codes. A file with any bad line is
/// refused with the line numbers and nothing changes; a good file replaces what it covers in one transaction.
/// </summary>
public sealed partial class CodeSetImporter(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    private const int MaxReportedErrors = 20;

    public async Task<Result<CodeImportSummary>> ImportIcd10CmAsync(Stream file, string fileName, int? fiscalYear, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var year = fiscalYear ?? YearInName(fileName);
        if (year is not { } fy)
        {
            return Result<CodeImportSummary>.Fail("FiscalYear", $"Say which fiscal year {Path.GetFileName(fileName)} holds (e.g. 2025): the file name does not.");
        }
        if (fy is < 2015 or > 2100)
        {
            return Result<CodeImportSummary>.Fail("FiscalYear", $"{fy} is not an ICD-10-CM fiscal year (they start with 2016).");
        }
        var (codes, layout, errors) = await ReadIcdAsync(file, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<CodeImportSummary>.Fail(errors);
        }
        if (codes.Count == 0)
        {
            return Result<CodeImportSummary>.Fail("File", $"{Path.GetFileName(fileName)} holds no ICD-10-CM codes.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DiagnosisCodes.Where(c => c.FiscalYear == fy).ExecuteDeleteAsync(cancellationToken);
        await BulkWrite.InsertAsync(db, codes.Select(c => new DiagnosisCode
        {
            FiscalYear = fy, Code = c.Code, IsBillable = c.IsBillable, ShortDescription = c.ShortDescription, LongDescription = c.LongDescription,
        }).ToList(), cancellationToken);
        var summary = new CodeImportSummary(CodeKinds.Icd10Cm, fy, codes.Count, codes.Count(c => c.IsBillable), 0, layout);
        await RecordAsync(summary, fileName, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CodeImportSummary>.Ok(summary);
    }

    public async Task<Result<CodeImportSummary>> ImportHcpcsAsync(Stream file, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        var rows = new List<(string Code, int Sequence, int RecordId, string Long, string Short, int Line)>();
        var errors = new List<FieldError>();
        using (var reader = new StreamReader(file))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null }))
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
            {
                return Result<CodeImportSummary>.Fail("File", "The HCPCS file is empty.");
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToUpperInvariant().Replace(" ", "_", StringComparison.Ordinal)).ToArray();
            int Column(params string[] names) => Array.FindIndex(header, h => names.Contains(h));
            var (code, sequence, record, longText, shortText) =
                (Column("HCPCS", "HCPC"), Column("SEQNUM", "SEQUENCE"), Column("RECID", "RECORD_ID"), Column("LONG_DESCRIPTION"), Column("SHORT_DESCRIPTION"));
            if (code < 0 || sequence < 0 || record < 0 || longText < 0)
            {
                return Result<CodeImportSummary>.Fail("File",
                    "The HCPCS file needs the CMS columns HCPCS, SEQNUM, RECID, LONG_DESCRIPTION and SHORT_DESCRIPTION in its first line.");
            }
            while (await csv.ReadAsync())
            {
                var line = csv.Parser.RawRow;
                var value = csv.GetField(code)?.Trim().ToUpperInvariant() ?? "";
                var isModifier = int.TryParse(csv.GetField(record), NumberStyles.None, CultureInfo.InvariantCulture, out var recordId) && recordId is 7 or 8;
                if (!int.TryParse(csv.GetField(sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || recordId is not (3 or 4 or 7 or 8))
                {
                    AddError(errors, line, $"sequence number and record id (3, 4, 7 or 8) expected, found '{csv.GetField(sequence)}' and '{csv.GetField(record)}'.");
                    continue;
                }
                if (isModifier ? !Modifiers.IsWellFormed(value) : !(ProcedureCode.TryParse(value, out var parsed) && parsed.Value.CodeSystem == ProcedureCodeSystems.Hcpcs))
                {
                    AddError(errors, line, $"'{value}' is not a HCPCS {(isModifier ? "modifier" : "code")}.");
                    continue;
                }
                rows.Add((value, seq, recordId, csv.GetField(longText)?.Trim() ?? "", shortText >= 0 ? csv.GetField(shortText)?.Trim() ?? "" : "", line));
            }
        }
        if (errors.Count > 0)
        {
            return Result<CodeImportSummary>.Fail(errors);
        }
        // A long description runs on over continuation records (4 after 3, 8 after 7) in sequence order.
        var entries = rows.GroupBy(r => (r.Code, Modifier: r.RecordId is 7 or 8))
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.Sequence).ToList();
                var text = string.Join(" ", ordered.Select(r => r.Long).Where(t => t.Length > 0));
                var shortDescription = ordered.Select(r => r.Short).FirstOrDefault(s => s.Length > 0) ?? text.Limit(100);
                return (g.Key.Code, g.Key.Modifier, Long: text, Short: shortDescription);
            }).ToList();
        if (entries.Count == 0)
        {
            return Result<CodeImportSummary>.Fail("File", $"{Path.GetFileName(fileName)} holds no HCPCS codes.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.BillingCodes.Where(c => c.CodeSystem == ProcedureCodeSystems.Hcpcs).ToDictionaryAsync(c => c.Code, cancellationToken);
        var codes = entries.Where(e => !e.Modifier).ToList();
        foreach (var entry in codes)
        {
            if (existing.Remove(entry.Code, out var known))
            {
                (known.ShortDescription, known.LongDescription, known.IsActive, known.UpdatedAt) = (entry.Short.Limit(100), entry.Long.Limit(2000), true, now);
            }
            else
            {
                db.BillingCodes.Add(new BillingCode
                {
                    CodeSystem = ProcedureCodeSystems.Hcpcs, Code = entry.Code, ShortDescription = entry.Short.Limit(100),
                    LongDescription = entry.Long.Limit(2000), UpdatedAt = now,
                });
            }
        }
        // Codes the new file no longer lists stay for old charges, but are no longer offered.
        var inactivated = 0;
        foreach (var gone in existing.Values.Where(c => c.IsActive))
        {
            (gone.IsActive, gone.UpdatedAt) = (false, now);
            inactivated++;
        }
        var modifiers = await db.BillingModifiers.ToDictionaryAsync(m => m.Code, cancellationToken);
        foreach (var entry in entries.Where(e => e.Modifier))
        {
            if (modifiers.TryGetValue(entry.Code, out var known))
            {
                (known.Description, known.Source) = (entry.Long.Limit(400), CodeKinds.Hcpcs);
            }
            else
            {
                db.BillingModifiers.Add(new BillingModifier { Code = entry.Code, Description = entry.Long.Limit(400), Source = CodeKinds.Hcpcs });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var summary = new CodeImportSummary(CodeKinds.Hcpcs, YearInName(fileName), entries.Count, codes.Count, inactivated, "CMS HCPCS records");
        await RecordAsync(summary, fileName, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CodeImportSummary>.Ok(summary);
    }

    /// <summary>The office's licensed CPT list: a CSV with a code column and a description column (and optionally a short one).</summary>
    public async Task<Result<CodeImportSummary>> ImportCptAsync(Stream file, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        var entries = new Dictionary<string, (string Long, string Short)>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        using (var reader = new StreamReader(file))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null }))
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
            {
                return Result<CodeImportSummary>.Fail("File", "The CPT file is empty.");
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToUpperInvariant()).ToArray();
            var code = Array.FindIndex(header, h => h is "CODE" or "CPT" or "CPT CODE" or "CPT_CODE");
            var longText = Array.FindIndex(header, h => h is "DESCRIPTION" or "LONG DESCRIPTION" or "LONG_DESCRIPTION" or "DESCRIPTOR");
            var shortText = Array.FindIndex(header, h => h is "SHORT DESCRIPTION" or "SHORT_DESCRIPTION");
            if (code < 0 || longText < 0)
            {
                return Result<CodeImportSummary>.Fail("File", "The CPT file needs a 'code' column and a 'description' column in its first line.");
            }
            while (await csv.ReadAsync())
            {
                var line = csv.Parser.RawRow;
                var value = csv.GetField(code)?.Trim().ToUpperInvariant() ?? "";
                var text = csv.GetField(longText)?.Trim() ?? "";
                if (!ProcedureCode.TryParse(value, out var parsed) || parsed.Value.CodeSystem != ProcedureCodeSystems.Cpt)
                {
                    AddError(errors, line, $"'{value}' is not a CPT code (five digits, or four and F, T or U).");
                }
                else if (text.Length == 0)
                {
                    AddError(errors, line, $"{value} has no description.");
                }
                else
                {
                    entries[value] = (text, shortText >= 0 && csv.GetField(shortText)?.Trim() is { Length: > 0 } s ? s : text);
                }
            }
        }
        if (errors.Count > 0)
        {
            return Result<CodeImportSummary>.Fail(errors);
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.BillingCodes.Where(c => c.CodeSystem == ProcedureCodeSystems.Cpt).ToDictionaryAsync(c => c.Code, cancellationToken);
        foreach (var (value, text) in entries)
        {
            if (existing.TryGetValue(value, out var known))
            {
                (known.ShortDescription, known.LongDescription, known.IsActive, known.UpdatedAt) = (text.Short.Limit(100), text.Long.Limit(2000), true, now);
            }
            else
            {
                db.BillingCodes.Add(new BillingCode
                {
                    CodeSystem = ProcedureCodeSystems.Cpt, Code = value, ShortDescription = text.Short.Limit(100), LongDescription = text.Long.Limit(2000), UpdatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var summary = new CodeImportSummary(CodeKinds.Cpt, YearInName(fileName), entries.Count, entries.Count, 0, "CSV code, description");
        await RecordAsync(summary, fileName, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CodeImportSummary>.Ok(summary);
    }

    /// <summary>Adds or renames one CPT code (or modifier) the office typed in, with its own description.</summary>
    public async Task<Result<BillingCode>> SaveCptAsync(string? code, string? description, Actor actor, CancellationToken cancellationToken = default)
    {
        var text = description?.Trim() ?? "";
        if (!ProcedureCode.TryParse(code, out var parsed) || parsed.Value.CodeSystem != ProcedureCodeSystems.Cpt)
        {
            return Result<BillingCode>.Fail("Code", $"'{code}' is not a CPT code (five digits, or four and F, T or U).");
        }
        if (text.Length is 0 or > 2000)
        {
            return Result<BillingCode>.Fail("Description", "Give the description the office uses for this code (up to 2000 characters).");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.BillingCodes.FirstOrDefaultAsync(c => c.Code == parsed.Value.Value, cancellationToken);
        if (row is null)
        {
            row = new BillingCode { CodeSystem = ProcedureCodeSystems.Cpt, Code = parsed.Value.Value, ShortDescription = text.Limit(100), LongDescription = text, UpdatedAt = now };
            db.BillingCodes.Add(row);
        }
        else
        {
            (row.ShortDescription, row.LongDescription, row.IsActive, row.UpdatedAt) = (text.Limit(100), text, true, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, Detail: $"CPT {row.Code} saved"), cancellationToken);
        return Result<BillingCode>.Ok(row);
    }

    public async Task<Result<BillingModifier>> SaveModifierAsync(string? code, string? description, Actor actor, CancellationToken cancellationToken = default)
    {
        var value = code?.Trim().ToUpperInvariant() ?? "";
        var text = description?.Trim() ?? "";
        if (!Modifiers.IsWellFormed(value))
        {
            return Result<BillingModifier>.Fail("Code", $"'{code}' is not a modifier (two letters or digits).");
        }
        if (text.Length is 0 or > 400)
        {
            return Result<BillingModifier>.Fail("Description", "Give the modifier's description (up to 400 characters).");
        }
        var row = await db.BillingModifiers.FindAsync([value], cancellationToken);
        if (row is null)
        {
            row = new BillingModifier { Code = value, Description = text, Source = "Office" };
            db.BillingModifiers.Add(row);
        }
        else
        {
            row.Description = text;
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, Detail: $"modifier {value} saved"), cancellationToken);
        return Result<BillingModifier>.Ok(row);
    }

    /// <summary>CMS Place of Service list: a CSV with the code and its name (first two columns; a header line is skipped).</summary>
    public async Task<Result<CodeImportSummary>> ImportPlacesOfServiceAsync(Stream file, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        using (var reader = new StreamReader(file))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null }))
        {
            while (await csv.ReadAsync())
            {
                var line = csv.Parser.RawRow;
                var code = csv.GetField(0)?.Trim() ?? "";
                var name = csv.GetField(1)?.Trim() ?? "";
                if (line == 1 && !code.All(char.IsAsciiDigit))
                {
                    continue;
                }
                if (code.Length is < 1 or > 2 || !code.All(char.IsAsciiDigit) || name.Length == 0)
                {
                    AddError(errors, line, $"a one- or two-digit code and a name expected, found '{code}'.");
                    continue;
                }
                entries[code.PadLeft(2, '0')] = name.Limit(200);
            }
        }
        if (errors.Count > 0)
        {
            return Result<CodeImportSummary>.Fail(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.PlacesOfService.ToDictionaryAsync(p => p.Code, cancellationToken);
        foreach (var (code, name) in entries)
        {
            if (existing.TryGetValue(code, out var known))
            {
                known.Name = name;
            }
            else
            {
                db.PlacesOfService.Add(new PlaceOfService { Code = code, Name = name });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var summary = new CodeImportSummary(CodeKinds.PlaceOfService, null, entries.Count, entries.Count, 0, "CSV code, name");
        await RecordAsync(summary, fileName, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<CodeImportSummary>.Ok(summary);
    }

    private async Task RecordAsync(CodeImportSummary summary, string fileName, Actor actor, CancellationToken cancellationToken)
    {
        db.CodeSetImports.Add(new CodeSetImport
        {
            Kind = summary.Kind, Version = summary.Version, FileName = Path.GetFileName(fileName).Limit(260), Rows = summary.Rows,
            ImportedAt = time.GetUtcNow().UtcDateTime, ImportedBy = actor.UserName.Limit(100),
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing,
            Detail: $"{summary.Kind}{(summary.Version is { } v ? $" {v}" : "")} code import: {summary.Rows} rows from {Path.GetFileName(fileName)}"), cancellationToken);
    }

    private sealed record IcdRow(string Code, bool IsBillable, string ShortDescription, string LongDescription);

    /// <summary>
    /// Reads any of the three ICD-10-CM layouts, decided by the first line: the CMS order file (fixed columns: order
    /// number, code, header/billable flag, short and long description), the same as tab-separated text with a header line,
    /// or the CMS billable-codes list (code, spaces, description; every code billable).
    /// </summary>
    private static async Task<(List<IcdRow> Codes, string Layout, List<FieldError> Errors)> ReadIcdAsync(Stream file, CancellationToken cancellationToken)
    {
        var codes = new List<IcdRow>(100_000);
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(file);
        string? layout = null;
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } raw)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (number == 1 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }
            layout ??= line.StartsWith("code\t", StringComparison.OrdinalIgnoreCase) ? "tab-separated"
                : OrderLine().IsMatch(line) ? "CMS order file"
                : "CMS codes list";
            if (layout == "tab-separated" && number == 1)
            {
                continue;
            }
            IcdRow? row = layout switch
            {
                "tab-separated" => Tabbed(line),
                "CMS order file" => Ordered(line),
                _ => Listed(line),
            };
            if (row is null)
            {
                AddError(errors, number, layout switch
                {
                    "tab-separated" => "expected code, billable (0 or 1), short and long description separated by tabs.",
                    "CMS order file" => "expected the order file's columns: order number, code, 0 or 1, short description, long description.",
                    _ => "expected an ICD-10-CM code followed by its description.",
                });
            }
            else if (!seen.Add(row.Code))
            {
                AddError(errors, number, $"{row.Code} appears twice.");
            }
            else
            {
                codes.Add(row);
            }
            if (errors.Count >= MaxReportedErrors)
            {
                break;
            }
        }
        return (codes, layout ?? "empty", errors);
    }

    private static IcdRow? Tabbed(string line)
    {
        var parts = line.Split('\t');
        return parts.Length >= 4 && IcdCode.TryParse(parts[0], out var code) && parts[1].Trim() is "0" or "1" && parts[3].Trim().Length > 0
            ? new IcdRow(code.Value.Value, parts[1].Trim() == "1", parts[2].Trim().Limit(100), parts[3].Trim().Limit(400))
            : null;
    }

    private static IcdRow? Ordered(string line)
    {
        // 00001 A00     0 Cholera (60 wide)                                    Cholera
        if (line.Length < 17 || !IcdCode.TryParse(line.Substring(6, 7), out var code) || line[14] is not ('0' or '1'))
        {
            return null;
        }
        var shortText = line.Length > 16 ? line.Substring(16, Math.Min(60, line.Length - 16)).Trim() : "";
        var longText = line.Length > 77 ? line[77..].Trim() : shortText;
        return shortText.Length == 0 ? null : new IcdRow(code.Value.Value, line[14] == '1', shortText.Limit(100), (longText.Length > 0 ? longText : shortText).Limit(400));
    }

    private static IcdRow? Listed(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        if (space < 3 || !IcdCode.TryParse(line[..space], out var code))
        {
            return null;
        }
        var text = line[space..].Trim();
        return text.Length == 0 ? null : new IcdRow(code.Value.Value, true, text.Limit(100), text.Limit(400));
    }

    private static void AddError(List<FieldError> errors, int line, string message)
    {
        if (errors.Count < MaxReportedErrors)
        {
            errors.Add(new FieldError("File", $"Line {line.ToString(CultureInfo.InvariantCulture)}: {message}"));
        }
    }

    private static int? YearInName(string fileName) =>
        YearPattern().Match(Path.GetFileName(fileName)) is { Success: true } match ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;


    [GeneratedRegex(@"^\d{5} [A-Z0-9 ]{7} [01] ")]
    private static partial Regex OrderLine();

    [GeneratedRegex(@"(?<!\d)20\d\d(?!\d)")]
    private static partial Regex YearPattern();
}
