using MedOffice.Calendar;
using MedOffice.Data;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Meetings;

/// <summary>An invitation ready to send or download: an iCalendar file with METHOD:REQUEST (or CANCEL once cancelled).</summary>
public sealed record MeetingInvitation(string FileName, string Method, string Content)
{
    public string ContentType => MeetingInvitations.ContentType(Method);
}

/// <summary>
/// Someone a meeting invites, as its invitation names them: a staff user (with or without an e-mail address), or a
/// provider calendar that no user is linked to. Only users with an address are e-mailed.
/// </summary>
public sealed record Invitee(int? UserId, int? ProviderResourceId, string Name, string? Email)
{
    public CalendarAddress Address => Email is { } email ? new("mailto:" + email, Name)
        : UserId is { } userId ? new($"urn:x-medoffice:user:{userId}", Name)
        : new($"urn:x-medoffice:provider:{ProviderResourceId}", Name);
}

/// <summary>A meeting with everything its invitation says: where, who organizes and who is invited, read once.</summary>
public sealed record MeetingFacts(StaffMeeting Meeting, Practice.Location Location, string? RoomName, CalendarAddress Organizer, IReadOnlyList<Invitee> Invitees)
{
    public string Where => RoomName is null ? Location.Name : $"{RoomName}, {Location.Name}";
    public string FileName => $"meeting-{Meeting.Id}.ics";
    public DateTime FirstStartsAt => MeetingInvitations.Event(Meeting, Location, RoomName).StartsAtUtc;
}

/// <summary>
/// The .ics invitation of a meeting, downloaded from its page or e-mailed through the outbox. One VEVENT carries the
/// whole recurrence (RRULE) in the location's time zone with a VTIMEZONE, so a phone shows 09:00 local on every date,
/// daylight saving or not. The UID stays the same for the life of the meeting and SEQUENCE goes up on every change, so
/// calendar apps replace the event rather than add a second one. Attendees and organizer with an e-mail address are
/// mailto: addresses; an organizer without one is shown at the office's sending address, where replies then go.
/// </summary>
public sealed class MeetingInvitations(MedOfficeDb db, ReminderOptions options, TimeProvider time)
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    public static string ContentType(string method) => $"text/calendar; method={method}; charset=UTF-8";

    public async Task<MeetingInvitation?> ForAsync(int meetingId, CancellationToken cancellationToken = default)
    {
        if (await LoadAsync(meetingId, cancellationToken) is not { } facts)
        {
            return null;
        }
        var method = facts.Meeting.CancelledAt is null ? Request : Cancel;
        return new MeetingInvitation(facts.FileName, method, Write(facts, method, facts.Invitees, time.GetUtcNow().UtcDateTime));
    }

    public async Task<MeetingFacts?> LoadAsync(int meetingId, CancellationToken cancellationToken = default)
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
        var providerIds = meeting.Attendees.Where(a => a.ProviderResourceId is not null).Select(a => a.ProviderResourceId!.Value).ToList();
        // A provider invited by calendar is invited as the user linked to that calendar, when there is one.
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) || u.Id == meeting.OrganizerUserId || (u.ProviderResourceId != null && providerIds.Contains(u.ProviderResourceId.Value)))
            .ToListAsync(cancellationToken);
        var providers = await db.SchedulableResources.AsNoTracking().Where(r => providerIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);

        var invitees = meeting.Attendees
            .Select(a => (a.UserId is { } userId ? users.FirstOrDefault(u => u.Id == userId) : users.FirstOrDefault(u => u.ProviderResourceId == a.ProviderResourceId)) is { } user
                ? new Invitee(user.Id, a.ProviderResourceId ?? user.ProviderResourceId, user.DisplayName, user.Email)
                : new Invitee(null, a.ProviderResourceId, providers.GetValueOrDefault(a.ProviderResourceId ?? 0) ?? "Provider", null))
            .DistinctBy(i => i.UserId is { } userId ? $"user {userId}" : $"provider {i.ProviderResourceId}")
            .OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.UserId).ToList();
        var organizer = users.FirstOrDefault(u => u.Id == meeting.OrganizerUserId) is { Email: { } email } organizerUser
            ? new CalendarAddress("mailto:" + email, organizerUser.DisplayName)
            : new CalendarAddress("mailto:" + options.SmtpFrom, meeting.OrganizerName);
        return new MeetingFacts(meeting, location, room, organizer, invitees);
    }

    /// <summary>
    /// Writes one invitation per attendee with an e-mail address into the outbox, in the caller's transaction: a REQUEST
    /// with the meeting as it now is (a CANCEL once it is cancelled), and a CANCEL to each of <paramref name="removed"/>.
    /// An invitation to the same person still waiting to be sent is replaced, so nobody gets a stale time first.
    /// Returns how many were written.
    /// </summary>
    public async Task<int> EnqueueAsync(MeetingFacts facts, IReadOnlyList<Invitee> removed, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var meeting = facts.Meeting;
        var cancelled = meeting.CancelledAt is not null;
        var kind = cancelled ? InvitationKind.Cancelled : meeting.Sequence == 0 ? InvitationKind.New : InvitationKind.Changed;
        var method = cancelled ? Cancel : Request;
        var toEveryone = Write(facts, method, facts.Invitees, now);
        var messages = facts.Invitees.Where(i => i is { Email: not null, UserId: not null })
            .Select(i => Message(facts, i, kind, method, toEveryone, now))
            .Concat(removed.Where(i => i is { Email: not null, UserId: not null })
                .Select(i => Message(facts, i, InvitationKind.Removed, Cancel, Write(facts, Cancel, [i], now), now)))
            .ToList();
        if (messages.Count == 0)
        {
            return 0;
        }
        var recipients = messages.Select(m => m.Recipient).ToList();
        await db.OutboxMessages
            .Where(m => m.MeetingId == meeting.Id && m.Status == OutboxStatuses.Pending && recipients.Contains(m.Recipient))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Cancelled)
                .SetProperty(m => m.LastError, "Replaced by a newer invitation before it was sent."), cancellationToken);
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync(cancellationToken);
        return messages.Count;
    }

    private static OutboxMessage Message(MeetingFacts facts, Invitee invitee, InvitationKind kind, string method, string calendar, DateTime now) => new()
    {
        Channel = MessageChannels.Email,
        Recipient = invitee.Email!,
        Subject = MeetingText.Subject(kind, facts.Meeting.Title),
        Body = MeetingText.Body(kind, facts),
        MeetingId = facts.Meeting.Id,
        // One invitation per person per version of the meeting, however often this runs.
        IdempotencyKey = $"meeting:{facts.Meeting.Id}:{facts.Meeting.Sequence}:user:{invitee.UserId}",
        AttachmentName = facts.FileName,
        AttachmentContentType = ContentType(method),
        Attachment = calendar,
        DueAt = now,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>The invitation as iCalendar text, naming <paramref name="attendees"/> (all of them, or the one taken off it).</summary>
    public static string Write(MeetingFacts facts, string method, IReadOnlyList<Invitee> attendees, DateTime stampUtc)
    {
        var calendarEvent = Event(facts.Meeting, facts.Location, facts.RoomName) with
        {
            Organizer = facts.Organizer,
            Attendees = attendees.Select(a => a.Address).ToList(),
            Status = method == Cancel ? "CANCELLED" : "CONFIRMED",
        };
        return ICalendarWriter.Write(new CalendarDocument([calendarEvent]) { Method = method }, stampUtc);
    }

    /// <summary>The meeting as one (possibly recurring) event in the location's time zone.</summary>
    public static CalendarEvent Event(StaffMeeting meeting, Practice.Location location, string? roomName)
    {
        var dates = meeting.Dates().Select(d => (Date: d, StartsAt: LocalTimes.ToUtc(d.ToDateTime(meeting.LocalStartTime), location.TimeZoneId)))
            .Where(d => d.StartsAt is not null).ToList();
        // A first date in the spring-forward gap still needs an anchor: the instant just after the gap.
        var first = dates.Count > 0 ? dates[0].StartsAt!.Value : LocalTimes.ToUtc(meeting.FirstDate.ToDateTime(meeting.LocalStartTime).AddHours(1), location.TimeZoneId)!.Value;
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
}
