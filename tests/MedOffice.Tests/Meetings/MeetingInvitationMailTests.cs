using System.Text;
using MedOffice.Data;
using MedOffice.Meetings;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Calendar;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Reminders;
using MedOffice.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Meetings;

using ContentLines = List<(string Name, string Parameters, string Value)>;

/// <summary>
/// Meeting invitations as attendees get them: through the outbox to a real SMTP server on loopback, read back with
/// Python's e-mail parser. The clock stands at Monday 2026-03-16 15:00 UTC; the clinic is in Chicago (CDT from March 8).
/// </summary>
public class MeetingInvitationMailTests
{
    private static readonly DateOnly Wednesday = new(2026, 3, 18);
    private const string Title = "Café huddle; budget, Q2 \\ plan";

    private sealed record Staff(User Manager, User Nurse, User Doctor, User Desk, Actor Organizer);

    private static MeetingService Meetings(ReminderClinic clinic) =>
        new(clinic.Office.Db, clinic.Office.Audit, new MeetingInvitations(clinic.Office.Db, clinic.Options, clinic.Clock), clinic.Clock);

    private static async Task<User> UserAsync(TestOffice office, string userName, string name, string? email, int? providerResourceId = null)
    {
        var created = await office.Accounts.CreateAsync(userName, name, "correct-horse-battery", [Roles.Clinician],
            new UserContact(email, providerResourceId), Actor.System("test"));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return created.Value!;
    }

    /// <summary>A manager who organizes; a nurse and Dr. Alvarez (linked to her calendar) with addresses; a desk clerk without one.</summary>
    private static async Task<Staff> StaffAsync(ReminderClinic clinic)
    {
        var office = clinic.Office;
        var manager = await UserAsync(office, "manager", "Morgan Manager", "manager@clinic.test");
        var nurse = await UserAsync(office, "nurse", "Nina Nurse", "nurse@clinic.test");
        var doctor = await UserAsync(office, "alvarez", "Dr. Maria Alvarez", "Maria.Alvarez@Clinic.test", clinic.Clinic.DrAlvarez.Id);
        var desk = await UserAsync(office, "desk", "Dana Desk", null);
        return new Staff(manager, nurse, doctor, desk, new Actor(manager.Id, manager.UserName, "10.0.0.9"));
    }

    private static ScheduleMeeting Weekly(ReminderClinic clinic, TimeOnly at, params User[] attendees) =>
        new(Title, clinic.Clinic.Location.Id, clinic.Clinic.Exam1.Id, Wednesday, at, 45, attendees.Select(u => new MeetingAttendee(u.Id, null)).ToList(),
            new RecurrenceRule(SeriesFrequencies.Weekly, 1, [], Wednesday, null, 3), "Agenda:\nfirst, the budget");

    /// <summary>The .ics of a received invitation, after checking it is written as RFC 5545 says: CRLF, lines of at most 75 octets.</summary>
    private static ContentLines Calendar(ReceivedMail mail, string method)
    {
        Assert.Equal("multipart/mixed", mail.ContentType);
        var file = Assert.Single(mail.Attachments!);
        Assert.Equal("text/calendar", file.ContentType);
        Assert.Equal(method, file.Parameters["method"]);
        Assert.Equal("UTF-8", file.Parameters["charset"], ignoreCase: true);
        Assert.Equal("base64", file.TransferEncoding);
        Assert.EndsWith(".ics", file.FileName, StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(file.Bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"longer than 75 octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' ')); // the long lines were folded, not cut
        var parsed = ICalendarWriterTests.Parse(text);
        Assert.Equal(("BEGIN", "", "VCALENDAR"), parsed[0]);
        Assert.Equal(method, ICalendarWriterTests.Value(parsed, "METHOD"));
        return parsed;
    }

    private static ReceivedMail To(IEnumerable<ReceivedMail> mails, string address) => Assert.Single(mails, m => m.To.SequenceEqual([address]));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Attendees_with_an_address_get_one_request_each_then_an_update_then_a_cancellation(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var staff = await StaffAsync(clinic);

        var scheduled = await Meetings(clinic).ScheduleAsync(Weekly(clinic, new TimeOnly(9, 0), staff.Nurse, staff.Doctor, staff.Desk), staff.Organizer);
        Assert.True(scheduled.Succeeded, string.Join("; ", scheduled.Errors));
        var meetingId = scheduled.Value!.MeetingId!.Value;

        Assert.Equal(2, (await clinic.Processor().RunAsync()).Sent);
        var first = clinic.Sink.Received();
        Assert.Equal(2, first.Count);
        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed);
        Assert.Equal(2, clinic.Sink.Received().Count);

        string? uid = null;
        foreach (var address in new[] { "nurse@clinic.test", "Maria.Alvarez@Clinic.test" })
        {
            var mail = To(first, address);
            Assert.Equal("office@clinic.test", mail.From);
            Assert.Equal("Invitation: " + Title, mail.Subject);
            // Non-ASCII header text travels as RFC 2047 encoded-words.
            Assert.Contains("Subject: =?utf-8?", mail.RawHeaders, StringComparison.OrdinalIgnoreCase);
            Assert.True(mail.RawHeaders.All(char.IsAscii));
            Assert.Contains("You are invited", mail.Body, StringComparison.Ordinal);
            Assert.Contains("Wednesday, March 18, 2026, 9:00 AM – 9:45 AM (America/Chicago, CDT)", mail.Body, StringComparison.Ordinal);
            Assert.Contains("every week, 3 times", mail.Body, StringComparison.Ordinal);
            Assert.Contains("Exam 1, Lakeview", mail.Body, StringComparison.Ordinal);
            Assert.Contains("Organizer: Morgan Manager", mail.Body, StringComparison.Ordinal);

            var ics = Calendar(mail, "REQUEST");
            var vevent = ICalendarWriterTests.Between(ics, "VEVENT");
            Assert.Equal("America/Chicago", ICalendarWriterTests.Value(ICalendarWriterTests.Between(ics, "VTIMEZONE"), "TZID"));
            Assert.Contains(vevent, l => l is ("DTSTART", ";TZID=America/Chicago", "20260318T090000"));
            Assert.Contains(vevent, l => l is ("DTEND", ";TZID=America/Chicago", "20260318T094500"));
            Assert.Equal("FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;WKST=MO;COUNT=3", ICalendarWriterTests.Value(vevent, "RRULE"));
            Assert.Equal("0", ICalendarWriterTests.Value(vevent, "SEQUENCE"));
            Assert.Equal(Title, ICalendarWriterTests.Unescape(ICalendarWriterTests.Value(vevent, "SUMMARY")));
            Assert.Contains(@"Q2 \\ plan", ICalendarWriterTests.Value(vevent, "SUMMARY"), StringComparison.Ordinal);
            Assert.Equal(@"Agenda:\nfirst\, the budget", ICalendarWriterTests.Value(vevent, "DESCRIPTION"));
            Assert.Contains(vevent, l => l is ("ORGANIZER", ";CN=Morgan Manager", "mailto:manager@clinic.test"));
            var attendees = vevent.Where(l => l.Name == "ATTENDEE").Select(l => l.Value).ToList();
            Assert.Equal(3, attendees.Count);
            Assert.Contains("mailto:nurse@clinic.test", attendees);
            Assert.Contains("mailto:Maria.Alvarez@Clinic.test", attendees);
            Assert.DoesNotContain(attendees, a => a.StartsWith("mailto:", StringComparison.Ordinal) && a.Contains("desk", StringComparison.Ordinal));
            uid ??= ICalendarWriterTests.Value(vevent, "UID");
            Assert.Equal(uid, ICalendarWriterTests.Value(vevent, "UID"));
        }

        // An hour later: the same event (UID), a higher SEQUENCE, the new time.
        var later = await Meetings(clinic).ChangeAsync(meetingId, Weekly(clinic, new TimeOnly(10, 0), staff.Nurse, staff.Doctor, staff.Desk), staff.Organizer);
        Assert.True(later is { Succeeded: true, Value.Scheduled: true }, string.Join("; ", later?.Errors ?? []));
        Assert.Equal(2, (await clinic.Processor().RunAsync()).Sent);
        var moved = clinic.Sink.Received().Skip(2).ToList();
        Assert.Equal(2, moved.Count);
        foreach (var mail in moved)
        {
            Assert.Equal("Updated invitation: " + Title, mail.Subject);
            var vevent = ICalendarWriterTests.Between(Calendar(mail, "REQUEST"), "VEVENT");
            Assert.Equal("1", ICalendarWriterTests.Value(vevent, "SEQUENCE"));
            Assert.Equal(uid, ICalendarWriterTests.Value(vevent, "UID"));
            Assert.Contains(vevent, l => l is ("DTSTART", ";TZID=America/Chicago", "20260318T100000"));
        }

        // The nurse is taken off: she is sent a cancellation naming her; Dr. Alvarez the new version.
        var smaller = await Meetings(clinic).ChangeAsync(meetingId, Weekly(clinic, new TimeOnly(10, 0), staff.Doctor, staff.Desk), staff.Organizer);
        Assert.True(smaller is { Succeeded: true, Value.Scheduled: true }, string.Join("; ", smaller?.Errors ?? []));
        Assert.Equal(2, (await clinic.Processor().RunAsync()).Sent);
        var afterRemoval = clinic.Sink.Received().Skip(4).ToList();
        var removal = ICalendarWriterTests.Between(Calendar(To(afterRemoval, "nurse@clinic.test"), "CANCEL"), "VEVENT");
        Assert.Equal(["mailto:nurse@clinic.test"], removal.Where(l => l.Name == "ATTENDEE").Select(l => l.Value));
        Assert.Equal("2", ICalendarWriterTests.Value(removal, "SEQUENCE"));
        Assert.Equal(uid, ICalendarWriterTests.Value(removal, "UID"));
        Assert.Contains("no longer invited", To(afterRemoval, "nurse@clinic.test").Body, StringComparison.Ordinal);
        var update = ICalendarWriterTests.Between(Calendar(To(afterRemoval, "Maria.Alvarez@Clinic.test"), "REQUEST"), "VEVENT");
        Assert.Equal(2, update.Count(l => l.Name == "ATTENDEE"));

        var cancelled = await Meetings(clinic).CancelAsync(meetingId, staff.Organizer);
        Assert.True(cancelled is { Succeeded: true });
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Sent);
        var cancellation = To(clinic.Sink.Received().Skip(6), "Maria.Alvarez@Clinic.test");
        Assert.Equal("Cancelled: " + Title, cancellation.Subject);
        var cancelledEvent = ICalendarWriterTests.Between(Calendar(cancellation, "CANCEL"), "VEVENT");
        Assert.Equal("3", ICalendarWriterTests.Value(cancelledEvent, "SEQUENCE"));
        Assert.Equal("CANCELLED", ICalendarWriterTests.Value(cancelledEvent, "STATUS"));
        Assert.Equal(uid, ICalendarWriterTests.Value(cancelledEvent, "UID"));
        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed);
        Assert.Equal(7, clinic.Sink.Received().Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Inviting_a_user_who_is_a_provider_blocks_that_providers_calendar_and_a_change_moves_the_block(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var staff = await StaffAsync(clinic);
        var schedule = clinic.Clinic;

        var scheduled = await Meetings(clinic).ScheduleAsync(
            new ScheduleMeeting("Huddle", schedule.Location.Id, null, Wednesday, new TimeOnly(9, 0), 60, [new(staff.Doctor.Id, null)]), staff.Organizer);
        Assert.True(scheduled is { Succeeded: true, Value.Scheduled: true }, string.Join("; ", scheduled.Errors));

        var refused = await schedule.Booking().BookAsync(schedule.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), schedule.DrAlvarez), ClinicSchedule.Desk);
        Assert.False(refused.Succeeded);
        Assert.Contains("Huddle", refused.Errors.Single().Message, StringComparison.Ordinal);
        var other = await schedule.Booking().BookAsync(schedule.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), schedule.DrOkafor), ClinicSchedule.Desk);
        Assert.True(other.Succeeded, string.Join("; ", other.Errors));
        await using (var db = clinic.Office.NewContext())
        {
            var attendee = await db.StaffMeetingAttendees.SingleAsync();
            Assert.Equal((staff.Doctor.Id, schedule.DrAlvarez.Id), (attendee.UserId, attendee.ProviderResourceId));
        }

        // Moved to 11:00: 9:20 is hers again, 11:10 is not.
        var moved = await Meetings(clinic).ChangeAsync(scheduled.Value!.MeetingId!.Value,
            new ScheduleMeeting("Huddle", schedule.Location.Id, null, Wednesday, new TimeOnly(11, 0), 60, [new(staff.Doctor.Id, null)]), staff.Organizer);
        Assert.True(moved is { Succeeded: true, Value.Scheduled: true }, string.Join("; ", moved?.Errors ?? []));
        var freed = await schedule.Booking().BookAsync(schedule.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), schedule.DrAlvarez), ClinicSchedule.Desk);
        Assert.True(freed.Succeeded, string.Join("; ", freed.Errors));
        var taken = await schedule.Booking().BookAsync(schedule.FollowUpAt(new DateTime(2026, 3, 18, 11, 10, 0), schedule.DrAlvarez), ClinicSchedule.Desk);
        Assert.False(taken.Succeeded);
        await using (var db = clinic.Office.NewContext())
        {
            var block = await db.ScheduleBlocks.SingleAsync(b => b.Kind == BlockKinds.Meeting);
            Assert.Equal(schedule.DrAlvarez.Id, block.ResourceId);
            Assert.Equal(new DateTime(2026, 3, 18, 11, 0, 0), LocalTimes.ToLocal(block.StartsAt, schedule.Location.TimeZoneId));
        }

        // A change onto a booked visit changes nothing: the meeting keeps its time and nobody is e-mailed about it.
        var clash = await Meetings(clinic).ChangeAsync(scheduled.Value.MeetingId.Value,
            new ScheduleMeeting("Huddle", schedule.Location.Id, null, Wednesday, new TimeOnly(9, 0), 60, [new(staff.Doctor.Id, null)]), staff.Organizer);
        Assert.True(clash is { Succeeded: true, Value.Scheduled: false });
        Assert.Equal(["Dr. Alvarez is booked for a patient then"], Assert.Single(clash.Value!.Conflicts).Conflicts);
        await using (var db = clinic.Office.NewContext())
        {
            var meeting = await db.StaffMeetings.SingleAsync();
            Assert.Equal((new TimeOnly(11, 0), 1), (meeting.LocalStartTime, meeting.Sequence));
            Assert.Equal(1, await db.ScheduleBlocks.CountAsync(b => b.Kind == BlockKinds.Meeting));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_invitation_not_yet_sent_is_replaced_by_the_newer_one_and_an_unchanged_save_sends_nothing(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var staff = await StaffAsync(clinic);
        var scheduled = await Meetings(clinic).ScheduleAsync(Weekly(clinic, new TimeOnly(9, 0), staff.Nurse, staff.Desk), staff.Organizer);
        var meetingId = scheduled.Value!.MeetingId!.Value;
        var changed = await Meetings(clinic).ChangeAsync(meetingId, Weekly(clinic, new TimeOnly(13, 0), staff.Nurse, staff.Desk), staff.Organizer);
        Assert.True(changed is { Succeeded: true, Value.Scheduled: true });
        var same = await Meetings(clinic).ChangeAsync(meetingId, Weekly(clinic, new TimeOnly(13, 0), staff.Nurse, staff.Desk), staff.Organizer);
        Assert.True(same is { Succeeded: true, Value.Scheduled: true });

        Assert.Equal(1, (await clinic.Processor().RunAsync()).Sent);
        var mail = Assert.Single(clinic.Sink.Received());
        var vevent = ICalendarWriterTests.Between(Calendar(mail, "REQUEST"), "VEVENT");
        Assert.Equal("1", ICalendarWriterTests.Value(vevent, "SEQUENCE"));
        Assert.Contains(vevent, l => l is ("DTSTART", ";TZID=America/Chicago", "20260318T130000"));
        var outbox = await clinic.OutboxAsync();
        Assert.Equal([OutboxStatuses.Cancelled, OutboxStatuses.Sent], outbox.Select(m => m.Status));
        Assert.All(outbox, m => Assert.Equal(meetingId, m.MeetingId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_invitees_say_who_is_not_invited_by_email(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var staff = await StaffAsync(clinic);
        var scheduled = await Meetings(clinic).ScheduleAsync(new ScheduleMeeting("Huddle", clinic.Clinic.Location.Id, null, Wednesday, new TimeOnly(9, 0), 30,
            [new(staff.Desk.Id, null), new(null, clinic.Clinic.DrAlvarez.Id), new(null, clinic.Clinic.DrOkafor.Id)]), staff.Organizer);

        await using var db = clinic.Office.NewContext();
        var facts = (await new MeetingInvitations(db, clinic.Options, clinic.Clock).LoadAsync(scheduled.Value!.MeetingId!.Value))!;
        // Dr. Alvarez's calendar stands for her user; Dr. Okafor's has no user, so no address either.
        Assert.Equal([("Dana Desk", null), ("Dr. Maria Alvarez", "Maria.Alvarez@Clinic.test"), ("Dr. Okafor", null)],
            facts.Invitees.Select(i => (i.Name, i.Email)));
        Assert.Equal("mailto:manager@clinic.test", facts.Organizer.Uri);
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }
}
