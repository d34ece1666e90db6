using System.Globalization;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Billing;

/// <summary>
/// Charge entry: a sheet started from a visit (pre-filled from its visit type's superbill at the patient's payer's fees),
/// its diagnoses and lines edited while a draft, then released to billing. A released sheet is frozen: it is corrected by
/// voiding it and, if the visit is still to be billed, a replacement draft. The claims side reads the status; nothing here
/// calls it. Every read and change is audited under the patient.
/// </summary>
public sealed class ChargeEntry(MedOfficeDb db, ChargeRules rules, FeeSchedules fees, Superbills superbills, AuditTrail audit, TimeProvider time)
{
    private Ledger.PatientLedger Ledger => new(db, time);

    public const string FrozenMessage = "This charge sheet was released to billing: released charges are corrected by voiding and replacing.";

    /// <summary>
    /// The visit's charge sheet: the open one (draft or released) if there is one, else a new draft. Null when there is no
    /// such appointment.
    /// </summary>
    public async Task<Result<ChargeSheet>?> StartFromAppointmentAsync(int appointmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two people opening the same visit at once get one sheet: the appointment row is the lock (SQLite: one writer anyway).
        if (await db.Appointments.Where(a => a.Id == appointmentId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, x => x.Status), cancellationToken) == 0)
        {
            return null;
        }
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.Bookings).FirstAsync(a => a.Id == appointmentId, cancellationToken);
        var open = await db.ChargeSheets.AsNoTracking().Where(s => s.AppointmentId == appointmentId && s.Status != ChargeSheetStatuses.Voided)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            return Result<ChargeSheet>.Ok((await GetAsync(open.Id, actor, cancellationToken))!);
        }
        if (appointment.Status is AppointmentStatuses.Cancelled or AppointmentStatuses.NoShow)
        {
            return Result<ChargeSheet>.Fail("AppointmentId", $"The visit was {(appointment.Status == AppointmentStatuses.NoShow ? "a no-show" : "cancelled")}: there is nothing to charge.");
        }
        var resourceIds = appointment.Bookings.Where(b => b.IsActive).Select(b => b.ResourceId).ToList();
        var providerId = await db.SchedulableResources.AsNoTracking()
            .Where(r => resourceIds.Contains(r.Id) && r.Kind == ResourceKinds.Provider && r.ProviderId != null)
            .Select(r => r.ProviderId).FirstOrDefaultAsync(cancellationToken);
        if (providerId is null)
        {
            return Result<ChargeSheet>.Fail("AppointmentId",
                "The visit's provider is not linked to a provider with an NPI (under Schedule setup), so there is no rendering provider to bill.");
        }
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == appointment.LocationId, cancellationToken);
        var dateOfService = LocalTimes.DateAt(appointment.StartsAt, location.TimeZoneId);
        var payerId = await rules.PrimaryPayerAsync(appointment.PatientId, dateOfService, cancellationToken);
        var sheet = new ChargeSheet
        {
            PatientId = appointment.PatientId,
            AppointmentId = appointment.Id,
            LocationId = location.Id,
            DateOfService = dateOfService,
            RenderingProviderId = providerId.Value,
            PlaceOfServiceCode = location.PlaceOfServiceCode,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserName,
        };
        var items = await superbills.ForTypeAsync(appointment.AppointmentTypeId, cancellationToken);
        var quotes = await fees.FeesForAsync(items.Select(i => (i.ProcedureCode, (IEnumerable<string>)[i.Modifier])).ToList(), payerId, dateOfService, cancellationToken);
        foreach (var (item, fee) in items.Zip(quotes))
        {
            // The superbill offers the codes; a code the schedules do not price starts at 0.00 for the biller to fill in.
            sheet.Lines.Add(new ChargeLine
            {
                LineNumber = sheet.Lines.Count + 1,
                ProcedureCode = item.ProcedureCode,
                Modifier1 = item.Modifier,
                Units = item.Units,
                Amount = fee is null ? 0 : decimal.Round(fee.Fee * item.Units, 2, MidpointRounding.AwayFromZero),
                DiagnosisPointers = "",
            });
        }
        db.ChargeSheets.Add(sheet);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, sheet.PatientId,
            Detail: $"charge sheet {Id(sheet)} for appointment {appointmentId.ToString(CultureInfo.InvariantCulture)} ({sheet.Lines.Count} superbill lines)"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ChargeSheet>.Ok(sheet);
    }

    /// <summary>A sheet with its diagnoses and lines, in claim order; the read is audited. Null when there is none.</summary>
    public async Task<ChargeSheet?> GetAsync(int sheetId, Actor actor, CancellationToken cancellationToken = default)
    {
        var sheet = await LoadAsync(db.ChargeSheets.AsNoTracking(), sheetId, cancellationToken);
        if (sheet is not null)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, sheet.PatientId, Detail: $"charge sheet {Id(sheet)}"), cancellationToken);
        }
        return sheet;
    }

    public Task<Result<ChargeSheet>?> SaveAsync(int sheetId, SaveChargeSheet request, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, "saved", state => state with
        {
            Details = request.Details ?? state.Details,
            Diagnoses = request.Diagnoses?.ToList() ?? state.Diagnoses,
            Lines = request.Lines?.ToList() ?? state.Lines,
        }, cancellationToken);

    public Task<Result<ChargeSheet>?> UpdateDetailsAsync(int sheetId, ChargeSheetDetails details, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, "details changed", state => state with { Details = details }, cancellationToken);

    public Task<Result<ChargeSheet>?> AddDiagnosisAsync(int sheetId, string? code, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, $"diagnosis {code} added", state => state with { Diagnoses = [.. state.Diagnoses, code ?? ""] }, cancellationToken);

    /// <summary>Removes the diagnosis at this place (1–12); later ones move up, and the lines' pointers follow them.</summary>
    public Task<Result<ChargeSheet>?> RemoveDiagnosisAsync(int sheetId, int sequence, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, $"diagnosis {sequence.ToString(CultureInfo.InvariantCulture)} removed", state =>
        {
            if (sequence < 1 || sequence > state.Diagnoses.Count)
            {
                return null;
            }
            var lines = state.Lines.Select(l => l with
            {
                DiagnosisPointers = string.Join(',', ChargeLine.ReadPointers(l.DiagnosisPointers).Select(p => p.Number ?? 0).Where(p => p != sequence).Select(p => p > sequence ? p - 1 : p)),
            }).ToList();
            return state with { Diagnoses = state.Diagnoses.Where((_, i) => i != sequence - 1).ToList(), Lines = lines };
        }, cancellationToken);

    public Task<Result<ChargeSheet>?> AddLineAsync(int sheetId, ChargeLineInput line, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, $"line {line.ProcedureCode} added", state => state with { Lines = [.. state.Lines, line] }, cancellationToken);

    /// <summary>Changes line <paramref name="lineNumber"/> (1-based, as shown).</summary>
    public Task<Result<ChargeSheet>?> UpdateLineAsync(int sheetId, int lineNumber, ChargeLineInput line, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, $"line {lineNumber.ToString(CultureInfo.InvariantCulture)} changed", state => lineNumber < 1 || lineNumber > state.Lines.Count
            ? null
            : state with { Lines = state.Lines.Select((l, i) => i == lineNumber - 1 ? line : l).ToList() }, cancellationToken);

    public Task<Result<ChargeSheet>?> RemoveLineAsync(int sheetId, int lineNumber, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeDraftAsync(sheetId, actor, $"line {lineNumber.ToString(CultureInfo.InvariantCulture)} removed",
            state => lineNumber < 1 || lineNumber > state.Lines.Count ? null : state with { Lines = state.Lines.Where((_, i) => i != lineNumber - 1).ToList() },
            cancellationToken);

    /// <summary>Releases a draft to billing once every check passes again and it has a diagnosis and a line.</summary>
    public async Task<Result<ChargeSheet>?> ReleaseAsync(int sheetId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(sheetId, cancellationToken) is not { } sheet)
        {
            return null;
        }
        if (sheet.Status != ChargeSheetStatuses.Draft)
        {
            return Result<ChargeSheet>.Fail("Status", sheet.Status == ChargeSheetStatuses.Released ? "This charge sheet is already released." : "This charge sheet was voided.");
        }
        var state = SheetState.Of(sheet);
        var checkedSheet = await rules.CheckAsync(sheet, state.Details, state.Diagnoses, state.Lines, releasing: true, cancellationToken);
        if (checkedSheet.Errors.Count > 0)
        {
            return Result<ChargeSheet>.Fail(checkedSheet.Errors);
        }
        (sheet.Status, sheet.ReleasedAt, sheet.ReleasedBy) = (ChargeSheetStatuses.Released, time.GetUtcNow().UtcDateTime, actor.UserName);
        await db.SaveChangesAsync(cancellationToken);
        // The charges enter the patient's account now (moved to the patient at once for a self-pay visit), so the account, the
        // aging and an 835 find them there; whoever would have put them there later (an 835, the account page) adds nothing.
        if (await Ledger.EnsureSheetChargesAsync(sheet.Id, actor.UserName.Limit(64), cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, sheet.PatientId,
            Detail: $"charge sheet {Id(sheet)} released: {sheet.Lines.Count} lines, {sheet.Total.ToString("0.00", CultureInfo.InvariantCulture)}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ChargeSheet>.Ok(sheet);
    }

    /// <summary>Voids a sheet (draft or released) with the reason. The claims side sees the status and acts on its claims.</summary>
    public async Task<Result<ChargeSheet>?> VoidAsync(int sheetId, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await VoidLockedAsync(sheetId, reason, actor, cancellationToken);
        if (result is { Succeeded: true })
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>Voids the sheet and starts a draft copied from it that replaces it (so its claim goes out as a replacement).</summary>
    public async Task<Result<ChargeSheet>?> ReplaceAsync(int sheetId, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var voided = await VoidLockedAsync(sheetId, reason, actor, cancellationToken);
        if (voided is not { Succeeded: true, Value: { } old })
        {
            return voided;
        }
        var copy = new ChargeSheet
        {
            PatientId = old.PatientId,
            AppointmentId = old.AppointmentId,
            LocationId = old.LocationId,
            DateOfService = old.DateOfService,
            RenderingProviderId = old.RenderingProviderId,
            ReferringProviderFirstName = old.ReferringProviderFirstName,
            ReferringProviderLastName = old.ReferringProviderLastName,
            ReferringProviderNpi = old.ReferringProviderNpi,
            PlaceOfServiceCode = old.PlaceOfServiceCode,
            ReplacesChargeSheetId = old.Id,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserName,
            Diagnoses = old.Diagnoses.Select(d => new ChargeDiagnosis { Sequence = d.Sequence, Code = d.Code }).ToList(),
            Lines = old.Lines.Select(l => new ChargeLine
            {
                LineNumber = l.LineNumber, ProcedureCode = l.ProcedureCode, Modifier1 = l.Modifier1, Modifier2 = l.Modifier2, Modifier3 = l.Modifier3,
                Modifier4 = l.Modifier4, Units = l.Units, Amount = l.Amount, DiagnosisPointers = l.DiagnosisPointers,
            }).ToList(),
        };
        db.ChargeSheets.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, copy.PatientId,
            Detail: $"charge sheet {Id(copy)} replaces {Id(old)}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ChargeSheet>.Ok(copy);
    }

    private async Task<Result<ChargeSheet>?> VoidLockedAsync(int sheetId, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        if (await LockAsync(sheetId, cancellationToken) is not { } sheet)
        {
            return null;
        }
        var why = reason?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (sheet.Status == ChargeSheetStatuses.Voided)
        {
            errors.Add(new("Status", $"This charge sheet was already voided{(sheet.VoidedAt is { } at ? $" on {at:yyyy-MM-dd}" : "")}."));
        }
        if (why.Length is 0 or > 500)
        {
            errors.Add(new("Reason", "Say why the charges are voided (up to 500 characters)."));
        }
        if (errors.Count > 0)
        {
            return Result<ChargeSheet>.Fail(errors);
        }
        (sheet.Status, sheet.VoidReason, sheet.VoidedAt, sheet.VoidedBy) = (ChargeSheetStatuses.Voided, why, time.GetUtcNow().UtcDateTime, actor.UserName);
        // Charges already on the patient's ledger leave it with the sheet, in the same transaction.
        var reversed = await Ledger.ReverseChargesAsync(sheet.Lines.Select(l => l.Id).ToList(), actor.UserName.Limit(64), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, sheet.PatientId,
            Detail: $"charge sheet {Id(sheet)} voided: {why}{(reversed > 0 ? $"; {reversed} charges reversed on the ledger" : "")}"), cancellationToken);
        return Result<ChargeSheet>.Ok(sheet);
    }

    /// <summary>
    /// The one way a draft changes: the change is applied to the sheet as entered, everything is checked again, and the
    /// sheet is saved only if all of it passes. The sheet's row is locked meanwhile, so a release cannot slip in between.
    /// </summary>
    private async Task<Result<ChargeSheet>?> ChangeDraftAsync(int sheetId, Actor actor, string what, Func<SheetState, SheetState?> change,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(sheetId, cancellationToken) is not { } sheet)
        {
            return null;
        }
        if (sheet.Status != ChargeSheetStatuses.Draft)
        {
            return Result<ChargeSheet>.Fail("Status", sheet.Status == ChargeSheetStatuses.Released ? FrozenMessage : "This charge sheet was voided and cannot change.");
        }
        if (change(SheetState.Of(sheet)) is not { } state)
        {
            return Result<ChargeSheet>.Fail("Status", "That diagnosis or line is no longer on the sheet: reload it.");
        }
        var checkedSheet = await rules.CheckAsync(sheet, state.Details, state.Diagnoses, state.Lines, releasing: false, cancellationToken);
        if (checkedSheet.Errors.Count > 0)
        {
            return Result<ChargeSheet>.Fail(checkedSheet.Errors);
        }
        Apply(sheet, checkedSheet);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, sheet.PatientId,
            Detail: $"charge sheet {Id(sheet)}: {what}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ChargeSheet>.Ok(sheet);
    }

    private async Task<ChargeSheet?> LockAsync(int sheetId, CancellationToken cancellationToken)
    {
        // PostgreSQL: the no-op update holds the row until commit; SQLite: the transaction is already the only writer.
        if (await db.ChargeSheets.Where(s => s.Id == sheetId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, x => x.Status), cancellationToken) == 0)
        {
            return null;
        }
        return await LoadAsync(db.ChargeSheets, sheetId, cancellationToken);
    }

    private static async Task<ChargeSheet?> LoadAsync(IQueryable<ChargeSheet> sheets, int sheetId, CancellationToken cancellationToken)
    {
        var sheet = await sheets.Include(s => s.Diagnoses).Include(s => s.Lines).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == sheetId, cancellationToken);
        if (sheet is not null)
        {
            sheet.Diagnoses.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            sheet.Lines.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        }
        return sheet;
    }

    // Rows stay in place by position (sequence and line number are unique per sheet), so nothing collides while saving.
    private void Apply(ChargeSheet sheet, ChargeRules.Checked entered)
    {
        var details = entered.Details;
        sheet.RenderingProviderId = details.RenderingProviderId!.Value;
        sheet.PlaceOfServiceCode = details.PlaceOfServiceCode!.Trim();
        sheet.ReferringProviderFirstName = Blank(details.ReferringProviderFirstName);
        sheet.ReferringProviderLastName = Blank(details.ReferringProviderLastName);
        sheet.ReferringProviderNpi = Blank(details.ReferringProviderNpi);
        for (var i = 0; i < entered.Diagnoses.Count; i++)
        {
            if (i < sheet.Diagnoses.Count)
            {
                sheet.Diagnoses[i].Code = entered.Diagnoses[i];
            }
            else
            {
                sheet.Diagnoses.Add(new ChargeDiagnosis { Sequence = i + 1, Code = entered.Diagnoses[i] });
            }
        }
        foreach (var extra in sheet.Diagnoses.Skip(entered.Diagnoses.Count).ToList())
        {
            sheet.Diagnoses.Remove(extra);
            db.ChargeDiagnoses.Remove(extra);
        }
        for (var i = 0; i < entered.Lines.Count; i++)
        {
            var source = entered.Lines[i];
            var line = i < sheet.Lines.Count ? sheet.Lines[i] : null;
            if (line is null)
            {
                line = new ChargeLine { LineNumber = i + 1, ProcedureCode = source.ProcedureCode, DiagnosisPointers = "" };
                sheet.Lines.Add(line);
            }
            (line.ProcedureCode, line.Modifier1, line.Modifier2, line.Modifier3, line.Modifier4) =
                (source.ProcedureCode, source.Modifier1, source.Modifier2, source.Modifier3, source.Modifier4);
            (line.Units, line.Amount, line.DiagnosisPointers) = (source.Units, source.Amount, source.DiagnosisPointers);
        }
        foreach (var extra in sheet.Lines.Skip(entered.Lines.Count).ToList())
        {
            sheet.Lines.Remove(extra);
            db.ChargeLines.Remove(extra);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(ChargeSheet sheet) => sheet.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sheet as entered, the shape every change works on.</summary>
    private sealed record SheetState(ChargeSheetDetails Details, List<string> Diagnoses, List<ChargeLineInput> Lines)
    {
        public static SheetState Of(ChargeSheet sheet) => new(
            new ChargeSheetDetails(sheet.RenderingProviderId, sheet.PlaceOfServiceCode, sheet.ReferringProviderFirstName, sheet.ReferringProviderLastName,
                sheet.ReferringProviderNpi),
            sheet.Diagnoses.OrderBy(d => d.Sequence).Select(d => d.Code).ToList(),
            sheet.Lines.OrderBy(l => l.LineNumber).Select(l => new ChargeLineInput(l.ProcedureCode, l.Modifiers.ToList(), l.Units, l.Amount, l.DiagnosisPointers)).ToList());
    }
}
