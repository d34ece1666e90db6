using System.Globalization;
using MedOffice.Data;
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
    /// <summary>Drafts whose date of service is at least <paramref name="olderThanDays"/> days ago, oldest first, optionally for one provider.</summary>
    public async Task<IReadOnlyList<ChargeSheetSummary>> ToReviewAsync(int olderThanDays, int? providerId, Actor actor, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var before = today.AddDays(-Math.Max(0, olderThanDays));
        var sheets = db.ChargeSheets.AsNoTracking().Where(s => s.Status == ChargeSheetStatuses.Draft && s.DateOfService <= before);
        if (providerId is { } id)
        {
            sheets = sheets.Where(s => s.RenderingProviderId == id);
        }
        var rows = await SummariesAsync(sheets, today, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing,
            Detail: $"charges to review (older than {olderThanDays.ToString(CultureInfo.InvariantCulture)} days{(providerId is { } p ? $", provider {p.ToString(CultureInfo.InvariantCulture)}" : "")}): {rows.Count} sheets"), cancellationToken);
        return rows;
    }

    /// <summary>Every charge sheet of a patient, newest visit first.</summary>
    public async Task<IReadOnlyList<ChargeSheetSummary>> ForPatientAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await SummariesAsync(db.ChargeSheets.AsNoTracking().Where(s => s.PatientId == patientId), today, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: $"charges of the patient: {rows.Count} sheets"), cancellationToken);
        return rows.OrderByDescending(r => r.DateOfService).ThenByDescending(r => r.Id).ToList();
    }

    private async Task<List<ChargeSheetSummary>> SummariesAsync(IQueryable<ChargeSheet> sheets, DateOnly today, CancellationToken cancellationToken)
    {
        var found = await sheets.OrderBy(s => s.DateOfService).ThenBy(s => s.Id).Take(500)
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
            today.DayNumber - f.Sheet.DateOfService.DayNumber)).ToList();
    }
}
