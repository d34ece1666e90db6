using MedOffice.Data;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Reminders;

public class ReminderLinkTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Confirming_by_link_is_recorded_in_the_appointment_history(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var appointment = await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        var token = await IssueAsync(clinic, appointment);

        await using var db = clinic.Office.NewContext();
        var view = await clinic.Links(db).ViewAsync(token);
        Assert.Equal(new ReminderLinkView("Thursday, March 19, 2026", "9:00 AM", "Lakeview", "1 Lake St, Chicago, IL 60601", ReminderLinkState.Open), view);

        var confirmed = await clinic.Links(db).ConfirmAsync(token, "203.0.113.9");
        Assert.True(confirmed!.Succeeded);
        Assert.Equal(ReminderLinkState.Confirmed, confirmed.Value!.State);
        Assert.True((await clinic.Links(db).ConfirmAsync(token, "203.0.113.9"))!.Succeeded); // pressing twice is harmless

        await using var check = clinic.Office.NewContext();
        var change = Assert.Single(await check.AppointmentChanges.Where(c => c.AppointmentId == appointment.Id && c.Change == "confirmed").ToListAsync());
        Assert.Equal(ReminderLinks.PatientActorName, change.UserName);
        Assert.Equal(AppointmentStatuses.Booked, (await check.Appointments.SingleAsync(a => a.Id == appointment.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_by_link_cancels_the_appointment_through_booking_with_the_patients_reason(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var appointment = await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        var token = await IssueAsync(clinic, appointment);

        await using var db = clinic.Office.NewContext();
        var cancelled = await clinic.Links(db).CancelAsync(token, "203.0.113.9");

        Assert.True(cancelled!.Succeeded);
        Assert.Equal(ReminderLinkState.Cancelled, cancelled.Value!.State);
        await using var check = clinic.Office.NewContext();
        var stored = await check.Appointments.Include(a => a.Bookings).SingleAsync(a => a.Id == appointment.Id);
        Assert.Equal(AppointmentStatuses.Cancelled, stored.Status);
        Assert.Equal(ReminderLinks.CancelReason, stored.CancelReason);
        Assert.All(stored.Bookings, b => Assert.False(b.IsActive));
        Assert.False((await clinic.Links(check).ConfirmAsync(token, "203.0.113.9"))!.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_link_stops_acting_when_the_visit_starts_or_moves_and_an_unknown_token_finds_nothing(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var moved = await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        var started = await clinic.BookAsync(ReminderClinic.Thursday9.AddMinutes(20), patient);
        var movedToken = await IssueAsync(clinic, moved);
        var startedToken = await IssueAsync(clinic, started);
        Assert.True((await clinic.Clinic.Booking().RescheduleAsync(moved.Id, ReminderClinic.Thursday9.AddHours(1), null, TestOffice.FrontDesk))!.Succeeded);

        await using var db = clinic.Office.NewContext();
        Assert.Equal(ReminderLinkState.Closed, (await clinic.Links(db).ViewAsync(movedToken))!.State);
        Assert.False((await clinic.Links(db).CancelAsync(movedToken, "203.0.113.9"))!.Succeeded);

        clinic.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(20)); // Thursday 09:20 Chicago
        Assert.Equal(ReminderLinkState.Closed, (await clinic.Links(db).ViewAsync(startedToken))!.State);
        Assert.False((await clinic.Links(db).CancelAsync(startedToken, "203.0.113.9"))!.Succeeded);

        // One character changed (always a different token, whatever the random one began with).
        Assert.Null(await clinic.Links(db).ViewAsync((startedToken[0] == 'A' ? "B" : "A") + startedToken[1..]));
        Assert.Null(await clinic.Links(db).ViewAsync("not-a-token"));
        await using var check = clinic.Office.NewContext();
        Assert.Equal(AppointmentStatuses.Booked, (await check.Appointments.SingleAsync(a => a.Id == moved.Id)).Status);
    }

    private static async Task<string> IssueAsync(ReminderClinic clinic, Appointment appointment)
    {
        await using var db = clinic.Office.NewContext();
        var token = clinic.Links(db).Issue(appointment.Id, appointment.StartsAt);
        await db.SaveChangesAsync();
        return token;
    }
}
