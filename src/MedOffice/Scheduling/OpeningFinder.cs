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
/// Finds bookable start times without asking the database once per candidate time. The set-up (visit type, resources,
/// hours, blocks) comes from the location's cached <see cref="LocationCalendar"/>; active bookings are read in chunks of
/// candidate days (one statement of one fixed shape per chunk, each day only over the span its slots can touch) and stop being
/// read as soon as enough openings are found. Each candidate time is judged by <see cref="AvailabilityRules"/>, the same
/// rules the booking planner applies, so every opening is bookable as returned.
/// </summary>
public sealed class OpeningFinder(MedOfficeDb db, TimeProvider time, Availability? availability = null)
{
    public const int MaxDays = 366;
    public const int MaxMaxResults = 200;
    private static readonly int[] Steps = [5, 10, 15, 20, 30, 60];
    private const int SmallFirstPool = 4;
    private const int FirstChunkMinutes = 60;
    private const int FirstStageDays = 8;

    private readonly Availability _availability = availability ?? new Availability(db);

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
        // The few reads of one search share one connection (on SQLite, each open would also set the connection's pragmas again).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            return await _availability.WithCalendarAsync(query.LocationId, now, check => SearchAsync(query, check, now, cancellationToken), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result<IReadOnlyList<Opening>>> SearchAsync(OpeningQuery query, CalendarCheck check, DateTime now, CancellationToken cancellationToken)
    {
        var calendar = check.Calendar;
        var type = calendar?.Type(query.AppointmentTypeId);
        if (type is null && (calendar is not null
            || !await db.AppointmentTypes.AnyAsync(t => t.Id == query.AppointmentTypeId && t.IsActive, cancellationToken)))
        {
            return Fail(nameof(OpeningQuery.AppointmentTypeId), "Choose an appointment type.");
        }
        if (calendar is null)
        {
            return Fail(nameof(OpeningQuery.LocationId), "Choose a location.");
        }
        var location = calendar.Location;
        if (type!.Requirements.Count == 0)
        {
            return Fail(nameof(OpeningQuery.AppointmentTypeId), $"{type.Name} needs no resources, so it has no openings to find.");
        }

        var requirements = AvailabilityRules.InBookingOrder(type);
        var pools = new SchedulableResource[requirements.Count][];
        for (var i = 0; i < requirements.Count; i++)
        {
            var requirement = requirements[i];
            var pool = calendar.Candidates(requirement.Kind, requirement.Category);
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

        var zone = calendar.Zone;
        var today = LocalTimes.DateAt(now, location.TimeZoneId);
        var first = query.FromLocalDate is { } asked && asked > today ? asked : today;
        var last = (query.FromLocalDate ?? today).AddDays(query.Days);
        if (last <= first)
        {
            return Result<IReadOnlyList<Opening>>.Ok([]);
        }
        var windowStart = LocalTimes.StartOfDayUtc(first, location.TimeZoneId);
        var windowEnd = LocalTimes.StartOfDayUtc(last, location.TimeZoneId);
        var rules = await _availability.RulesAsync(check, windowStart, excludeAppointmentId: null, cancellationToken);

        // Days on which every requirement has someone working: only those are read and searched.
        var days = new List<DateOnly>();
        for (var day = first; day < last; day = day.AddDays(1))
        {
            if (pools.All(pool => pool.Any(c => calendar.WorksOn(c.Id, day))))
            {
                days.Add(day);
            }
        }

        var search = new Search(type, requirements, pools, rules, now, query.PartOfDay,
            query.StepMinutes ?? DefaultStep(type.DurationMinutes), query.MaxResults);
        var firstIds = pools[0].Select(c => c.Id).ToList();
        var restIds = pools.Skip(1).SelectMany(p => p).Select(c => c.Id).Distinct().Except(firstIds).ToList();
        if (firstIds.Count <= SmallFirstPool && restIds.Count > 0)
        {
            // One provider (or a few): their bookings are a few rows a day, and they say which days and hours have any chance
            // at all, and how many slots each day offers. They are read for their next 8 working days, then three times as
            // many, and so on; rooms and equipment only for the days and hours they leave, as many days per statement as
            // should give enough openings.
            for (int index = 0, stageDays = FirstStageDays; index < days.Count && !search.Done; index += stageDays, stageDays *= 3)
            {
                var stage = days.GetRange(index, Math.Min(stageDays, days.Count - index));
                var (from, to) = search.Reach(LocalTimes.StartOfDayUtc(stage[0], location.TimeZoneId),
                    LocalTimes.StartOfDayUtc(stage[^1].AddDays(1), location.TimeZoneId));
                await _availability.ReadBookingsAsync(rules, firstIds, [(from, to)], cancellationToken);
                await SearchInChunksAsync(stage.Select(search.FirstRequirementWindow).OfType<DayWindow>().ToList(), restIds, bySlotCount: true);
            }
        }
        else
        {
            var windows = days.Select(search.HoursWindow).OfType<DayWindow>().ToList();
            await SearchInChunksAsync(windows, [.. firstIds, .. restIds], bySlotCount: false);
        }

        // Each chunk is one statement of up to SpansPerRead windows. With the first requirement's free slots known, a chunk
        // takes whole days until they promise enough openings; otherwise it covers 60, 120, 240 … minutes of start times,
        // splitting a day where the budget ends.
        async Task SearchInChunksAsync(List<DayWindow> windows, List<int> readFor, bool bySlotCount)
        {
            var budget = FirstChunkMinutes;
            for (var index = 0; index < windows.Count && !search.Done;)
            {
                var chunk = new List<DayWindow>();
                if (bySlotCount)
                {
                    for (var expected = 0; index < windows.Count && chunk.Count < Availability.SpansPerRead && expected < search.Missing; index++)
                    {
                        chunk.Add(windows[index]);
                        expected += windows[index].Slots;
                    }
                }
                else
                {
                    for (var left = budget; index < windows.Count && chunk.Count < Availability.SpansPerRead && left > 0;)
                    {
                        var (taken, remainder) = search.Split(windows[index], left);
                        chunk.Add(taken);
                        left -= taken.Minutes;
                        if (remainder is null)
                        {
                            index++;
                        }
                        else
                        {
                            windows[index] = remainder;
                        }
                    }
                    budget *= 2;
                }
                // A resource with no hours on the local days the spans touch cannot be booked then, whatever its bookings.
                var touched = chunk.SelectMany(LocalDays).Distinct().ToList();
                var working = readFor.Where(id => touched.Any(day => calendar.WorksOn(id, day))).ToList();
                await _availability.ReadBookingsAsync(rules, working, chunk.Select(w => (w.From, w.To)).ToList(), cancellationToken);
                foreach (var window in chunk)
                {
                    search.Walk(window);
                    if (search.Done)
                    {
                        break;
                    }
                }
            }
        }

        IEnumerable<DateOnly> LocalDays(DayWindow window)
        {
            var span = rules.Time(window.From, window.To);
            for (var day = DateOnly.FromDateTime(span.LocalFrom); day <= DateOnly.FromDateTime(span.LocalTo.AddTicks(-1)); day = day.AddDays(1))
            {
                yield return day;
            }
        }

        return Result<IReadOnlyList<Opening>>.Ok(search.Openings);
    }

    private static int DefaultStep(int durationMinutes) => durationMinutes % 15 == 0 ? 15 : durationMinutes % 10 == 0 ? 10 : 5;

    private static Result<IReadOnlyList<Opening>> Fail(string field, string message) => Result<IReadOnlyList<Opening>>.Fail(field, message);

    /// <summary>
    /// Start times on one day's slot grid, from <see cref="FirstMinute"/> to <see cref="LastMinute"/> (local minutes), the UTC span
    /// they can touch, and at how many of them the first requirement can be filled (0: not known).
    /// </summary>
    private sealed record DayWindow(DateOnly Day, int FirstMinute, int LastMinute, int Step, DateTime From, DateTime To, int Slots)
    {
        public int Minutes => LastMinute - FirstMinute + Step;
    }

    /// <summary>Walks one day's slot grid in time order and collects openings until it has enough.</summary>
    private sealed class Search(AppointmentType type, IReadOnlyList<AppointmentTypeRequirement> requirements, SchedulableResource[][] pools,
        AvailabilityRules rules, DateTime now, PartOfDay partOfDay, int step, int max)
    {
        private readonly List<Opening> _openings = [];
        // Several providers free at one time are several openings; other resources are just the first free one, by name.
        private readonly bool _onePerProvider = requirements[0].Kind == ResourceKinds.Provider;
        private readonly DateTimeZone _zone = rules.Calendar.Zone;
        private readonly int _earliest = Math.Min(0, requirements.Min(r => r.OffsetMinutes));
        private readonly int _latest = Math.Max(type.DurationMinutes, requirements.Max(r => r.DurationMinutes is { } d ? r.OffsetMinutes + d : type.DurationMinutes));
        private readonly DateOnly _today = LocalTimes.DateAt(now, rules.Calendar.Location.TimeZoneId);
        private readonly int _nowMinute = (int)LocalTimes.ToLocal(now, rules.Calendar.Location.TimeZoneId).TimeOfDay.TotalMinutes;

        public IReadOnlyList<Opening> Openings => _openings;
        public bool Done => _openings.Count >= max;
        public int Missing => max - _openings.Count;

        public void Walk(DayWindow window) => Walk(window.Day, window.FirstMinute, window.LastMinute + 1, firstOnly: false);

        /// <summary>The day's slots within the hours of whoever fills the first requirement (and from now on, today); null: none.</summary>
        public DayWindow? HoursWindow(DateOnly day) =>
            Minutes(day) is var (first, end) && first < end ? Window(day, first, first + (end - 1 - first) / step * step, 0) : null;

        /// <summary>As <see cref="HoursWindow"/>, but only from the first to the last slot at which the first requirement can actually be filled.</summary>
        public DayWindow? FirstRequirementWindow(DateOnly day) =>
            Minutes(day) is var (first, end) && Walk(day, first, end, firstOnly: true) is var (firstFit, lastFit, slots) && slots > 0
                ? Window(day, firstFit, lastFit, slots)
                : null;

        /// <summary>The window's first <paramref name="minutes"/> minutes of start times (at least one slot), and the rest if any.</summary>
        public (DayWindow Taken, DayWindow? Remainder) Split(DayWindow window, int minutes)
        {
            var restFirst = window.FirstMinute + Math.Max(1, minutes / step) * step;
            return restFirst > window.LastMinute
                ? (window, null)
                : (Window(window.Day, window.FirstMinute, restFirst - step, 0), Window(window.Day, restFirst, window.LastMinute, 0));
        }

        // Local minutes map to UTC in order (a repeated time means its first occurrence, a skipped one is not a slot), so the
        // first and last slot's instants, widened by the requirements' offsets and lengths, bound every time the day checks.
        private DayWindow Window(DateOnly day, int firstMinute, int lastMinute, int slots)
        {
            var date = new LocalDate(day.Year, day.Month, day.Day);
            var (from, to) = Reach(_zone.AtLeniently(date.At(new LocalTime(firstMinute / 60, firstMinute % 60))).ToDateTimeUtc(),
                _zone.AtLeniently(date.At(new LocalTime(lastMinute / 60, lastMinute % 60))).ToDateTimeUtc());
            return new DayWindow(day, firstMinute, lastMinute, step, from, to, slots);
        }

        /// <summary>What visits starting from <paramref name="firstStart"/> to <paramref name="lastStart"/> (UTC) can touch, every requirement's offset and length included.</summary>
        public (DateTime From, DateTime To) Reach(DateTime firstStart, DateTime lastStart) =>
            (firstStart.AddMinutes(_earliest), lastStart.AddMinutes(_latest));

        private (int First, int End)? Minutes(DateOnly day)
        {
            int firstMinute = 1440, endMinute = 0;
            foreach (var candidate in pools[0])
            {
                if (rules.Calendar.MinutesOn(candidate.Id, day) is var (first, end))
                {
                    (firstMinute, endMinute) = (Math.Min(firstMinute, first), Math.Max(endMinute, end));
                }
            }
            if (endMinute == 0)
            {
                return null;
            }
            if (day == _today)
            {
                // Start times before now's local minute are past: they are neither walked nor read for.
                firstMinute = Math.Max(firstMinute, _nowMinute);
            }
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
        // minute at which it can be filled and at how many slots; otherwise collects openings until there are enough.
        private (int First, int Last, int Slots)? Walk(DateOnly day, int firstMinute, int endMinute, bool firstOnly)
        {
            var localDate = new LocalDate(day.Year, day.Month, day.Day);
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            var times = new ResourceTime[requirements.Count];
            var chosen = new SchedulableResource[requirements.Count];
            int firstFit = 0, lastFit = 0, fits = 0;
            for (var minute = firstMinute; minute < endMinute; minute += step)
            {
                if (rules.ToUtc(midnight.AddMinutes(minute)) is not { } start)
                {
                    continue; // skipped by the spring-forward change
                }
                if (start < now)
                {
                    continue;
                }
                var end = start.AddMinutes(type.DurationMinutes);
                for (var i = 0; i < requirements.Count; i++)
                {
                    var from = start.AddMinutes(requirements[i].OffsetMinutes);
                    times[i] = rules.Time(from, requirements[i].DurationMinutes is { } minutes ? from.AddMinutes(minutes) : end);
                }
                foreach (var first in pools[0])
                {
                    if (rules.Check(first.Id, times[0]) != Unavailability.None)
                    {
                        continue;
                    }
                    if (firstOnly)
                    {
                        firstFit = fits++ == 0 ? minute : firstFit;
                        lastFit = minute;
                        break;
                    }
                    chosen[0] = first;
                    if (!FillRest(chosen, times))
                    {
                        continue;
                    }
                    _openings.Add(Build(chosen, start, end, localDate, minute, times));
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
            return (firstFit, lastFit, fits);
        }

        private bool FillRest(SchedulableResource[] chosen, ResourceTime[] times)
        {
            for (var i = 1; i < requirements.Count; i++)
            {
                chosen[i] = null!;
                foreach (var candidate in pools[i])
                {
                    if (Array.IndexOf(chosen, candidate, 0, i) < 0 && rules.Check(candidate.Id, times[i]) == Unavailability.None)
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

        private Opening Build(SchedulableResource[] chosen, DateTime start, DateTime end, LocalDate localDate, int minute, ResourceTime[] times)
        {
            var resources = new OpeningResource[requirements.Count];
            for (var i = 0; i < requirements.Count; i++)
            {
                resources[i] = new OpeningResource(requirements[i].Id, requirements[i].Kind, chosen[i].Id, chosen[i].Name, times[i].StartsAt, times[i].EndsAt);
            }
            var localStart = new DateTime(localDate.Year, localDate.Month, localDate.Day, minute / 60, minute % 60, 0);
            return new Opening(localStart, start, end, resources);
        }
    }
}
