using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Reminders;

public class ReminderWebTests
{
    private const string Surname = "Wolfeschlegel";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_link_page_works_without_sign_in_shows_only_date_time_and_place_and_confirms(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (appointmentId, token) = await BookWithLinkAsync(app);
        var patient = app.NewClient();

        var (html, antiforgery) = await Antiforgery.PageWithTokenAsync(patient, $"/r/{token}?action=confirm");
        Assert.Contains("Thursday, November 26, 2026", html, StringComparison.Ordinal);
        Assert.Contains("9:00 AM", html, StringComparison.Ordinal);
        Assert.Contains("Lakeview, 1 Lake St, Chicago, IL 60601", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Surname, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Follow-up", html, StringComparison.Ordinal);
        var headers = await patient.GetAsync($"/r/{token}");
        Assert.True(headers.Headers.CacheControl?.NoStore, "the page with the token in its address is not cached");

        var posted = await patient.PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Antiforgery.FieldName] = antiforgery, ["_handler"] = "confirm",
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("your appointment is confirmed", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Single(await db.AppointmentChanges.Where(c => c.AppointmentId == appointmentId && c.Change == "confirmed").ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_from_the_link_page_cancels_the_visit_and_a_post_without_antiforgery_does_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (appointmentId, token) = await BookWithLinkAsync(app);
        var patient = app.NewClient();

        var forged = await app.NewClient().PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "cancel" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using (var db = app.NewDb())
        {
            Assert.Equal(AppointmentStatuses.Booked, (await db.Appointments.SingleAsync(a => a.Id == appointmentId)).Status);
        }

        var (_, antiforgery) = await Antiforgery.PageWithTokenAsync(patient, $"/r/{token}?action=cancel");
        var posted = await patient.PostAsync($"/r/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Antiforgery.FieldName] = antiforgery, ["_handler"] = "cancel",
        }));

        Assert.Contains("Your appointment is cancelled", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = app.NewDb();
        var appointment = await check.Appointments.SingleAsync(a => a.Id == appointmentId);
        Assert.Equal(AppointmentStatuses.Cancelled, appointment.Status);
        Assert.Equal(ReminderLinks.CancelReason, appointment.CancelReason);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_manager_sees_the_outbox_with_the_error_and_retries_a_failed_message(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (appointmentId, _) = await BookWithLinkAsync(app);
        long failedId;
        await using (var db = app.NewDb())
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var failed = new OutboxMessage
            {
                Channel = MessageChannels.Email, Recipient = "zelda@example.com", Subject = ReminderText.Subject, Body = "text",
                AppointmentId = appointmentId, IdempotencyKey = "test/failed", DueAt = now, NextAttemptAt = now, CreatedAt = now,
                Status = OutboxStatuses.Failed, Attempts = 5, LastError = "Mailbox unavailable: no such user",
            };
            db.OutboxMessages.Add(failed);
            await db.SaveChangesAsync();
            failedId = failed.Id;
        }
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);

        var (html, antiforgery) = await Antiforgery.PageWithTokenAsync(manager, "/admin/reminders?status=Failed");
        Assert.Contains("Mailbox unavailable: no such user", html, StringComparison.Ordinal);
        Assert.Contains("z***@example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zelda@example.com", html, StringComparison.Ordinal);
        Assert.Contains("2 days", html, StringComparison.Ordinal); // the rules every office starts with
        var rows = await manager.GetFromJsonAsync<List<OutboxRow>>("/api/reminders/outbox?status=Failed");
        Assert.Equal(failedId, Assert.Single(rows!).Id);

        var posted = await manager.PostAsync("/admin/reminders", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Antiforgery.FieldName] = antiforgery, ["_handler"] = $"retry-{failedId}",
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains($"Message {failedId} will be sent on the next run", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = app.NewDb();
        var message = await check.OutboxMessages.SingleAsync(m => m.Id == failedId);
        Assert.Equal((OutboxStatuses.Pending, 0), (message.Status, message.Attempts));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync($"/api/reminders/outbox/{failedId}/retry", null)).StatusCode);
    }

    private sealed record OutboxRow(long Id, string Status, string? LastError);

    /// <summary>Thursday 26 November 2026, 09:00 in Chicago (15:00 UTC), three days after the app's clock, with a reminder link.</summary>
    private static async Task<(int AppointmentId, string Token)> BookWithLinkAsync(TestApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var organization = await db.Organizations.FirstAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Lakeview", AddressLine1 = "1 Lake St", City = "Chicago", State = "IL",
            PostalCode = "60601", TimeZoneId = "America/Chicago",
        };
        var type = new AppointmentType { Name = "Follow-up", DurationMinutes = 20 };
        db.AddRange(location, type);
        await db.SaveChangesAsync();
        var registered = await scope.ServiceProvider.GetRequiredService<PatientRegistry>()
            .RegisterAsync(new PatientDetails
            {
                LegalFirstName = "Zelda", LegalLastName = Surname, DateOfBirth = new DateOnly(1971, 4, 5), SexAtBirth = SexesAtBirth.Female,
            }, acknowledgeDuplicates: true, Actor.System("test"));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var startsAt = new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc);
        var appointment = new Appointment
        {
            PatientId = registered.Value!.Id, LocationId = location.Id, AppointmentTypeId = type.Id, StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(20), CreatedAt = now, UpdatedAt = now,
        };
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        var token = scope.ServiceProvider.GetRequiredService<ReminderLinks>().Issue(appointment.Id, startsAt);
        await db.SaveChangesAsync();
        return (appointment.Id, token);
    }
}
