using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.Infrastructure;
using MedOffice.Web.Tests.Statements;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class StatementJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_biller_generates_statements_downloads_the_batch_and_bills_an_employer(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await StatementWebClinic.CreateAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Statements", Exact = true }).ClickAsync();
            await Expect(page.Locator("#statements-summary")).ToContainTextAsync("1 statement(s) to send");
            await Expect(page.Locator("#statement-candidates")).ToContainTextAsync("$30.00");
            await session.ShotAsync("statements-preview");

            await page.Locator("#generate-statements").ClickAsync();
            await Expect(page.Locator("#statements-done")).ToContainTextAsync("1 statement(s) generated");
            await page.Locator("#generate-statements").ClickAsync();
            await Expect(page.Locator("#statements-done")).ToContainTextAsync("Nothing to add");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Batch PDF" }).ClickAsync());
            var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
            var text = await PdfTools.TextAsync(pdf);
            Assert.Contains("Odette Marchetti", text, StringComparison.Ordinal);
            Assert.Contains("Amount due now", text, StringComparison.Ordinal);
            Assert.Contains("$30.00", text, StringComparison.Ordinal);

            // An invoice to an employer: a negative quantity is refused by name and what was typed stays.
            await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();
            await page.Locator("#new-invoice").ClickAsync();
            await page.Locator("#bill-to-name").FillAsync("Acme Logistics Inc.");
            await page.Locator("#line-0-description").FillAsync("Pre-employment physicals");
            await page.Locator("#line-0-quantity").FillAsync("-3");
            await page.Locator("#line-0-price").FillAsync("33.33");
            await page.Locator("#save-invoice").ClickAsync();
            await Expect(page.Locator("[data-field='lines[0].quantity']")).ToContainTextAsync("quantity is a number above zero");
            await Expect(page.Locator("#bill-to-name")).ToHaveValueAsync("Acme Logistics Inc.");
            await page.Locator("#line-0-quantity").FillAsync("3");
            await page.Locator("#save-invoice").ClickAsync();
            await Expect(page.Locator("#invoice-total")).ToHaveTextAsync("$99.99");
            await page.Locator("#payment-amount").FillAsync("99.99");
            await page.Locator("#payment-method").SelectOptionAsync("Check");
            await page.Locator("#payment-reference").FillAsync("CHK 5521");
            await page.Locator("#record-payment").ClickAsync();
            await Expect(page.Locator("#invoice-status")).ToHaveTextAsync("Paid");
            await session.ShotAsync("invoice-paid");
        });
    }
}
