using System.Globalization;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Billing;

/// <summary>One sheet in a list: whose, when, by whom, how much, and where it stands.</summary>
public sealed record ChargeSheetSummary(
    int Id, int PatientId, string PatientName, int? AppointmentId, DateOnly DateOfService, int RenderingProviderId, string ProviderName,
    string Status, int Diagnoses, int Lines, decimal Total, DateTime CreatedAt, string CreatedBy, int? ReplacesChargeSheetId, int AgeDays);

/// <summary>Lists of charge sheets: the drafts waiting for review, and a patient's charges. Each list read is audited.</summary>
public sealed class ChargeQueries(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    private const int MaxRows = 500;

    /// <summary>Drafts whose date of service is at least <paramref name="olderThanDays"/> days ago, oldest first, optionally for one provider.</summary>
    public async Task<IReadOnlyList<ChargeSheetSummary>> ToReviewAsync(int olderThanDays, int? providerId, Actor actor, CancellationToken cancellationToken = default)
    {
        var today = await TodayByLocationAsync(cancellationToken);
        // "Days ago" counts from the date at the sheet's own location: the locations sharing a local date are asked together.
        IQueryable<ChargeSheet>? sheets = null;
        foreach (var day in today.GroupBy(t => t.Value, t => t.Key))
        {
            var locationIds = day.ToList();
            var before = day.Key.AddDays(-Math.Max(0, olderThanDays));
            var old = db.ChargeSheets.AsNoTracking().Where(s => s.Status == ChargeSheetStatuses.Draft && locationIds.Contains(s.LocationId) && s.DateOfService <= before);
            sheets = sheets is null ? old : sheets.Concat(old);
        }
        sheets ??= db.ChargeSheets.AsNoTracking().Where(s => false);
        if (providerId is { } id)
        {
            sheets = sheets.Where(s => s.RenderingProviderId == id);
        }
        var rows = await SummariesAsync(sheets.OrderBy(s => s.DateOfService).ThenBy(s => s.Id), today, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing,
            Detail: $"charges to review (older than {olderThanDays.ToString(CultureInfo.InvariantCulture)} days{(providerId is { } p ? $", provider {p.ToString(CultureInfo.InvariantCulture)}" : "")}): {rows.Count} sheets"), cancellationToken);
        return rows;
    }

    /// <summary>Every charge sheet of a patient (the latest 500), newest visit first.</summary>
    public async Task<IReadOnlyList<ChargeSheetSummary>> ForPatientAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        var rows = await SummariesAsync(db.ChargeSheets.AsNoTracking().Where(s => s.PatientId == patientId).OrderByDescending(s => s.DateOfService).ThenByDescending(s => s.Id),
            await TodayByLocationAsync(cancellationToken), cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: $"charges of the patient: {rows.Count} sheets"), cancellationToken);
        return rows;
    }

    /// <summary>Today's date at each location, in its own time zone (a US evening is already tomorrow in UTC).</summary>
    private async Task<Dictionary<int, DateOnly>> TodayByLocationAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => DateOnly.FromDateTime(LocalTimes.ToLocal(now, l.TimeZoneId)), cancellationToken);
    }

    /// <summary>The first 500 sheets in the given order, with names, counts, totals and age.</summary>
    private async Task<List<ChargeSheetSummary>> SummariesAsync(IOrderedQueryable<ChargeSheet> sheets, Dictionary<int, DateOnly> today, CancellationToken cancellationToken)
    {
        var found = await sheets.Take(MaxRows)
            .Select(s => new
            {
                Sheet = s,
                Patient = db.Patients.Where(p => p.Id == s.PatientId).Select(p => p.LegalLastName + ", " + p.LegalFirstName).FirstOrDefault(),
                Provider = db.Providers.Where(p => p.Id == s.RenderingProviderId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                Diagnoses = s.Diagnoses.Count,
            }).ToListAsync(cancellationToken);
        var ids = found.Select(f => f.Sheet.Id).ToList();
        // SQLite keeps decimals as text: totals are added up here rather than in SQL.
        var amounts = (await db.ChargeLines.AsNoTracking().Where(l => ids.Contains(l.ChargeSheetId)).Select(l => new { l.ChargeSheetId, l.Amount }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ChargeSheetId, l => l.Amount);
        return found.Select(f => new ChargeSheetSummary(
            f.Sheet.Id, f.Sheet.PatientId, f.Patient ?? "", f.Sheet.AppointmentId, f.Sheet.DateOfService, f.Sheet.RenderingProviderId, f.Provider ?? "",
            f.Sheet.Status, f.Diagnoses, amounts[f.Sheet.Id].Count(), amounts[f.Sheet.Id].Sum(), f.Sheet.CreatedAt, f.Sheet.CreatedBy, f.Sheet.ReplacesChargeSheetId,
            today[f.Sheet.LocationId].DayNumber - f.Sheet.DateOfService.DayNumber)).ToList();
    }
}
