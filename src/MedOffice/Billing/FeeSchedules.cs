using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Billing;

public sealed record SaveFeeSchedule(string? Name, int? PayerId, DateOnly? EffectiveFrom, DateOnly? EffectiveTo);

public sealed record SaveFeeEntry(string? ProcedureCode, string? Modifier, decimal? Fee, decimal? ExpectedAllowed);

/// <summary>The price found for a service, and which schedule it came from.</summary>
public sealed record FeeQuote(decimal Fee, decimal? ExpectedAllowed, int FeeScheduleId, string ScheduleName, string Modifier);

public sealed record FeeImportSummary(int FeeScheduleId, int Entries);

/// <summary>
/// Fee schedules: the office's standard one (no payer) and each payer's, effective-dated. On a date, the schedule in
/// force for a payer is its latest one starting on or before that date, unless that one has ended; schedules of one
/// payer may not overlap, so there is never a choice to make. A code the payer's schedule does not price takes the
/// office's fee.
/// </summary>
public sealed class FeeSchedules(MedOfficeDb db, AuditTrail audit)
{
    public const decimal MaxMoney = 9_999_999_999.99m;

    public async Task<Result<FeeSchedule>> CreateAsync(SaveFeeSchedule request, Actor actor, CancellationToken cancellationToken = default)
    {
        var schedule = new FeeSchedule { Name = "" };
        return await SaveAsync(schedule, request, actor, cancellationToken);
    }

    /// <summary>Null when there is no such schedule.</summary>
    public async Task<Result<FeeSchedule>?> UpdateAsync(int id, SaveFeeSchedule request, Actor actor, CancellationToken cancellationToken = default) =>
        await db.FeeSchedules.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is { } schedule
            ? await SaveAsync(schedule, request, actor, cancellationToken)
            : null;

    private async Task<Result<FeeSchedule>> SaveAsync(FeeSchedule schedule, SaveFeeSchedule request, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors.Add(new(nameof(SaveFeeSchedule.Name), "Name the schedule (up to 200 characters), e.g. \"Office standard 2026\"."));
        }
        if (request.PayerId is { } payerId && !await db.Payers.AnyAsync(p => p.Id == payerId, cancellationToken))
        {
            errors.Add(new(nameof(SaveFeeSchedule.PayerId), "No such payer."));
        }
        if (request.EffectiveFrom is not { } from)
        {
            errors.Add(new(nameof(SaveFeeSchedule.EffectiveFrom), "Say from which date of service the schedule holds."));
            return Result<FeeSchedule>.Fail(errors);
        }
        if (request.EffectiveTo is { } end && end < from)
        {
            errors.Add(new(nameof(SaveFeeSchedule.EffectiveTo), $"The schedule cannot end ({end:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})."));
        }
        if (errors.Count > 0)
        {
            return Result<FeeSchedule>.Fail(errors);
        }
        var others = await db.FeeSchedules.AsNoTracking()
            .Where(f => f.PayerId == request.PayerId && f.Id != schedule.Id).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(o => Overlaps(o, from, request.EffectiveTo)) is { } clash)
        {
            var whose = request.PayerId is null ? "the office's standard fees" : "this payer";
            return Result<FeeSchedule>.Fail(nameof(SaveFeeSchedule.EffectiveFrom),
                $"This overlaps \"{clash.Name}\" ({Span(clash.EffectiveFrom, clash.EffectiveTo)}): schedules of {whose} may not overlap. " +
                "Start this one on another day, or end one before the other starts.");
        }
        var isNew = schedule.Id == 0;
        (schedule.Name, schedule.PayerId, schedule.EffectiveFrom, schedule.EffectiveTo) = (name, request.PayerId, from, request.EffectiveTo);
        if (isNew)
        {
            db.FeeSchedules.Add(schedule);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, isNew ? AuditActions.Create : AuditActions.Update, AuditCategories.Billing,
            Detail: $"fee schedule {schedule.Id} \"{name}\" payer {request.PayerId?.ToString(CultureInfo.InvariantCulture) ?? "office"} {Span(from, request.EffectiveTo)}"), cancellationToken);
        return Result<FeeSchedule>.Ok(schedule);
    }

    // An open-ended schedule gives way to the next one that starts; explicit spans must not cross, and no two start together.
    private static bool Overlaps(FeeSchedule other, DateOnly from, DateOnly? to) =>
        other.EffectiveFrom == from
        || (other.EffectiveTo is { } otherEnd && other.EffectiveFrom < from && from <= otherEnd)
        || (to is { } end && from < other.EffectiveFrom && other.EffectiveFrom <= end);

    private static string Span(DateOnly from, DateOnly? to) => to is { } end ? $"{from:yyyy-MM-dd} to {end:yyyy-MM-dd}" : $"from {from:yyyy-MM-dd}";

    /// <summary>Adds an entry, or changes the one for the same code and modifier. Null when there is no such schedule.</summary>
    public async Task<Result<FeeScheduleEntry>?> SaveEntryAsync(int scheduleId, SaveFeeEntry request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.FeeSchedules.AnyAsync(f => f.Id == scheduleId, cancellationToken))
        {
            return null;
        }
        var errors = new List<FieldError>();
        var parsed = ParseEntry(request, "", errors);
        if (parsed is null)
        {
            return Result<FeeScheduleEntry>.Fail(errors);
        }
        var entry = await db.FeeScheduleEntries.FirstOrDefaultAsync(
            e => e.FeeScheduleId == scheduleId && e.ProcedureCode == parsed.ProcedureCode && e.Modifier == parsed.Modifier, cancellationToken);
        if (entry is null)
        {
            entry = parsed;
            entry.FeeScheduleId = scheduleId;
            db.FeeScheduleEntries.Add(entry);
        }
        else
        {
            (entry.Fee, entry.ExpectedAllowed) = (parsed.Fee, parsed.ExpectedAllowed);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing,
            Detail: $"fee schedule {scheduleId}: {entry.ProcedureCode}{(entry.Modifier.Length > 0 ? "-" + entry.Modifier : "")} = {entry.Fee.ToString(CultureInfo.InvariantCulture)}"), cancellationToken);
        return Result<FeeScheduleEntry>.Ok(entry);
    }

    public async Task<bool> RemoveEntryAsync(int scheduleId, int entryId, Actor actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.FeeScheduleEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.FeeScheduleId == scheduleId, cancellationToken);
        if (entry is null)
        {
            return false;
        }
        db.FeeScheduleEntries.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Delete, AuditCategories.Billing,
            Detail: $"fee schedule {scheduleId}: {entry.ProcedureCode}{(entry.Modifier.Length > 0 ? "-" + entry.Modifier : "")} removed"), cancellationToken);
        return true;
    }

    /// <summary>
    /// The fee for a code on a date: from the payer's schedule in force, else the office's; within a schedule the fee
    /// for the code with this modifier comes before its plain fee.
    /// </summary>
    public async Task<FeeQuote?> FeeForAsync(string code, string? modifier, int? payerId, DateOnly date, CancellationToken cancellationToken = default) =>
        await FeeForLineAsync(code, string.IsNullOrWhiteSpace(modifier) ? [] : [modifier], payerId, date, cancellationToken);

    /// <summary>As above, for a line with several modifiers: the first modifier that is priced wins, then the plain fee.</summary>
    public async Task<FeeQuote?> FeeForLineAsync(string code, IReadOnlyList<string> modifiers, int? payerId, DateOnly date, CancellationToken cancellationToken = default) =>
        (await FeesForAsync([(code, modifiers)], payerId, date, cancellationToken))[0];

    /// <summary>
    /// The fees of a sheet's lines, in their order (null where nothing prices a line), from one read of the schedules in
    /// force and one of their entries, so pricing a sheet costs no query per line.
    /// </summary>
    public async Task<IReadOnlyList<FeeQuote?>> FeesForAsync(IReadOnlyList<(string Code, IEnumerable<string> Modifiers)> lines, int? payerId, DateOnly date,
        CancellationToken cancellationToken = default)
    {
        var wanted = lines.Select(l => (Code: l.Code.Trim().ToUpperInvariant(),
            Order: l.Modifiers.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).Append("").ToList())).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        // The payer's schedule first, then the office's: of each, the latest started by the date, unless it has ended.
        var started = await db.FeeSchedules.AsNoTracking()
            .Where(f => (f.PayerId == payerId || f.PayerId == null) && f.EffectiveFrom <= date).ToListAsync(cancellationToken);
        var schedules = (payerId is null ? new int?[] { null } : [payerId, null])
            .Select(p => started.Where(f => f.PayerId == p).MaxBy(f => f.EffectiveFrom))
            .Where(f => f is not null && (f.EffectiveTo is null || f.EffectiveTo >= date)).Select(f => f!).ToList();
        var scheduleIds = schedules.Select(f => f.Id).ToList();
        var codes = wanted.Select(w => w.Code).Distinct().ToList();
        var entries = scheduleIds.Count == 0 ? []
            : await db.FeeScheduleEntries.AsNoTracking()
                .Where(e => scheduleIds.Contains(e.FeeScheduleId) && codes.Contains(e.ProcedureCode)).ToListAsync(cancellationToken);
        return wanted.Select(w => schedules
            .Select(schedule => entries.Where(e => e.FeeScheduleId == schedule.Id && e.ProcedureCode == w.Code && w.Order.Contains(e.Modifier))
                .OrderBy(e => w.Order.IndexOf(e.Modifier)).Select(e => new FeeQuote(e.Fee, e.ExpectedAllowed, schedule.Id, schedule.Name, e.Modifier)).FirstOrDefault())
            .FirstOrDefault(q => q is not null)).ToList();
    }

    /// <summary>
    /// Loads a schedule's entries from a CSV (columns code, modifier, fee, expected allowed; a header line first), replacing
    /// the ones it had. A file with any bad line is refused whole, each bad line named, and nothing changes.
    /// </summary>
    public async Task<Result<FeeImportSummary>?> ImportCsvAsync(int scheduleId, Stream file, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.FeeSchedules.AnyAsync(f => f.Id == scheduleId, cancellationToken))
        {
            return null;
        }
        var errors = new List<FieldError>();
        var entries = new Dictionary<(string Code, string Modifier), FeeScheduleEntry>();
        using (var reader = new StreamReader(file))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null }))
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
            {
                return Result<FeeImportSummary>.Fail("File", "The fee file is empty.");
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToUpperInvariant().Replace('_', ' ')).ToArray();
            var code = Array.FindIndex(header, h => h is "CODE" or "CPT" or "HCPCS" or "PROCEDURE CODE");
            var modifier = Array.FindIndex(header, h => h is "MODIFIER" or "MOD");
            var fee = Array.FindIndex(header, h => h is "FEE" or "CHARGE" or "AMOUNT");
            var allowed = Array.FindIndex(header, h => h is "EXPECTED ALLOWED" or "ALLOWED" or "EXPECTED");
            if (code < 0 || fee < 0)
            {
                return Result<FeeImportSummary>.Fail("File", "The fee file needs columns code, modifier, fee and expected allowed, named in its first line.");
            }
            while (await csv.ReadAsync())
            {
                var line = csv.Parser.RawRow;
                if (csv.Parser.Record is not { } record || record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                var lineErrors = new List<FieldError>();
                var feeText = csv.GetField(fee)?.Trim() ?? "";
                var allowedText = allowed >= 0 ? csv.GetField(allowed)?.Trim() ?? "" : "";
                decimal? feeValue = TryMoney(feeText, out var f) ? f : null;
                decimal? allowedValue = TryMoney(allowedText, out var a) ? a : null;
                if (feeValue is null)
                {
                    lineErrors.Add(new("File", $"the fee '{feeText}' is not an amount like 125.00."));
                }
                if (allowedText.Length > 0 && allowedValue is null)
                {
                    lineErrors.Add(new("File", $"the expected allowed amount '{allowedText}' is not an amount like 98.50."));
                }
                var parsed = ParseEntry(new SaveFeeEntry(csv.GetField(code), modifier >= 0 ? csv.GetField(modifier) : null, feeValue ?? 0, allowedValue), "", lineErrors);
                if (parsed is not null && lineErrors.Count == 0 && !entries.TryAdd((parsed.ProcedureCode, parsed.Modifier), parsed))
                {
                    lineErrors.Add(new("File", $"{parsed.ProcedureCode}{(parsed.Modifier.Length > 0 ? " with modifier " + parsed.Modifier : "")} appears twice."));
                }
                errors.AddRange(lineErrors.Select(e => new FieldError("File", $"Line {line.ToString(CultureInfo.InvariantCulture)}: {Sentence(e.Message)}")));
            }
        }
        if (errors.Count > 0)
        {
            return Result<FeeImportSummary>.Fail(errors);
        }
        if (entries.Count == 0)
        {
            return Result<FeeImportSummary>.Fail("File", "The fee file has no fees in it.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.FeeScheduleEntries.Where(e => e.FeeScheduleId == scheduleId).ExecuteDeleteAsync(cancellationToken);
        foreach (var entry in entries.Values)
        {
            entry.FeeScheduleId = scheduleId;
            db.FeeScheduleEntries.Add(entry);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing,
            Detail: $"fee schedule {scheduleId}: {entries.Count} fees loaded from a file"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<FeeImportSummary>.Ok(new FeeImportSummary(scheduleId, entries.Count));
    }

    /// <summary>An entry from what was typed, or null with the errors added (fields named with the prefix).</summary>
    private static FeeScheduleEntry? ParseEntry(SaveFeeEntry request, string prefix, List<FieldError> errors)
    {
        var before = errors.Count;
        var written = request.ProcedureCode?.Trim() ?? "";
        if (!ProcedureCode.TryParse(written, out var code))
        {
            errors.Add(new(prefix + nameof(SaveFeeEntry.ProcedureCode),
                $"'{written}' is not a CPT code (five digits, or four and F, T or U) or a HCPCS code (a letter A–V and four digits)."));
        }
        var modifier = request.Modifier?.Trim().ToUpperInvariant() ?? "";
        if (modifier.Length > 0 && !Modifiers.IsWellFormed(modifier))
        {
            errors.Add(new(prefix + nameof(SaveFeeEntry.Modifier), $"'{modifier}' is not a modifier (two letters or digits)."));
        }
        if (MoneyProblem(request.Fee, "fee") is { } feeProblem)
        {
            errors.Add(new(prefix + nameof(SaveFeeEntry.Fee), feeProblem));
        }
        if (request.ExpectedAllowed is not null && MoneyProblem(request.ExpectedAllowed, "expected allowed amount") is { } allowedProblem)
        {
            errors.Add(new(prefix + nameof(SaveFeeEntry.ExpectedAllowed), allowedProblem));
        }
        return errors.Count > before
            ? null
            : new FeeScheduleEntry { ProcedureCode = code!.Value.Value, Modifier = modifier, Fee = request.Fee!.Value, ExpectedAllowed = request.ExpectedAllowed };
    }

    /// <summary>Why an amount of money cannot be stored (missing, negative, fractions of a cent, too large), or null.</summary>
    public static string? MoneyProblem(decimal? amount, string what) => amount switch
    {
        null => $"Give the {what}.",
        < 0 => $"The {what} cannot be negative.",
        > MaxMoney => $"The {what} is too large.",
        { } value when decimal.Round(value, 2) != value => $"The {what} has fractions of a cent: give at most two decimals.",
        _ => null,
    };

    public static bool TryMoney(string? text, out decimal amount) =>
        decimal.TryParse(text?.Trim().TrimStart('$'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands,
            CultureInfo.InvariantCulture, out amount);

    private static string Sentence(string message) => message.Length > 0 && char.IsUpper(message[0]) && !message.StartsWith("CPT", StringComparison.Ordinal)
        ? char.ToLowerInvariant(message[0]) + message[1..]
        : message;
}
