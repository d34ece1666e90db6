using System.Globalization;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Calendar;

/// <summary>
/// Reads the schedule as calendars: a day in columns per provider or per room, a week of one resource or of all
/// providers, a month of counts. Cancelled visits are left out (they hold no time); no-shows stay, faded.
/// </summary>
public static class CalendarQueries
{
    public const string ByProvider = "provider";
    public const string ByRoom = "room";
    private const int DefaultFirstMinute = 8 * 60;
    private const int DefaultLastMinute = 17 * 60;

    public static DateOnly TodayAt(Location location, TimeProvider time) =>
        LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, location.TimeZoneId);

    /// <summary>Monday of the week holding the date.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static async Task<CalendarDay> DayAsync(MedOfficeDb db, Location location, DateOnly date, string by, CancellationToken cancellationToken = default)
    {
        var kind = by == ByRoom ? ResourceKinds.Room : ResourceKinds.Provider;
        var data = await Loaded.LoadAsync(db, location, date, date.AddDays(1), cancellationToken);
        var resources = await ResourcesAtAsync(db, location.Id, kind, cancellationToken);
        // A resource made inactive since still shows the visits it holds that day.
        var extra = data.Appointments.SelectMany(a => data.Held(a)).Select(b => data.Resources[b.ResourceId])
            .Where(r => r.Kind == kind && resources.All(c => c.Id != r.Id)).DistinctBy(r => r.Id);
        resources.AddRange(extra);
        var columns = resources.Select(r => data.ResourceColumn(r, date, $"{kind.ToLowerInvariant()}-{r.Id}", r.Name)).ToList();
        var (first, last) = Range(columns);
        return new CalendarDay(location.Id, location.Name, location.TimeZoneId, Text(date), kind == ResourceKinds.Room ? ByRoom : ByProvider, first, last,
            columns, data.CancelledCount);
    }

    public static async Task<CalendarWeek> WeekAsync(MedOfficeDb db, Location location, DateOnly date, SchedulableResource? resource,
        CancellationToken cancellationToken = default)
    {
        var monday = WeekStart(date);
        var data = await Loaded.LoadAsync(db, location, monday, monday.AddDays(7), cancellationToken);
        var providers = resource is null ? await ResourcesAtAsync(db, location.Id, ResourceKinds.Provider, cancellationToken) : [];
        var columns = Enumerable.Range(0, 7).Select(i => monday.AddDays(i)).Select(day =>
        {
            var title = day.ToString("ddd MM/dd", CultureInfo.InvariantCulture);
            return resource is null ? data.AllProvidersColumn(providers, day, $"day-{Text(day)}", title) : data.ResourceColumn(resource, day, $"day-{Text(day)}", title);
        }).ToList();
        var (first, last) = Range(columns);
        return new CalendarWeek(location.Id, location.Name, location.TimeZoneId, Text(monday), Text(monday.AddDays(6)), resource?.Id, resource?.Name,
            first, last, columns);
    }

    /// <summary>Counts only (no patient names), so reading a month is not a read of anyone's appointment.</summary>
    public static async Task<CalendarMonth> MonthAsync(MedOfficeDb db, Location location, DateOnly anyDayOfMonth, SchedulableResource? resource,
        CancellationToken cancellationToken = default)
    {
        var firstOfMonth = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var from = WeekStart(firstOfMonth);
        var until = WeekStart(firstOfMonth.AddMonths(1).AddDays(-1)).AddDays(7);
        var fromUtc = LocalTimes.StartOfDayUtc(from, location.TimeZoneId);
        var untilUtc = LocalTimes.StartOfDayUtc(until, location.TimeZoneId);
        var query = db.Appointments.AsNoTracking()
            .Where(a => a.LocationId == location.Id && a.StartsAt >= fromUtc && a.StartsAt < untilUtc && a.Status != AppointmentStatuses.Cancelled);
        if (resource is not null)
        {
            query = query.Where(a => a.Bookings.Any(b => b.ResourceId == resource.Id));
        }
        var counts = (await query.Select(a => a.StartsAt).ToListAsync(cancellationToken))
            .GroupBy(s => LocalTimes.DateAt(s, location.TimeZoneId))
            .ToDictionary(g => g.Key, g => g.Count());
        var weeks = new List<IReadOnlyList<MonthDay>>();
        for (var monday = from; monday < until; monday = monday.AddDays(7))
        {
            weeks.Add(Enumerable.Range(0, 7).Select(i => monday.AddDays(i))
                .Select(d => new MonthDay(Text(d), d.Day, d.Month == firstOfMonth.Month, counts.GetValueOrDefault(d))).ToList());
        }
        return new CalendarMonth(location.Id, location.Name, firstOfMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture), resource?.Id, resource?.Name, weeks);
    }

    /// <summary>One audit row per calendar shown: it names patients, so looking at it is a read of the schedule.</summary>
    public static Task RecordViewAsync(AuditTrail audit, Actor actor, string what, int appointments) =>
        audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Schedule, Detail: $"calendar {what}: {appointments} appointments"));

    public static int Count(IEnumerable<CalendarColumn> columns) => columns.SelectMany(c => c.Appointments).Select(a => a.AppointmentId).Distinct().Count();

    /// <summary>The resources of a kind at a location: based there, or working there on some day.</summary>
    public static Task<List<SchedulableResource>> ResourcesAtAsync(MedOfficeDb db, int locationId, string kind, CancellationToken cancellationToken = default) =>
        db.SchedulableResources.AsNoTracking()
            .Where(r => r.IsActive && r.Kind == kind && (r.LocationId == locationId || db.WorkingHours.Any(w => w.ResourceId == r.Id && w.LocationId == locationId)))
            .OrderBy(r => r.Name).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);

    public static string Text(DateOnly date) => date.ToString(LocalFormats.Date, CultureInfo.InvariantCulture);

    /// <summary>
    /// Whole hours covering every column's hours and visits (at least 08:00–17:00), with an hour either side so the
    /// shading shows where the working day starts and ends.
    /// </summary>
    private static (int First, int Last) Range(IReadOnlyList<CalendarColumn> columns)
    {
        var starts = columns.SelectMany(c => c.Hours.Select(h => h.StartMinute).Concat(c.Appointments.Select(a => a.StartMinute))).Append(DefaultFirstMinute);
        var ends = columns.SelectMany(c => c.Hours.Select(h => h.EndMinute).Concat(c.Appointments.Select(a => a.EndMinute))).Append(DefaultLastMinute);
        return (Math.Max(0, starts.Min() / 60 * 60 - 60), Math.Min(1440, (ends.Max() + 59) / 60 * 60 + 60));
    }

    /// <summary>Everything a calendar of some days at a location shows, loaded once.</summary>
    private sealed class Loaded
    {
        private readonly Location _location;
        private List<WorkingHours> _hours = [];
        private List<ScheduleBlock> _blocks = [];
        private Dictionary<int, string> _patients = [];
        private Dictionary<int, AppointmentType> _types = [];

        private Loaded(Location location) => _location = location;

        public List<Appointment> Appointments { get; private set; } = [];
        public Dictionary<int, SchedulableResource> Resources { get; private set; } = [];
        public int CancelledCount { get; private set; }

        public static async Task<Loaded> LoadAsync(MedOfficeDb db, Location location, DateOnly from, DateOnly until, CancellationToken cancellationToken)
        {
            var fromUtc = LocalTimes.StartOfDayUtc(from, location.TimeZoneId);
            var untilUtc = LocalTimes.StartOfDayUtc(until, location.TimeZoneId);
            var loaded = new Loaded(location);
            var all = await db.Appointments.AsNoTracking().Include(a => a.Bookings)
                .Where(a => a.LocationId == location.Id && a.StartsAt >= fromUtc && a.StartsAt < untilUtc)
                .OrderBy(a => a.StartsAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
            loaded.CancelledCount = all.Count(a => a.Status == AppointmentStatuses.Cancelled);
            loaded.Appointments = all.Where(a => a.Status != AppointmentStatuses.Cancelled).ToList();
            var patientIds = loaded.Appointments.Select(a => a.PatientId).Distinct().ToList();
            loaded._patients = (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
                    .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id, p => p.PreferredName is { Length: > 0 } && p.PreferredName != p.LegalFirstName
                    ? $"{p.LegalLastName}, {p.LegalFirstName} ({p.PreferredName})"
                    : $"{p.LegalLastName}, {p.LegalFirstName}");
            loaded._types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken);
            var resourceIds = loaded.Appointments.SelectMany(a => a.Bookings).Select(b => b.ResourceId).Distinct().ToList();
            loaded.Resources = await db.SchedulableResources.AsNoTracking()
                .Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            loaded._hours = await db.WorkingHours.AsNoTracking().Where(w => w.LocationId == location.Id).ToListAsync(cancellationToken);
            loaded._blocks = await db.ScheduleBlocks.AsNoTracking()
                .Where(b => (b.LocationId == location.Id || b.ResourceId != null) && b.StartsAt < untilUtc && fromUtc < b.EndsAt)
                .OrderBy(b => b.StartsAt).ToListAsync(cancellationToken);
            return loaded;
        }

        /// <summary>The bookings a visit holds: its active ones, or, once a no-show has let them go, the ones it had.</summary>
        public IEnumerable<ResourceBooking> Held(Appointment appointment) =>
            appointment.Bookings.Any(b => b.IsActive) ? appointment.Bookings.Where(b => b.IsActive) : appointment.Bookings;

        public CalendarColumn ResourceColumn(SchedulableResource resource, DateOnly day, string key, string title)
        {
            var entries = new List<CalendarEntry>();
            foreach (var appointment in Appointments)
            {
                foreach (var booking in Held(appointment).Where(b => b.ResourceId == resource.Id))
                {
                    if (LocalDay(booking.StartsAt) == day)
                    {
                        // Next to each visit, the other side of it: the room in a provider's column, the provider in a room's.
                        var other = resource.Kind == ResourceKinds.Provider ? ResourceKinds.Room : ResourceKinds.Provider;
                        entries.Add(Entry(appointment, booking.StartsAt, booking.EndsAt, day, NamesOf(appointment, other)));
                    }
                }
            }
            var hours = Spans(_hours.Where(w => w.ResourceId == resource.Id && Applies(w, day)), day);
            var blocks = _blocks.Where(b => b.ResourceId == resource.Id || (b.ResourceId == null && b.LocationId == _location.Id))
                .Select(b => Block(b, day)).OfType<CalendarBlock>().ToList();
            return new CalendarColumn(key, title, Text(day), resource.Kind == ResourceKinds.Provider ? resource.Id : null,
                resource.Kind == ResourceKinds.Room ? resource.Id : null, hours, blocks, Lanes(entries));
        }

        public CalendarColumn AllProvidersColumn(IReadOnlyList<SchedulableResource> providers, DateOnly day, string key, string title)
        {
            var entries = Appointments.Where(a => LocalDay(a.StartsAt) == day)
                .Select(a => Entry(a, a.StartsAt, a.EndsAt, day, NamesOf(a, ResourceKinds.Provider))).ToList();
            var ids = providers.Select(p => p.Id).ToHashSet();
            var hours = Spans(_hours.Where(w => ids.Contains(w.ResourceId) && Applies(w, day)), day);
            var blocks = _blocks.Where(b => b.ResourceId == null && b.LocationId == _location.Id).Select(b => Block(b, day)).OfType<CalendarBlock>().ToList();
            return new CalendarColumn(key, title, Text(day), null, null, hours, blocks, Lanes(entries));
        }

        private CalendarEntry Entry(Appointment appointment, DateTime startsAt, DateTime endsAt, DateOnly day, string with)
        {
            var type = _types[appointment.AppointmentTypeId];
            var localStart = LocalTimes.ToLocal(startsAt, _location.TimeZoneId);
            var localEnd = LocalTimes.ToLocal(endsAt, _location.TimeZoneId);
            return new CalendarEntry(appointment.Id, appointment.PatientId, _patients.GetValueOrDefault(appointment.PatientId, "(unknown patient)"), type.Name,
                type.Color, appointment.Status, LocalFormats.Format(localStart), LocalFormats.Format(localEnd), LocalFormats.FormatUtc(startsAt),
                LocalFormats.FormatUtc(endsAt), Minute(localStart, day), Math.Max(Minute(localEnd, day), Minute(localStart, day) + 5), with,
                appointment.Status == AppointmentStatuses.Booked, 0, 1);
        }

        private CalendarBlock? Block(ScheduleBlock block, DateOnly day)
        {
            var localStart = LocalTimes.ToLocal(block.StartsAt, _location.TimeZoneId);
            var localEnd = LocalTimes.ToLocal(block.EndsAt, _location.TimeZoneId);
            var start = Minute(localStart, day);
            var end = Minute(localEnd, day);
            return end <= start ? null : new CalendarBlock(block.Id, block.Kind, block.Reason, block.ResourceId is null, start, end,
                LocalFormats.Format(localStart), LocalFormats.Format(localEnd));
        }

        private string NamesOf(Appointment appointment, string kind) =>
            string.Join(", ", Held(appointment).Select(b => Resources[b.ResourceId]).Where(r => r.Kind == kind).Select(r => r.Name).Distinct());

        private DateOnly LocalDay(DateTime utc) => LocalTimes.DateAt(utc, _location.TimeZoneId);

        private static bool Applies(WorkingHours w, DateOnly day) =>
            w.DayOfWeek == day.DayOfWeek && (w.EffectiveFrom == null || w.EffectiveFrom <= day) && (w.EffectiveUntil == null || w.EffectiveUntil >= day);

        /// <summary>Working hours as spans, overlapping ones merged (all providers' hours shade a day as one).</summary>
        private static List<CalendarSpan> Spans(IEnumerable<WorkingHours> hours, DateOnly day)
        {
            var merged = new List<(int Start, int End)>();
            foreach (var (start, end) in hours.Select(w => (Start: Of(w.StartsAt), End: w.EndsAt == TimeOnly.MaxValue ? 1440 : Of(w.EndsAt))).OrderBy(s => s.Start))
            {
                if (merged.Count > 0 && start <= merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
                }
                else
                {
                    merged.Add((start, end));
                }
            }
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            return merged.Select(s => new CalendarSpan(s.Start, s.End, LocalFormats.Format(midnight.AddMinutes(s.Start)), LocalFormats.Format(midnight.AddMinutes(s.End))))
                .ToList();
        }

        private static int Of(TimeOnly time) => time.Hour * 60 + time.Minute;

        private static int Minute(DateTime local, DateOnly day) =>
            (int)Math.Clamp((local - day.ToDateTime(TimeOnly.MinValue)).TotalMinutes, 0, 1440);

        /// <summary>Overlapping visits in one column share its width: each group of overlaps gets as many lanes as it needs.</summary>
        private static List<CalendarEntry> Lanes(List<CalendarEntry> entries)
        {
            var result = new List<CalendarEntry>();
            var group = new List<CalendarEntry>();
            var laneEnds = new List<int>();
            var groupEnd = -1;
            void Flush()
            {
                result.AddRange(group.Select(e => e with { Lanes = laneEnds.Count }));
                group.Clear();
                laneEnds.Clear();
            }
            foreach (var entry in entries.OrderBy(e => e.StartMinute).ThenBy(e => e.AppointmentId))
            {
                if (entry.StartMinute >= groupEnd)
                {
                    Flush();
                }
                var lane = laneEnds.FindIndex(end => end <= entry.StartMinute);
                if (lane < 0)
                {
                    lane = laneEnds.Count;
                    laneEnds.Add(entry.EndMinute);
                }
                else
                {
                    laneEnds[lane] = entry.EndMinute;
                }
                group.Add(entry with { Lane = lane });
                groupEnd = Math.Max(groupEnd, entry.EndMinute);
            }
            Flush();
            return result;
        }
    }
}
