using MedOffice.Data;
using MedOffice.Eligibility;
using MedOffice.Patients;
using MedOffice.Scheduling;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Eligibility;

public class NightlyEligibilityTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_nightly_run_asks_about_tomorrows_booked_patients_once_per_day(DatabaseProvider provider)
    {
        // The clock: Monday 2026-03-16 15:00 UTC, 10:00 in Chicago; tomorrow is Tuesday the 17th there.
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var visit = new AppointmentType { Name = "Office visit", DurationMinutes = 20 };
        office.Db.AppointmentTypes.Add(visit);
        await office.Db.SaveChangesAsync();
        async Task<Patient> BookedAsync(string name, DateTime localStart, string status = AppointmentStatuses.Booked)
        {
            var patient = await office.RegisterAsync(name, "Nightly", new DateOnly(1970, 1, 1));
            var start = LocalTimes.ToUtc(localStart, "America/Chicago")!.Value;
            office.Db.Appointments.Add(new Appointment
            {
                PatientId = patient.Id, LocationId = clinic.Location.Id, AppointmentTypeId = visit.Id, StartsAt = start, EndsAt = start.AddMinutes(20),
                Status = status, CreatedAt = start, UpdatedAt = start,
            });
            await office.Db.SaveChangesAsync();
            return patient;
        }
        var morning = await BookedAsync("Morning", new DateTime(2026, 3, 17, 9, 0, 0));
        var late = await BookedAsync("Late", new DateTime(2026, 3, 17, 23, 30, 0)); // 04:30 UTC on the 18th: still tomorrow in Chicago
        var twoPlans = await BookedAsync("Twoplans", new DateTime(2026, 3, 17, 10, 0, 0));
        var today = await BookedAsync("Today", new DateTime(2026, 3, 16, 14, 0, 0));
        var dayAfter = await BookedAsync("Dayafter", new DateTime(2026, 3, 18, 9, 0, 0));
        var cancelled = await BookedAsync("Cancelled", new DateTime(2026, 3, 17, 11, 0, 0), AppointmentStatuses.Cancelled);
        var checkedRecently = await BookedAsync("Recent", new DateTime(2026, 3, 17, 12, 0, 0));
        var coverages = new Dictionary<string, Coverage>();
        foreach (var (name, patient) in new[] { ("morning", morning), ("late", late), ("twoPlans", twoPlans), ("today", today), ("dayAfter", dayAfter), ("cancelled", cancelled), ("recent", checkedRecently) })
        {
            coverages[name] = await office.AddCoverageAsync(patient.Id, clinic.Aetna, $"AET{patient.Id:D6}");
        }
        var secondary = await office.AddCoverageAsync(twoPlans.Id, clinic.Medicare, "1EG4TE5MK73", CoveragePriorities.Secondary);
        await office.AddCoverageAsync(morning.Id, clinic.Medicare, "1EG4TE5MK99", CoveragePriorities.Secondary, endsOn: new DateOnly(2026, 2, 28));
        await desk.Requests().RequestAsync([coverages["recent"].Id], new DateOnly(2026, 3, 17), TestOffice.FrontDesk);
        office.Clock.Advance(TimeSpan.FromHours(12)); // that evening: 22:00 in Chicago, 03:00 UTC on the 17th

        var first = await desk.Nightly().RunAsync(NightlyEligibility.Nightly, oncePerDay: true);

        Assert.True(first.Errors.Count == 0, string.Join("; ", first.Errors));
        Assert.Equal((new DateOnly(2026, 3, 17), false, 4, 1), (first.ForDate, first.AlreadyRan, first.Asked, first.CheckedRecently));
        await using (var db = office.NewContext())
        {
            var asked = await db.EligibilityChecks.Where(c => c.RequestedBy == "nightly eligibility").Select(c => c.CoverageId).ToListAsync();
            Assert.Equal(new[] { coverages["morning"].Id, coverages["late"].Id, coverages["twoPlans"].Id, secondary.Id }.Order(), asked.Order());
            Assert.Equal(2, Directory.GetFiles(clinic.Outbound, "270-*.x12").Length);
        }

        // Later ticks the same night, and another node, do nothing; the button runs again but finds everyone checked.
        var again = await desk.Nightly().RunAsync(NightlyEligibility.Nightly, oncePerDay: true);
        Assert.True(again.AlreadyRan);
        var button = await desk.Nightly().RunAsync(TestOffice.FrontDesk, oncePerDay: false);
        Assert.Equal((false, 0, 5), (button.AlreadyRan, button.Asked, button.CheckedRecently));
        Assert.Equal(2, Directory.GetFiles(clinic.Outbound, "270-*.x12").Length);

        // The next night asks about the day after.
        office.Clock.Advance(TimeSpan.FromDays(1));
        var next = await desk.Nightly().RunAsync(NightlyEligibility.Nightly, oncePerDay: true);
        Assert.Equal((new DateOnly(2026, 3, 18), 1), (next.ForDate, next.Asked));
        await using (var db = office.NewContext())
        {
            Assert.Equal(coverages["dayAfter"].Id, (await db.EligibilityChecks.OrderByDescending(c => c.Id).FirstAsync()).CoverageId);
            Assert.Equal([new DateOnly(2026, 3, 17), new DateOnly(2026, 3, 18)], await db.EligibilityRuns.OrderBy(r => r.ForDate).Select(r => r.ForDate).ToListAsync());
        }
    }
}
