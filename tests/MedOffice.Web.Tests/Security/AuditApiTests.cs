using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using MedOffice.Web.Tests.Patients;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Security;

public class AuditApiTests
{
    // OccurredAt stays text: it is a UTC time, and reading it as a DateTime would shift it into the machine's zone.
    private sealed record Row(long Id, string OccurredAt, string UserName, int? PatientId, string Action, string Category, string Outcome, string Detail);
    private sealed record Verification(long RowsChecked, long? FirstBrokenRowId, string Message, bool IsIntact);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_audit_report_filters_by_user_patient_day_and_action_and_sorts(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        // Day one (the test clock starts on 2026-11-23): the front desk registers Ada, the biller reads her record.
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var ada = await PatientApiTests.RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");
        var biller = await app.SignedInClientAsync(Roles.Biller);
        Assert.Equal(HttpStatusCode.OK, (await biller.GetAsync($"/api/patients/{ada.Id}")).StatusCode);
        // Two days later the front desk registers Grace.
        app.Clock.Advance(TimeSpan.FromDays(2));
        desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var grace = await PatientApiTests.RegisterAsync(desk, "Grace", "Hopper", "1956-12-09");
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);

        var byBiller = await ReportAsync(manager, "user=biller");
        Assert.NotEmpty(byBiller);
        Assert.All(byBiller, r => Assert.Equal("biller", r.UserName));
        Assert.Contains(byBiller, r => r.PatientId == ada.Id && r.Action == "read");

        var aboutAda = await ReportAsync(manager, $"patient={ada.Id}");
        Assert.All(aboutAda, r => Assert.Equal(ada.Id, r.PatientId));
        Assert.Equal(["read", "create"], aboutAda.Select(r => r.Action));

        var dayOne = await ReportAsync(manager, "from=2026-11-23&to=2026-11-23&action=create");
        Assert.Contains(dayOne, r => r.PatientId == ada.Id);
        Assert.DoesNotContain(dayOne, r => r.PatientId == grace.Id);
        var dayThree = await ReportAsync(manager, "from=2026-11-25&to=2026-11-25");
        Assert.All(dayThree, r => Assert.StartsWith("2026-11-25T", r.OccurredAt, StringComparison.Ordinal));
        Assert.Contains(dayThree, r => r.PatientId == grace.Id && r.Action == "create");
        // Ada's record was touched on day one only; on day three just the manager's own report queries name her.
        Assert.DoesNotContain(dayThree, r => r.PatientId == ada.Id && r.UserName != "officemanager");

        var creates = await ReportAsync(manager, "action=create");
        Assert.All(creates, r => Assert.Equal("create", r.Action));
        Assert.Equal(new int?[] { grace.Id, ada.Id }, creates.Select(r => r.PatientId));

        var newestFirst = await ReportAsync(manager, "");
        Assert.Equal(newestFirst.Select(r => r.Id).OrderDescending(), newestFirst.Select(r => r.Id));
        var oldestFirst = await ReportAsync(manager, "sort=time-asc");
        Assert.Equal(oldestFirst.Select(r => r.Id).Order(), oldestFirst.Select(r => r.Id));
        var byUser = await ReportAsync(manager, "sort=user");
        Assert.Equal(byUser.Select(r => r.UserName).Order(StringComparer.Ordinal), byUser.Select(r => r.UserName));
        Assert.True(byUser.Select(r => r.UserName).Distinct().Count() > 2);

        // Looking at the trail is itself on the trail.
        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.CountAsync(a => a.Action == "query" && a.Category == "audit" && a.UserName == "officemanager") >= 8);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_csv_export_holds_a_header_and_the_filtered_rows_and_is_itself_audited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var ada = await PatientApiTests.RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");
        await desk.GetAsync($"/api/patients/{ada.Id}");
        await desk.GetAsync($"/api/patients/{ada.Id}");
        await PatientApiTests.RegisterAsync(desk, "Grace", "Hopper", "1956-12-09");
        List<long> expected;
        await using (var db = app.NewDb())
        {
            expected = await db.AuditEvents.Where(a => a.PatientId == ada.Id).OrderByDescending(a => a.Id).Select(a => a.Id).ToListAsync();
        }
        Assert.Equal(3, expected.Count);

        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        var response = await manager.GetAsync($"/audit/export.csv?patient={ada.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("audit.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Id,OccurredAt,UserName,PatientId,Action,Category,SourceAddress,Outcome,Detail", lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(lines.Skip(1), l => Assert.Contains($",frontdesk,{ada.Id},", l));

        await using var check = app.NewDb();
        var export = await check.AuditEvents.SingleAsync(a => a.Action == "export");
        Assert.Equal("officemanager", export.UserName);
        Assert.Equal(ada.Id, export.PatientId);
        Assert.Contains("3 rows", export.Detail);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Failed_sign_ins_are_audited_and_five_lock_the_account(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.NewClient();
        var user = TestApp.UserFor(Roles.Biller);

        var unknown = await client.PostAsJsonAsync("/api/session", new { UserName = "nobody", Password = "whatever-it-is" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        for (var attempt = 1; attempt <= UserAccounts.MaximumFailedSignIns; attempt++)
        {
            var wrong = await client.PostAsJsonAsync("/api/session", new { UserName = user, Password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/session", new { UserName = user, TestApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("medoffice.session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/patients?q=x")).StatusCode);

        await using (var db = app.NewDb())
        {
            var signIns = await db.AuditEvents.Where(a => a.Action == "sign-in").OrderBy(a => a.Id).ToListAsync();
            Assert.Contains(signIns, a => a.UserName == "nobody" && a.Outcome == "failure");
            Assert.Equal(5, signIns.Count(a => a.UserName == user && a.Outcome == "failure"));
            Assert.Contains("locked", signIns.Last(a => a.Outcome == "failure").Detail);
            Assert.Equal("denied", signIns[^1].Outcome);
            Assert.Equal(user, signIns[^1].UserName);
        }

        // The lock is temporary: after it runs out the right password works again.
        app.Clock.Advance(UserAccounts.LockoutDuration + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session", new { UserName = user, TestApp.Password })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Verify_reports_an_intact_chain_and_names_the_row_altered_behind_the_apps_back(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var ada = await PatientApiTests.RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");
        await desk.GetAsync($"/api/patients/{ada.Id}");
        var manager = await app.SignedInClientAsync(Roles.OfficeManager);

        var intact = await manager.GetFromJsonAsync<Verification>("/api/audit/verify");
        Assert.True(intact!.IsIntact, intact.Message);
        Assert.Null(intact.FirstBrokenRowId);
        Assert.True(intact.RowsChecked > 5);

        var altered = await TamperAsync(app, ada.Id);
        var broken = await manager.GetFromJsonAsync<Verification>("/api/audit/verify");
        Assert.False(broken!.IsIntact);
        Assert.Equal(altered, broken.FirstBrokenRowId);
        Assert.Contains($"Row {altered}", broken.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_audit_verify_command_exits_zero_on_a_good_trail_and_non_zero_naming_the_altered_row(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var ada = await PatientApiTests.RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");
        await desk.GetAsync($"/api/patients/{ada.Id}");
        string database;
        await using (var db = app.NewDb())
        {
            database = Cli.DatabaseArgument(db);
        }

        var good = await Cli.RunAsync("audit", "verify", "--database", database);
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains("intact", good.Output);

        var altered = await TamperAsync(app, ada.Id);
        var bad = await Cli.RunAsync("audit", "verify", "--database", database);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains($"Row {altered}", bad.Output);
    }

    [Fact]
    public async Task The_command_line_describes_its_commands_and_options()
    {
        var root = await Cli.RunAsync("--help");
        Assert.True(root.ExitCode == 0, root.Output);
        Assert.Contains("serve", root.Output);
        Assert.Contains("audit", root.Output);
        Assert.Contains("--database", root.Output);

        var verify = await Cli.RunAsync("audit", "verify", "--help");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("hash chain", verify.Output);
        Assert.Contains("--database", verify.Output);
        Assert.Contains("sqlite:PATH", verify.Output);
        Assert.Contains("--data", verify.Output);
    }

    private static async Task<List<Row>> ReportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<Row>>())!;
    }

    /// <summary>Changes one row's detail with raw SQL, as someone with database access could; returns its id.</summary>
    private static async Task<long> TamperAsync(TestApp app, int patientId)
    {
        await using var db = app.NewDb();
        var target = await db.AuditEvents.Where(a => a.PatientId == patientId && a.Action == "create").Select(a => a.Id).SingleAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Id > target), "the altered row should not be the last one");
        // The append-only trigger refuses updates; an attacker with database rights drops it first.
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_AuditEvents_NoUpdate" """);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_AuditEvents_NoChange" ON "AuditEvents" """);
        }
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Detail" = 'registered nobody' WHERE "Id" = {target}"""));
        return target;
    }
}
