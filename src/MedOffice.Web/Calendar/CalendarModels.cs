namespace MedOffice.Web.Calendar;

/// <summary>
/// A span of one column, in minutes from local midnight of the column's date (so the page places it without knowing about
/// time zones), next to the local times people read.
/// </summary>
public sealed record CalendarSpan(int StartMinute, int EndMinute, string LocalStart, string LocalEnd);

public sealed record CalendarBlock(int Id, string Kind, string? Reason, bool WholeLocation, int StartMinute, int EndMinute, string LocalStart, string LocalEnd);

/// <summary>
/// One appointment as one column holds it: in a provider's column its provider booking, in a room's its room booking, in a
/// day of "all providers" the whole visit. Lane and Lanes share the width when visits overlap in the column.
/// </summary>
public sealed record CalendarEntry(int AppointmentId, int PatientId, string PatientName, string AppointmentType, string Color, string Status,
    string LocalStart, string LocalEnd, string StartsAtUtc, string EndsAtUtc, int StartMinute, int EndMinute, string With, bool Movable, int Lane, int Lanes);

/// <summary>
/// A column of the calendar: one resource on one day (day view) or one day of one resource or of all providers (week
/// view). Dropping a visit here moves it to Date, to ProviderResourceId when the column is a provider's.
/// </summary>
public sealed record CalendarColumn(string Key, string Title, string Date, int? ProviderResourceId, int? RoomResourceId, IReadOnlyList<CalendarSpan> Hours,
    IReadOnlyList<CalendarBlock> Blocks, IReadOnlyList<CalendarEntry> Appointments);

public sealed record CalendarDay(int LocationId, string LocationName, string TimeZoneId, string Date, string By, int FirstMinute, int LastMinute,
    IReadOnlyList<CalendarColumn> Columns, int CancelledCount);

public sealed record CalendarWeek(int LocationId, string LocationName, string TimeZoneId, string From, string To, int? ResourceId, string? ResourceName,
    int FirstMinute, int LastMinute, IReadOnlyList<CalendarColumn> Days);

public sealed record MonthDay(string Date, int Day, bool InMonth, int Appointments);

public sealed record CalendarMonth(int LocationId, string LocationName, string Month, int? ResourceId, string? ResourceName,
    IReadOnlyList<IReadOnlyList<MonthDay>> Weeks);

/// <summary>Move a visit to a new local start, optionally to another provider. A room column names its room: visits keep their room.</summary>
public sealed record MoveAppointment(string? LocalStart, int? ProviderResourceId = null, int? RoomResourceId = null);

public sealed record ResizeAppointment(string? LocalEnd);

public sealed record MovedAppointment(int AppointmentId, string LocalStart, string LocalEnd, string With);
