using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Scheduling;

/// <summary>A freed slot fits a waiting patient only if their visit could really be booked there: rooms and machines included.</summary>
public class WaitlistFitTests
{
    // Tuesday 2026-03-17 14:00 in Chicago (CDT) is 19:00 UTC.
    private static readonly DateTime TuesdayAfternoon = new(2026, 3, 17, 14, 0, 0);
    private static readonly DateOnly Today = new(2026, 3, 16);

    private static WaitlistService Waitlist(ClinicSchedule clinic) => new(clinic.Office.Db, clinic.Booking(), clinic.Office.Audit, clinic.Office.Clock);

    private static async Task<WaitlistEntry> AddAsync(ClinicSchedule clinic, string first, AppointmentType type)
    {
        var patient = await clinic.Office.RegisterAsync(first, "Waiting", new DateOnly(1980, 1, 1));
        var added = await Waitlist(clinic).AddAsync(new AddToWaitlist(patient.Id, type.Id, clinic.Location.Id, Today, Today.AddDays(30)), ClinicSchedule.Desk);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        clinic.Office.Clock.Advance(TimeSpan.FromMinutes(1));
        return added.Value!;
    }

    private static async Task BlockAsync(ClinicSchedule clinic, SchedulableResource resource, DateTime fromUtc, int minutes, string reason)
    {
        clinic.Office.Db.ScheduleBlocks.Add(new ScheduleBlock
        {
            ResourceId = resource.Id, Kind = BlockKinds.Admin, Reason = reason, StartsAt = fromUtc, EndsAt = fromUtc.AddMinutes(minutes),
        });
        await clinic.Office.Db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_freed_follow_up_fits_no_one_while_every_exam_room_is_taken_then(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booking = clinic.Booking();
        var okafor = await booking.BookAsync(clinic.FollowUpAt(TuesdayAfternoon, clinic.DrOkafor), ClinicSchedule.Desk);
        var freed = (await booking.BookAsync(clinic.FollowUpAt(TuesdayAfternoon, clinic.DrAlvarez), ClinicSchedule.Desk)).Value!;
        Assert.Contains(okafor.Value!.Bookings, b => b.ResourceId == clinic.Exam1.Id);
        Assert.True((await booking.CancelAsync(freed.Id, "Feeling better", ClinicSchedule.Desk))!.Succeeded);
        var waiting = await AddAsync(clinic, "Ana", clinic.FollowUp);

        // Dr. Alvarez and Exam 2 are free again: the follow-up fits.
        Assert.Equal([waiting.Id], (await Waitlist(clinic).FitsAsync(freed.Id))!.Select(f => f.Entry.Id));

        // Exam 2 is then taken for a deep clean; Exam 1 is Dr. Okafor's. Dr. Alvarez alone is no visit.
        await BlockAsync(clinic, clinic.Exam2, freed.StartsAt, 20, "Deep clean");
        Assert.Empty((await Waitlist(clinic).FitsAsync(freed.Id))!);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_free_hour_fits_a_scan_only_while_the_ultrasound_machine_is_free(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var scan = await AddAsync(clinic, "Ben", clinic.UltrasoundScan);
        var followUp = await AddAsync(clinic, "Cal", clinic.FollowUp);
        var start = LocalTimes.ToUtc(TuesdayAfternoon, clinic.Location.TimeZoneId)!.Value;
        var hour = new FreeSlot(clinic.Location.Id, start, start.AddHours(1), clinic.DrAlvarez.Id);

        Assert.Equal([scan.Id, followUp.Id], (await Waitlist(clinic).FitsAsync(hour)).Select(f => f.Entry.Id));

        await BlockAsync(clinic, clinic.Ultrasound, start, 60, "Service visit");

        Assert.Equal([followUp.Id], (await Waitlist(clinic).FitsAsync(hour)).Select(f => f.Entry.Id));
    }
}
