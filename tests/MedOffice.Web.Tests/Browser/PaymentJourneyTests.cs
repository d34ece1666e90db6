using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class PaymentJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Front_desk_collects_the_copay_at_check_in_prints_the_receipt_and_the_account_shows_the_credit(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GotoAsync($"/frontdesk?location={clinic.LocationId}");
            var row = page.Locator($"#visit-{clinic.InsuredAppointmentId}");
            await row.GetByText("Check in").First.ClickAsync();
            await row.GetByLabel("Name, address and phone confirmed").CheckAsync();
            await row.GetByLabel("Insurance card seen and current").CheckAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Check in Odette M." }).ClickAsync();
            await Expect(page.Locator("#desk-done")).ToContainTextAsync("Copay due: $30.00");

            await page.Locator($"#visit-{clinic.InsuredAppointmentId}").GetByRole(AriaRole.Link, new() { Name = "Collect copay" }).ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Account: Marchetti, Odette");
            await Expect(page.GetByLabel("Amount", new() { Exact = true })).ToHaveValueAsync("30.00");
            await Expect(page.Locator("#payment-context")).ToHaveValueAsync("CheckIn");
            await page.GetByLabel("Method").SelectOptionAsync("Card");
            await page.GetByLabel("Reference").FillAsync("4111 1111 1111 1111");
            await page.GetByRole(AriaRole.Button, new() { Name = "Post payment" }).ClickAsync();
            await Expect(page.Locator("#account-error")).ToContainTextAsync("full card number");
            await Expect(page.GetByLabel("Amount", new() { Exact = true })).ToHaveValueAsync("30.00");
            await session.ShotAsync("card-number-refused");

            await page.GetByLabel("Reference").FillAsync("last4 4242 auth 551903");
            await page.GetByRole(AriaRole.Button, new() { Name = "Post payment" }).ClickAsync();
            await Expect(page.Locator("#payment-done")).ToContainTextAsync("Payment of $30.00 posted — receipt R-000001");
            await Expect(page.Locator("#unapplied-credit")).ToHaveTextAsync("$30.00");
            await Expect(page.Locator("#payments tr[data-receipt='R-000001']")).ToContainTextAsync("At check-in");
            await session.ShotAsync("copay-posted");

            var tab = await page.RunAndWaitForPopupAsync(() => page.Locator("#receipt-link").ClickAsync());
            var pdf = await tab.APIRequest.GetAsync(tab.Url);
            Assert.Equal(200, pdf.Status);
            var text = await PdfTools.TextAsync(await pdf.BodyAsync());
            Assert.Contains("Receipt R-000001", text, StringComparison.Ordinal);
            Assert.Contains("$30.00", text, StringComparison.Ordinal);
            Assert.Contains("Card · last4 4242 auth 551903", text, StringComparison.Ordinal);
            Assert.Contains("Held as credit", text, StringComparison.Ordinal);
        });
    }
}
