using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Eligibility;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class EligibilityJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task At_check_in_the_desk_asks_the_payer_and_reads_the_answer_in_plain_words(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        await using var exchange = await EligibilityExchange.CreateAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GotoAsync($"/frontdesk?location={clinic.LocationId}");
            var row = page.Locator($"#visit-{clinic.InsuredAppointmentId}");
            await row.GetByText("Check in").First.ClickAsync();
            var answer = row.Locator(".eligibility");
            await Expect(answer).ToContainTextAsync("Eligibility, primary (Acme Health): No check yet");
            await session.ShotAsync("check-in-no-check-yet");

            // The 270 goes to the clearinghouse's folder; the form opens again, waiting for the answer.
            await row.GetByRole(AriaRole.Button, new() { Name = "Check eligibility now" }).ClickAsync();
            await Expect(page.Locator("#eligibility-sent")).ToContainTextAsync("Eligibility asked of the payer");
            await Expect(answer).ToBeVisibleAsync();
            await Expect(answer).ToContainTextAsync("Asked today for 11/23/2026: waiting for the payer's answer");
            Assert.Single(Directory.GetFiles(exchange.Outbound, "270-*.x12"));
            await session.ShotAsync("check-in-asked");

            // The clearinghouse answers; the desk collects the answers.
            await exchange.AnswerAsync(app);
            await page.GetByRole(AriaRole.Link, new() { Name = "Eligibility", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Collect clearinghouse responses" }).ClickAsync();
            await Expect(page.Locator("#eligibility-done")).ToContainTextAsync("1 eligibility answers (1 answered)");
            await Expect(page.Locator("#eligibility-recent")).ToContainTextAsync("Active · GOLD 123 PLAN");
            await session.ShotAsync("eligibility-collected");

            await page.GotoAsync($"/frontdesk?location={clinic.LocationId}");
            await row.GetByText("Check in").First.ClickAsync();
            await Expect(answer).ToContainTextAsync(
                "Active · GOLD 123 PLAN · plan from 01/01/2006 · office visit copay $10 · deductible left $450 of $1,500 · out-of-pocket left $2,100 · coinsurance 20%");
            await Expect(answer).ToContainTextAsync("checked today");
            await Expect(row.Locator(".eligibility.ok")).ToHaveCountAsync(1);
            await session.ShotAsync("check-in-benefits");
        });
    }
}
