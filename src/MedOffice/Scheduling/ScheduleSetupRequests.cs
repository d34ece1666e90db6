using System.Globalization;

namespace MedOffice.Scheduling;

public sealed record SaveResource(string? Kind, string? Name, string? Category, int LocationId, int? ProviderId = null, int? RoomId = null);

/// <summary>One span of a weekly template. Times are local at the location, "HH:mm"; "24:00" means until midnight.</summary>
public sealed record WorkingHoursRow(string? DayOfWeek, string? StartsAt, string? EndsAt, DateOnly? EffectiveFrom = null, DateOnly? EffectiveUntil = null);

/// <summary>Replaces the resource's whole weekly template at one location.</summary>
public sealed record SetWorkingHours(int LocationId, IReadOnlyList<WorkingHoursRow>? Hours);

/// <summary>A one-off block, in local date-times ("yyyy-MM-ddTHH:mm") at the location. No resource: the whole location is closed.</summary>
public sealed record AddBlock(int? ResourceId, int? LocationId, string? LocalStart, string? LocalEnd, string? Kind, string? Reason);

public sealed record RequirementRequest(string? Kind, string? Category, int OffsetMinutes = 0, int? DurationMinutes = null);

public sealed record SaveAppointmentType(string? Name, int DurationMinutes, string? Color, IReadOnlyList<RequirementRequest>? Requirements, bool IsActive = true);

/// <summary>How local times are written on the wire and in forms: ISO-8601 without offset, to the minute.</summary>
public static class LocalFormats
{
    public const string DateTime = "yyyy-MM-dd'T'HH:mm";
    public const string Date = "yyyy-MM-dd";
    public const string Time = "HH:mm";

    public static bool TryParseDateTime(string? text, out DateTime value) =>
        System.DateTime.TryParseExact(text?.Trim(), [DateTime, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out value);

    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text?.Trim(), Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>"HH:mm", with "24:00" read as the end of the day (what the availability check expects for "until midnight").</summary>
    public static bool TryParseTime(string? text, out TimeOnly value)
    {
        if (text?.Trim() == "24:00")
        {
            value = TimeOnly.MaxValue;
            return true;
        }
        return TimeOnly.TryParseExact(text?.Trim(), Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Format(TimeOnly time) => time == TimeOnly.MaxValue ? "24:00" : time.ToString(Time, CultureInfo.InvariantCulture);

    public static string Format(DateTime local) => local.ToString(DateTime, CultureInfo.InvariantCulture);

    public static string FormatUtc(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDay(string? text, out DayOfWeek day) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _);
}
