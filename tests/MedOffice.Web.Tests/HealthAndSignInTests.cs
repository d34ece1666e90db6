using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;

namespace MedOffice.Web.Tests;

public class HealthAndSignInTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Health_answers_without_sign_in_and_patients_do_not(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/patients?q=smith")).StatusCode);
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_session_cookie_is_secure_http_only_and_same_site(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/session", new { UserName = TestApp.UserFor(Roles.FrontDesk), TestApp.Password });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("medoffice.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_session_idle_longer_than_the_office_setting_is_signed_out(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = await app.SignedInClientAsync(Roles.FrontDesk);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/patients?q=x")).StatusCode);
        // Activity renewed the session: another 10 minutes is still within 15 of the last request.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/patients?q=x")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/patients?q=x")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_idle_time_out_follows_the_office_setting(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsJsonAsync("/api/settings", new { IdleTimeoutMinutes = 5 })).StatusCode);
        var invalid = await manager.PutAsJsonAsync("/api/settings", new { IdleTimeoutMinutes = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("between 1 and 480", await invalid.Content.ReadAsStringAsync());

        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/patients?q=x")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Changing_a_users_roles_ends_their_open_sessions(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/users");
        var deskId = users!.Single(u => u.UserName == TestApp.UserFor(Roles.FrontDesk)).Id;
        var response = await admin.PutAsJsonAsync($"/api/users/{deskId}/roles", new { Roles = new[] { Roles.Clinician }, IsActive = true });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/patients?q=x")).StatusCode);
    }

    private sealed record UserRow(int Id, string UserName);
}
