using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Calendar;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class CalendarJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int PixelsPerMinute = 2;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_front_desk_drags_a_visit_to_another_provider_and_a_drop_on_a_taken_slot_snaps_back(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        var ferreira = clinic.ProviderResourceId;
        var gupta = await CalendarEndpointsTests.GuptaAsync(app);
        await using (var db = app.NewDb())
        {
            // Dr. Ferreira charts 12:00–13:00 local (CST, UTC-6): the column shows it striped.
            db.ScheduleBlocks.Add(new MedOffice.Scheduling.ScheduleBlock
            {
                ResourceId = ferreira, LocationId = clinic.LocationId, StartsAt = new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc),
                EndsAt = new DateTime(2026, 11, 23, 19, 0, 0, DateTimeKind.Utc), Kind = MedOffice.Scheduling.BlockKinds.Admin, Reason = "Charting",
            });
            await db.SaveChangesAsync();
        }
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Calendar", Exact = true }).ClickAsync();
            await page.GotoAsync($"/calendar?location={clinic.LocationId}&date=2026-11-23");

            // Each visit sits in its provider's column at 09:00.
            var odette = page.Locator($"#appt-provider-{ferreira}-{clinic.InsuredAppointmentId}");
            var priya = page.Locator($"#appt-provider-{gupta}-{clinic.LapsedAppointmentId}");
            await Expect(odette).ToContainTextAsync("Marchetti, Odette");
            await Expect(odette).ToContainTextAsync("09:00–09:20 · Office visit");
            await Expect(priya).ToContainTextAsync("Lapsewood, Priya");
            await Expect(page.Locator($".cal-col[data-column=provider-{ferreira}] .cal-appt")).ToHaveCountAsync(1);
            await Expect(page.Locator($".cal-col[data-column=provider-{gupta}] .cal-appt")).ToHaveCountAsync(1);
            await Expect(page.Locator($".cal-col[data-column=provider-{ferreira}] .cal-block")).ToContainTextAsync("Admin: Charting");
            await session.ShotAsync("day-by-provider");

            // Odette to Dr. Gupta at 10:00: a free slot.
            await DragAsync(page, odette, page.Locator($".cal-col[data-column=provider-{gupta}]"), minutes: 60);
            var moved = page.Locator($"#appt-provider-{gupta}-{clinic.InsuredAppointmentId}");
            await Expect(moved).ToContainTextAsync("10:00–10:20");
            await Expect(page.Locator("#calendar-message")).ToContainTextAsync("Moved: Marchetti, Odette now 10:00–10:20");
            await Expect(page.Locator($".cal-col[data-column=provider-{ferreira}] .cal-appt")).ToHaveCountAsync(0);
            var (startsAt, providers, _) = await CalendarEndpointsTests.StateAsync(app, clinic.InsuredAppointmentId);
            Assert.Equal(new DateTime(2026, 11, 23, 16, 0, 0), startsAt);
            Assert.Equal($"{gupta}", providers);
            await session.ShotAsync("moved-to-gupta");

            // Priya onto 10:00 with Dr. Gupta, now Odette's: refused, and the block goes back to 09:00.
            var before = await CalendarEndpointsTests.StateAsync(app, clinic.LapsedAppointmentId);
            await DragAsync(page, priya, page.Locator($".cal-col[data-column=provider-{gupta}]"), minutes: 60);
            var message = page.Locator("#calendar-message");
            await Expect(message).ToContainTextAsync("Not moved: Dr. Gupta is already booked then");
            await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"));
            await Expect(priya).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("saving|dragging|refused"));
            // Back in its own column at 09:00 (two hours below the grid's 07:00 top), with no drag offset left on it.
            Assert.Equal(["", $"{120 * PixelsPerMinute}px", $"provider-{gupta}"],
                await priya.EvaluateAsync<string[]>("b => [b.style.transform, b.style.top, b.parentElement.dataset.column]"));
            Assert.Equal(before, await CalendarEndpointsTests.StateAsync(app, clinic.LapsedAppointmentId));
            await session.ShotAsync("refused-snapped-back");

            // Stretching Priya's visit into Odette's (now 10:00 with Dr. Gupta) is refused like a booking, and it snaps back too.
            await ResizeAsync(page, priya, minutes: 70);
            await Expect(message).ToContainTextAsync("Dr. Gupta is already booked then");
            await Expect(priya).ToHaveCSSAsync("height", $"{20 * PixelsPerMinute}px");

            await page.GetByRole(AriaRole.Link, new() { Name = "Day by room" }).ClickAsync();
            await Expect(page.Locator(".cal-col-head").Filter(new() { HasText = "Exam 1" })).ToBeVisibleAsync();
            await session.ShotAsync("day-by-room");
            await page.GetByRole(AriaRole.Link, new() { Name = "Week" }).ClickAsync();
            await Expect(page.Locator(".cal-col[data-date='2026-11-23'] .cal-appt")).ToHaveCountAsync(2);
            await session.ShotAsync("week-all-providers");
            await page.GetByRole(AriaRole.Link, new() { Name = "Month" }).ClickAsync();
            await Expect(page.Locator("td[data-date='2026-11-23']")).ToContainTextAsync("2 visits");
            await session.ShotAsync("month");
            await page.Locator("td[data-date='2026-11-23'] a").ClickAsync();
            await Expect(page.Locator($"#appt-provider-{gupta}-{clinic.InsuredAppointmentId}")).ToBeVisibleAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_keyboard_moves_a_visit_with_the_same_checks_as_a_drag(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        var ferreira = clinic.ProviderResourceId;
        var gupta = await CalendarEndpointsTests.GuptaAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GotoAsync($"/calendar?location={clinic.LocationId}&date=2026-11-23");
            var odette = page.Locator($"#appt-provider-{ferreira}-{clinic.InsuredAppointmentId}");
            var message = page.Locator("#calendar-message");

            // Three steps down and Escape: nothing moves.
            await odette.FocusAsync();
            for (var i = 0; i < 3; i++) { await page.Keyboard.PressAsync("ArrowDown"); }
            await Expect(message).ToContainTextAsync("09:15–09:35");
            await page.Keyboard.PressAsync("Escape");
            await Expect(message).ToContainTextAsync("Not moved.");
            Assert.Equal(new DateTime(2026, 11, 23, 15, 0, 0), (await CalendarEndpointsTests.StateAsync(app, clinic.InsuredAppointmentId)).StartsAt);

            // Onto Priya's 09:00 with Dr. Gupta: refused like a drag, and the visit stays put.
            var steps = await page.EvaluateAsync<int>(
                "([from, to]) => { const c = [...document.querySelectorAll('.cal-col')].map(e => e.dataset.column); return c.indexOf(to) - c.indexOf(from); }",
                new[] { $"provider-{ferreira}", $"provider-{gupta}" });
            Assert.NotEqual(0, steps);
            await odette.FocusAsync();
            for (var i = 0; i < Math.Abs(steps); i++) { await page.Keyboard.PressAsync(steps > 0 ? "ArrowRight" : "ArrowLeft"); }
            await Expect(message).ToContainTextAsync("Dr. Gupta");
            await page.Keyboard.PressAsync("Enter");
            await Expect(message).ToContainTextAsync("Not moved: Dr. Gupta is already booked then");
            Assert.Equal($"{ferreira}", (await CalendarEndpointsTests.StateAsync(app, clinic.InsuredAppointmentId)).Providers);

            // Three steps down (09:15) in her own column and Enter saves.
            await odette.FocusAsync();
            for (var i = 0; i < 3; i++) { await page.Keyboard.PressAsync("ArrowDown"); }
            await page.Keyboard.PressAsync("Enter");
            // The notice comes from the reloaded page (the preview says "Enter to save", not "Moved").
            await Expect(message).ToContainTextAsync("Moved: Marchetti, Odette now 09:15–09:35");
            var moved = page.Locator($"#appt-provider-{ferreira}-{clinic.InsuredAppointmentId}");
            await Expect(moved.Locator(".cal-meta")).ToContainTextAsync("09:15–09:35");
            // The moved visit has the focus again, so the keyboard can go on: Shift+↓ twice lengthens it by ten minutes.
            await Expect(moved).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Shift+ArrowDown");
            await page.Keyboard.PressAsync("Shift+ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await Expect(message).ToContainTextAsync("Moved: Marchetti, Odette now 09:15–09:45");
            await Expect(moved.Locator(".cal-meta")).ToContainTextAsync("09:15–09:45");
            Assert.Equal(new DateTime(2026, 11, 23, 15, 15, 0), (await CalendarEndpointsTests.StateAsync(app, clinic.InsuredAppointmentId)).StartsAt);
            await session.ShotAsync("keyboard-moved");
        });
    }

    /// <summary>Presses on the block, moves in steps (as a hand does) to the target column, the given minutes lower, and lets go.</summary>
    private static async Task DragAsync(IPage page, ILocator block, ILocator column, int minutes)
    {
        await block.ScrollIntoViewIfNeededAsync();
        var from = await block.BoundingBoxAsync();
        var to = await column.BoundingBoxAsync();
        var x = from!.X + from.Width / 2;
        var y = from.Y + 8;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to!.X + to.Width / 2, y + minutes * PixelsPerMinute, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static async Task ResizeAsync(IPage page, ILocator block, int minutes)
    {
        var box = await block.BoundingBoxAsync();
        var x = box!.X + box.Width / 2;
        var y = box.Y + box.Height - 2;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y + minutes * PixelsPerMinute, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}
