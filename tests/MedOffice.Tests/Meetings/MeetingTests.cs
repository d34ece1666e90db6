using MedOffice.Data;
using MedOffice.Meetings;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Calendar;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Meetings;

public class MeetingTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC (10:00 in Chicago).
    private static readonly DateOnly Wednesday = new(2026, 3, 18);
    private static readonly DateOnly Tuesday = new(2026, 3, 17);
    private const string Chicago = "America/Chicago";
    private static readonly Actor Manager = new(null, "manager", "10.0.0.9");

    private static MeetingService Meetings(ClinicSchedule clinic) =>
        new(clinic.Office.Db, clinic.Office.Audit, new MeetingInvitations(clinic.Office.Db, new ReminderOptions(), clinic.Office.Clock), clinic.Office.Clock);

    private static async Task<User> StaffAsync(TestOffice office, string userName)
    {
        var created = await office.Accounts.CreateAsync(userName, $"Staff {userName}", "correct-horse-battery", [Roles.Clinician], Actor.System("test"));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return created.Value!;
    }

    private static ScheduleMeeting Meeting(ClinicSchedule clinic, DateOnly date, TimeOnly at, int minutes, IReadOnlyList<MeetingAttendee> attendees,
        RecurrenceRule? rule = null, bool withRoom = true) =>
        new("Staff meeting", clinic.Location.Id, withRoom ? clinic.Exam1.Id : null, date, at, minutes, attendees, rule);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_meeting_blocks_the_room_and_provider_attendees_so_patients_cannot_be_booked_then(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var nurse = await StaffAsync(office, "nurse");

        var result = await Meetings(clinic).ScheduleAsync(
            Meeting(clinic, Wednesday, new TimeOnly(9, 0), 60, [new(nurse.Id, null), new(null, clinic.DrAlvarez.Id)]), Manager);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(result.Value!.Scheduled);
        await using (var db = office.NewContext())
        {
            var blocks = await db.ScheduleBlocks.Where(b => b.Kind == BlockKinds.Meeting).ToListAsync();
            Assert.Equal([clinic.DrAlvarez.Id, clinic.Exam1.Id], blocks.Select(b => b.ResourceId!.Value).Order());
            Assert.All(blocks, b => Assert.Equal(new DateTime(2026, 3, 18, 9, 0, 0), LocalTimes.ToLocal(b.StartsAt, Chicago)));
        }

        var refused = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), clinic.DrAlvarez), ClinicSchedule.Desk);
        Assert.False(refused.Succeeded);
        Assert.Contains("Staff meeting", refused.Errors.Single().Message, StringComparison.Ordinal);

        // Dr. Okafor is free, but the meeting's room is not: the visit goes to the other exam room.
        var other = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), clinic.DrOkafor), ClinicSchedule.Desk);
        Assert.True(other.Succeeded, string.Join("; ", other.Errors));
        Assert.Contains(other.Value!.Bookings, b => b.ResourceId == clinic.Exam2.Id);
        Assert.DoesNotContain(other.Value.Bookings, b => b.ResourceId == clinic.Exam1.Id);

        var cancelled = await Meetings(clinic).CancelAsync(result.Value.MeetingId!.Value, Manager);
        Assert.True(cancelled is { Succeeded: true });
        var after = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 18, 9, 20, 0), clinic.DrAlvarez), ClinicSchedule.Desk);
        Assert.True(after.Succeeded, string.Join("; ", after.Errors));
        await using (var db = office.NewContext())
        {
            Assert.False(await db.ScheduleBlocks.AnyAsync(b => b.Kind == BlockKinds.Meeting));
            Assert.NotNull((await db.StaffMeetings.SingleAsync()).CancelledAt);
        }
        Assert.Contains(await office.AuditRowsAsync(), a => a.Action == AuditActions.Delete && a.Detail.Contains("cancelled", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_weekly_meeting_blocks_every_occurrence_at_the_same_local_time(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var rule = new RecurrenceRule(SeriesFrequencies.Weekly, 1, [DayOfWeek.Tuesday, DayOfWeek.Thursday], Tuesday, null, 4);

        var result = await Meetings(clinic).ScheduleAsync(
            Meeting(clinic, Tuesday, new TimeOnly(12, 15), 30, [new(null, clinic.DrAlvarez.Id), new(null, clinic.DrOkafor.Id)], rule, withRoom: false), Manager);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var report = result.Value!;
        Assert.True(report.Scheduled);
        Assert.Equal([new DateOnly(2026, 3, 17), new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 24), new DateOnly(2026, 3, 26)],
            report.Occurrences.Select(o => o.LocalDate));
        await using var db = office.NewContext();
        var blocks = await db.ScheduleBlocks.Where(b => b.Kind == BlockKinds.Meeting).OrderBy(b => b.StartsAt).ToListAsync();
        Assert.Equal(8, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(new TimeOnly(12, 15), TimeOnly.FromDateTime(LocalTimes.ToLocal(b.StartsAt, Chicago))));
        Assert.Equal(8, await db.StaffMeetingBlocks.CountAsync(l => l.MeetingId == report.MeetingId));

        var invitation = await new MeetingInvitations(db, new ReminderOptions(), office.Clock).ForAsync(report.MeetingId!.Value);
        var lines = ICalendarWriterTests.Parse(invitation!.Content);
        Assert.Contains(("METHOD", "", "REQUEST"), lines);
        var vevent = ICalendarWriterTests.Between(lines, "VEVENT");
        Assert.Equal("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;WKST=MO;COUNT=4", ICalendarWriterTests.Value(vevent, "RRULE"));
        Assert.Equal("20260317T121500", ICalendarWriterTests.Value(vevent, "DTSTART"));
        Assert.Equal(2, vevent.Count(l => l.Name == "ATTENDEE"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_meeting_colliding_on_one_date_is_refused_with_a_report_per_occurrence(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booked = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 24, 8, 10, 0), clinic.DrAlvarez), ClinicSchedule.Desk);
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors));
        var rule = new RecurrenceRule(SeriesFrequencies.Weekly, 1, [], Tuesday, null, 3);

        var result = await Meetings(clinic).ScheduleAsync(
            Meeting(clinic, Tuesday, new TimeOnly(8, 0), 30, [new(null, clinic.DrAlvarez.Id)], rule, withRoom: false), Manager);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var report = result.Value!;
        Assert.False(report.Scheduled);
        Assert.Equal(3, report.Occurrences.Count);
        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal(new DateOnly(2026, 3, 24), conflict.LocalDate);
        Assert.Equal(["Dr. Alvarez is booked for a patient then"], conflict.Conflicts);
        Assert.Contains("2026-03-24 08:00: Dr. Alvarez is booked", conflict.ToString(), StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.False(await db.StaffMeetings.AnyAsync());
        Assert.False(await db.ScheduleBlocks.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_meeting_on_a_blocked_room_or_with_bad_input_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        office.Db.ScheduleBlocks.Add(new ScheduleBlock
        {
            ResourceId = clinic.Exam1.Id, LocationId = clinic.Location.Id, Kind = BlockKinds.Admin, Reason = "Deep clean",
            StartsAt = LocalTimes.ToUtc(new DateTime(2026, 3, 18, 8, 0, 0), Chicago)!.Value, EndsAt = LocalTimes.ToUtc(new DateTime(2026, 3, 18, 12, 0, 0), Chicago)!.Value,
        });
        await office.Db.SaveChangesAsync();

        var blocked = await Meetings(clinic).ScheduleAsync(Meeting(clinic, Wednesday, new TimeOnly(9, 0), 30, [new(null, clinic.DrOkafor.Id)]), Manager);
        Assert.Equal(["Exam 1 is blocked then (Deep clean)"], Assert.Single(blocked.Value!.Conflicts).Conflicts);

        var invalid = await Meetings(clinic).ScheduleAsync(
            new ScheduleMeeting(" ", clinic.Location.Id, clinic.DrOkafor.Id, Wednesday, new TimeOnly(9, 0), 2, [],
                new RecurrenceRule(SeriesFrequencies.Weekly, 1, [], Tuesday, null, 3)), Manager);
        Assert.False(invalid.Succeeded);
        Assert.Equal(["Attendees", "Date", "DurationMinutes", "RoomResourceId", "Title"], invalid.Errors.Select(e => e.Field).Distinct().Order());
    }
}
