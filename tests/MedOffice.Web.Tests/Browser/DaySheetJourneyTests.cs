using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.DaySheets;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MedOffice.Web.Tests.Browser;

public sealed class DaySheetJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_front_desk_prints_a_providers_day_sheet_from_the_meetings_page(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        await DaySheetTests.BookEarlyVisitAsync(app, clinic, "New patient");
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Meetings", Exact = true }).ClickAsync();
            await page.Locator("#ds-resource").SelectOptionAsync(new SelectOptionValue { Label = "Dr. Ferreira" });
            await page.Locator("#ds-date").FillAsync("2026-11-23");
            await session.ShotAsync("daysheet-form");

            // The form opens the sheet in a new tab, where the browser shows the PDF to print.
            var answered = new TaskCompletionSource<IResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Context.Response += (_, response) =>
            {
                if (response.Url.Contains("/schedule/daysheet?", StringComparison.Ordinal))
                {
                    answered.TrySetResult(response);
                }
            };
            var tab = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Day sheet (PDF)" }).ClickAsync());
            var response = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(200, response.Status);
            Assert.Equal("application/pdf", response.Headers["content-type"]);
            Assert.Contains($"resource={clinic.ProviderResourceId}", tab.Url, StringComparison.Ordinal);
            Assert.Contains("date=2026-11-23", tab.Url, StringComparison.Ordinal);
            // Chromium hands the tab its PDF viewer, so the bytes are fetched again with the tab's cookies.
            var pdf = await tab.APIRequest.GetAsync(tab.Url);
            Assert.Equal(200, pdf.Status);
            var text = await PdfTools.TextAsync(await pdf.BodyAsync());
            var early = text.IndexOf("Wanderley, Wanda", StringComparison.Ordinal);
            Assert.True(early >= 0 && text.IndexOf("Marchetti, Odette", StringComparison.Ordinal) > early, text);
        });
    }
}
