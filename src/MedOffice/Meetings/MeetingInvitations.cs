using System.Globalization;
using MedOffice.Calendar;
using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Meetings;

/// <summary>An invitation ready to send or download: an iCalendar file with METHOD:REQUEST (or CANCEL once cancelled).</summary>
public sealed record MeetingInvitation(string FileName, string Content)
{
    public string ContentType => $"text/calendar; method={(Content.Contains("\r\nMETHOD:CANCEL\r\n", StringComparison.Ordinal) ? "CANCEL" : "REQUEST")}; charset=utf-8";
}

/// <summary>
/// The .ics invitation of a meeting. One VEVENT carries the whole recurrence (RRULE) in the location's time zone, so a
/// phone shows 09:00 local on every date, daylight saving or not. Users have no e-mail address in MedOffice, so attendees
/// are named by a MedOffice user URI rather than mailto:, and the file is downloaded from the meeting page rather than mailed.
/// </summary>
public sealed class MeetingInvitations(MedOfficeDb db, TimeProvider time)
{
    public async Task<MeetingInvitation?> ForAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.StaffMeetings.AsNoTracking().Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == meeting.LocationId, cancellationToken);
        var room = meeting.RoomResourceId is { } roomId
            ? await db.SchedulableResources.AsNoTracking().Where(r => r.Id == roomId).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var userIds = meeting.Attendees.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var providerIds = meeting.Attendees.Where(a => a.ProviderResourceId is not null).Select(a => a.ProviderResourceId!.Value).ToList();
        var providers = await db.SchedulableResources.AsNoTracking().Where(r => providerIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);

        var attendees = meeting.Attendees.Select(a => a.UserId is { } userId && users.TryGetValue(userId, out var user)
                ? new CalendarAddress(UserUri(user.UserName), user.DisplayName)
                : new CalendarAddress($"urn:x-medoffice:provider:{a.ProviderResourceId}", providers.GetValueOrDefault(a.ProviderResourceId ?? 0)))
            .ToList();
        var calendarEvent = Event(meeting, location, room) with
        {
            Organizer = new CalendarAddress(UserUri(meeting.OrganizerName), meeting.OrganizerName),
            Attendees = attendees,
        };
        var document = new CalendarDocument([calendarEvent]) { Method = meeting.CancelledAt is null ? "REQUEST" : "CANCEL" };
        return new MeetingInvitation($"meeting-{meeting.Id}.ics", ICalendarWriter.Write(document, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>The meeting as one (possibly recurring) event in the location's time zone.</summary>
    public static CalendarEvent Event(StaffMeeting meeting, Practice.Location location, string? roomName)
    {
        var dates = meeting.Dates().Select(d => (Date: d, StartsAt: LocalTimes.ToUtc(d.ToDateTime(meeting.LocalStartTime), location.TimeZoneId)))
            .Where(d => d.StartsAt is not null).ToList();
        // A first date in the spring-forward gap still needs an anchor: the instant just after the gap.
        var first = dates.Count > 0 ? dates[0].StartsAt!.Value : Scheduling.LocalTimes.ToUtc(meeting.FirstDate.ToDateTime(meeting.LocalStartTime).AddHours(1), location.TimeZoneId)!.Value;
        var rule = meeting.Rule;
        return new CalendarEvent(meeting.CalendarUid, first, first.AddMinutes(meeting.DurationMinutes), meeting.Title)
        {
            Description = meeting.Description,
            Location = roomName is null ? location.Name : $"{roomName}, {location.Name}",
            Sequence = meeting.Sequence,
            Status = meeting.CancelledAt is null ? "CONFIRMED" : "CANCELLED",
            TimeZoneId = location.TimeZoneId,
            RecurrenceRule = rule is null ? null : ICalendarWriter.RecurrenceRule(rule, dates.Count > 0 ? dates[^1].StartsAt : null),
            Categories = ["Meeting"],
        };
    }

    private static string UserUri(string userName) =>
        "urn:x-medoffice:user:" + Uri.EscapeDataString(userName.ToLower(CultureInfo.InvariantCulture));
}
