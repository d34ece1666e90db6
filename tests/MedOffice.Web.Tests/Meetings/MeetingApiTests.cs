using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Meetings;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Meetings;

public class MeetingApiTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_meeting_over_a_booked_visit_is_refused_with_409_and_the_taken_dates(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);

        var refused = await manager.PostAsJsonAsync("/api/meetings", new
        {
            Title = "Huddle", LocationId = clinic.LocationId, RoomResourceId = clinic.Exam2Id, Date = "2026-11-23", StartTime = "09:00",
            DurationMinutes = 30, ProviderResourceIds = new[] { clinic.ProviderResourceId },
            Repeat = new { Frequency = "Daily", Interval = 1, Count = 2 },
        });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var report = (await refused.Content.ReadFromJsonAsync<MeetingReportView>())!;
        Assert.False(report.Scheduled);
        Assert.Equal(["2026-11-23", "2026-11-24"], report.Occurrences.Select(o => o.Date));
        Assert.Equal(["Exam 2 is booked for a patient then", "Dr. Ferreira is booked for a patient then"], report.Occurrences[0].Conflicts);
        Assert.True(report.Occurrences[1].Fits);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_invitation_downloads_as_an_ics_request_and_becomes_a_cancel_when_cancelled(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        int clinicianId;
        await using (var db = app.NewDb())
        {
            clinicianId = db.Users.Single(u => u.UserName == TestApp.UserFor(Roles.Clinician)).Id;
        }
        var created = await manager.PostAsJsonAsync("/api/meetings", new
        {
            Title = "Budget, Q1; planning", LocationId = clinic.LocationId, RoomResourceId = clinic.Exam2Id, Date = "2026-11-25", StartTime = "13:00",
            DurationMinutes = 45, UserIds = new[] { clinicianId }, Repeat = new { Frequency = "Weekly", Interval = 1, Weekdays = new[] { "Wednesday" }, Count = 3 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<MeetingReportView>())!.MeetingId!.Value;

        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var invitation = await clinician.GetAsync($"/meetings/{id}/invitation.ics");
        Assert.Equal(HttpStatusCode.OK, invitation.StatusCode);
        Assert.Equal("text/calendar", invitation.Content.Headers.ContentType?.MediaType);
        Assert.Contains(invitation.Content.Headers.ContentType!.Parameters, p => p.Name == "method" && p.Value == "REQUEST");
        var text = await invitation.Content.ReadAsStringAsync();
        Assert.Contains("\r\nMETHOD:REQUEST\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSUMMARY:Budget\\, Q1\\; planning\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART;TZID=America/Chicago:20261125T130000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("CN=Test Clinician", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSEQUENCE:0\r\n", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);
        var cancelled = await (await clinician.GetAsync($"/meetings/{id}/invitation.ics")).Content.ReadAsStringAsync();
        Assert.Contains("\r\nMETHOD:CANCEL\r\n", cancelled, StringComparison.Ordinal);
        Assert.Contains("\r\nSTATUS:CANCELLED\r\n", cancelled, StringComparison.Ordinal);
        Assert.Contains("\r\nSEQUENCE:1\r\n", cancelled, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_changed_meeting_is_e_mailed_again_and_its_page_says_who_has_no_address(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        int clinicianId, deskId;
        await using (var db = app.NewDb())
        {
            clinicianId = db.Users.Single(u => u.UserName == TestApp.UserFor(Roles.Clinician)).Id;
            deskId = db.Users.Single(u => u.UserName == TestApp.UserFor(Roles.FrontDesk)).Id;
        }
        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/users/{clinicianId}/contact", new { Email = "clinician@clinic.test" })).StatusCode);
        object Meeting(string start) => new
        {
            Title = "Huddle", LocationId = clinic.LocationId, RoomResourceId = clinic.Exam2Id, Date = "2026-11-25", StartTime = start,
            DurationMinutes = 30, UserIds = new[] { clinicianId, deskId },
        };
        var created = await manager.PostAsJsonAsync("/api/meetings", Meeting("13:00"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<MeetingReportView>())!.MeetingId!.Value;

        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PutAsJsonAsync($"/api/meetings/{id}", Meeting("14:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/meetings/{id + 1000}", Meeting("14:00"))).StatusCode);
        var changed = await manager.PutAsJsonAsync($"/api/meetings/{id}", Meeting("14:00"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await using (var db = app.NewDb())
        {
            var outbox = await db.OutboxMessages.Where(m => m.MeetingId == id).OrderBy(m => m.Id).ToListAsync();
            Assert.All(outbox, m => Assert.Equal("clinician@clinic.test", m.Recipient));
            Assert.Equal(["Invitation: Huddle", "Updated invitation: Huddle"], outbox.Select(m => m.Subject));
            Assert.Contains("\r\nSEQUENCE:1\r\n", outbox[^1].Attachment, StringComparison.Ordinal);
            Assert.Contains("\r\nDTSTART;TZID=America/Chicago:20261125T140000\r\n", outbox[^1].Attachment, StringComparison.Ordinal);
        }
        // The change page starts from the meeting as it is; saving it there is a change like any other.
        var (form, token) = await Antiforgery.PageWithTokenAsync(manager, $"/meetings/{id}/edit");
        Assert.Contains("""value="14:00" """.TrimEnd(), form, StringComparison.Ordinal);
        Assert.Contains("Save changes", form, StringComparison.Ordinal);
        var saved = await manager.PostAsync($"/meetings/{id}/edit", new FormUrlEncodedContent(new List<KeyValuePair<string, string>>
        {
            new(Antiforgery.FieldName, token), new("_handler", "new-meeting"), new("Title", "Huddle"), new("LocationId", $"{clinic.LocationId}"),
            new("RoomResourceId", $"{clinic.Exam2Id}"), new("Date", "2026-11-25"), new("StartTime", "15:00"), new("DurationMinutes", "30"),
            new("UserIds", $"{clinicianId}"), new("UserIds", $"{deskId}"), new("Frequency", "None"), new("Interval", "1"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.NewDb())
        {
            Assert.Equal(2, await db.StaffMeetings.Where(m => m.Id == id).Select(m => m.Sequence).SingleAsync());
            Assert.Equal(3, await db.OutboxMessages.CountAsync(m => m.MeetingId == id));
        }
        var page = await (await clinician.GetAsync($"/meetings/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("e-mailed to clinician@clinic.test (pending)", page, StringComparison.Ordinal);
        Assert.Matches(@"Test Front ?Desk[^<]*</td>\s*<td>not invited by e-mail: no address</td>", page);
    }
}
