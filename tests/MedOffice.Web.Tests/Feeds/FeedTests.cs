using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Feeds;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Feeds;

public class FeedTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_feed_shows_appointments_and_meetings_without_patient_data_until_revoked(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        var meeting = await manager.PostAsJsonAsync("/api/meetings", new
        {
            Title = "Quality huddle", LocationId = clinic.LocationId, Date = "2026-11-24", StartTime = "12:00", DurationMinutes = 30,
            ProviderResourceIds = new[] { clinic.ProviderResourceId },
        });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);

        var created = await manager.PostAsJsonAsync("/api/feeds", new { ResourceId = clinic.ProviderResourceId, Label = "Dr. Ferreira's phone" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = (await created.Content.ReadFromJsonAsync<IssuedFeedView>())!;
        Assert.EndsWith($"/feeds/{issued.Token}.ics", issued.Url, StringComparison.Ordinal);

        var phone = app.NewClient();
        var response = await phone.GetAsync($"/feeds/{issued.Token}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Appointment: Office visit\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261123T150000Z\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Quality huddle\r\n", calendar, StringComparison.Ordinal);
        foreach (var secret in new[] { "Marchetti", "Odette", "1979", "Lapsewood" })
        {
            Assert.DoesNotContain(secret, calendar, StringComparison.Ordinal);
        }

        await using (var db = app.NewDb())
        {
            var row = await db.FeedTokens.SingleAsync();
            Assert.NotEqual(issued.Token, row.TokenHash);
            Assert.DoesNotContain(issued.Token, row.TokenHash, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/feeds/{issued.Feed.Id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/feeds/{issued.Token}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/feeds/not-a-real-token-but-long-enough.ics")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_the_office_manager_issues_feeds(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);

        var response = await desk.PostAsJsonAsync("/api/feeds", new { ResourceId = clinic.ProviderResourceId, Label = "mine" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.NewDb();
        Assert.False(await db.FeedTokens.AnyAsync());
    }
}
