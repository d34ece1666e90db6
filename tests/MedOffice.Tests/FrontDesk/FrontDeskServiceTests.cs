using System.Text.Json;
using MedOffice.Data;
using MedOffice.FrontDesk;
using MedOffice.Patients;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.FrontDesk;

public class FrontDeskServiceTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC: 10:00 in Chicago (CDT), inside clinic hours.
    private static readonly DateOnly Today = new(2026, 3, 16);
    private static readonly DateTime Today1000 = new(2026, 3, 16, 10, 0, 0);
    private static readonly CheckIn Confirmed = new(true, true, []);
    private static readonly Actor Desk = ClinicSchedule.Desk;

    private static FrontDeskService Service(ClinicSchedule clinic) =>
        new(clinic.Office.Db, clinic.Booking(), new AuditTrail(clinic.Office.Db, clinic.Office.Clock), clinic.Office.Live, clinic.Office.Clock);

    private static async Task<Appointment> BookAsync(ClinicSchedule clinic, DateTime localStart, SchedulableResource? provider = null, int? patientId = null)
    {
        var result = await clinic.Booking().BookAsync(clinic.FollowUpAt(localStart, provider, patientId), Desk);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Today_groups_visits_by_stage_with_provider_times_and_waits(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var bea = await office.RegisterAsync("Bea", "Lindqvist", new DateOnly(1981, 5, 6));
        var cal = await office.RegisterAsync("Cal", "Moreau", new DateOnly(1990, 7, 8));
        var dee = await office.RegisterAsync("Dee", "Nakamura", new DateOnly(1975, 9, 10));
        var seen = await BookAsync(clinic, Today1000);
        var waiting = await BookAsync(clinic, Today1000, clinic.DrOkafor, bea.Id);
        var expected = await BookAsync(clinic, Today1000.AddMinutes(40), patientId: cal.Id);
        var missed = await BookAsync(clinic, Today1000.AddMinutes(20), clinic.DrOkafor, dee.Id);
        var tomorrow = await BookAsync(clinic, Today1000.AddDays(1), patientId: cal.Id);
        var desk = Service(clinic);

        Assert.True((await desk.CheckInAsync(seen.Id, Confirmed, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.True((await desk.RoomAsync(seen.Id, null, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await desk.ProviderInAsync(seen.Id, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await desk.CheckOutAsync(seen.Id, null, Desk))!.Succeeded);
        Assert.True((await desk.CheckInAsync(waiting.Id, Confirmed, Desk))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.True((await desk.NoShowAsync(missed.Id, Desk))!.Succeeded);

        var day = await desk.TodayAsync(clinic.Location.Id, Today);

        Assert.NotNull(day);
        Assert.Equal("Lakeview", day.LocationName);
        Assert.DoesNotContain(day.Visits, v => v.AppointmentId == tomorrow.Id);
        var done = Assert.Single(day.In(VisitStage.CheckedOut));
        Assert.Equal(seen.Id, done.AppointmentId);
        Assert.Equal("Dr. Alvarez", done.ProviderName);
        Assert.Equal("Exam 1", done.RoomName);
        Assert.Equal(Today1000, done.ScheduledAt);
        Assert.Equal(Today1000, done.ArrivedAt);
        Assert.Equal(Today1000.AddMinutes(12), done.RoomedAt);
        Assert.Equal(Today1000.AddMinutes(17), done.ProviderInAt);
        Assert.Equal(Today1000.AddMinutes(32), done.CheckedOutAt);
        Assert.Equal((12, 5, 32), (done.WaitMinutes, done.RoomWaitMinutes, done.VisitMinutes));
        var here = Assert.Single(day.In(VisitStage.Arrived));
        Assert.Equal((waiting.Id, "Dr. Okafor", 7), (here.AppointmentId, here.ProviderName, here.WaitMinutes));
        Assert.Equal("Bea L.", here.BoardName);
        Assert.Equal(expected.Id, Assert.Single(day.In(VisitStage.Expected)).AppointmentId);
        var noShow = Assert.Single(day.In(VisitStage.NoShow));
        Assert.Equal((missed.Id, "Dr. Okafor"), (noShow.AppointmentId, noShow.ProviderName));
        Assert.Equal(12, day.AverageWaitMinutes);
        Assert.Null(await desk.TodayAsync(9999, Today));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Check_in_flags_missing_expired_and_future_coverage_and_notes_the_copay_of_the_active_primary(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var payer = await office.AddPayerAsync("Blue Prairie");
        var lapsed = await office.RegisterAsync("Lars", "Lapsed", new DateOnly(1960, 1, 1));
        await office.AddCoverageAsync(lapsed.Id, payer, "LP100", effectiveOn: new DateOnly(2024, 1, 1), endsOn: new DateOnly(2026, 2, 28));
        var early = await office.RegisterAsync("Erin", "Early", new DateOnly(1962, 2, 2));
        await office.AddCoverageAsync(early.Id, payer, "EA200", effectiveOn: new DateOnly(2026, 4, 1));
        var insured = await office.RegisterAsync("Ivan", "Insured", new DateOnly(1964, 3, 3));
        var added = await office.Registry.AddCoverageAsync(insured.Id, new CoverageDetails
        {
            PayerId = payer.Id, MemberId = "IN300", EffectiveOn = new DateOnly(2025, 1, 1), Copay = 25.00m,
        }, Desk);
        Assert.True(added!.Succeeded);
        var desk = Service(clinic);

        var none = await desk.CheckInAsync((await BookAsync(clinic, Today1000)).Id, Confirmed, Desk);
        var expired = await desk.CheckInAsync((await BookAsync(clinic, Today1000, clinic.DrOkafor, lapsed.Id)).Id, Confirmed, Desk);
        var notYet = await desk.CheckInAsync((await BookAsync(clinic, Today1000.AddMinutes(20), patientId: early.Id)).Id, Confirmed, Desk);
        var clear = await desk.CheckInAsync((await BookAsync(clinic, Today1000.AddMinutes(20), clinic.DrOkafor, insured.Id)).Id, Confirmed, Desk);

        Assert.Equal([InsuranceFlagCodes.NoCoverage], none!.Value!.Insurance.Flags.Select(f => f.Code));
        Assert.Null(none.Value.Insurance.CopayDue);
        var lapsedFlag = Assert.Single(expired!.Value!.Insurance.Flags);
        Assert.Equal(InsuranceFlagCodes.PrimaryExpired, lapsedFlag.Code);
        Assert.Contains("Blue Prairie", lapsedFlag.Message, StringComparison.Ordinal);
        Assert.Contains("02/28/2026", lapsedFlag.Message, StringComparison.Ordinal);
        Assert.Equal([InsuranceFlagCodes.PrimaryNotYetEffective], notYet!.Value!.Insurance.Flags.Select(f => f.Code));
        Assert.True(clear!.Value!.Insurance.IsClear);
        Assert.Equal(25.00m, clear.Value.Insurance.CopayDue);
        Assert.Equal("Blue Prairie", clear.Value.Insurance.PrimaryPayer);

        await using var db = office.NewContext();
        var logs = await db.VisitLogs.ToDictionaryAsync(v => v.AppointmentId);
        Assert.Equal("NoCoverage", logs[none.Value.AppointmentId].InsuranceFlags);
        Assert.Equal("PrimaryExpired", logs[expired.Value.AppointmentId].InsuranceFlags);
        Assert.Equal(25.00m, logs[clear.Value.AppointmentId].CopayDue);
        Assert.Equal("", logs[clear.Value.AppointmentId].InsuranceFlags);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_desk_list_checks_everyone_in_one_read_and_takes_the_newest_of_two_overlapping_primaries(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var old = await office.AddPayerAsync("Old Mutual");
        var current = await office.AddPayerAsync("Prairie Health");
        var switched = await office.RegisterAsync("Sam", "Switched", new DateOnly(1970, 5, 5));
        foreach (var (payer, member, from, until, copay) in new[]
                 {
                     (old, "OM1", new DateOnly(2024, 1, 1), (DateOnly?)new DateOnly(2025, 12, 31), 10m), (current, "PH2", new DateOnly(2026, 1, 1), null, 35m),
                 })
        {
            Assert.True((await office.Registry.AddCoverageAsync(switched.Id, new CoverageDetails
            {
                PayerId = payer.Id, MemberId = member, EffectiveOn = from, EndsOn = until, Copay = copay,
            }, Desk))!.Succeeded);
        }
        // The registry refuses overlapping primaries, but imported or merged records can hold them: the old card never ended.
        // Claims and fees go to the one that started last, and so does the desk.
        await office.Db.Coverages.Where(c => c.PatientId == switched.Id && c.PayerId == old.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.EndsOn, (DateOnly?)null));
        var uninsured = await office.RegisterAsync("Una", "Uninsured", new DateOnly(1980, 6, 6));

        var checks = await Service(clinic).CheckInsuranceAsync([switched.Id, uninsured.Id], Today);

        Assert.Equal("Prairie Health", checks[switched.Id].PrimaryPayer);
        Assert.Equal(35m, checks[switched.Id].CopayDue);
        Assert.Equal([InsuranceFlagCodes.NoCoverage], checks[uninsured.Id].Flags.Select(f => f.Code));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Check_in_records_consents_marks_arrival_audits_and_tells_the_board(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var appointment = await BookAsync(clinic, Today1000);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var board = office.Live.SubscribeAsync(FrontDeskService.BoardTopic(clinic.Location.Id), stop.Token).GetAsyncEnumerator(stop.Token);
        var next = board.MoveNextAsync();

        var result = await Service(clinic).CheckInAsync(appointment.Id,
            new CheckIn(true, false, [ConsentKinds.HipaaNotice, ConsentKinds.FinancialPolicy, ConsentKinds.HipaaNotice]), Desk);

        Assert.True(result!.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([ConsentKinds.HipaaNotice, ConsentKinds.FinancialPolicy], result.Value!.ConsentsRecorded);
        Assert.True(await next);
        var message = JsonDocument.Parse(board.Current.Data).RootElement;
        Assert.Equal("checked-in", message.GetProperty("change").GetString());
        Assert.Equal(appointment.Id, message.GetProperty("appointmentId").GetInt32());
        Assert.DoesNotContain("Quintero", board.Current.Data, StringComparison.Ordinal);

        await using var db = office.NewContext();
        Assert.Equal(AppointmentStatuses.Arrived, (await db.Appointments.SingleAsync()).Status);
        var consents = await db.ConsentRecords.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([ConsentKinds.HipaaNotice, ConsentKinds.FinancialPolicy], consents.Select(c => c.Kind));
        Assert.All(consents, c => Assert.Equal((clinic.Patient.Id, appointment.Id, "frontdesk"), (c.PatientId, c.AppointmentId, c.RecordedBy)));
        Assert.All(consents, c => Assert.Equal(office.Clock.GetUtcNow().UtcDateTime, c.SignedAt));
        var log = await db.VisitLogs.SingleAsync();
        Assert.True(log.DemographicsConfirmed);
        Assert.False(log.InsuranceConfirmed);
        Assert.False(log.IsWalkIn);
        Assert.Contains(await db.AppointmentChanges.ToListAsync(), c => c.Change == "arrived");
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.PatientId == clinic.Patient.Id && a.Detail.Contains("checked in", StringComparison.Ordinal)
            && a.Detail.Contains("HipaaNotice", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Check_in_refuses_another_days_visit_a_second_check_in_and_unknown_consents(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var tomorrow = await BookAsync(clinic, Today1000.AddDays(1));
        var today = await BookAsync(clinic, Today1000);
        var desk = Service(clinic);

        var early = await desk.CheckInAsync(tomorrow.Id, Confirmed, Desk);
        var unknown = await desk.CheckInAsync(today.Id, new CheckIn(true, true, ["Tattoo"]), Desk);
        var first = await desk.CheckInAsync(today.Id, Confirmed, Desk);
        var twice = await desk.CheckInAsync(today.Id, Confirmed, Desk);

        Assert.Contains("only today's visits", early!.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Consents", unknown!.Errors[0].Field);
        Assert.True(first!.Succeeded);
        Assert.False(twice!.Succeeded);
        Assert.Null(await desk.CheckInAsync(99999, Confirmed, Desk));
        await using var db = office.NewContext();
        Assert.Equal(1, await db.VisitLogs.CountAsync());
        Assert.Equal(AppointmentStatuses.Booked, (await db.Appointments.SingleAsync(a => a.Id == tomorrow.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_walk_in_is_booked_now_with_the_first_free_provider_and_checked_in_or_clearly_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        await BookAsync(clinic, Today1000); // Dr. Alvarez and Exam 1 are taken now.
        var walker = await office.RegisterAsync("Wes", "Walker", new DateOnly(1999, 9, 9));
        var another = await office.RegisterAsync("Ana", "Another", new DateOnly(1998, 8, 8));
        office.Clock.Advance(TimeSpan.FromMinutes(3.5));
        var desk = Service(clinic);

        var walkIn = await desk.WalkInAsync(new WalkIn(walker.Id, clinic.Location.Id, clinic.FollowUp.Id), new CheckIn(true, true, [ConsentKinds.Treatment]), Desk);
        var noRoom = await desk.WalkInAsync(new WalkIn(another.Id, clinic.Location.Id, clinic.FollowUp.Id), Confirmed, Desk);
        var nowhere = await desk.WalkInAsync(new WalkIn(another.Id, 9999, clinic.FollowUp.Id), Confirmed, Desk);

        Assert.True(walkIn.Succeeded, string.Join("; ", walkIn.Errors));
        Assert.False(noRoom.Succeeded);
        Assert.StartsWith("A walk-in cannot be seen now: No provider is free", noRoom.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("LocationId", nowhere.Errors[0].Field);
        await using var db = office.NewContext();
        var appointment = await db.Appointments.Include(a => a.Bookings).SingleAsync(a => a.PatientId == walker.Id);
        Assert.Equal(AppointmentStatuses.Arrived, appointment.Status);
        // Booked from the minute the patient walked in: 10:03 in Chicago.
        Assert.Equal(new DateTime(2026, 3, 16, 15, 3, 0, DateTimeKind.Utc), appointment.StartsAt);
        Assert.Equal([clinic.DrOkafor.Id, clinic.Exam2.Id], appointment.Bookings.Select(b => b.ResourceId).Order());
        var log = await db.VisitLogs.SingleAsync();
        Assert.True(log.IsWalkIn);
        Assert.Equal(ConsentKinds.Treatment, (await db.ConsentRecords.SingleAsync()).Kind);
        Assert.False(await db.Appointments.AnyAsync(a => a.PatientId == another.Id));

        var day = await desk.TodayAsync(clinic.Location.Id, Today);
        var row = Assert.Single(day!.In(VisitStage.Arrived));
        Assert.True(row.IsWalkIn);
        Assert.Equal("Dr. Okafor", row.ProviderName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rooming_uses_the_booked_room_refuses_an_occupied_one_and_needs_an_arrived_patient(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Oda", "Other", new DateOnly(1970, 10, 10));
        var first = await BookAsync(clinic, Today1000);
        var second = await BookAsync(clinic, Today1000, clinic.DrOkafor, other.Id);
        var desk = Service(clinic);

        var notArrived = await desk.RoomAsync(first.Id, null, Desk);
        await desk.CheckInAsync(first.Id, Confirmed, Desk);
        await desk.CheckInAsync(second.Id, Confirmed, Desk);
        var roomed = await desk.RoomAsync(first.Id, null, Desk);
        var occupied = await desk.RoomAsync(second.Id, clinic.Exam1.Id, Desk);
        var notARoom = await desk.RoomAsync(second.Id, clinic.Ultrasound.Id, Desk);
        var elsewhere = await desk.RoomAsync(second.Id, clinic.Exam2.Id, Desk);

        Assert.False(notArrived!.Succeeded);
        Assert.True(roomed!.Succeeded, string.Join("; ", roomed.Errors));
        Assert.Equal(clinic.Exam1.Id, roomed.Value!.RoomResourceId);
        Assert.Equal("Exam 1 is occupied: check that patient out first, or choose another room.", occupied!.Errors[0].Message);
        Assert.Equal("RoomResourceId", notARoom!.Errors[0].Field);
        Assert.True(elsewhere!.Succeeded);
        await using var db = office.NewContext();
        Assert.All(await db.Appointments.ToListAsync(), a => Assert.Equal(AppointmentStatuses.Roomed, a.Status));
        Assert.Equal(clinic.Exam2.Id, (await db.VisitLogs.SingleAsync(v => v.AppointmentId == second.Id)).RoomResourceId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Check_out_books_the_follow_up_with_the_same_provider_or_leaves_the_visit_as_it_was(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var visit = await BookAsync(clinic, Today1000, clinic.DrOkafor);
        var desk = Service(clinic);
        await desk.CheckInAsync(visit.Id, Confirmed, Desk);
        await desk.RoomAsync(visit.Id, null, Desk);
        office.Clock.Advance(TimeSpan.FromMinutes(25));

        var saturday = await desk.CheckOutAsync(visit.Id, new FollowUp(clinic.FollowUp.Id, new DateTime(2026, 3, 21, 9, 0, 0)), Desk);
        await using (var db = office.NewContext())
        {
            Assert.Equal(AppointmentStatuses.Roomed, (await db.Appointments.SingleAsync()).Status);
            Assert.Null((await db.VisitLogs.SingleAsync()).CheckedOutAt);
        }
        var checkedOut = await desk.CheckOutAsync(visit.Id, new FollowUp(clinic.FollowUp.Id, new DateTime(2026, 3, 23, 9, 0, 0)), Desk);
        var again = await desk.CheckOutAsync(visit.Id, null, Desk);

        Assert.False(saturday!.Succeeded);
        Assert.StartsWith("FollowUp.", saturday.Errors[0].Field, StringComparison.Ordinal);
        Assert.Contains("Follow-up not booked: Dr. Okafor does not work at Lakeview then", saturday.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(checkedOut!.Succeeded, string.Join("; ", checkedOut.Errors));
        Assert.False(again!.Succeeded);
        await using var after = office.NewContext();
        Assert.Equal(AppointmentStatuses.CheckedOut, (await after.Appointments.SingleAsync(a => a.Id == visit.Id)).Status);
        Assert.Equal(office.Clock.GetUtcNow().UtcDateTime, (await after.VisitLogs.SingleAsync()).CheckedOutAt);
        var next = await after.Appointments.Include(a => a.Bookings).SingleAsync(a => a.Id == checkedOut.Value!.FollowUpAppointmentId);
        Assert.Equal((clinic.Patient.Id, AppointmentStatuses.Booked), (next.PatientId, next.Status));
        Assert.Equal(new DateTime(2026, 3, 23, 14, 0, 0, DateTimeKind.Utc), next.StartsAt);
        Assert.Contains(next.Bookings, b => b.ResourceId == clinic.DrOkafor.Id);
    }
}
