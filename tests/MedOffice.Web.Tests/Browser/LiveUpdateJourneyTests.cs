using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class LiveUpdateJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_clinician_viewing_a_patient_sees_at_once_that_the_front_desk_changed_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await using var desk = await BrowserSession.OpenAsync(chromium, app);
        await using var clinician = await BrowserSession.OpenAsync(chromium, app, "A_clinician_viewing_a_patient_sees_at_once_that_the_front_desk_changed_it.clinician");
        await desk.RunAsync(async deskPage =>
        {
            await desk.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await deskPage.GotoAsync("/patients/new");
            await FrontDeskJourneyTests.FillDemographicsAsync(deskPage, "Ines", "Vallombrosa", "1966-09-12", "F", "(555) 610-2200");
            await deskPage.Locator("#save").ClickAsync();
            await Expect(deskPage).ToHaveURLAsync(FrontDeskJourneyTests.PatientPage());
            var patientPath = new Uri(deskPage.Url).AbsolutePath;

            await clinician.RunAsync(async clinicianPage =>
            {
                await clinician.SignInAsync(TestApp.UserFor(Roles.Clinician), TestApp.Password);
                await clinicianPage.GotoAsync(patientPath);
                await Expect(clinicianPage.Locator("#live-notice")).ToBeHiddenAsync();
                // Give the page's event stream a moment to connect before the change happens.
                await Expect(clinicianPage.Locator("#live-notice[data-connected=true]")).ToHaveCountAsync(1);

                await deskPage.GetByRole(AriaRole.Link, new() { Name = "Edit demographics" }).ClickAsync();
                await deskPage.Locator("#mobile").FillAsync("(555) 610-2299");
                await deskPage.Locator("#save").ClickAsync();
                await Expect(deskPage.Locator("main")).ToContainTextAsync("(555) 610-2299");

                var notice = clinicianPage.Locator("#live-notice");
                await Expect(notice).ToBeVisibleAsync();
                await Expect(notice).ToContainTextAsync($"changed by {TestApp.UserFor(Roles.FrontDesk)} (demographics)");
                await clinician.ShotAsync("live-notice");
                await notice.GetByRole(AriaRole.Link, new() { Name = "Reload to see the changes" }).ClickAsync();
                await Expect(clinicianPage.Locator("main")).ToContainTextAsync("(555) 610-2299");
            });
        });
    }
}
