using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MedOffice.Web.Tests.Browser;

/// <summary>
/// One user at one browser for one test: a fresh context (own cookies) on the app's Kestrel address, a screenshot of
/// every page the journey visits, and a screenshot named after the test when it fails.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly List<string> _pageErrors = [];
    private int _shots;

    private BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        Page = page;
        _testName = testName;
        page.PageError += (_, error) => _pageErrors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Where screenshots go: MEDOFFICE_TEST_ARTIFACTS if set, else artifacts/screenshots beside the test binaries.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("MEDOFFICE_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public static async Task<BrowserSession> OpenAsync(ChromiumFixture chromium, TestApp app, [CallerMemberName] string test = "")
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 860 },
            Locale = "en-US",
            TimezoneId = "America/New_York",
        });
        // Server-rendered pages answer in milliseconds: a step that takes seconds is a hang, not a slow machine.
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(10_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, $"{test}.{app.Provider}");
    }

    /// <summary>Runs the journey; on failure saves "{test}.{provider}.FAILED.png" before rethrowing.</summary>
    public async Task RunAsync(Func<IPage, Task> journey)
    {
        try
        {
            await journey(Page);
            Assert.True(_pageErrors.Count == 0, "Script errors on the pages: " + string.Join("; ", _pageErrors));
        }
        catch
        {
            await SaveScreenshotAsync($"{_testName}.FAILED.png");
            throw;
        }
    }

    /// <summary>Saves the page as it is now, numbered in visiting order.</summary>
    public Task ShotAsync(string step) => SaveScreenshotAsync($"{_testName}.{++_shots:00}-{step}.png");

    public async Task SignInAsync(string userName, string password)
    {
        var response = await Page.GotoAsync("/signin");
        Assert.True(response is { Ok: true }, $"GET /signin answered {response?.Status}: {(response is null ? "" : await response.TextAsync())}");
        await Page.Locator("#username").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await ShotAsync("signin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page).Not.ToHaveURLAsync(SignInPage());
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(SignInPage());
    }

    [GeneratedRegex("/signin")]
    public static partial Regex SignInPage();

    private async Task SaveScreenshotAsync(string fileName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        try
        {
            await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, fileName), FullPage = true });
        }
        catch (PlaywrightException) when (fileName.EndsWith(".FAILED.png", StringComparison.Ordinal))
        {
            // A page that cannot be photographed must not hide the failure that brought us here.
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
