using System.Globalization;
using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class AuditJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_manager_sees_who_created_read_and_changed_a_patient_and_the_chain_is_intact(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            // The front desk registers (create + read), then edits (read + update) a patient.
            var frontDesk = TestApp.UserFor(Roles.FrontDesk);
            await session.SignInAsync(frontDesk, TestApp.Password);
            await session.ShotAsync("home");
            await page.GotoAsync("/patients/new");
            await FrontDeskJourneyTests.FillDemographicsAsync(page, "Odile", "Brankowitz", "1971-06-30", "F", "(555) 430-2211");
            await session.ShotAsync("new-patient-filled");
            await page.Locator("#save").ClickAsync();
            await Expect(page).ToHaveURLAsync(FrontDeskJourneyTests.PatientPage());
            var patientId = FrontDeskJourneyTests.PatientIdFrom(page.Url);
            await session.ShotAsync("patient-registered");
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit demographics" }).ClickAsync();
            await page.Locator("#email").FillAsync("odile@example.com");
            await session.ShotAsync("edit-patient");
            await page.Locator("#save").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}$"));
            await Expect(page.Locator("main")).ToContainTextAsync("odile@example.com");
            await session.ShotAsync("patient-edited");
            // The front desk has no business in the audit trail: no link to it.
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
            await session.SignOutAsync();

            await session.SignInAsync(TestApp.UserFor(Roles.OfficeManager), TestApp.Password);
            await session.ShotAsync("manager-home");
            await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/audit$"));
            await session.ShotAsync("audit");

            await page.Locator("#patient").FillAsync(patientId.ToString(CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/audit\\?.*patient={patientId}"));
            var rows = page.Locator("#audit-rows tbody tr");
            foreach (var action in new[] { AuditActions.Create, AuditActions.Read, AuditActions.Update })
            {
                var row = rows.Filter(new() { Has = page.Locator("td:nth-child(5)", new() { HasTextRegex = new Regex($"^{action}$") }) });
                await Expect(row.First).ToContainTextAsync(frontDesk);
                await Expect(row.First.Locator("td:nth-child(4)")).ToHaveTextAsync(patientId.ToString(CultureInfo.InvariantCulture));
            }
            // Only this patient's rows (and the manager's own viewing of the report about them).
            await Expect(rows.Locator("td:nth-child(4)", new() { HasNotTextRegex = new Regex($"^{patientId}$") })).ToHaveCountAsync(0);
            await session.ShotAsync("audit-by-patient");

            await page.Locator("#patient").FillAsync("");
            await page.Locator("#user").FillAsync(frontDesk);
            await page.Locator("#action").SelectOptionAsync(AuditActions.Update);
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows).ToContainTextAsync(frontDesk);
            await session.ShotAsync("audit-by-user");

            await page.GetByRole(AriaRole.Button, new() { Name = "Verify the hash chain" }).ClickAsync();
            await Expect(page.Locator("#verification")).ToContainTextAsync("The audit trail is intact");
            await session.ShotAsync("audit-verified");
        });
    }
}
