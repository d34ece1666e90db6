using System.Text.RegularExpressions;
using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Billing;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed partial class ChargeJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_biller_charges_a_checked_out_visit_finds_a_diagnosis_adds_a_line_and_releases(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await ChargeClinic.CreateAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);
            await page.GotoAsync($"/frontdesk?location={clinic.Desk.LocationId}");
            var visit = page.Locator($"#done-today #visit-{clinic.AppointmentId}");
            await visit.GetByRole(AriaRole.Link, new() { Name = "Charges" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/charges/visit/{clinic.AppointmentId}$"));
            await session.ShotAsync("visit-without-charges");

            await page.Locator("#start-charges").ClickAsync();
            await Expect(page).ToHaveURLAsync(SheetPage());
            await Expect(page.Locator("#sheet-status")).ToHaveTextAsync("Draft");
            // The superbill's office visit, at Acme's fee.
            await Expect(page.Locator("tr.line[data-code='99213']")).ToContainTextAsync("$95.00");

            // Words find the code; clicking it adds it as diagnosis 1.
            await page.Locator("#dx-search").PressSequentiallyAsync("hypertension", new() { Delay = 20 });
            var hit = page.Locator("#dx-results li[data-code='I10']");
            await Expect(hit).ToContainTextAsync("Essential (primary) hypertension");
            await session.ShotAsync("diagnosis-search");
            await hit.ClickAsync();
            await Expect(page.Locator("#charges-done")).ToHaveTextAsync("Added I10.");
            await Expect(page.Locator("tr.diagnosis[data-code='I10']")).ToContainTextAsync("Essential (primary) hypertension");

            // A line pointing past the diagnoses is refused by name; pointed right, it goes on at the office's fee.
            await page.Locator("#line-code").FillAsync("93000");
            await page.Locator("#line-pointers").FillAsync("2");
            await page.Locator("#add-line-button").ClickAsync();
            await Expect(page.Locator("#charges-errors [data-field='Lines[1].DiagnosisPointers']")).ToContainTextAsync("Pointer 2 points past the 1 diagnosis on this sheet.");
            await page.Locator("#line-code").FillAsync("93000");
            await page.Locator("#line-pointers").FillAsync("1");
            await page.Locator("#add-line-button").ClickAsync();
            await Expect(page.Locator("tr.line[data-code='93000']")).ToContainTextAsync("$65.00");
            await page.Locator("tr.line[data-line='1'] input[name='pointers']").FillAsync("1");
            await page.Locator("tr.line[data-line='1']").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("#charges-done")).ToHaveTextAsync("Saved line 1.");
            await session.ShotAsync("sheet-ready");

            await page.Locator("#release").ClickAsync();
            await Expect(page.Locator("#sheet-status")).ToHaveTextAsync("Released to billing");
            await Expect(page.Locator("#lines h2")).ToContainTextAsync("total $160.00");
            await Expect(page.Locator("#add-line")).ToHaveCountAsync(0);
            await session.ShotAsync("released");
        });
        await using var db = app.NewDb();
        var sheet = await db.ChargeSheets.Include(s => s.Lines).Include(s => s.Diagnoses).SingleAsync(s => s.AppointmentId == clinic.AppointmentId);
        Assert.Equal((ChargeSheetStatuses.Released, "biller"), (sheet.Status, sheet.ReleasedBy));
        Assert.Equal(["I10"], sheet.Diagnoses.Select(d => d.Code));
        Assert.Equal([("99213", "1"), ("93000", "1")], sheet.Lines.OrderBy(l => l.LineNumber).Select(l => (l.ProcedureCode, l.DiagnosisPointers)));
    }

    [GeneratedRegex(@"/charges/\d+$")]
    private static partial Regex SheetPage();
}
