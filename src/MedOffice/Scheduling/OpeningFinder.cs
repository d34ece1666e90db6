using MedOffice.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedOffice.Scheduling;

public enum PartOfDay
{
    Any,
    /// <summary>Starting before 12:00 local.</summary>
    Morning,
    /// <summary>Starting at 12:00 local or later.</summary>
    Afternoon,
}

/// <summary>
/// "The first 10 openings for a follow-up with Dr. X (or anyone) at Lakeview, mornings, in the next 8 weeks."
/// Dates and times are the location's local ones. Null step: the coarsest of 15, 10 and 5 minutes that divides the visit's length.
/// </summary>
public sealed record OpeningQuery(int AppointmentTypeId, int LocationId)
{
    /// <summary>Null: any provider who can see the visit there.</summary>
    public int? ProviderResourceId { get; init; }
    /// <summary>Null: today at the location.</summary>
    public DateOnly? FromLocalDate { get; init; }
    public int Days { get; init; } = 56;
    public PartOfDay PartOfDay { get; init; } = PartOfDay.Any;
    public int MaxResults { get; init; } = 10;
    public int? StepMinutes { get; init; }
}

/// <summary>One resource an opening would book, for one requirement of the visit type, and for when (UTC).</summary>
public sealed record OpeningResource(int RequirementId, string Kind, int ResourceId, string ResourceName, DateTime StartsAt, DateTime EndsAt);

/// <summary>A start time at which every resource the visit needs is free, and which resources those would be.</summary>
public sealed record Opening(DateTime LocalStart, DateTime StartsAt, DateTime EndsAt, IReadOnlyList<OpeningResource> Resources)
{
    public int? ProviderResourceId => Resources.FirstOrDefault(r => r.Kind == ResourceKinds.Provider)?.ResourceId;

    /// <summary>The request that books exactly this opening, with exactly these resources.</summary>
    public BookAppointment ToBooking(int patientId, int appointmentTypeId, int locationId, string? note = null) =>
        new(patientId, appointmentTypeId, locationId, LocalStart, ProviderResourceId,
            Resources.Where(r => r.Kind != ResourceKinds.Provider).Select(r => r.ResourceId).Distinct().ToList(), note);
}

/// <summary>
/// Finds bookable start times without asking the database once per candidate time: the resources the visit type can
/// use, their hours and blocks are read once; active bookings are read in growing chunks of working days (1, 2, 4 …
/// days, one indexed range query each) and stop being read as soon as enough openings are found. Free time is then
/// checked in memory with the same rules <see cref="Availability"/> applies, so every opening is bookable as returned.
/// </summary>
public sealed class OpeningFinder(MedOfficeDb db, TimeProvider time)
{
    public const int MaxDays = 366;
    public const int MaxMaxResults = 200;
    private static readonly int[] Steps = [5, 10, 15, 20, 30, 60];
    private const int MaxChunkDays = 14;
    private const int SmallFirstPool = 4;

    // A booking overlapping a day that began before it cannot be longer than the longest visit (CK_AppointmentTypes_Duration),
    // so bookings are read from that far before a chunk: the range stays bounded on both sides of the (ResourceId, StartsAt) index.
    private static readonly TimeSpan LongestBooking = TimeSpan.FromMinutes(480);

    public async Task<Result<IReadOnlyList<Opening>>> FindAsync(OpeningQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Days is < 1 or > MaxDays)
        {
            return Fail(nameof(OpeningQuery.Days), $"Search between 1 and {MaxDays} days.");
        }
        if (query.MaxResults is < 1 or > MaxMaxResults)
        {
            return Fail(nameof(OpeningQuery.MaxResults), $"Ask for between 1 and {MaxMaxResults} openings.");
        }
        if (query.StepMinutes is { } requestedStep && !Steps.Contains(requestedStep))
        {
            return Fail(nameof(OpeningQuery.StepMinutes), $"Use a step of {string.Join(", ", Steps)} minutes.");
        }
        var type = await db.AppointmentTypes.AsNoTracking().Include(t => t.Requirements)
            .FirstOrDefaultAsync(t => t.Id == query.AppointmentTypeId && t.IsActive, cancellationToken);
        if (type is null)
        {
            return Fail(nameof(OpeningQuery.AppointmentTypeId), "Choose an appointment type.");
        }
        var location = await db.Locations.AsNoTracking()
            .Where(l => l.Id == query.LocationId).Select(l => new { l.Id, l.Name, l.TimeZoneId }).FirstOrDefaultAsync(cancellationToken);
        if (location is null)
        {
            return Fail(nameof(OpeningQuery.LocationId), "Choose a location.");
        }
        if (type.Requirements.Count == 0)
        {
            return Fail(nameof(OpeningQuery.AppointmentTypeId), $"{type.Name} needs no resources, so it has no openings to find.");
        }

        // Requirements in the order BookingService fills them: providers first.
        var requirements = type.Requirements.OrderBy(r => r.Kind == ResourceKinds.Provider ? 0 : 1).ThenBy(r => r.Id).ToList();
        var kinds = requirements.Select(r => r.Kind).Distinct().ToList();
        var resources = await db.SchedulableResources.AsNoTracking()
            .Where(r => r.IsActive && kinds.Contains(r.Kind)
                && (r.LocationId == location.Id || db.WorkingHours.Any(w => w.ResourceId == r.Id && w.LocationId == location.Id)))
            .OrderBy(r => r.Name)
            .Select(r => new Candidate(r.Id, r.Kind, r.Category, r.Name))
            .ToListAsync(cancellationToken);
        var pools = new Candidate[requirements.Count][];
        for (var i = 0; i < requirements.Count; i++)
        {
            var requirement = requirements[i];
            var pool = resources.Where(c => c.Kind == requirement.Kind && (requirement.Category == null || c.Category == requirement.Category));
            if (requirement.Kind == ResourceKinds.Provider && query.ProviderResourceId is { } providerId)
            {
                pool = pool.Where(c => c.Id == providerId);
            }
            pools[i] = pool.ToArray();
            if (pools[i].Length == 0)
            {
                var what = requirement.Category is null ? requirement.Kind.ToLowerInvariant() : $"{requirement.Category} {requirement.Kind.ToLowerInvariant()}";
                return query.ProviderResourceId is not null && requirement.Kind == ResourceKinds.Provider
                    ? Fail(nameof(OpeningQuery.ProviderResourceId), $"That provider does not see {type.Name} visits at {location.Name}.")
                    : Fail(nameof(OpeningQuery.AppointmentTypeId), $"No {what} is set up at {location.Name} for this visit type.");
            }
        }
        if (query.ProviderResourceId is not null && !requirements.Any(r => r.Kind == ResourceKinds.Provider))
        {
            return Fail(nameof(OpeningQuery.ProviderResourceId), $"{type.Name} visits do not need a provider.");
        }

        var zone = LocalTimes.Zone(location.TimeZoneId);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(LocalTimes.ToLocal(now, location.TimeZoneId));
        var first = query.FromLocalDate is { } asked && asked > today ? asked : today;
        var last = (query.FromLocalDate ?? today).AddDays(query.Days);
        if (last <= first)
        {
            return Result<IReadOnlyList<Opening>>.Ok([]);
        }
        var windowStart = StartOfDay(zone, first);
        var windowEnd = StartOfDay(zone, last);
        var ids = resources.Where(c => pools.Any(p => p.Contains(c))).Select(c => c.Id).ToList();

        var hoursRows = await db.WorkingHours.AsNoTracking()
            .Where(w => ids.Contains(w.ResourceId) && w.LocationId == location.Id
                && (w.EffectiveFrom == null || w.EffectiveFrom < last) && (w.EffectiveUntil == null || w.EffectiveUntil >= first))
            .Select(w => new HoursRow(w.ResourceId, w.DayOfWeek, w.StartsAt, w.EndsAt, w.EffectiveFrom, w.EffectiveUntil))
            .ToListAsync(cancellationToken);
        var blockRows = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => ((b.ResourceId != null && ids.Contains(b.ResourceId.Value)) || (b.ResourceId == null && b.LocationId == location.Id))
                && b.StartsAt < windowEnd && windowStart < b.EndsAt)
            .Select(b => new { b.ResourceId, b.StartsAt, b.EndsAt })
            .ToListAsync(cancellationToken);

        var schedule = new Schedule(
            hoursRows.ToLookup(h => h.ResourceId),
            Busy.Merge(blockRows.Where(b => b.ResourceId is null).Select(b => (b.StartsAt.Ticks, b.EndsAt.Ticks))),
            blockRows.Where(b => b.ResourceId is not null).GroupBy(b => b.ResourceId!.Value)
                .ToDictionary(g => g.Key, g => Busy.Merge(g.Select(b => (b.StartsAt.Ticks, b.EndsAt.Ticks)))));

        // Days on which every requirement has someone working: only those are read and searched.
        var days = new List<DateOnly>();
        for (var day = first; day < last; day = day.AddDays(1))
        {
            if (pools.All(pool => pool.Any(c => schedule.HoursOn(c.Id, day).Any())))
            {
                days.Add(day);
            }
        }

        var search = new Search(type, requirements, pools, schedule, zone, now, query.PartOfDay,
            query.StepMinutes ?? DefaultStep(type.DurationMinutes), query.MaxResults);
        var firstIds = pools[0].Select(c => c.Id).ToList();
        var restIds = ids.Except(firstIds).ToList();
        if (firstIds.Count <= SmallFirstPool && restIds.Count > 0)
        {
            // One provider (or a few): their bookings for the whole window are a few hundred rows, and they say which days
            // and hours have any chance at all. Rooms and equipment are then read only for those days and hours.
            schedule.SetBookings(await BookingsAsync(firstIds, [(windowStart, windowEnd)], cancellationToken), fixedForWindow: true);
            var windows = days.Select(day => (Day: day, Window: search.FirstRequirementWindow(day))).Where(d => d.Window is not null).ToList();
            await SearchInChunksAsync(windows.Select(w => (w.Day, w.Window!.Value)).ToList(), restIds);
        }
        else
        {
            var windows = days.Select(day => (Day: day, Window: search.HoursWindow(day))).Where(d => d.Window is not null).ToList();
            await SearchInChunksAsync(windows.Select(w => (w.Day, w.Window!.Value)).ToList(), ids);
        }

        // Chunks of 1, 2, 4 … days, one statement each; each day read only over the UTC span its candidate slots can touch.
        async Task SearchInChunksAsync(List<(DateOnly Day, (DateTime From, DateTime To) Span)> windows, List<int> readFor)
        {
            var chunk = 1;
            for (var index = 0; index < windows.Count && !search.Done; index += chunk, chunk = Math.Min(chunk * 2, MaxChunkDays))
            {
                var chunkDays = windows.Skip(index).Take(chunk).ToList();
                schedule.SetBookings(await BookingsAsync(readFor, chunkDays.Select(d => d.Span).ToList(), cancellationToken), fixedForWindow: false);
                foreach (var (day, _) in chunkDays)
                {
                    search.Day(day);
                    if (search.Done)
                    {
                        break;
                    }
                }
            }
        }

        return Result<IReadOnlyList<Opening>>.Ok(search.Openings);
    }

    private async Task<List<BookingRow>> BookingsAsync(List<int> resourceIds, List<(DateTime From, DateTime To)> spans, CancellationToken cancellationToken)
    {
        IQueryable<BookingRow>? query = null;
        foreach (var (from, to) in spans)
        {
            var readFrom = from - LongestBooking;
            var part = db.ResourceBookings.AsNoTracking()
                .Where(b => resourceIds.Contains(b.ResourceId) && b.IsActive && b.StartsAt >= readFrom && b.StartsAt < to && b.EndsAt > from)
                .Select(b => new BookingRow { ResourceId = b.ResourceId, StartsAt = b.StartsAt, EndsAt = b.EndsAt });
            query = query is null ? part : query.Concat(part);
        }
        return query is null ? [] : await query.ToListAsync(cancellationToken);
    }

    private static int DefaultStep(int durationMinutes) => durationMinutes % 15 == 0 ? 15 : durationMinutes % 10 == 0 ? 10 : 5;

    private static DateTime StartOfDay(DateTimeZone zone, DateOnly day) =>
        zone.AtStartOfDay(new LocalDate(day.Year, day.Month, day.Day)).ToDateTimeUtc();

    private static Result<IReadOnlyList<Opening>> Fail(string field, string message) => Result<IReadOnlyList<Opening>>.Fail(field, message);

    private sealed record Candidate(int Id, string Kind, string? Category, string Name);

    private sealed record HoursRow(int ResourceId, DayOfWeek DayOfWeek, TimeOnly StartsAt, TimeOnly EndsAt, DateOnly? EffectiveFrom, DateOnly? EffectiveUntil);

    // Member-initialised, not positional: EF can put a UNION ALL over a member-init projection, not over a constructor call.
    private sealed record BookingRow
    {
        public int ResourceId { get; init; }
        public DateTime StartsAt { get; init; }
        public DateTime EndsAt { get; init; }
    }

    /// <summary>What is known of the resources: hours, merged blocks, and the active bookings of the chunk being searched.</summary>
    private sealed class Schedule(ILookup<int, HoursRow> hours, Busy locationBlocks, Dictionary<int, Busy> resourceBlocks)
    {
        private Dictionary<int, Busy> _bookings = [];
        private Dictionary<int, Busy> _windowBookings = [];

        public IEnumerable<HoursRow> HoursOn(int resourceId, DateOnly day) =>
            hours[resourceId].Where(h => h.DayOfWeek == day.DayOfWeek
                && (h.EffectiveFrom == null || h.EffectiveFrom <= day) && (h.EffectiveUntil == null || h.EffectiveUntil >= day));

        public void SetBookings(List<BookingRow> rows, bool fixedForWindow)
        {
            // An active resource's bookings never overlap (the database refuses it), so sorted by start they are sorted by end too.
            var busy = rows.GroupBy(b => b.ResourceId).ToDictionary(g => g.Key,
                g => new Busy(g.Select(b => (b.StartsAt.Ticks, b.EndsAt.Ticks)).Distinct().OrderBy(b => b.Item1).ToArray()));
            if (fixedForWindow)
            {
                _windowBookings = busy;
            }
            else
            {
                _bookings = busy;
            }
        }

        public bool IsFree(int resourceId, long from, long to) =>
            !locationBlocks.Overlaps(from, to)
            && !(resourceBlocks.TryGetValue(resourceId, out var blocks) && blocks.Overlaps(from, to))
            && !(_bookings.TryGetValue(resourceId, out var booked) && booked.Overlaps(from, to))
            && !(_windowBookings.TryGetValue(resourceId, out var windowBooked) && windowBooked.Overlaps(from, to));
    }

    /// <summary>Busy intervals in UTC ticks, sorted and not overlapping, so one binary search answers "is [from, to) free?".</summary>
    private sealed class Busy((long Start, long End)[] intervals)
    {
        public static Busy Merge(IEnumerable<(long Start, long End)> intervals)
        {
            var merged = new List<(long Start, long End)>();
            foreach (var interval in intervals.OrderBy(i => i.Start))
            {
                if (merged.Count > 0 && interval.Start <= merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, interval.End));
                }
                else
                {
                    merged.Add(interval);
                }
            }
            return new Busy([.. merged]);
        }

        public bool Overlaps(long from, long to)
        {
            // The first interval ending after `from`; it overlaps when it also starts before `to`.
            int low = 0, high = intervals.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (intervals[middle].End <= from)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            return low < intervals.Length && intervals[low].Start < to;
        }
    }

    /// <summary>Walks one day's slot grid in time order and collects openings until it has enough.</summary>
    private sealed class Search(AppointmentType type, List<AppointmentTypeRequirement> requirements, Candidate[][] pools, Schedule schedule,
        DateTimeZone zone, DateTime now, PartOfDay partOfDay, int step, int max)
    {
        private readonly List<Opening> _openings = [];
        // Several providers free at one time are several openings; other resources are just the first free one, by name.
        private readonly bool _onePerProvider = requirements[0].Kind == ResourceKinds.Provider;

        public IReadOnlyList<Opening> Openings => _openings;
        public bool Done => _openings.Count >= max;

        public void Day(DateOnly day) => Walk(day, firstOnly: false);

        /// <summary>The UTC span the day's slots could touch, from the hours of whoever fills the first requirement; null: none.</summary>
        public (DateTime From, DateTime To)? HoursWindow(DateOnly day) =>
            Minutes(day) is var (first, end) && first < end ? Span(day, first, end - step) : null;

        /// <summary>As <see cref="HoursWindow"/>, but only over the slots at which the first requirement can actually be filled.</summary>
        public (DateTime From, DateTime To)? FirstRequirementWindow(DateOnly day) =>
            Walk(day, firstOnly: true) is var (first, last) && first <= last ? Span(day, first, last) : null;

        private (DateTime From, DateTime To) Span(DateOnly day, int firstMinute, int lastMinute)
        {
            var date = new LocalDate(day.Year, day.Month, day.Day);
            var from = zone.AtLeniently(date.At(new LocalTime(firstMinute / 60, firstMinute % 60))).ToDateTimeUtc();
            var to = zone.AtLeniently(date.At(new LocalTime(lastMinute / 60, lastMinute % 60))).ToDateTimeUtc();
            var earliest = Math.Min(0, requirements.Min(r => r.OffsetMinutes));
            var latest = requirements.Max(r => r.DurationMinutes is { } d ? r.OffsetMinutes + d : type.DurationMinutes);
            // A daylight-saving change inside the day moves local minutes by up to an hour either way.
            return (from.AddMinutes(earliest - 60), to.AddMinutes(Math.Max(latest, type.DurationMinutes) + 60));
        }

        private (int First, int End)? Minutes(DateOnly day)
        {
            var hours = pools[0].SelectMany(c => schedule.HoursOn(c.Id, day)).ToList();
            if (hours.Count == 0)
            {
                return null;
            }
            var firstMinute = hours.Min(h => h.StartsAt.Hour * 60 + h.StartsAt.Minute);
            var endMinute = hours.Max(h => h.EndsAt == TimeOnly.MaxValue ? 1440 : h.EndsAt.Hour * 60 + h.EndsAt.Minute);
            if (partOfDay == PartOfDay.Morning)
            {
                endMinute = Math.Min(endMinute, 720);
            }
            else if (partOfDay == PartOfDay.Afternoon)
            {
                firstMinute = Math.Max(firstMinute, 720);
            }
            return ((firstMinute + step - 1) / step * step, endMinute);
        }

        // Walks the day's slot grid in time order. firstOnly: only checks the first requirement, and returns the first and last
        // minute at which it can be filled; otherwise collects openings until there are enough.
        private (int First, int Last)? Walk(DateOnly day, bool firstOnly)
        {
            if (Minutes(day) is not var (firstMinute, endMinute))
            {
                return null;
            }
            var hoursByResource = new Dictionary<int, List<HoursRow>>();
            var localDate = new LocalDate(day.Year, day.Month, day.Day);
            var intervals = new (long From, long To, DateTime LocalFrom, DateTime LocalTo)[requirements.Count];
            var chosen = new Candidate[requirements.Count];
            int? firstFit = null, lastFit = null;
            for (var minute = firstMinute; minute < endMinute; minute += step)
            {
                var mapping = zone.MapLocal(localDate.At(new LocalTime(minute / 60, minute % 60)));
                if (mapping.Count == 0)
                {
                    continue; // skipped by the spring-forward change
                }
                var start = mapping.First().ToDateTimeUtc();
                if (start < now)
                {
                    continue;
                }
                var end = start.AddMinutes(type.DurationMinutes);
                for (var i = 0; i < requirements.Count; i++)
                {
                    var from = start.AddMinutes(requirements[i].OffsetMinutes);
                    var to = requirements[i].DurationMinutes is { } minutes ? from.AddMinutes(minutes) : end;
                    intervals[i] = (from.Ticks, to.Ticks, ToLocal(from), ToLocal(to));
                }
                foreach (var first in pools[0])
                {
                    if (!Fits(first, day, intervals[0], hoursByResource))
                    {
                        continue;
                    }
                    if (firstOnly)
                    {
                        firstFit ??= minute;
                        lastFit = minute;
                        break;
                    }
                    chosen[0] = first;
                    if (!FillRest(chosen, day, intervals, hoursByResource))
                    {
                        continue;
                    }
                    _openings.Add(Build(chosen, start, end, localDate, minute, intervals));
                    if (Done || !_onePerProvider)
                    {
                        break;
                    }
                }
                if (Done)
                {
                    return null;
                }
            }
            return firstFit is { } f ? (f, lastFit!.Value) : null;
        }

        private bool FillRest(Candidate[] chosen, DateOnly day, (long From, long To, DateTime LocalFrom, DateTime LocalTo)[] intervals,
            Dictionary<int, List<HoursRow>> hoursByResource)
        {
            for (var i = 1; i < requirements.Count; i++)
            {
                chosen[i] = null!;
                foreach (var candidate in pools[i])
                {
                    if (Array.IndexOf(chosen, candidate, 0, i) < 0 && Fits(candidate, day, intervals[i], hoursByResource))
                    {
                        chosen[i] = candidate;
                        break;
                    }
                }
                if (chosen[i] is null)
                {
                    return false;
                }
            }
            return true;
        }

        // The rules of Availability.WhyUnavailableAsync: the same local day, inside one working-hours row, no block, no booking.
        private bool Fits(Candidate candidate, DateOnly day, (long From, long To, DateTime LocalFrom, DateTime LocalTo) interval,
            Dictionary<int, List<HoursRow>> hoursByResource)
        {
            if (DateOnly.FromDateTime(interval.LocalFrom) != day || DateOnly.FromDateTime(interval.LocalTo.AddTicks(-1)) != day)
            {
                return false;
            }
            if (!hoursByResource.TryGetValue(candidate.Id, out var rows))
            {
                rows = schedule.HoursOn(candidate.Id, day).ToList();
                hoursByResource[candidate.Id] = rows;
            }
            var startTime = TimeOnly.FromDateTime(interval.LocalFrom);
            var endTime = TimeOnly.FromDateTime(interval.LocalTo);
            var endsAtMidnight = interval.LocalTo.TimeOfDay == TimeSpan.Zero;
            var inHours = false;
            foreach (var row in rows)
            {
                if (row.StartsAt <= startTime && (endsAtMidnight ? row.EndsAt == TimeOnly.MaxValue : row.EndsAt >= endTime))
                {
                    inHours = true;
                    break;
                }
            }
            return inHours && schedule.IsFree(candidate.Id, interval.From, interval.To);
        }

        private Opening Build(Candidate[] chosen, DateTime start, DateTime end, LocalDate localDate, int minute,
            (long From, long To, DateTime LocalFrom, DateTime LocalTo)[] intervals)
        {
            var resources = new OpeningResource[requirements.Count];
            for (var i = 0; i < requirements.Count; i++)
            {
                resources[i] = new OpeningResource(requirements[i].Id, requirements[i].Kind, chosen[i].Id, chosen[i].Name,
                    new DateTime(intervals[i].From, DateTimeKind.Utc), new DateTime(intervals[i].To, DateTimeKind.Utc));
            }
            var localStart = new DateTime(localDate.Year, localDate.Month, localDate.Day, minute / 60, minute % 60, 0);
            return new Opening(localStart, start, end, resources);
        }

        private DateTime ToLocal(DateTime utc) => Instant.FromDateTimeUtc(utc).InZone(zone).ToDateTimeUnspecified();
    }
}
