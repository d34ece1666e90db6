using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using MedOffice.Web.Tests.Patients;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Security;

public class UserAdminTests
{
    private sealed record UserView(int Id, string UserName, string DisplayName, bool IsActive, string[] Roles, bool IsLockedOut);
    private sealed record SignedIn(string UserName, string[] Roles);
    private sealed record ContactView(int Id, string UserName, string? Email, int? ProviderResourceId);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_creates_a_user_and_bad_requests_are_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignedInClientAsync(Roles.Administrator);

        var shortPassword = await admin.PostAsJsonAsync("/api/users",
            new { UserName = "joy.nurse", DisplayName = "Joy Nurse", Password = "too-short", Roles = new[] { Roles.Clinician } });
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal("The password must be at least 12 characters.", Assert.Single((await PatientApiTests.ErrorsAsync(shortPassword))["Password"]));

        // User names are unique regardless of case.
        var taken = await admin.PostAsJsonAsync("/api/users",
            new { UserName = "FrontDesk", DisplayName = "Someone Else", Password = "a-long-enough-passphrase", Roles = new[] { Roles.FrontDesk } });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already taken", Assert.Single((await PatientApiTests.ErrorsAsync(taken))["UserName"]));

        var noRole = await admin.PostAsJsonAsync("/api/users",
            new { UserName = "joy.nurse", DisplayName = "Joy Nurse", Password = "a-long-enough-passphrase", Roles = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.True((await PatientApiTests.ErrorsAsync(noRole)).ContainsKey("Roles"));
        await using (var db = app.NewDb())
        {
            Assert.False(await db.Users.AnyAsync(u => u.UserName == "joy.nurse"));
            Assert.Equal(Roles.All.Count, await db.Users.CountAsync());
        }

        var created = await admin.PostAsJsonAsync("/api/users",
            new { UserName = "joy.nurse", DisplayName = "Joy Nurse", Password = "a-long-enough-passphrase", Roles = new[] { Roles.Clinician } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = Assert.Single((await admin.GetFromJsonAsync<List<UserView>>("/api/users"))!, u => u.UserName == "joy.nurse");
        Assert.Equal([Roles.Clinician], listed.Roles);
        Assert.True(listed.IsActive);

        // The new clinician signs in and gets what a clinician gets: reading patients, not registering them.
        var joy = app.NewClient();
        var signIn = await joy.PostAsJsonAsync("/api/session", new { UserName = "joy.nurse", Password = "a-long-enough-passphrase" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal([Roles.Clinician], (await signIn.Content.ReadFromJsonAsync<SignedIn>())!.Roles);
        Assert.Equal(HttpStatusCode.OK, (await joy.GetAsync("/api/patients?q=smith")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await joy.PostAsJsonAsync("/api/patients", PatientApiTests.Patient("Ada", "Lovelace", "1985-12-10"))).StatusCode);

        await using var check = app.NewDb();
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == "user-create" && a.Detail.Contains("joy.nurse"));
        Assert.Equal(TestApp.UserFor(Roles.Administrator), audit.UserName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_changes_roles_deactivates_and_resets_passwords(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        var users = (await admin.GetFromJsonAsync<List<UserView>>("/api/users"))!;
        var clinicianId = users.Single(u => u.UserName == TestApp.UserFor(Roles.Clinician)).Id;
        var adminId = users.Single(u => u.UserName == TestApp.UserFor(Roles.Administrator)).Id;

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/users/{clinicianId}/roles", new { Roles = new[] { Roles.Clinician, Roles.FrontDesk }, IsActive = true })).StatusCode);
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Created,
            (await clinician.PostAsJsonAsync("/api/patients", PatientApiTests.Patient("Ada", "Lovelace", "1985-12-10"))).StatusCode);

        var unknownRole = await admin.PutAsJsonAsync($"/api/users/{clinicianId}/roles", new { Roles = new[] { "Janitor" }, IsActive = true });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        // The last word on who administers must not be lost by a slip of the administrator's own hand.
        var selfDemotion = await admin.PutAsJsonAsync($"/api/users/{adminId}/roles", new { Roles = new[] { Roles.FrontDesk }, IsActive = true });
        Assert.Equal(HttpStatusCode.BadRequest, selfDemotion.StatusCode);

        var weak = await admin.PostAsJsonAsync($"/api/users/{clinicianId}/password", new { NewPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("12 characters", Assert.Single((await PatientApiTests.ErrorsAsync(weak))["Password"]));
        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostAsJsonAsync($"/api/users/{clinicianId}/password", new { NewPassword = "a-fresh-passphrase-42" })).StatusCode);
        var fresh = app.NewClient();
        var oldPassword = await fresh.PostAsJsonAsync("/api/session", new { UserName = TestApp.UserFor(Roles.Clinician), TestApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        var newPassword = await fresh.PostAsJsonAsync("/api/session", new { UserName = TestApp.UserFor(Roles.Clinician), Password = "a-fresh-passphrase-42" });
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal([Roles.Clinician, Roles.FrontDesk], (await newPassword.Content.ReadFromJsonAsync<SignedIn>())!.Roles.Order());

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PutAsJsonAsync($"/api/users/{clinicianId}/roles", new { Roles = new[] { Roles.Clinician }, IsActive = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.GetAsync("/api/patients?q=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await app.NewClient().PostAsJsonAsync("/api/session", new { UserName = TestApp.UserFor(Roles.Clinician), Password = "a-fresh-passphrase-42" })).StatusCode);

        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "password-change" && a.UserName == TestApp.UserFor(Roles.Administrator)));
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "role-change" && a.UserName == TestApp.UserFor(Roles.Administrator)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_sets_a_users_email_and_provider_calendar_on_the_users_page(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        var users = (await admin.GetFromJsonAsync<List<ContactView>>("/api/users"))!;
        var clinicianId = users.Single(u => u.UserName == TestApp.UserFor(Roles.Clinician)).Id;
        var deskId = users.Single(u => u.UserName == TestApp.UserFor(Roles.FrontDesk)).Id;
        var (html, token) = await Antiforgery.PageWithTokenAsync(admin, "/admin/users");
        Assert.Contains($"""value="contact-{clinicianId}" """.TrimEnd(), html, StringComparison.Ordinal);
        FormUrlEncodedContent Contact(int userId, string email, int? providerResourceId) => new(new Dictionary<string, string>
        {
            [Antiforgery.FieldName] = token, ["_handler"] = $"contact-{userId}", ["UserId"] = $"{userId}",
            ["Email"] = email, ["ProviderResourceId"] = providerResourceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });

        var saved = await admin.PostAsync("/admin/users", Contact(clinicianId, "Ferreira@Clinic.test", clinic.ProviderResourceId));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Contains("E-mail and provider calendar saved.", page, StringComparison.Ordinal);
        Assert.Contains("""value="Ferreira@Clinic.test" """.TrimEnd(), page, StringComparison.Ordinal);
        var clinician = Assert.Single((await admin.GetFromJsonAsync<List<ContactView>>("/api/users"))!, u => u.Id == clinicianId);
        Assert.Equal(("Ferreira@Clinic.test", clinic.ProviderResourceId), (clinician.Email, clinician.ProviderResourceId));

        // The same address in another case, or the same provider, is someone else's: refused, with the reason on the page.
        var taken = await (await admin.PostAsync("/admin/users", Contact(deskId, "ferreira@clinic.TEST", null))).Content.ReadAsStringAsync();
        Assert.Contains("Another user already has the e-mail address ferreira@clinic.TEST.", taken, StringComparison.Ordinal);
        var linked = await admin.PutAsJsonAsync($"/api/users/{deskId}/contact", new { Email = "desk@clinic.test", clinic.ProviderResourceId });
        Assert.Equal(HttpStatusCode.BadRequest, linked.StatusCode);
        Assert.Contains("already the user clinician", Assert.Single((await PatientApiTests.ErrorsAsync(linked))["ProviderResourceId"]));
        var notAnAddress = await admin.PutAsJsonAsync($"/api/users/{deskId}/contact", new { Email = "front desk" });
        Assert.True((await PatientApiTests.ErrorsAsync(notAnAddress)).ContainsKey("Email"));
        await using var db = app.NewDb();
        Assert.Null(await db.Users.Where(u => u.Id == deskId).Select(u => u.Email).SingleAsync());
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "update" && a.Detail.Contains("e-mail Ferreira@Clinic.test")));
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PutAsJsonAsync($"/api/users/{deskId}/contact", new { Email = "me@clinic.test" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_administrators_manage_users(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        int deskId;
        await using (var db = app.NewDb())
        {
            deskId = await db.Users.Where(u => u.UserName == TestApp.UserFor(Roles.FrontDesk)).Select(u => u.Id).SingleAsync();
        }
        foreach (var role in Roles.All.Where(r => r != Roles.Administrator))
        {
            var client = await app.SignedInClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/users",
                new { UserName = "sneaky." + role.ToLowerInvariant(), DisplayName = "Sneaky", Password = "a-long-enough-passphrase", Roles = new[] { Roles.Administrator } })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/users/{deskId}/roles",
                new { Roles = new[] { Roles.Administrator }, IsActive = true })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/users/{deskId}/password",
                new { NewPassword = "taken-over-passphrase" })).StatusCode);
        }

        await using var check = app.NewDb();
        Assert.False(await check.Users.AnyAsync(u => u.UserName.StartsWith("sneaky")));
        Assert.Equal([Roles.FrontDesk], await check.Users.Where(u => u.Id == deskId).SelectMany(u => u.Roles.Select(r => r.Role)).ToListAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().PostAsJsonAsync("/api/session",
            new { UserName = TestApp.UserFor(Roles.FrontDesk), TestApp.Password })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_setup_page_creates_the_first_administrator_once(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, withUsers: false);
        var owner = app.NewClient();
        var (html, token) = await Antiforgery.PageWithTokenAsync(owner, "/setup");
        Assert.Contains("Create the first administrator", html);
        Assert.Contains("""<input type="hidden" name="_handler" value="setup" />""", html);
        foreach (var field in new[] { "Input.PracticeName", "Input.DisplayName", "Input.UserName", "Input.Password" })
        {
            Assert.Contains($"""name="{field}" """, html);
        }

        var tooShort = await owner.PostAsync("/setup", SetupForm(token, "boss", "short-pass"));
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Users.CountAsync());
        }

        var created = await owner.PostAsync("/setup", SetupForm(token, "boss", "the-first-passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin/users", created.Headers.Location!.OriginalString.Replace("https://localhost", "", StringComparison.Ordinal));
        // The new administrator is signed in and can manage users at once.
        var users = await owner.GetFromJsonAsync<List<UserView>>("/api/users");
        var boss = Assert.Single(users!);
        Assert.Equal("boss", boss.UserName);
        Assert.Equal([Roles.Administrator], boss.Roles);
        await using (var db = app.NewDb())
        {
            Assert.Equal("Hillside Family Medicine", (await db.Organizations.SingleAsync()).Name);
        }

        // Once anyone exists, the page offers nothing and a posted form creates no one.
        var intruder = app.NewClient();
        var page = await (await intruder.GetAsync("/setup")).Content.ReadAsStringAsync();
        Assert.Contains("already set up", page);
        Assert.DoesNotContain("Input.Password", page);
        var (_, intruderToken) = await Antiforgery.PageWithTokenAsync(intruder, "/signin");
        var second = await intruder.PostAsync("/setup", SetupForm(intruderToken, "mallory", "mallorys-passphrase"));
        Assert.NotEqual(HttpStatusCode.Redirect, second.StatusCode);
        Assert.False(second.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("medoffice.session=", StringComparison.Ordinal)));
        await using (var db = app.NewDb())
        {
            Assert.Equal(["boss"], await db.Users.Select(u => u.UserName).ToListAsync());
        }
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await intruder.PostAsJsonAsync("/api/session", new { UserName = "mallory", Password = "mallorys-passphrase" })).StatusCode);
    }

    private static FormUrlEncodedContent SetupForm(string token, string userName, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "setup",
        [Antiforgery.FieldName] = token,
        ["Input.PracticeName"] = "Hillside Family Medicine",
        ["Input.DisplayName"] = "Dr. Boss",
        ["Input.UserName"] = userName,
        ["Input.Password"] = password,
    });
}
