using System.Globalization;
using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Scheduling;

/// <summary>A recurring visit as the API takes it: dates "yyyy-MM-dd" and the time "HH:mm", local at the location.</summary>
public sealed record BookSeriesRequest(int PatientId, int AppointmentTypeId, int LocationId, string? LocalTime, string? Frequency, int Interval = 1,
    IReadOnlyList<string>? Weekdays = null, string? FirstDate = null, string? UntilDate = null, int? Count = null, int? ProviderResourceId = null,
    string? Note = null, bool RequireAll = false);

/// <summary>Which occurrences of the series: the one named by AppointmentId, it and those after it, or all still to come (no id needed).</summary>
public sealed record CancelSeriesRequest(int? AppointmentId, string? Scope, string? Reason);

public sealed record MoveSeriesRequest(int? AppointmentId, string? Scope, string? NewLocalTime = null, int DayShift = 0, int? ProviderResourceId = null,
    bool RequireAll = false);

public sealed record AddToWaitlistRequest(int PatientId, int AppointmentTypeId, int LocationId, string? EarliestDate, string? LatestDate = null,
    string? PartOfDay = null, int? ProviderResourceId = null, string? Note = null);

/// <summary>The slot offered: the time a freed appointment left, or a local start at the entry's location.</summary>
public sealed record OfferRequest(int? AppointmentId = null, string? LocalStart = null);

/// <summary>No start: the slot last offered.</summary>
public sealed record BookFromWaitlistRequest(string? LocalStart = null);

public sealed record OpeningResourceView(int ResourceId, string ResourceName, string Kind, string LocalStart, string LocalEnd, string StartsAtUtc, string EndsAtUtc);

public sealed record OpeningView(string LocalStart, string LocalEnd, string StartsAtUtc, string EndsAtUtc, int? ProviderResourceId, string? ProviderName,
    IReadOnlyList<OpeningResourceView> Resources);

public sealed record OpeningsView(int AppointmentTypeId, string AppointmentType, int DurationMinutes, int LocationId, string LocationName, string TimeZoneId,
    IReadOnlyList<OpeningView> Openings);

public sealed record OccurrenceView(string LocalDate, string LocalTime, string LocalStart, int? AppointmentId, bool Succeeded, string? Conflict);

public sealed record SeriesReportView(int? SeriesId, bool Applied, int Done, int Conflicts, IReadOnlyList<OccurrenceView> Occurrences)
{
    public static SeriesReportView From(SeriesReport report) => new(report.SeriesId, report.Applied, report.Done.Count, report.Conflicts.Count,
        report.Occurrences.Select(o => new OccurrenceView(o.LocalDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture),
            o.LocalTime.ToString(LocalFormats.Time, CultureInfo.InvariantCulture), LocalFormats.Format(o.LocalDate.ToDateTime(o.LocalTime)),
            o.AppointmentId, o.Succeeded, o.Conflict)).ToList());
}

public sealed record SeriesView(int Id, int PatientId, int AppointmentTypeId, int LocationId, int? ProviderResourceId, string Frequency, int Interval,
    IReadOnlyList<string> Weekdays, string LocalTime, string FirstDate, string? UntilDate, int? Count, bool IsCancelled, int? ContinuesSeriesId,
    IReadOnlyList<DayAppointmentView> Appointments);

public sealed record WaitlistEntryView(int Id, int PatientId, string PatientName, int AppointmentTypeId, string AppointmentType, int LocationId,
    int? ProviderResourceId, string? ProviderName, string EarliestDate, string? LatestDate, string PartOfDay, string? Note, string Status,
    string CreatedAtUtc, string CreatedBy, string? OfferedLocalStart, string? OfferedBy, int? BookedAppointmentId);

public sealed record WaitlistFitView(int EntryId, int PatientId, string PatientName, string AppointmentType, int DurationMinutes, string PartOfDay,
    string EarliestDate, string? LatestDate, string Status);

public sealed record WaitlistFitsView(int AppointmentId, int LocationId, string LocalStart, string LocalEnd, string StartsAtUtc, int? ProviderResourceId,
    IReadOnlyList<WaitlistFitView> Fits);

/// <summary>Reads and parsing shared by the planning API and the booking and waitlist pages.</summary>
public static class Planning
{
    public static bool TryParsePartOfDay(string? text, out PartOfDay value)
    {
        value = PartOfDay.Any;
        return string.IsNullOrWhiteSpace(text)
            || (Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _));
    }

    public static bool TryParseScope(string? text, out SeriesScope value) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static bool TryParseTime(string? text, out TimeOnly value) =>
        TimeOnly.TryParseExact(text?.Trim(), [LocalFormats.Time, "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static async Task<OpeningsView> OpeningsAsync(MedOfficeDb db, OpeningQuery query, IReadOnlyList<Opening> openings,
        CancellationToken cancellationToken = default)
    {
        var type = await db.AppointmentTypes.AsNoTracking().FirstAsync(t => t.Id == query.AppointmentTypeId, cancellationToken);
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == query.LocationId, cancellationToken);
        var zone = location.TimeZoneId;
        return new OpeningsView(type.Id, type.Name, type.DurationMinutes, location.Id, location.Name, zone, openings.Select(o => new OpeningView(
            LocalFormats.Format(o.LocalStart), ScheduleViews.Local(o.EndsAt, zone), LocalFormats.FormatUtc(o.StartsAt), LocalFormats.FormatUtc(o.EndsAt),
            o.ProviderResourceId, o.Resources.FirstOrDefault(r => r.Kind == ResourceKinds.Provider)?.ResourceName,
            o.Resources.Select(r => new OpeningResourceView(r.ResourceId, r.ResourceName, r.Kind, ScheduleViews.Local(r.StartsAt, zone),
                ScheduleViews.Local(r.EndsAt, zone), LocalFormats.FormatUtc(r.StartsAt), LocalFormats.FormatUtc(r.EndsAt))).ToList())).ToList());
    }

    public static async Task<SeriesView?> SeriesAsync(MedOfficeDb db, int id, CancellationToken cancellationToken = default)
    {
        var series = await db.AppointmentSeries.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return null;
        }
        // Every occurrence is at the series' location: a move changes times and resources, never the location.
        var zone = await db.Locations.Where(l => l.Id == series.LocationId).Select(l => l.TimeZoneId).FirstAsync(cancellationToken);
        var appointments = await ScheduleViews.AppointmentsAsync(db, db.Appointments.Where(a => a.SeriesId == id), zone, cancellationToken);
        var rule = series.Rule;
        return new SeriesView(series.Id, series.PatientId, series.AppointmentTypeId, series.LocationId, series.ProviderResourceId, series.Frequency,
            series.Interval, rule.Weekdays.Select(d => d.ToString()).ToList(), series.LocalStartTime.ToString(LocalFormats.Time, CultureInfo.InvariantCulture),
            series.FirstDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture), series.UntilDate?.ToString(LocalFormats.Date, CultureInfo.InvariantCulture),
            series.Count, series.CancelledAt is not null, series.ContinuesSeriesId, appointments);
    }

    /// <summary>Waiting and offered entries (or those of one status), oldest first, optionally at one location or for one patient.</summary>
    public static async Task<List<WaitlistEntryView>> WaitlistAsync(MedOfficeDb db, int? locationId, string? status, int? patientId,
        CancellationToken cancellationToken = default)
    {
        var query = db.WaitlistEntries.AsNoTracking();
        query = status is null
            ? query.Where(e => e.Status == WaitlistStatuses.Waiting || e.Status == WaitlistStatuses.Offered)
            : query.Where(e => e.Status == status);
        if (locationId is { } l)
        {
            query = query.Where(e => e.LocationId == l);
        }
        if (patientId is { } p)
        {
            query = query.Where(e => e.PatientId == p);
        }
        var entries = await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(500).ToListAsync(cancellationToken);
        return await ViewsAsync(db, entries, cancellationToken);
    }

    public static async Task<WaitlistEntryView?> WaitlistEntryAsync(MedOfficeDb db, int id, CancellationToken cancellationToken = default) =>
        await db.WaitlistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } entry
            ? (await ViewsAsync(db, [entry], cancellationToken))[0]
            : null;

    private static async Task<List<WaitlistEntryView>> ViewsAsync(MedOfficeDb db, List<WaitlistEntry> entries, CancellationToken cancellationToken)
    {
        var patientIds = entries.Select(e => e.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName }).ToDictionaryAsync(p => p.Id, p => $"{p.LegalLastName}, {p.LegalFirstName}", cancellationToken);
        var types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var providerIds = entries.Where(e => e.ProviderResourceId is not null).Select(e => e.ProviderResourceId!.Value).Distinct().ToList();
        var providers = await db.SchedulableResources.AsNoTracking().Where(r => providerIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.TimeZoneId, cancellationToken);
        return entries.Select(e => new WaitlistEntryView(e.Id, e.PatientId, patients.GetValueOrDefault(e.PatientId, ""), e.AppointmentTypeId,
            types.GetValueOrDefault(e.AppointmentTypeId, ""), e.LocationId, e.ProviderResourceId,
            e.ProviderResourceId is { } r ? providers.GetValueOrDefault(r) : null, Date(e.EarliestDate), e.LatestDate is { } latest ? Date(latest) : null,
            e.PartOfDay, e.Note, e.Status, LocalFormats.FormatUtc(e.CreatedAt), e.CreatedBy,
            e.OfferedStartsAt is { } offered ? ScheduleViews.Local(offered, zones[e.LocationId]) : null, e.OfferedBy, e.BookedAppointmentId)).ToList();
    }

    /// <summary>Who fits the time a freed appointment left, with that time in local and UTC; null when there is no such appointment.</summary>
    public static async Task<WaitlistFitsView?> FitsAsync(MedOfficeDb db, WaitlistService waitlist, int appointmentId, CancellationToken cancellationToken = default)
    {
        var fits = await waitlist.FitsAsync(appointmentId, cancellationToken);
        if (fits is null)
        {
            return null;
        }
        var freed = await db.Appointments.AsNoTracking().FirstAsync(a => a.Id == appointmentId, cancellationToken);
        var zone = await db.Locations.Where(l => l.Id == freed.LocationId).Select(l => l.TimeZoneId).FirstAsync(cancellationToken);
        var provider = (await AppointmentResources.OfKindAsync(db, freed.Id, ResourceKinds.Provider, cancellationToken))?.ResourceId;
        return new WaitlistFitsView(freed.Id, freed.LocationId, ScheduleViews.Local(freed.StartsAt, zone), ScheduleViews.Local(freed.EndsAt, zone),
            LocalFormats.FormatUtc(freed.StartsAt), provider,
            fits.Select(f => new WaitlistFitView(f.Entry.Id, f.Entry.PatientId, f.PatientName, f.AppointmentTypeName, f.DurationMinutes, f.Entry.PartOfDay,
                Date(f.Entry.EarliestDate), f.Entry.LatestDate is { } latest ? Date(latest) : null, f.Entry.Status)).ToList());
    }

    private static string Date(DateOnly date) => date.ToString(LocalFormats.Date, CultureInfo.InvariantCulture);
}
