using MedOffice.Data;
using MedOffice.FrontDesk;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;

namespace MedOffice.Tests.FrontDesk;

public class WaitingTimesTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC: 10:00 in Chicago (CDT).
    private static readonly DateOnly Monday = new(2026, 3, 16);
    private static readonly DateTime Monday1000 = new(2026, 3, 16, 10, 0, 0);
    private static readonly CheckIn Confirmed = new(true, true, []);
    private static readonly Actor Desk = ClinicSchedule.Desk;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_report_gives_waits_that_ended_overall_per_provider_and_per_day(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var bea = await office.RegisterAsync("Bea", "Lindqvist", new DateOnly(1981, 5, 6));
        var cal = await office.RegisterAsync("Cal", "Moreau", new DateOnly(1990, 7, 8));
        var dee = await office.RegisterAsync("Dee", "Nakamura", new DateOnly(1975, 9, 10));
        var seen = await BookAsync(clinic, Monday1000);
        var late = await BookAsync(clinic, Monday1000, clinic.DrOkafor, bea.Id);
        var missed = await BookAsync(clinic, Monday1000.AddMinutes(20), clinic.DrOkafor, dee.Id);
        var stillWaiting = await BookAsync(clinic, Monday1000.AddMinutes(40), patientId: cal.Id);
        var tuesday = await BookAsync(clinic, Monday1000.AddDays(1), clinic.DrOkafor, cal.Id);
        var desk = new FrontDeskService(office.Db, clinic.Booking(), new AuditTrail(office.Db, office.Clock), office.Live, office.Clock);

        // Monday: one seen start to finish (12 min to room, 5 in room, 32 in all), one roomed after 20 min, one no-show,
        // one still in the waiting room when the day's figures are read (no wait of its own yet).
        Assert.True((await desk.CheckInAsync(seen.Id, Confirmed, Desk))!.Succeeded);
        Assert.True((await desk.CheckInAsync(late.Id, Confirmed, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.True((await desk.RoomAsync(seen.Id, null, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await desk.ProviderInAsync(seen.Id, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True((await desk.RoomAsync(late.Id, null, Desk))!.Succeeded);
        Assert.True((await desk.NoShowAsync(missed.Id, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.True((await desk.CheckOutAsync(seen.Id, null, Desk))!.Succeeded);
        Assert.True((await desk.CheckInAsync(stillWaiting.Id, Confirmed, Desk))!.Succeeded);
        // Tuesday: roomed after 4 minutes.
        office.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(32));
        Assert.True((await desk.CheckInAsync(tuesday.Id, Confirmed, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await desk.RoomAsync(tuesday.Id, null, Desk))!.Succeeded);

        var waits = new WaitingTimes(office.Db, desk);
        var result = await waits.ReportAsync(clinic.Location.Id, Monday, Monday.AddDays(1));

        Assert.NotNull(result);
        var report = result.Value!;
        var total = report.Total;
        Assert.Equal((5, 4, 0, 1), (total.Scheduled, total.Arrived, total.WalkIns, total.NoShows));
        // Ended waits to the room: 4, 12, 20.
        Assert.Equal((12, 12.0, 20, 20), (total.MedianWait, total.AverageWait, total.Wait90th, total.LongestWait));
        Assert.Equal(66.7, total.RoomedOnTimePercent);
        Assert.Equal((5, 32), (total.MedianRoomWait, total.MedianVisit));
        Assert.Equal(["2026-03-16", "2026-03-17"], report.ByDay.Select(d => d.Name));
        Assert.Equal((12, 20, 50.0), (report.ByDay[0].MedianWait, report.ByDay[0].LongestWait, report.ByDay[0].RoomedOnTimePercent));
        Assert.Equal((4, 100.0), (report.ByDay[1].MedianWait, report.ByDay[1].RoomedOnTimePercent));
        var okafor = Assert.Single(report.ByProvider, p => p.Name == "Dr. Okafor");
        Assert.Equal((3, 2, 1, 4, 20), (okafor.Scheduled, okafor.Arrived, okafor.NoShows, okafor.MedianWait, okafor.LongestWait));
        var alvarez = Assert.Single(report.ByProvider, p => p.Name == "Dr. Alvarez");
        // Cal is still waiting for Dr. Alvarez: arrived, but only Odette's 12 minutes count.
        Assert.Equal((2, 2, 12, 12), (alvarez.Scheduled, alvarez.Arrived, alvarez.MedianWait, alvarez.LongestWait));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_backwards_or_too_long_range_is_refused_in_words(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var desk = new FrontDeskService(office.Db, clinic.Booking(), new AuditTrail(office.Db, office.Clock), office.Live, office.Clock);
        var waits = new WaitingTimes(office.Db, desk);

        Assert.Equal("The last day comes before the first.", (await waits.ReportAsync(clinic.Location.Id, Monday, Monday.AddDays(-1)))!.Errors[0].Message);
        Assert.Equal("Choose at most 92 days.", (await waits.ReportAsync(clinic.Location.Id, Monday, Monday.AddDays(92)))!.Errors[0].Message);
        Assert.Null(await waits.ReportAsync(9999, Monday, Monday));
        var empty = (await waits.ReportAsync(clinic.Location.Id, Monday, Monday.AddDays(91)))!.Value!;
        Assert.Equal((0, (int?)null, (double?)null), (empty.Total.Arrived, empty.Total.MedianWait, empty.Total.RoomedOnTimePercent));
    }

    private static async Task<Appointment> BookAsync(ClinicSchedule clinic, DateTime localStart, SchedulableResource? provider = null, int? patientId = null)
    {
        var result = await clinic.Booking().BookAsync(clinic.FollowUpAt(localStart, provider, patientId), Desk);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }
}
