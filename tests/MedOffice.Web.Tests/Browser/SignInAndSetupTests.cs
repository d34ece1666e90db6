using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed partial class SignInAndSetupTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_password_is_refused_with_a_message(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(BrowserSession.SignInPage());
            await page.Locator("#username").FillAsync(TestApp.UserFor(Roles.FrontDesk));
            await page.Locator("#password").FillAsync("not-the-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or password is not right.");
            await Expect(page).ToHaveURLAsync(BrowserSession.SignInPage());
            await Expect(page.Locator("header nav")).ToHaveCountAsync(0);
            // The user name stays for another try; the password is not echoed back into the page.
            await Expect(page.Locator("#username")).ToHaveValueAsync(TestApp.UserFor(Roles.FrontDesk));
            await Expect(page.Locator("#password")).ToHaveValueAsync("");
            Assert.DoesNotContain("not-the-password", await page.ContentAsync(), StringComparison.Ordinal);
            await session.ShotAsync("signin-refused");

            // Still signed out: registering a patient sends the user back to sign in.
            await page.GotoAsync("/patients/new");
            await Expect(page).ToHaveURLAsync(BrowserSession.SignInPage());
            await session.ShotAsync("signin-again");
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_first_visit_to_an_office_without_users_sets_up_the_administrator(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true, withUsers: false);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(SetupPage());
            await session.ShotAsync("setup");
            await page.Locator("#practice").FillAsync("Lakeside Family Medicine");
            await page.Locator("#displayname").FillAsync("Ada Pennyworth");
            await page.Locator("#username").FillAsync("ada");
            await page.Locator("#password").FillAsync("a-long-enough-passphrase");
            await session.ShotAsync("setup-filled");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(UsersPage());
            await Expect(page.Locator("form.signout")).ToContainTextAsync("ada");
            await Expect(page.Locator("table")).ToContainTextAsync("Ada Pennyworth");
            await session.ShotAsync("users");

            // Set up once: the page now says so instead of offering a second administrator.
            await page.GotoAsync("/setup");
            await Expect(page.Locator("main")).ToContainTextAsync("already set up");
            await session.ShotAsync("setup-done");
        });
        await using var db = app.NewDb();
        Assert.Equal("ada", (await db.Users.SingleAsync()).UserName);
        Assert.Equal("Lakeside Family Medicine", (await db.Organizations.SingleAsync()).Name);
    }

    [GeneratedRegex("/setup$")]
    private static partial Regex SetupPage();

    [GeneratedRegex("/admin/users$")]
    private static partial Regex UsersPage();
}
