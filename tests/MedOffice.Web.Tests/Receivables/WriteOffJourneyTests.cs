using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Browser;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Receivables;

/// <summary>A write-off with four eyes, as the office lives it: the biller asks from the aging drill-down, the manager approves, aging drops.</summary>
public sealed class WriteOffJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Biller_asks_for_a_write_off_the_manager_approves_and_patient_AR_shows_the_lower_balance(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await ReceivablesWebClinic.CreateAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);
            await page.GotoAsync("/receivables");
            await page.Locator("#tab-patient").ClickAsync();
            var row = page.Locator($"#aging-by-patient tr[data-patient-id='{clinic.PatientId}']");
            await Expect(row.Locator(".row-total")).ToHaveTextAsync("$80.00");
            await Expect(page.Locator("#grand-total")).ToHaveTextAsync("$200.00");
            await session.ShotAsync("aging-by-patient");

            await row.GetByRole(AriaRole.Link, new() { Name = clinic.PatientName }).ClickAsync();
            await page.Locator("#patient-lines .request-write-off").ClickAsync();
            await Expect(page.Locator("#write-off-amount")).ToHaveValueAsync("80.00");
            // Asking for more than is owed is refused by name, and what was typed stays.
            await page.Locator("#write-off-amount").FillAsync("95.00");
            await page.Locator("#request-write-off").ClickAsync();
            await Expect(page.Locator("#write-off-error")).ToContainTextAsync("is 80.00: 95.00 cannot be written off");
            await Expect(page.Locator("#write-off-amount")).ToHaveValueAsync("95.00");
            await page.Locator("#write-off-amount").FillAsync("30.00");
            await page.Locator("#write-off-reason").SelectOptionAsync("Courtesy");
            await page.Locator("#write-off-text").FillAsync("Lost her job");
            await session.ShotAsync("request-write-off");
            await page.Locator("#request-write-off").ClickAsync();
            await Expect(page.Locator("#write-offs-done")).ToContainTextAsync("waiting for an office manager's approval");
            await Expect(page.Locator("#pending-write-offs tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#pending-write-offs button.approve")).ToHaveCountAsync(0);
            await session.SignOutAsync();

            await session.SignInAsync(TestApp.UserFor(Roles.OfficeManager), TestApp.Password);
            await page.GotoAsync("/receivables/write-offs");
            var pending = page.Locator("#pending-write-offs tbody tr");
            await Expect(pending).ToContainTextAsync("Courtesy / hardship Lost her job");
            await pending.Locator("button.approve").ClickAsync();
            await Expect(page.Locator("#write-offs-done")).ToContainTextAsync("approved and posted");
            await Expect(page.Locator("#decided-write-offs tr[data-status='Approved']")).ToHaveCountAsync(1);
            await session.ShotAsync("approved");

            await page.GotoAsync("/receivables?tab=patient");
            await Expect(page.Locator($"#aging-by-patient tr[data-patient-id='{clinic.PatientId}'] .row-total")).ToHaveTextAsync("$50.00");
            await Expect(page.Locator("#patient-row-total")).ToHaveTextAsync("$50.00");
            await Expect(page.Locator("#grand-total")).ToHaveTextAsync("$170.00");
            await session.ShotAsync("aging-after");
        });
    }
}
