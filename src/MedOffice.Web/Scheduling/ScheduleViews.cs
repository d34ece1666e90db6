using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Scheduling;

public sealed record ResourceView(int Id, string Kind, string Name, string? Category, int LocationId, int? ProviderId, int? RoomId, bool IsActive)
{
    public static ResourceView From(SchedulableResource r) => new(r.Id, r.Kind, r.Name, r.Category, r.LocationId, r.ProviderId, r.RoomId, r.IsActive);
}

public sealed record WorkingHoursView(int Id, int ResourceId, int LocationId, string DayOfWeek, string StartsAt, string EndsAt, DateOnly? EffectiveFrom,
    DateOnly? EffectiveUntil)
{
    public static WorkingHoursView From(WorkingHours w) => new(w.Id, w.ResourceId, w.LocationId, w.DayOfWeek.ToString(), LocalFormats.Format(w.StartsAt),
        LocalFormats.Format(w.EndsAt), w.EffectiveFrom, w.EffectiveUntil);
}

/// <summary>A block with its instants in UTC and, for people, in local time at its location.</summary>
public sealed record BlockView(int Id, int? ResourceId, string? ResourceName, int? LocationId, string Kind, string? Reason, string StartsAtUtc, string EndsAtUtc,
    string LocalStart, string LocalEnd, string? TimeZoneId);

public sealed record RequirementView(string Kind, string? Category, int OffsetMinutes, int? DurationMinutes);

public sealed record AppointmentTypeView(int Id, string Name, int DurationMinutes, string Color, bool IsActive, IReadOnlyList<RequirementView> Requirements)
{
    public static AppointmentTypeView From(AppointmentType t) => new(t.Id, t.Name, t.DurationMinutes, t.Color, t.IsActive,
        t.Requirements.OrderBy(r => r.Id).Select(r => new RequirementView(r.Kind, r.Category, r.OffsetMinutes, r.DurationMinutes)).ToList());
}

public sealed record BookingView(int ResourceId, string ResourceName, string Kind, string StartsAtUtc, string EndsAtUtc, string LocalStart, string LocalEnd,
    bool IsActive);

public sealed record ChangeView(string OccurredAtUtc, string OccurredAtLocal, string UserName, string Change, string Detail);

public sealed record AppointmentView(int Id, int PatientId, string PatientName, string Mrn, int AppointmentTypeId, string AppointmentType, string Color,
    int LocationId, string LocationName, string TimeZoneId, string Status, string StartsAtUtc, string EndsAtUtc, string LocalStart, string LocalEnd,
    string? Note, string? CancelReason, IReadOnlyList<BookingView> Bookings, IReadOnlyList<ChangeView> History);

public sealed record DayAppointmentView(int Id, int PatientId, string PatientName, string AppointmentType, string Color, string Status, string LocalStart,
    string LocalEnd, string StartsAtUtc, string EndsAtUtc, IReadOnlyList<BookingView> Resources);

public sealed record DayView(int LocationId, string LocationName, string TimeZoneId, string Date, int? ResourceId, IReadOnlyList<DayAppointmentView> Appointments);

public sealed record UpcomingAppointmentView(int Id, DateTime LocalStart, string Type, string Provider, string Location, string Status);

/// <summary>Reads of the schedule as people see it: local times at the location next to the stored UTC instants.</summary>
public static class ScheduleViews
{
    public static async Task<AppointmentView?> AppointmentAsync(MedOfficeDb db, int id, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.Bookings).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == appointment.LocationId, cancellationToken);
        var type = await db.AppointmentTypes.AsNoTracking().FirstAsync(t => t.Id == appointment.AppointmentTypeId, cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == appointment.PatientId)
            .Select(p => new { p.Mrn, p.LegalFirstName, p.LegalLastName, p.PreferredName }).FirstAsync(cancellationToken);
        var names = await ResourceNamesAsync(db, appointment.Bookings.Select(b => b.ResourceId), cancellationToken);
        var history = await db.AppointmentChanges.AsNoTracking().Where(c => c.AppointmentId == id).OrderBy(c => c.OccurredAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var zone = location.TimeZoneId;
        return new AppointmentView(appointment.Id, appointment.PatientId, Name(patient.LegalLastName, patient.LegalFirstName, patient.PreferredName), patient.Mrn,
            type.Id, type.Name, type.Color, location.Id, location.Name, zone, appointment.Status,
            LocalFormats.FormatUtc(appointment.StartsAt), LocalFormats.FormatUtc(appointment.EndsAt), Local(appointment.StartsAt, zone), Local(appointment.EndsAt, zone),
            appointment.Note, appointment.CancelReason, Bookings(appointment.Bookings, names, zone),
            history.Select(c => new ChangeView(LocalFormats.FormatUtc(c.OccurredAt), Local(c.OccurredAt, zone), c.UserName, c.Change, c.Detail)).ToList());
    }

    /// <summary>The appointments starting on one local day at a location, optionally only those holding one resource.</summary>
    public static async Task<DayView> DayAsync(MedOfficeDb db, Location location, DateOnly date, int? resourceId, CancellationToken cancellationToken = default)
    {
        var from = LocalTimes.StartOfDayUtc(date, location.TimeZoneId);
        var to = LocalTimes.StartOfDayUtc(date.AddDays(1), location.TimeZoneId);
        var query = db.Appointments.Where(a => a.LocationId == location.Id && a.StartsAt >= from && a.StartsAt < to);
        if (resourceId is { } id)
        {
            query = query.Where(a => a.Bookings.Any(b => b.ResourceId == id));
        }
        return new DayView(location.Id, location.Name, location.TimeZoneId, date.ToString(LocalFormats.Date, System.Globalization.CultureInfo.InvariantCulture),
            resourceId, await AppointmentsAsync(db, query, location.TimeZoneId, cancellationToken));
    }

    /// <summary>The appointments of a query, soonest first, each with its patient, type and resources: four queries however many there are.</summary>
    public static async Task<List<DayAppointmentView>> AppointmentsAsync(MedOfficeDb db, IQueryable<Appointment> query, string timeZoneId,
        CancellationToken cancellationToken = default)
    {
        var appointments = await query.AsNoTracking().Include(a => a.Bookings).OrderBy(a => a.StartsAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var patientIds = appointments.Select(a => a.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var typeIds = appointments.Select(a => a.AppointmentTypeId).Distinct().ToList();
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var names = await ResourceNamesAsync(db, appointments.SelectMany(a => a.Bookings).Select(b => b.ResourceId), cancellationToken);
        return appointments.Select(a =>
        {
            var p = patients[a.PatientId];
            var type = types[a.AppointmentTypeId];
            // A cancelled visit has let its resources go; show what it had, so the list still says who it was with.
            var bookings = a.Bookings.Any(b => b.IsActive) ? a.Bookings.Where(b => b.IsActive) : a.Bookings;
            return new DayAppointmentView(a.Id, a.PatientId, Name(p.LegalLastName, p.LegalFirstName, p.PreferredName), type.Name, type.Color, a.Status,
                Local(a.StartsAt, timeZoneId), Local(a.EndsAt, timeZoneId), LocalFormats.FormatUtc(a.StartsAt), LocalFormats.FormatUtc(a.EndsAt),
                Bookings(bookings, names, timeZoneId));
        }).ToList();
    }

    private static readonly string[] Open = [AppointmentStatuses.Booked, AppointmentStatuses.Arrived, AppointmentStatuses.Roomed];

    /// <summary>The patient's visits not yet over and not closed, soonest first (at most <paramref name="take"/>), for the patient page.</summary>
    public static async Task<List<UpcomingAppointmentView>> UpcomingAsync(MedOfficeDb db, int patientId, DateTime now, int take = 10,
        CancellationToken cancellationToken = default)
    {
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.EndsAt > now && Open.Contains(a.Status))
            .OrderBy(a => a.StartsAt).Take(take).ToListAsync(cancellationToken);
        if (appointments.Count == 0)
        {
            return [];
        }
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => (l.Name, l.TimeZoneId), cancellationToken);
        var types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var providers = await AppointmentResources.OfKindAsync(db, appointments.Select(a => a.Id).ToList(), ResourceKinds.Provider, cancellationToken);
        return appointments.Select(a => new UpcomingAppointmentView(a.Id, LocalTimes.ToLocal(a.StartsAt, locations[a.LocationId].TimeZoneId),
            types.GetValueOrDefault(a.AppointmentTypeId, ""),
            string.Join(", ", providers[a.Id].Where(p => p.IsActive).Select(p => p.Name).Distinct()),
            locations[a.LocationId].Name, a.Status)).ToList();
    }

    public static BlockView Block(ScheduleBlock b, string? resourceName, string? timeZoneId) => new(b.Id, b.ResourceId, resourceName, b.LocationId, b.Kind, b.Reason,
        LocalFormats.FormatUtc(b.StartsAt), LocalFormats.FormatUtc(b.EndsAt),
        timeZoneId is null ? LocalFormats.FormatUtc(b.StartsAt) : Local(b.StartsAt, timeZoneId),
        timeZoneId is null ? LocalFormats.FormatUtc(b.EndsAt) : Local(b.EndsAt, timeZoneId), timeZoneId);

    /// <summary>Blocks that have not yet ended, soonest first, optionally for one location (its own and its resources') or one resource.</summary>
    public static async Task<List<BlockView>> UpcomingBlocksAsync(MedOfficeDb db, DateTime now, int? locationId, int? resourceId,
        CancellationToken cancellationToken = default)
    {
        var query = db.ScheduleBlocks.AsNoTracking().Where(b => b.EndsAt > now);
        if (locationId is { } l)
        {
            query = query.Where(b => b.LocationId == l);
        }
        if (resourceId is { } r)
        {
            query = query.Where(b => b.ResourceId == r);
        }
        var blocks = await query.OrderBy(b => b.StartsAt).Take(500).ToListAsync(cancellationToken);
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.TimeZoneId, cancellationToken);
        var names = await ResourceNamesAsync(db, blocks.Where(b => b.ResourceId is not null).Select(b => b.ResourceId!.Value), cancellationToken);
        return blocks.Select(b => Block(b, b.ResourceId is { } id && names.TryGetValue(id, out var n) ? n.Name : null,
            b.LocationId is { } loc ? zones.GetValueOrDefault(loc) : null)).ToList();
    }

    public static string Local(DateTime utc, string timeZoneId) => LocalFormats.Format(LocalTimes.ToLocal(utc, timeZoneId));

    private static string Name(string last, string first, string? preferred) =>
        preferred is { Length: > 0 } && preferred != first ? $"{last}, {first} ({preferred})" : $"{last}, {first}";

    private static async Task<Dictionary<int, (string Name, string Kind)>> ResourceNamesAsync(MedOfficeDb db, IEnumerable<int> ids,
        CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.SchedulableResources.AsNoTracking().Where(r => wanted.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => (r.Name, r.Kind), cancellationToken);
    }

    private static List<BookingView> Bookings(IEnumerable<ResourceBooking> bookings, Dictionary<int, (string Name, string Kind)> names, string tz) =>
        bookings.OrderByDescending(b => b.IsActive).ThenBy(b => names[b.ResourceId].Kind == ResourceKinds.Provider ? 0 : 1).ThenBy(b => b.StartsAt)
            .Select(b => new BookingView(b.ResourceId, names[b.ResourceId].Name, names[b.ResourceId].Kind, LocalFormats.FormatUtc(b.StartsAt),
                LocalFormats.FormatUtc(b.EndsAt), Local(b.StartsAt, tz), Local(b.EndsAt, tz), b.IsActive))
            .ToList();
}
