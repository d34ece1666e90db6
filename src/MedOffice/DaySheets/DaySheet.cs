using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.DaySheets;

public sealed record DaySheetRow(
    DateTime LocalStart,
    DateTime LocalEnd,
    int PatientId,
    string PatientName,
    DateOnly DateOfBirth,
    string AppointmentType,
    string? Room,
    string Status,
    string? Note);

/// <summary>One provider's visits on one local day, as printed: the practice and location on top, a row per visit.</summary>
public sealed record DaySheet(
    string PracticeName,
    string LocationName,
    string LocationAddress,
    string ProviderName,
    DateOnly Date,
    string TimeZoneId,
    IReadOnlyList<DaySheetRow> Rows);

/// <summary>
/// The printable day sheet of a provider. The day is the local day at the provider's home location. Cancelled visits are
/// left out; no-shows stay (the sheet is also the record of who did not come). Printing is audited once per patient listed,
/// so each patient's access report shows that their name went out on paper.
/// </summary>
public sealed class DaySheets(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<DaySheet>?> BuildAsync(int providerResourceId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var resource = await db.SchedulableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == providerResourceId, cancellationToken);
        if (resource is null)
        {
            return null;
        }
        if (resource.Kind != ResourceKinds.Provider)
        {
            return Result<DaySheet>.Fail("resource", "A day sheet is printed for a provider.");
        }
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == resource.LocationId, cancellationToken);
        var practice = await db.Organizations.AsNoTracking().Where(o => o.Id == location.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var dayStart = LocalTimes.StartOfDayUtc(date, location.TimeZoneId);
        var dayEnd = LocalTimes.StartOfDayUtc(date.AddDays(1), location.TimeZoneId);

        var visits = await (
                from appointment in db.Appointments.AsNoTracking()
                join patient in db.Patients.AsNoTracking() on appointment.PatientId equals patient.Id
                join type in db.AppointmentTypes.AsNoTracking() on appointment.AppointmentTypeId equals type.Id
                where appointment.Status != AppointmentStatuses.Cancelled && appointment.StartsAt < dayEnd && appointment.EndsAt > dayStart
                    && db.ResourceBookings.Any(b => b.AppointmentId == appointment.Id && b.ResourceId == resource.Id
                        && (b.IsActive || appointment.Status == AppointmentStatuses.NoShow)
                        && b.StartsAt >= appointment.StartsAt && b.EndsAt <= appointment.EndsAt)
                orderby appointment.StartsAt
                select new
                {
                    AppointmentId = appointment.Id, appointment.StartsAt, appointment.EndsAt, appointment.LocationId, appointment.Status, appointment.Note,
                    PatientId = patient.Id, patient.LegalFirstName, patient.LegalLastName, patient.PreferredName, patient.DateOfBirth, TypeName = type.Name,
                })
            .ToListAsync(cancellationToken);
        var appointmentIds = visits.Select(v => v.AppointmentId).ToList();
        var rooms = await AppointmentResources.OfKindAsync(db, appointmentIds, ResourceKinds.Room, cancellationToken);
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.TimeZoneId, cancellationToken);

        var rows = visits.Select(v => new DaySheetRow(
            LocalTimes.ToLocal(v.StartsAt, zones[v.LocationId]),
            LocalTimes.ToLocal(v.EndsAt, zones[v.LocationId]),
            v.PatientId,
            $"{v.LegalLastName}, {v.LegalFirstName}" + (string.IsNullOrEmpty(v.PreferredName) ? "" : $" \"{v.PreferredName}\""),
            v.DateOfBirth,
            v.TypeName,
            rooms[v.AppointmentId].FirstOrDefault()?.Name,
            v.Status,
            v.Note)).ToList();
        return Result<DaySheet>.Ok(new DaySheet(practice ?? "", location.Name, $"{location.AddressLine1}, {location.City}, {location.State} {location.PostalCode}",
            resource.Name, date, location.TimeZoneId, rows));
    }

    /// <summary>The day sheet as a PDF, audited as printed. Null when there is no such resource.</summary>
    public async Task<Result<byte[]>?> PrintAsync(int providerResourceId, DateOnly date, Actor actor, CancellationToken cancellationToken = default)
    {
        var built = await BuildAsync(providerResourceId, date, cancellationToken);
        if (built is null)
        {
            return null;
        }
        if (!built.Succeeded)
        {
            return Result<byte[]>.Fail(built.Errors);
        }
        var sheet = built.Value!;
        var printedAt = LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, sheet.TimeZoneId);
        var pdf = DaySheetPdf.Render(sheet, printedAt, actor.UserName, time);
        var detail = $"day sheet of {sheet.ProviderName} (resource {providerResourceId}) for {date:yyyy-MM-dd}: {sheet.Rows.Count} visit(s)";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var patientId in sheet.Rows.Select(r => r.PatientId).Distinct().DefaultIfEmpty())
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Print, AuditCategories.Schedule, patientId == 0 ? null : patientId, Detail: detail),
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<byte[]>.Ok(pdf);
    }
}
