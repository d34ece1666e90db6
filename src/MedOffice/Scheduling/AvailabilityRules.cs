using NodaTime;

namespace MedOffice.Scheduling;

/// <summary>Why a resource cannot be booked for a time, checked in this order.</summary>
public enum Unavailability
{
    None,
    AcrossMidnight,
    OutsideHours,
    Blocked,
    Booked,
}

/// <summary>A time a resource would be held: UTC bounds in ticks, and the same bounds as local wall-clock time at the location.</summary>
public readonly record struct ResourceTime(long From, long To, DateTime LocalFrom, DateTime LocalTo)
{
    public DateTime StartsAt => new(From, DateTimeKind.Utc);
    public DateTime EndsAt => new(To, DateTimeKind.Utc);
}

/// <summary>
/// The one rule set for "can this resource be booked then?", used by the booking planner, the opening finder and the
/// waitlist alike: the time lies within one local day, inside one of the resource's working-hours rows at the location, on
/// no block of the resource or the whole location, and on no active booking of the resource (other than those of the
/// appointment being moved). Set-up comes from a <see cref="LocationCalendar"/>; bookings only from what was read into
/// these rules (<see cref="Availability.ReadBookingsAsync"/>), so callers ask only about resources and times they read.
/// </summary>
public sealed class AvailabilityRules
{
    private readonly Dictionary<int, BusyTimes> _booked = [];
    private readonly int? _excludeAppointmentId;
    // The zone's offset period (UTC ticks) a search is walking through: conversions inside it are one addition. Rules are
    // per request, so this needs no lock.
    private long _intervalStart = long.MaxValue;
    private long _intervalEnd = long.MinValue;
    private long _intervalOffset;

    internal AvailabilityRules(CalendarCheck check, int? excludeAppointmentId)
    {
        CalendarCheck = check;
        Calendar = check.Calendar!;
        _excludeAppointmentId = excludeAppointmentId;
    }

    public LocationCalendar Calendar { get; }
    internal CalendarCheck CalendarCheck { get; }

    /// <summary>The order in which a visit's requirements are filled, by the planner and the finder alike: providers first, then as defined.</summary>
    public static IReadOnlyList<AppointmentTypeRequirement> InBookingOrder(AppointmentType type) =>
        type.Requirements.OrderBy(r => r.Kind == ResourceKinds.Provider ? 0 : 1).ThenBy(r => r.Id).ToList();

    public ResourceTime Time(DateTime from, DateTime to) => new(from.Ticks, to.Ticks, ToLocal(from), ToLocal(to));

    public Unavailability Check(int resourceId, in ResourceTime time)
    {
        var day = DateOnly.FromDateTime(time.LocalFrom);
        if (DateOnly.FromDateTime(time.LocalTo.AddTicks(-1)) != day)
        {
            return Unavailability.AcrossMidnight;
        }
        var endsAtMidnight = time.LocalTo.TimeOfDay == TimeSpan.Zero && time.LocalTo > time.LocalFrom;
        if (!Calendar.WorksThrough(resourceId, day, TimeOnly.FromDateTime(time.LocalFrom), TimeOnly.FromDateTime(time.LocalTo), endsAtMidnight))
        {
            return Unavailability.OutsideHours;
        }
        if (Calendar.IsBlocked(resourceId, time.From, time.To))
        {
            return Unavailability.Blocked;
        }
        return _booked.TryGetValue(resourceId, out var booked) && booked.Overlaps(time.From, time.To) ? Unavailability.Booked : Unavailability.None;
    }

    /// <summary>Null when the resource can be booked for [from, to) (UTC); otherwise the reason, in words for the front desk.</summary>
    public string? WhyUnavailable(SchedulableResource resource, DateTime from, DateTime to)
    {
        var time = Time(from, to);
        return Check(resource.Id, time) switch
        {
            Unavailability.None => null,
            Unavailability.AcrossMidnight => $"{resource.Name} cannot be booked across midnight",
            Unavailability.OutsideHours => $"{resource.Name} does not work at {Calendar.Location.Name} then",
            Unavailability.Blocked when Calendar.BlockOverlapping(resource.Id, time.From, time.To) is { } block =>
                $"{resource.Name} is blocked then ({block.Reason ?? block.Kind})",
            Unavailability.Blocked => $"{resource.Name} is blocked then",
            _ => $"{resource.Name} is already booked then",
        };
    }

    /// <summary>Replaces what is known of these resources' bookings with the rows just read for them.</summary>
    internal void SetBookings(IEnumerable<int> resourceIds, IEnumerable<BookedTime> rows)
    {
        var byResource = rows.Where(r => r.AppointmentId != _excludeAppointmentId).ToLookup(r => r.ResourceId);
        foreach (var id in resourceIds)
        {
            _booked[id] = byResource.Contains(id) ? BusyTimes.Merge(byResource[id].Select(b => (b.StartsAt.Ticks, b.EndsAt.Ticks))) : BusyTimes.None;
        }
    }

    /// <summary>
    /// The UTC instant of a local time at the location, or null when daylight saving skips it; a repeated time is its first
    /// occurrence (<see cref="LocalTimes"/>). Away from a change of offset that is the local time minus the offset in force;
    /// within a day of a change, NodaTime maps it.
    /// </summary>
    public DateTime? ToUtc(DateTime local)
    {
        var offset = OffsetAt(local.Ticks);
        var utc = local.Ticks - offset;
        if (utc - TimeSpan.TicksPerDay >= _intervalStart && utc + TimeSpan.TicksPerDay < _intervalEnd)
        {
            return new DateTime(utc, DateTimeKind.Utc);
        }
        var mapping = Calendar.Zone.MapLocal(LocalDateTime.FromDateTime(local));
        return mapping.Count == 0 ? null : mapping.First().ToDateTimeUtc();
    }

    private DateTime ToLocal(DateTime utc) => new(utc.Ticks + OffsetAt(utc.Ticks), DateTimeKind.Unspecified);

    // The offset (ticks) of the zone interval holding a UTC instant (ticks), from the cached interval when it holds it.
    private long OffsetAt(long utcTicks)
    {
        if (utcTicks < _intervalStart || utcTicks >= _intervalEnd)
        {
            var interval = Calendar.Zone.GetZoneInterval(Instant.FromUnixTimeTicks(utcTicks - DateTime.UnixEpoch.Ticks));
            _intervalStart = interval.HasStart ? interval.Start.ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks : long.MinValue;
            _intervalEnd = interval.HasEnd ? interval.End.ToUnixTimeTicks() + DateTime.UnixEpoch.Ticks : long.MaxValue;
            _intervalOffset = interval.WallOffset.Ticks;
        }
        return _intervalOffset;
    }
}

/// <summary>One active booking as the rules need it.</summary>
internal readonly record struct BookedTime(int ResourceId, int AppointmentId, DateTime StartsAt, DateTime EndsAt);

/// <summary>The set-up version, with one active booking if there is any (a left join: all nulls for none).</summary>
internal readonly record struct VersionedBookedTime(long Version, int? ResourceId, int? AppointmentId, DateTime? StartsAt, DateTime? EndsAt);
