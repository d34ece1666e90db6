using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Scheduling;

/// <summary>
/// A small clinic to book into: one location in Chicago, two providers, two exam rooms, one ultrasound machine, all
/// working Monday to Friday 08:00–12:00 and 13:00–17:00 local, and the visit types that need them.
/// </summary>
public sealed class ClinicSchedule
{
    public required TestOffice Office { get; init; }
    public required Location Location { get; init; }
    public required SchedulableResource DrAlvarez { get; init; }
    public required SchedulableResource DrOkafor { get; init; }
    public required SchedulableResource Exam1 { get; init; }
    public required SchedulableResource Exam2 { get; init; }
    public required SchedulableResource Ultrasound { get; init; }
    public required AppointmentType FollowUp { get; init; }
    public required AppointmentType UltrasoundScan { get; init; }
    public required Patient Patient { get; init; }

    public static readonly Actor Desk = TestOffice.FrontDesk;

    public BookingService Booking(MedOfficeDb? db = null)
    {
        db ??= Office.Db;
        return new BookingService(db, new Availability(db), new AuditTrail(db, Office.Clock), Office.Clock);
    }

    public static async Task<ClinicSchedule> CreateAsync(TestOffice office)
    {
        var db = office.Db;
        var organization = new Organization { Name = "Clinic" };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Lakeview", AddressLine1 = "1 Lake St", City = "Chicago", State = "IL",
            PostalCode = "60601", TimeZoneId = "America/Chicago",
        };
        db.Locations.Add(location);
        await db.SaveChangesAsync();

        SchedulableResource Resource(string kind, string name, string? category) =>
            new() { Kind = kind, Name = name, Category = category, LocationId = location.Id };
        var alvarez = Resource(ResourceKinds.Provider, "Dr. Alvarez", null);
        var okafor = Resource(ResourceKinds.Provider, "Dr. Okafor", null);
        var exam1 = Resource(ResourceKinds.Room, "Exam 1", "Exam");
        var exam2 = Resource(ResourceKinds.Room, "Exam 2", "Exam");
        var ultrasound = Resource(ResourceKinds.Equipment, "Ultrasound", "Ultrasound");
        db.SchedulableResources.AddRange(alvarez, okafor, exam1, exam2, ultrasound);
        await db.SaveChangesAsync();
        foreach (var resource in new[] { alvarez, okafor, exam1, exam2, ultrasound })
        {
            for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
            {
                db.WorkingHours.Add(new WorkingHours { ResourceId = resource.Id, LocationId = location.Id, DayOfWeek = day, StartsAt = new(8, 0), EndsAt = new(12, 0) });
                db.WorkingHours.Add(new WorkingHours { ResourceId = resource.Id, LocationId = location.Id, DayOfWeek = day, StartsAt = new(13, 0), EndsAt = new(17, 0) });
            }
        }
        var followUp = new AppointmentType
        {
            Name = "Follow-up", DurationMinutes = 20,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = ResourceKinds.Room, Category = "Exam" }],
        };
        var scan = new AppointmentType
        {
            Name = "Ultrasound", DurationMinutes = 30,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = ResourceKinds.Equipment, Category = "Ultrasound" }],
        };
        db.AppointmentTypes.AddRange(followUp, scan);
        await db.SaveChangesAsync();
        var patient = await office.RegisterAsync("Rosa", "Quintero", new DateOnly(1970, 2, 3));
        return new ClinicSchedule
        {
            Office = office, Location = location, DrAlvarez = alvarez, DrOkafor = okafor, Exam1 = exam1, Exam2 = exam2,
            Ultrasound = ultrasound, FollowUp = followUp, UltrasoundScan = scan, Patient = patient,
        };
    }

    public BookAppointment FollowUpAt(DateTime localStart, SchedulableResource? provider = null, int? patientId = null) =>
        new(patientId ?? Patient.Id, FollowUp.Id, Location.Id, localStart, provider?.Id ?? DrAlvarez.Id);
}
