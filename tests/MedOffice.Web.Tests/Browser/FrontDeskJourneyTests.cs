using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed partial class FrontDeskJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Front_desk_registers_insures_finds_and_edits_a_patient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(BrowserSession.SignInPage());
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await Expect(page.Locator("#patient-search")).ToBeFocusedAsync();
            await session.ShotAsync("home");

            // Alt+N is the "New patient" access key (keys.js, loaded once the page has).
            await page.WaitForLoadStateAsync(LoadState.Load);
            await page.Keyboard.PressAsync("Alt+N");
            await Expect(page).ToHaveURLAsync(NewPatientPage());
            await FillDemographicsAsync(page, "John", "Quillfeather", "1984-03-09", "M", "(555) 201-3344");
            await page.Locator("#email").FillAsync("john.quillfeather@example.com");
            await page.Locator("#line1").FillAsync("12 Orchard Lane");
            await page.Locator("#city").FillAsync("Springfield");
            await page.Locator("#state").FillAsync("IL");
            await page.Locator("#zip").FillAsync("62704");
            await session.ShotAsync("new-patient-filled");
            await page.Locator("#save").ClickAsync();

            await Expect(page).ToHaveURLAsync(PatientPage());
            var patientId = PatientIdFrom(page.Url);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Quillfeather, John");
            await using (var db = app.NewDb())
            {
                var saved = await db.Patients.SingleAsync(p => p.Id == patientId);
                await Expect(page.Locator("#mrn")).ToHaveTextAsync(saved.Mrn);
                Assert.Equal("5552013344", saved.MobilePhone);
                Assert.Equal("john.quillfeather@example.com", saved.Email);
            }
            await Expect(page.Locator("main")).ToContainTextAsync("Mobile (555) 201-3344");
            await Expect(page.Locator("main")).ToContainTextAsync("12 Orchard Lane");
            await Expect(page.Locator("main")).ToContainTextAsync("No insurance on file");
            await session.ShotAsync("patient-registered");

            await page.GetByRole(AriaRole.Link, new() { Name = "Add insurance" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}/coverages/new$"));
            await page.Locator("#payer").SelectOptionAsync(app.PayerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#member").FillAsync("QF7734201");
            await page.Locator("#group").FillAsync("GRP-88");
            await page.Locator("#copay").FillAsync("25");
            await session.ShotAsync("add-insurance-filled");
            await page.Locator("#save-coverage").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}$"));
            var coverage = page.Locator(".coverage");
            await Expect(coverage).ToHaveCountAsync(1);
            await Expect(coverage).ToContainTextAsync("Acme Health");
            await Expect(coverage).ToContainTextAsync("Member ID QF7734201");
            await Expect(coverage).ToContainTextAsync("copay $25.00");
            await session.ShotAsync("patient-insured");

            // Home, and a misspelt name: the results come in as the user types, without Enter.
            await page.GetByRole(AriaRole.Link, new() { Name = "Find patient" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(HomePage());
            var search = page.Locator("#patient-search");
            await search.PressSequentiallyAsync("jon quilfethr", new() { Delay = 30 });
            var hit = page.Locator("#results tr.hit");
            await Expect(hit).ToHaveCountAsync(1);
            await Expect(hit).ToContainTextAsync("Quillfeather, John");
            await Expect(hit).ToContainTextAsync("(555) 201-3344");
            await Expect(page).ToHaveURLAsync(HomePage());
            await session.ShotAsync("search-as-you-type");

            // Enter on a query naming exactly one patient opens that patient.
            await search.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}$"));
            await session.ShotAsync("patient-from-search");

            await page.GetByRole(AriaRole.Link, new() { Name = "Edit demographics" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}/edit$"));
            await Expect(page.Locator("#first")).ToHaveValueAsync("John");
            await Expect(page.Locator("#mobile")).ToHaveValueAsync("(555) 201-3344");
            await Expect(page.Locator("#sex")).ToHaveValueAsync("M");
            await page.Locator("#mobile").FillAsync("555-987-6543");
            await session.ShotAsync("edit-patient");
            await page.Locator("#save").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}$"));
            await Expect(page.Locator("main")).ToContainTextAsync("Mobile (555) 987-6543");
            await Expect(page.Locator(".coverage")).ToContainTextAsync("QF7734201");
            await session.ShotAsync("patient-edited");
            await using (var db = app.NewDb())
            {
                Assert.Equal("5559876543", (await db.Patients.SingleAsync(p => p.Id == patientId)).MobilePhone);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Registering_with_a_future_birth_date_and_a_bad_phone_shows_the_errors_and_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        int before;
        await using (var db = app.NewDb())
        {
            before = await db.Patients.CountAsync();
        }
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await session.ShotAsync("home");
            await page.GetByRole(AriaRole.Link, new() { Name = "New patient" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(NewPatientPage());
            // The app's clock says 23 November 2026.
            await FillDemographicsAsync(page, "Marta", "Vennikasque", "2027-02-14", "F", "555-12");
            await session.ShotAsync("new-patient-filled");
            await page.Locator("#save").ClickAsync();

            await Expect(page).ToHaveURLAsync(NewPatientPage());
            await Expect(FieldMessage(page, "dob")).ToHaveTextAsync("The date of birth cannot be in the future.");
            await Expect(FieldMessage(page, "mobile")).ToContainTextAsync("'555-12' is not a US phone number");
            await Expect(FieldMessage(page, "first")).ToHaveCountAsync(0);
            // What was typed is still there to correct.
            await Expect(page.Locator("#last")).ToHaveValueAsync("Vennikasque");
            await Expect(page.Locator("#mobile")).ToHaveValueAsync("555-12");
            await Expect(page.Locator("#sex")).ToHaveValueAsync("F");
            await session.ShotAsync("registration-errors");
        });
        await using (var db = app.NewDb())
        {
            Assert.Equal(before, await db.Patients.CountAsync());
            Assert.False(await db.Patients.AnyAsync(p => p.LegalLastName == "Vennikasque"));
        }
    }

    internal static async Task FillDemographicsAsync(IPage page, string first, string last, string dateOfBirth, string sex, string mobile)
    {
        await page.Locator("#first").FillAsync(first);
        await page.Locator("#last").FillAsync(last);
        await page.Locator("#dob").FillAsync(dateOfBirth);
        await page.Locator("#sex").SelectOptionAsync(sex);
        await page.Locator("#mobile").FillAsync(mobile);
    }

    /// <summary>The validation message in the same field block as the input.</summary>
    private static ILocator FieldMessage(IPage page, string inputId) =>
        page.Locator($"div:has(> #{inputId}) > .validation-message");

    internal static int PatientIdFrom(string url) =>
        int.Parse(PatientPage().Match(url).Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/patients/(?<id>\d+)$")]
    internal static partial Regex PatientPage();

    [GeneratedRegex("/patients/new$")]
    private static partial Regex NewPatientPage();

    [GeneratedRegex(@"^http://localhost:\d+/(\?.*)?$")]
    private static partial Regex HomePage();
}
