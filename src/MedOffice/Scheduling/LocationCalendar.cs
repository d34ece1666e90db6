using MedOffice.Practice;
using NodaTime;

namespace MedOffice.Scheduling;

/// <summary>
/// The schedule set-up of one location as the availability rules read it: the location and its time zone, the active
/// resources that can be booked there, their working hours there, the blocks (location-wide and per resource) ending after
/// <see cref="BlocksFrom"/>, and the active appointment types with what they require. Immutable, so every request of one
/// set-up version can share it (<see cref="LocationCalendarCache"/>).
/// </summary>
public sealed class LocationCalendar
{
    private readonly Dictionary<int, SchedulableResource> _resourcesById;
    private readonly Dictionary<int, AppointmentType> _types;
    // Per resource, its hours rows by DayOfWeek (0 = Sunday), so a check looks at one weekday's one or two rows.
    private readonly Dictionary<int, WorkingHours[][]> _hours;
    private readonly Blocks _locationBlocks;
    private readonly Dictionary<int, Blocks> _resourceBlocks;

    internal LocationCalendar(long? version, DateTime blocksFrom, Location location, IReadOnlyList<SchedulableResource> resources,
        IEnumerable<WorkingHours> hours, IEnumerable<ScheduleBlock> blocks, IEnumerable<AppointmentType> types)
    {
        Version = version;
        BlocksFrom = blocksFrom;
        Location = location;
        Zone = LocalTimes.Zone(location.TimeZoneId);
        Resources = resources;
        _resourcesById = resources.ToDictionary(r => r.Id);
        _types = types.ToDictionary(t => t.Id);
        _hours = hours.GroupBy(h => h.ResourceId).ToDictionary(g => g.Key,
            g => Enumerable.Range(0, 7).Select(day => g.Where(h => (int)h.DayOfWeek == day).ToArray()).ToArray());
        var blockList = blocks.ToList();
        _locationBlocks = new Blocks(blockList.Where(b => b.ResourceId is null));
        _resourceBlocks = blockList.Where(b => b.ResourceId is not null).GroupBy(b => b.ResourceId!.Value).ToDictionary(g => g.Key, g => new Blocks(g));
    }

    /// <summary>The set-up version this was read at; null when the database has no version row (then it is never cached).</summary>
    public long? Version { get; }
    /// <summary>Every block ending after this instant (UTC) is here; rules for earlier times need a calendar read from further back.</summary>
    public DateTime BlocksFrom { get; }
    public Location Location { get; }
    public DateTimeZone Zone { get; }
    /// <summary>Active resources based here or with working hours here, in the database's order of their names.</summary>
    public IReadOnlyList<SchedulableResource> Resources { get; }

    public AppointmentType? Type(int appointmentTypeId) => _types.GetValueOrDefault(appointmentTypeId);

    public SchedulableResource? Resource(int resourceId) => _resourcesById.GetValueOrDefault(resourceId);

    /// <summary>The resources that can fill a requirement of this kind (and category, if it names one), by name.</summary>
    public IEnumerable<SchedulableResource> Candidates(string kind, string? category) =>
        Resources.Where(r => r.Kind == kind && (category is null || r.Category == category));

    /// <summary>The resource's working-hours rows here that apply on a local date.</summary>
    public IEnumerable<WorkingHours> HoursOn(int resourceId, DateOnly day) => RowsOn(resourceId, day).Where(h => Applies(h, day));

    /// <summary>Whether the resource has any working hours here on a local date.</summary>
    public bool WorksOn(int resourceId, DateOnly day)
    {
        foreach (var row in RowsOn(resourceId, day))
        {
            if (Applies(row, day))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first start and last end (minutes after local midnight, 1440 for midnight) of the resource's hours on a local date.</summary>
    internal (int First, int End)? MinutesOn(int resourceId, DateOnly day)
    {
        (int First, int End)? span = null;
        foreach (var row in RowsOn(resourceId, day))
        {
            if (Applies(row, day))
            {
                var first = row.StartsAt.Hour * 60 + row.StartsAt.Minute;
                var end = row.EndsAt == TimeOnly.MaxValue ? 1440 : row.EndsAt.Hour * 60 + row.EndsAt.Minute;
                span = span is var (f, e) ? (Math.Min(f, first), Math.Max(e, end)) : (first, end);
            }
        }
        return span;
    }

    internal bool WorksThrough(int resourceId, DateOnly day, TimeOnly startTime, TimeOnly endTime, bool endsAtMidnight)
    {
        foreach (var row in RowsOn(resourceId, day))
        {
            if (Applies(row, day) && row.StartsAt <= startTime && (endsAtMidnight ? row.EndsAt == TimeOnly.MaxValue : row.EndsAt >= endTime))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first block (location-wide or the resource's own) overlapping [from, to) in UTC ticks, or null.</summary>
    internal ScheduleBlock? BlockOverlapping(int resourceId, long from, long to)
    {
        var own = _resourceBlocks.TryGetValue(resourceId, out var blocks) ? blocks.FirstOverlapping(from, to) : null;
        var locationWide = _locationBlocks.FirstOverlapping(from, to);
        return own is null ? locationWide : locationWide is null || own.StartsAt <= locationWide.StartsAt ? own : locationWide;
    }

    internal bool IsBlocked(int resourceId, long from, long to) =>
        _locationBlocks.Busy.Overlaps(from, to) || (_resourceBlocks.TryGetValue(resourceId, out var blocks) && blocks.Busy.Overlaps(from, to));

    private WorkingHours[] RowsOn(int resourceId, DateOnly day) => _hours.TryGetValue(resourceId, out var byDay) ? byDay[(int)day.DayOfWeek] : [];

    private static bool Applies(WorkingHours row, DateOnly day) =>
        (row.EffectiveFrom is null || row.EffectiveFrom <= day) && (row.EffectiveUntil is null || row.EffectiveUntil >= day);

    /// <summary>Blocks as merged busy time for the yes/no question, and as rows for the front desk's "why".</summary>
    private sealed class Blocks
    {
        private readonly ScheduleBlock[] _rows;

        public Blocks(IEnumerable<ScheduleBlock> rows)
        {
            _rows = rows.OrderBy(b => b.StartsAt).ThenBy(b => b.Id).ToArray();
            Busy = BusyTimes.Merge(_rows.Select(b => (b.StartsAt.Ticks, b.EndsAt.Ticks)));
        }

        public BusyTimes Busy { get; }

        public ScheduleBlock? FirstOverlapping(long from, long to) =>
            Busy.Overlaps(from, to) ? _rows.FirstOrDefault(b => b.StartsAt.Ticks < to && from < b.EndsAt.Ticks) : null;
    }
}

/// <summary>Busy intervals in UTC ticks, sorted and not overlapping, so one binary search answers "is [from, to) free?".</summary>
internal sealed class BusyTimes((long Start, long End)[] intervals)
{
    public static readonly BusyTimes None = new([]);

    public static BusyTimes Merge(IEnumerable<(long Start, long End)> intervals)
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
        return new BusyTimes([.. merged]);
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
