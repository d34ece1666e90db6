using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Reminders;

public class ReminderSchedulerTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Scheduling_twice_and_on_two_nodes_at_once_enqueues_each_reminder_once(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var appointment = await clinic.BookAsync(ReminderClinic.Thursday9, patient);

        var first = await clinic.Scheduler().RunAsync();
        await using var db1 = clinic.Office.NewContext();
        await using var db2 = clinic.Office.NewContext();
        var concurrent = await Task.WhenAll(clinic.Scheduler(db1).RunAsync(), clinic.Scheduler(db2).RunAsync());

        Assert.Equal(1, first.Enqueued);
        Assert.All(concurrent, run => Assert.Equal(0, run.Enqueued));
        var message = Assert.Single(await clinic.OutboxAsync());
        Assert.Equal(MessageChannels.Email, message.Channel);
        Assert.Equal("ana@example.com", message.Recipient);
        Assert.Equal(OutboxStatuses.Pending, message.Status);
        Assert.Equal(appointment.Id, message.AppointmentId);
        // Two days before 14:00 UTC Thursday; the two-hour reminder is not written until it is within a day.
        Assert.Equal(new DateTime(2026, 3, 17, 14, 0, 0, DateTimeKind.Utc), message.DueAt);
        Assert.Contains(ReminderText.LinkPlaceholder, message.Body, StringComparison.Ordinal);

        clinic.Clock.Advance(TimeSpan.FromHours(47));
        var later = await clinic.Scheduler().RunAsync();
        Assert.Equal(1, later.Enqueued);
        Assert.Equal(2, (await clinic.OutboxAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_moved_appointment_loses_its_old_reminders_and_gets_new_ones_and_a_cancelled_one_gets_none(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var moving = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var cancelling = await clinic.PatientAsync("Ben", "Okoro", "ben@example.com");
        var moved = await clinic.BookAsync(ReminderClinic.Thursday9, moving);
        var cancelled = await clinic.BookAsync(ReminderClinic.Thursday9.AddMinutes(20), cancelling);
        await clinic.Scheduler().RunAsync();

        var booking = clinic.Clinic.Booking();
        Assert.True((await booking.RescheduleAsync(moved.Id, ReminderClinic.Thursday9.AddHours(1), null, TestOffice.FrontDesk))!.Succeeded);
        Assert.True((await booking.CancelAsync(cancelled.Id, "patient called", TestOffice.FrontDesk))!.Succeeded);
        var run = await clinic.Scheduler().RunAsync();

        Assert.Equal(2, run.Cancelled);
        Assert.Equal(1, run.Enqueued);
        var outbox = await clinic.OutboxAsync();
        Assert.Equal(3, outbox.Count);
        Assert.All(outbox.Take(2), m => Assert.Equal(OutboxStatuses.Cancelled, m.Status));
        var fresh = outbox[2];
        Assert.Equal(moved.Id, fresh.AppointmentId);
        Assert.Equal(OutboxStatuses.Pending, fresh.Status);
        Assert.Equal(new DateTime(2026, 3, 19, 15, 0, 0, DateTimeKind.Utc), fresh.AppointmentStartsAt);
        Assert.Contains("10:00 AM", fresh.Body, StringComparison.Ordinal);

        // Moved back: the reminder for the first time applies again (once).
        Assert.True((await clinic.Clinic.Booking().RescheduleAsync(moved.Id, ReminderClinic.Thursday9, null, TestOffice.FrontDesk))!.Succeeded);
        await clinic.Scheduler().RunAsync();
        outbox = await clinic.OutboxAsync();
        Assert.Equal(3, outbox.Count);
        Assert.Equal(OutboxStatuses.Pending, outbox[0].Status);
        Assert.Equal(OutboxStatuses.Cancelled, outbox[2].Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_channel_follows_the_patients_permission_and_preference(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider, o => o with { SmsEmailDomain = "sms.example.com" });
        var byText = await clinic.PatientAsync("Cy", "Texter", "cy@example.com", mobile: "3125550123", preferred: ContactChannels.Sms);
        var byMail = await clinic.PatientAsync("Di", "Mailer", "di@example.com", mobile: "3125550124", preferred: ContactChannels.Phone);
        var neither = await clinic.PatientAsync("Ed", "Nobody", email: null);
        await clinic.BookAsync(ReminderClinic.Thursday9, byText);
        await clinic.BookAsync(ReminderClinic.Thursday9.AddMinutes(20), byMail);
        await clinic.BookAsync(ReminderClinic.Thursday9.AddMinutes(40), neither);

        await clinic.Scheduler().RunAsync();

        var outbox = await clinic.OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.Equal((MessageChannels.Sms, "3125550123"), (outbox[0].Channel, outbox[0].Recipient));
        Assert.Equal((MessageChannels.Email, "di@example.com"), (outbox[1].Channel, outbox[1].Recipient));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reminder_whose_time_has_passed_when_the_visit_is_booked_is_not_sent_late(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        // Tuesday 10:00 Chicago = 15:00 UTC, 24 hours ahead: the two-day reminder's time is long gone.
        await clinic.BookAsync(new DateTime(2026, 3, 17, 10, 0, 0), patient);

        var run = await clinic.Scheduler().RunAsync();

        // Only the two-hour reminder (Tuesday 13:00 UTC) is written.
        Assert.Equal(1, run.Enqueued);
        var message = Assert.Single(await clinic.OutboxAsync());
        Assert.Equal(new DateTime(2026, 3, 17, 13, 0, 0, DateTimeKind.Utc), message.DueAt);
    }
}
