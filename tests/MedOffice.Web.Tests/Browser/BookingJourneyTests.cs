using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

public sealed partial class BookingJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Front_desk_books_the_first_opening_from_the_patient_page_and_sees_it_confirmed_in_local_time(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var (patientId, typeId) = await SeedAsync(app);
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.RunAsync(async page =>
        {
            await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
            await page.GotoAsync($"/patients/{patientId}");
            await Expect(page.Locator("#upcoming-appointments")).ToContainTextAsync("None booked.");
            await session.ShotAsync("patient");

            await page.GetByRole(AriaRole.Link, new() { Name = "Book appointment" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/schedule/book\\?patient={patientId}$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Book an appointment for Lindqvist, Maren");
            await page.Locator("#type").SelectOptionAsync(typeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#provider").SelectOptionAsync(new SelectOptionValue { Label = "Any provider" });
            await page.Locator("#part").SelectOptionAsync("Afternoon");
            await session.ShotAsync("find-filled");
            await page.Locator("#find-openings").ClickAsync();

            // The app's clock: Monday 2026-11-23 09:00 in Chicago. The first afternoon opening is today at noon, with Dr. Berg (first by name).
            var openings = page.Locator("#openings tr.opening");
            await Expect(openings).ToHaveCountAsync(10);
            await Expect(openings.First).ToContainTextAsync("Monday 11/23/2026");
            await Expect(openings.First).ToContainTextAsync("12:00");
            await Expect(openings.First).ToContainTextAsync("Dr. Berg");
            await Expect(openings.First).ToContainTextAsync("Exam 1");
            await session.ShotAsync("openings");
            await openings.First.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(BookedPage());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Appointment booked");
            await Expect(page.Locator("#booked-when")).ToContainTextAsync("Monday 11/23/2026 at 12:00–12:30");
            await Expect(page.Locator("#booked-when")).ToContainTextAsync("America/Chicago");
            await Expect(page.Locator("#booked-provider")).ToHaveTextAsync("Dr. Berg");
            await Expect(page.Locator("#booked-room")).ToHaveTextAsync("Exam 1");
            await session.ShotAsync("confirmation");
            var appointmentId = int.Parse(BookedPage().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            await using (var db = app.NewDb())
            {
                var appointment = await db.Appointments.Include(a => a.Bookings).SingleAsync();
                Assert.Equal(appointmentId, appointment.Id);
                Assert.Equal(patientId, appointment.PatientId);
                Assert.Equal(AppointmentStatuses.Booked, appointment.Status);
                // Noon in Chicago in November (CST) is 18:00 UTC.
                Assert.Equal(new DateTime(2026, 11, 23, 18, 0, 0), appointment.StartsAt);
                Assert.Equal(2, appointment.Bookings.Count(b => b.IsActive));
                Assert.True(await db.AuditEvents.AnyAsync(a => a.PatientId == patientId && a.Action == AuditActions.Create && a.Category == AuditCategories.Schedule));
            }

            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the patient" }).ClickAsync();
            await Expect(page.Locator("#upcoming-appointments tr.upcoming")).ToHaveCountAsync(1);
            await Expect(page.Locator("#upcoming-appointments")).ToContainTextAsync("Mon 11/23/2026 12:00");
            await Expect(page.Locator("#upcoming-appointments")).ToContainTextAsync("Dr. Berg");
            await session.ShotAsync("patient-upcoming");
        });
    }

    [GeneratedRegex(@"/schedule/booked/(\d+)$")]
    private static partial Regex BookedPage();

    /// <summary>One Chicago location with two providers and one exam room working every day 08:00–17:00, a 30-minute visit, one patient.</summary>
    private static async Task<(int PatientId, int TypeId)> SeedAsync(TestApp app)
    {
        await using var db = app.NewDb();
        var organization = await db.Organizations.FirstAsync();
        var location = new MedOffice.Practice.Location
        {
            OrganizationId = organization.Id, Name = "Lakeview", AddressLine1 = "1 Lake St", City = "Chicago", State = "IL", PostalCode = "60601",
            TimeZoneId = "America/Chicago",
        };
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        var resources = new[]
        {
            new SchedulableResource { Kind = ResourceKinds.Provider, Name = "Dr. Berg", LocationId = location.Id },
            new SchedulableResource { Kind = ResourceKinds.Provider, Name = "Dr. Castillo", LocationId = location.Id },
            new SchedulableResource { Kind = ResourceKinds.Room, Name = "Exam 1", Category = "Exam", LocationId = location.Id },
        };
        db.SchedulableResources.AddRange(resources);
        await db.SaveChangesAsync();
        foreach (var resource in resources)
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.WorkingHours.Add(new WorkingHours { ResourceId = resource.Id, LocationId = location.Id, DayOfWeek = day, StartsAt = new(8, 0), EndsAt = new(17, 0) });
            }
        }
        var visit = new AppointmentType
        {
            Name = "New patient visit", DurationMinutes = 30,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = ResourceKinds.Room, Category = "Exam" }],
        };
        db.AppointmentTypes.Add(visit);
        await db.SaveChangesAsync();
        await using var scope = app.App.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<PatientRegistry>().RegisterAsync(new PatientDetails
        {
            LegalFirstName = "Maren", LegalLastName = "Lindqvist", DateOfBirth = new DateOnly(1988, 5, 17), SexAtBirth = SexesAtBirth.Female,
            MobilePhone = "5125550199",
        }, acknowledgeDuplicates: true, Actor.System("test"));
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        return (registered.Value!.Id, visit.Id);
    }
}
