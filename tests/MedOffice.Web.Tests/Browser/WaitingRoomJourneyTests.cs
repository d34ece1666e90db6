using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed class WaitingRoomJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_front_desk_screens_see_each_others_check_in_rooming_and_check_out_without_reloading(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await DeskClinic.CreateAsync(app);
        await using var desk = await BrowserSession.OpenAsync(chromium, app);
        await using var other = await BrowserSession.OpenAsync(chromium, app,
            "Two_front_desk_screens_see_each_others_check_in_rooming_and_check_out_without_reloading.second-screen");
        var deskUrl = $"/frontdesk?location={clinic.LocationId}";
        await desk.RunAsync(async deskPage =>
        {
            await desk.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await deskPage.GetByRole(AriaRole.Link, new() { Name = "Front desk" }).ClickAsync();
            await deskPage.GotoAsync(deskUrl);
            await other.RunAsync(async otherPage =>
            {
                await other.SignInAsync(TestApp.UserFor(Roles.OfficeManager), TestApp.Password);
                await otherPage.GotoAsync(deskUrl);
                var board = otherPage.Locator("#waiting-room");
                await Expect(otherPage.Locator("#waiting-room[data-connected=true]")).ToHaveCountAsync(1);
                await Expect(board.Locator("#board-waiting li")).ToHaveCountAsync(0);
                await other.ShotAsync("board-empty");

                // The first screen checks Odette in: insurance clear, $30 copay, two consents.
                var row = deskPage.Locator($"#visit-{clinic.InsuredAppointmentId}");
                await row.GetByText("Check in").First.ClickAsync();
                await Expect(row.Locator(".copay")).ToContainTextAsync("$30.00");
                await row.GetByLabel("Name, address and phone confirmed").CheckAsync();
                await row.GetByLabel("Insurance card seen and current").CheckAsync();
                await row.GetByLabel("Notice of privacy practices (HIPAA) acknowledged").CheckAsync();
                await row.GetByLabel("Consent to treatment signed").CheckAsync();
                await desk.ShotAsync("check-in-form");
                await row.GetByRole(AriaRole.Button, new() { Name = "Check in Odette M." }).ClickAsync();
                await Expect(deskPage.Locator("#desk-done")).ToContainTextAsync("Odette M. checked in. Copay due: $30.00. Insurance clear.");

                // The second screen, untouched, shows her waiting.
                await Expect(board.Locator("#board-waiting")).ToContainTextAsync("Odette M.");
                await other.ShotAsync("board-waiting");

                // The first screen rooms her in Exam 2; the other board moves her to the rooms column.
                var here = deskPage.Locator($"#visit-{clinic.InsuredAppointmentId}");
                await here.Locator("select[name=roomResourceId]").SelectOptionAsync(new SelectOptionValue { Label = "Exam 2" });
                await here.GetByRole(AriaRole.Button, new() { Name = "Room", Exact = true }).ClickAsync();
                await Expect(deskPage.Locator("#desk-done")).ToContainTextAsync("Odette M. roomed in Exam 2.");
                await Expect(board.Locator("#board-rooms")).ToContainTextAsync("Exam 2: Odette M.");
                await Expect(board.Locator("#board-waiting li")).ToHaveCountAsync(0);
                await Expect(otherPage.Locator("#list-stale")).ToBeVisibleAsync();
                await other.ShotAsync("board-roomed");

                // The second screen (the manager) checks her out and books the follow-up; the first screen's board sees her leave.
                await otherPage.GotoAsync(deskUrl);
                var leaving = otherPage.Locator($"#visit-{clinic.InsuredAppointmentId}");
                await leaving.GetByText("Check out").First.ClickAsync();
                await leaving.Locator("select[name=followUpTypeId]").SelectOptionAsync(new SelectOptionValue { Label = "Office visit (20 min)" });
                await leaving.Locator("input[name=followUpDate]").FillAsync("2026-12-07");
                await leaving.Locator("input[name=followUpTime]").FillAsync("10:30");
                await other.ShotAsync("check-out-form");
                await leaving.GetByRole(AriaRole.Button, new() { Name = "Check out Odette M." }).ClickAsync();
                await Expect(otherPage.Locator("#desk-done")).ToContainTextAsync("Odette M. checked out. Follow-up booked.");
                await Expect(deskPage.Locator("#waiting-room #board-left")).ToContainTextAsync("Odette M.");
                await Expect(deskPage.Locator("#waiting-room #board-rooms li")).ToHaveCountAsync(0);
                await desk.ShotAsync("board-checked-out");
            });
        });

        await using var db = app.NewDb();
        Assert.Equal(AppointmentStatuses.CheckedOut, (await db.Appointments.SingleAsync(a => a.Id == clinic.InsuredAppointmentId)).Status);
        Assert.True(await db.Appointments.AnyAsync(a => a.PatientId == clinic.InsuredPatientId && a.Status == AppointmentStatuses.Booked));
        Assert.Equal(2, await db.ConsentRecords.CountAsync());
    }
}
