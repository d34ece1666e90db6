using System.Globalization;
using MedOffice.Meetings;
using MedOffice.Scheduling;
using MedOffice.Web.Scheduling;

namespace MedOffice.Web.Meetings;

/// <summary>How a meeting repeats, as the API and the form send it; "None" or null for a one-off.</summary>
public sealed record RepeatRequest(string? Frequency, int Interval = 1, List<string>? Weekdays = null, DateOnly? UntilDate = null, int? Count = null);

/// <summary>A meeting as the API takes it: local date and "HH:mm" start at the location; staff users and provider calendars invited.</summary>
public sealed record MeetingRequest(
    string? Title,
    int LocationId,
    int? RoomResourceId,
    DateOnly? Date,
    string? StartTime,
    int DurationMinutes,
    List<int>? UserIds,
    List<int>? ProviderResourceIds,
    RepeatRequest? Repeat = null,
    string? Description = null)
{
    public Result<ScheduleMeeting> ToCommand()
    {
        var errors = new List<FieldError>();
        if (Date is null)
        {
            errors.Add(new(nameof(Date), "Choose the date (of the first occurrence)."));
        }
        if (!LocalFormats.TryParseTime(StartTime, out var start) || start == TimeOnly.MaxValue)
        {
            errors.Add(new(nameof(StartTime), "Write the start as HH:mm, e.g. 12:30."));
        }
        var weekdays = new List<DayOfWeek>();
        foreach (var day in Repeat?.Weekdays ?? [])
        {
            if (LocalFormats.TryParseDay(day, out var parsed))
            {
                weekdays.Add(parsed);
            }
            else
            {
                errors.Add(new("Repeat.Weekdays", $"'{day}' is not a weekday."));
            }
        }
        if (errors.Count > 0)
        {
            return Result<ScheduleMeeting>.Fail(errors);
        }
        var rule = Repeat is { Frequency: { Length: > 0 } frequency } repeat && frequency != "None"
            ? new RecurrenceRule(frequency, repeat.Interval, weekdays, Date!.Value, repeat.UntilDate, repeat.Count)
            : null;
        var attendees = (UserIds ?? []).Distinct().Select(id => new MeetingAttendee(id, null))
            .Concat((ProviderResourceIds ?? []).Distinct().Select(id => new MeetingAttendee(null, id)))
            .ToList();
        return Result<ScheduleMeeting>.Ok(new ScheduleMeeting(Title, LocationId, RoomResourceId, Date!.Value, start, DurationMinutes, attendees, rule, Description));
    }
}

/// <summary>A meeting as the API shows it, in local time at its location.</summary>
public sealed record MeetingView(
    int Id, string Title, string? Description, int LocationId, int? RoomResourceId, string FirstDate, string StartTime, int DurationMinutes,
    string? Frequency, int Interval, string Weekdays, string? UntilDate, int? Count, string Organizer, bool Cancelled,
    IReadOnlyList<int> UserIds, IReadOnlyList<int> ProviderResourceIds)
{
    public static MeetingView From(StaffMeeting m) => new(m.Id, m.Title, m.Description, m.LocationId, m.RoomResourceId,
        m.FirstDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture), LocalFormats.Format(m.LocalStartTime), m.DurationMinutes,
        m.Frequency, m.Interval, m.Weekdays, m.UntilDate?.ToString(LocalFormats.Date, CultureInfo.InvariantCulture), m.Count, m.OrganizerName,
        m.CancelledAt is not null,
        m.Attendees.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).ToList(),
        m.Attendees.Where(a => a.ProviderResourceId is not null).Select(a => a.ProviderResourceId!.Value).ToList());
}

public sealed record OccurrenceView(string Date, string Time, bool Fits, IReadOnlyList<string> Conflicts)
{
    public static OccurrenceView From(MeetingOccurrence o) =>
        new(o.LocalDate.ToString(LocalFormats.Date, CultureInfo.InvariantCulture), LocalFormats.Format(o.LocalTime), o.Fits, o.Conflicts);
}

/// <summary>What scheduling answered: the meeting (when held) and every occurrence with its conflicts.</summary>
public sealed record MeetingReportView(int? MeetingId, bool Scheduled, IReadOnlyList<OccurrenceView> Occurrences)
{
    public static MeetingReportView From(MeetingReport report) =>
        new(report.MeetingId, report.Scheduled, report.Occurrences.Select(OccurrenceView.From).ToList());
}
