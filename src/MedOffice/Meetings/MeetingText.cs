using System.Globalization;
using MedOffice.Scheduling;
using NodaTime;

namespace MedOffice.Meetings;

/// <summary>A meeting in words: its recurrence for the pages, and the text of the invitation e-mails.</summary>
public static class MeetingText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Repeats(StaffMeeting meeting)
    {
        if (meeting.Rule is not { } rule)
        {
            return "once";
        }
        var every = rule.Interval == 1 ? "every" : $"every {rule.Interval}";
        var unit = rule.Frequency switch
        {
            SeriesFrequencies.Daily => rule.Interval == 1 ? "day" : "days",
            SeriesFrequencies.Weekly => (rule.Interval == 1 ? "week" : "weeks")
                + (rule.Weekdays.Count > 0 ? " on " + string.Join(", ", rule.Weekdays.OrderBy(d => ((int)d + 6) % 7)) : ""),
            _ => (rule.Interval == 1 ? "month" : "months") + $" on the {rule.FirstDate.Day}.",
        };
        var end = rule.Count is { } count ? $", {count} times" : $", until {rule.UntilDate:yyyy-MM-dd}";
        return $"{every} {unit}{end}";
    }

    /// <summary>"Wednesday, March 18, 2026, 9:00 AM – 10:00 AM (America/Chicago, CDT)": local time, with the zone named.</summary>
    public static string When(DateTime startsAtUtc, int durationMinutes, string timeZoneId)
    {
        var start = LocalTimes.ToLocal(startsAtUtc, timeZoneId);
        var end = LocalTimes.ToLocal(startsAtUtc.AddMinutes(durationMinutes), timeZoneId);
        var abbreviation = LocalTimes.Zone(timeZoneId)
            .GetZoneInterval(Instant.FromDateTimeUtc(DateTime.SpecifyKind(startsAtUtc, DateTimeKind.Utc))).Name;
        var until = end.Date == start.Date ? end.ToString("h:mm tt", English) : end.ToString("dddd, MMMM d, yyyy, h:mm tt", English);
        return $"{start.ToString("dddd, MMMM d, yyyy, h:mm tt", English)} – {until} ({timeZoneId}, {abbreviation})";
    }

    public static string Subject(InvitationKind kind, string title)
    {
        var subject = kind switch
        {
            InvitationKind.New => "Invitation: ",
            InvitationKind.Changed => "Updated invitation: ",
            _ => "Cancelled: ",
        } + title;
        return subject.Length <= 200 ? subject : subject[..199] + "…";
    }

    /// <summary>The plain-text part of an invitation e-mail: what, when (local, with the zone), where and who organizes.</summary>
    public static string Body(InvitationKind kind, MeetingFacts facts)
    {
        var meeting = facts.Meeting;
        var headline = kind switch
        {
            InvitationKind.New => "You are invited to a meeting.",
            InvitationKind.Changed => "A meeting you are invited to has changed; this replaces the earlier invitation.",
            InvitationKind.Cancelled => "This meeting is cancelled.",
            _ => "You are no longer invited to this meeting.",
        };
        var repeats = meeting.Rule is null ? "" : $"\r\n  Repeats:   {Repeats(meeting)}";
        var description = meeting.Description is { Length: > 0 } text ? $"\r\n\r\n{text.Limit(1000)}" : "";
        var body = $"""
            {headline}

              What:      {meeting.Title}
              When:      {(meeting.Rule is null ? "" : "from ")}{When(facts.FirstStartsAt, meeting.DurationMinutes, facts.Location.TimeZoneId)}{repeats}
              Where:     {facts.Where}
              Organizer: {facts.Organizer.CommonName}{description}

            The attached invitation ({facts.FileName}) {(kind is InvitationKind.New or InvitationKind.Changed ? "adds the meeting to" : "removes the meeting from")} your calendar.
            """.ReplaceLineEndings("\r\n");
        return body.Length <= 2000 ? body : body[..2000];
    }
}

/// <summary>Why an invitation e-mail goes out.</summary>
public enum InvitationKind
{
    New,
    Changed,
    Cancelled,
    /// <summary>The person was taken off the meeting's attendees.</summary>
    Removed,
}
