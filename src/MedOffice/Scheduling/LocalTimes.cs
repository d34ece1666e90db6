using NodaTime;

namespace MedOffice.Scheduling;

/// <summary>
/// Local wall-clock time at a location to and from UTC instants, with daylight saving decided explicitly:
/// a time inside the spring-forward gap does not exist and cannot be booked; a time in the fall-back overlap
/// means its first occurrence (the earlier instant).
/// </summary>
public static class LocalTimes
{
    public static DateTimeZone Zone(string timeZoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? throw new ArgumentException($"Unknown time zone '{timeZoneId}'.");

    /// <summary>The UTC instant of a local time, or null when that local time is skipped by a daylight-saving change.</summary>
    public static DateTime? ToUtc(DateTime local, string timeZoneId)
    {
        var zone = Zone(timeZoneId);
        var mapping = zone.MapLocal(LocalDateTime.FromDateTime(local));
        return mapping.Count == 0 ? null : mapping.First().ToDateTimeUtc();
    }

    public static DateTime ToLocal(DateTime utc, string timeZoneId) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Zone(timeZoneId)).ToDateTimeUnspecified();

    /// <summary>The UTC instant a local day begins: midnight, or the first instant after it where daylight saving skips midnight.</summary>
    public static DateTime StartOfDayUtc(DateOnly date, string timeZoneId) => Zone(timeZoneId).AtStartOfDay(LocalDate.FromDateOnly(date)).ToDateTimeUtc();

    /// <summary>The local date at the location at a UTC instant.</summary>
    public static DateOnly DateAt(DateTime utc, string timeZoneId) => DateOnly.FromDateTime(ToLocal(utc, timeZoneId));
}
