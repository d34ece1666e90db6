using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.FrontDesk;

/// <summary>
/// A clinic in the test app: one Chicago location with one provider and two exam rooms working every day 08:00–17:00, a
/// 20-minute visit type, and two patients booked at 09:00 local today (the app's clock: Monday 2026-11-23 15:00 UTC).
/// The first has a current primary with a $30 copay; the second's primary has expired.
/// </summary>
public sealed record DeskClinic(int LocationId, int ProviderResourceId, int Exam1Id, int Exam2Id, int VisitTypeId,
    int InsuredPatientId, int InsuredAppointmentId, int LapsedPatientId, int LapsedAppointmentId, int WalkInPatientId)
{
    public static async Task<DeskClinic> CreateAsync(TestApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var organization = db.Organizations.First();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Riverside", AddressLine1 = "5 River Rd", City = "Chicago", State = "IL", PostalCode = "60607",
            TimeZoneId = "America/Chicago",
        };
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        SchedulableResource Resource(string kind, string name, string? category) => new() { Kind = kind, Name = name, Category = category, LocationId = location.Id };
        var provider = Resource(ResourceKinds.Provider, "Dr. Ferreira", null);
        var exam1 = Resource(ResourceKinds.Room, "Exam 1", "Exam");
        var exam2 = Resource(ResourceKinds.Room, "Exam 2", "Exam");
        // A second provider so two visits can share 09:00.
        var second = Resource(ResourceKinds.Provider, "Dr. Gupta", null);
        db.SchedulableResources.AddRange(provider, second, exam1, exam2);
        await db.SaveChangesAsync();
        foreach (var resource in new[] { provider, second, exam1, exam2 })
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.WorkingHours.Add(new WorkingHours { ResourceId = resource.Id, LocationId = location.Id, DayOfWeek = day, StartsAt = new(8, 0), EndsAt = new(17, 0) });
            }
        }
        var visit = new AppointmentType
        {
            Name = "Office visit", DurationMinutes = 20,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = ResourceKinds.Room, Category = "Exam" }],
        };
        db.AppointmentTypes.Add(visit);
        await db.SaveChangesAsync();

        var actor = Actor.System("test");
        var registry = scope.ServiceProvider.GetRequiredService<PatientRegistry>();
        async Task<int> RegisterAsync(string first, string last, string born)
        {
            var result = await registry.RegisterAsync(new PatientDetails
            {
                LegalFirstName = first, LegalLastName = last, DateOfBirth = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture),
                SexAtBirth = SexesAtBirth.Female, MobilePhone = "5125550142",
            }, acknowledgeDuplicates: true, actor);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return result.Value!.Id;
        }
        var insured = await RegisterAsync("Odette", "Marchetti", "1979-06-14");
        var lapsed = await RegisterAsync("Priya", "Lapsewood", "1985-02-20");
        var walkIn = await RegisterAsync("Wanda", "Wanderley", "1992-12-01");
        Assert.True((await registry.AddCoverageAsync(insured, new CoverageDetails
        {
            PayerId = app.PayerId, MemberId = "ACM778899", EffectiveOn = new DateOnly(2026, 1, 1), Copay = 30m,
        }, actor))!.Succeeded);
        Assert.True((await registry.AddCoverageAsync(lapsed, new CoverageDetails
        {
            PayerId = app.PayerId, MemberId = "ACM112233", EffectiveOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2026, 10, 31),
        }, actor))!.Succeeded);

        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var nine = new DateTime(2026, 11, 23, 9, 0, 0);
        var first = await booking.BookAsync(new BookAppointment(insured, visit.Id, location.Id, nine, provider.Id), actor);
        var other = await booking.BookAsync(new BookAppointment(lapsed, visit.Id, location.Id, nine, second.Id), actor);
        Assert.True(first.Succeeded && other.Succeeded, string.Join("; ", first.Errors.Concat(other.Errors)));
        return new DeskClinic(location.Id, provider.Id, exam1.Id, exam2.Id, visit.Id, insured, first.Value!.Id, lapsed, other.Value!.Id, walkIn);
    }
}
