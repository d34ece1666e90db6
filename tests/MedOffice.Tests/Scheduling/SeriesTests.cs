using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Scheduling;

public class SeriesTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC; Tuesday the 17th is the first working day ahead.
    private static readonly DateOnly Tuesday = new(2026, 3, 17);
    private static readonly TimeOnly Nine = new(9, 0);
    private const string Chicago = "America/Chicago";

    private static SeriesService Series(ClinicSchedule clinic) => new(clinic.Office.Db, clinic.Booking(), clinic.Office.Clock);

    private static BookSeries Weekly(ClinicSchedule clinic, DateOnly first, int? count, TimeOnly? at = null, DateOnly? until = null, int interval = 1,
        IReadOnlyList<DayOfWeek>? weekdays = null, bool requireAll = false) =>
        new(clinic.Patient.Id, clinic.FollowUp.Id, clinic.Location.Id, at ?? Nine,
            new RecurrenceRule(SeriesFrequencies.Weekly, interval, weekdays ?? [], first, until, count), clinic.DrAlvarez.Id, RequireAll: requireAll);

    private static async Task<List<Appointment>> OccurrencesAsync(TestOffice office, int seriesId)
    {
        await using var db = office.NewContext();
        return await db.Appointments.Where(a => a.SeriesId == seriesId).OrderBy(a => a.StartsAt).ToListAsync();
    }

    private static DateTime Local(Appointment appointment) => LocalTimes.ToLocal(appointment.StartsAt, Chicago);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_weekly_series_of_ten_books_ten_appointments_linked_to_the_series(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        var result = await Series(clinic).BookSeriesAsync(Weekly(clinic, Tuesday, count: 10), ClinicSchedule.Desk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var report = result.Value!;
        Assert.True(report.Applied);
        Assert.Equal(10, report.Done.Count);
        Assert.Empty(report.Conflicts);
        var rows = await OccurrencesAsync(office, report.SeriesId!.Value);
        Assert.Equal(Enumerable.Range(0, 10).Select(week => Tuesday.AddDays(7 * week).ToDateTime(Nine)), rows.Select(Local));
        Assert.All(rows, a => Assert.Equal(AppointmentStatuses.Booked, a.Status));
        Assert.Equal(report.Done.Select(o => o.AppointmentId!.Value), rows.Select(a => a.Id));
        await using var db = office.NewContext();
        var series = await db.AppointmentSeries.SingleAsync();
        Assert.Equal((SeriesFrequencies.Weekly, 10, Nine), (series.Frequency, series.Count!.Value, series.LocalStartTime));
        Assert.Equal(20, await db.ResourceBookings.CountAsync(b => b.IsActive));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_second_Tuesday_until_a_date_books_those_Tuesdays_only(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        // Starting on the Monday: the first Tuesday is the next day, then every other week up to and including 12 May.
        var result = await Series(clinic).BookSeriesAsync(
            Weekly(clinic, new DateOnly(2026, 3, 16), count: null, until: new DateOnly(2026, 5, 12), interval: 2, weekdays: [DayOfWeek.Tuesday]),
            ClinicSchedule.Desk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var rows = await OccurrencesAsync(office, result.Value!.SeriesId!.Value);
        Assert.Equal(
            new[] { new DateOnly(2026, 3, 17), new(2026, 3, 31), new(2026, 4, 14), new(2026, 4, 28), new(2026, 5, 12) },
            rows.Select(a => DateOnly.FromDateTime(Local(a))));
        Assert.All(rows, a => Assert.Equal(Nine, TimeOnly.FromDateTime(Local(a))));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_colliding_occurrence_is_reported_with_its_date_and_reason_while_the_others_book(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        var taken = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 31, 9, 10, 0), patientId: other.Id), ClinicSchedule.Desk);
        Assert.True(taken.Succeeded);

        var result = await Series(clinic).BookSeriesAsync(Weekly(clinic, Tuesday, count: 4), ClinicSchedule.Desk);

        var report = result.Value!;
        Assert.True(report.Applied);
        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal((new DateOnly(2026, 3, 31), Nine, (int?)null), (conflict.LocalDate, conflict.LocalTime, conflict.AppointmentId));
        Assert.Contains("Dr. Alvarez is already booked", conflict.Conflict, StringComparison.Ordinal);
        Assert.StartsWith("Tue 2026-03-31 09:00: Dr. Alvarez", conflict.ToString(), StringComparison.Ordinal);
        Assert.Equal([Tuesday, new(2026, 3, 24), new(2026, 4, 7)], report.Done.Select(o => o.LocalDate));
        Assert.Equal(3, (await OccurrencesAsync(office, report.SeriesId!.Value)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task With_every_occurrence_required_one_collision_books_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        Assert.True((await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 31, 9, 0, 0), patientId: other.Id), ClinicSchedule.Desk)).Succeeded);

        var result = await Series(clinic).BookSeriesAsync(Weekly(clinic, Tuesday, count: 4, requireAll: true), ClinicSchedule.Desk);

        var report = result.Value!;
        Assert.False(report.Applied);
        Assert.Null(report.SeriesId);
        Assert.Empty(report.Done);
        Assert.Equal(new DateOnly(2026, 3, 31), Assert.Single(report.Conflicts).LocalDate);
        await using var db = office.NewContext();
        Assert.Equal(1, await db.Appointments.CountAsync());
        Assert.False(await db.AppointmentSeries.AnyAsync());
        Assert.Equal(2, await db.ResourceBookings.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_nine_oclock_series_stays_at_nine_local_across_the_fall_back(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        // Chicago leaves CDT (UTC-5) for CST (UTC-6) on Sunday 2026-11-01.
        var result = await Series(clinic).BookSeriesAsync(Weekly(clinic, new DateOnly(2026, 10, 19), count: 4), ClinicSchedule.Desk);

        var rows = await OccurrencesAsync(office, result.Value!.SeriesId!.Value);
        Assert.Equal(
            new[]
            {
                new DateTime(2026, 10, 19, 14, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 26, 14, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 11, 2, 15, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 9, 15, 0, 0, DateTimeKind.Utc),
            },
            rows.Select(a => a.StartsAt));
        Assert.All(rows, a => Assert.Equal(Nine, TimeOnly.FromDateTime(Local(a))));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_occurrence_in_the_spring_forward_gap_is_reported_and_the_others_book(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        // A night clinic on Sundays, so 02:30 is inside working hours and only the clock change stands in the way.
        foreach (var resource in new[] { clinic.DrAlvarez, clinic.Exam1 })
        {
            office.Db.WorkingHours.Add(new WorkingHours
            {
                ResourceId = resource.Id, LocationId = clinic.Location.Id, DayOfWeek = DayOfWeek.Sunday, StartsAt = new(0, 0), EndsAt = new(6, 0),
            });
        }
        await office.Db.SaveChangesAsync();

        // On Sunday 2027-03-14 Chicago's clocks jump from 02:00 to 03:00.
        var result = await Series(clinic).BookSeriesAsync(Weekly(clinic, new DateOnly(2027, 3, 7), count: 3, at: new TimeOnly(2, 30)), ClinicSchedule.Desk);

        var report = result.Value!;
        var gap = Assert.Single(report.Conflicts);
        Assert.Equal(new DateOnly(2027, 3, 14), gap.LocalDate);
        Assert.Contains("does not exist", gap.Conflict, StringComparison.Ordinal);
        Assert.Contains("spring forward", gap.Conflict, StringComparison.Ordinal);
        var rows = await OccurrencesAsync(office, report.SeriesId!.Value);
        Assert.Equal(
            new[] { new DateTime(2027, 3, 7, 8, 30, 0, DateTimeKind.Utc), new DateTime(2027, 3, 21, 7, 30, 0, DateTimeKind.Utc) },
            rows.Select(a => a.StartsAt));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_one_then_this_and_following_then_all(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var service = Series(clinic);
        var seriesId = (await service.BookSeriesAsync(Weekly(clinic, Tuesday, count: 6), ClinicSchedule.Desk)).Value!.SeriesId!.Value;
        var ids = (await OccurrencesAsync(office, seriesId)).Select(a => a.Id).ToList();

        var one = await service.CancelAsync(ids[1], SeriesScope.One, "Patient away", ClinicSchedule.Desk);
        Assert.Equal([ids[1]], one!.Value!.Done.Select(o => o.AppointmentId!.Value));
        var following = await service.CancelAsync(ids[3], SeriesScope.ThisAndFollowing, "Therapy ends early", ClinicSchedule.Desk);
        Assert.Equal([ids[3], ids[4], ids[5]], following!.Value!.Done.Select(o => o.AppointmentId!.Value));

        await using (var db = office.NewContext())
        {
            Assert.Equal(
                [AppointmentStatuses.Booked, AppointmentStatuses.Cancelled, AppointmentStatuses.Booked,
                 AppointmentStatuses.Cancelled, AppointmentStatuses.Cancelled, AppointmentStatuses.Cancelled],
                (await OccurrencesAsync(office, seriesId)).Select(a => a.Status));
            var series = await db.AppointmentSeries.SingleAsync();
            // The rule now ends the day before the first cancelled "following" occurrence (Tuesday 7 April).
            Assert.Equal((new DateOnly(2026, 4, 6), (int?)null), (series.UntilDate, series.Count));
        }

        var all = await service.CancelAsync(ids[0], SeriesScope.All, "Moved to another clinic", ClinicSchedule.Desk);
        Assert.Equal([ids[0], ids[2]], all!.Value!.Done.Select(o => o.AppointmentId!.Value));
        Assert.All(await OccurrencesAsync(office, seriesId), a => Assert.Equal(AppointmentStatuses.Cancelled, a.Status));
        await using var check = office.NewContext();
        Assert.NotNull((await check.AppointmentSeries.SingleAsync()).CancelledAt);
        Assert.False(await check.ResourceBookings.AnyAsync(b => b.IsActive));
        var noReason = await service.CancelAsync(ids[0], SeriesScope.All, " ", ClinicSchedule.Desk);
        Assert.Equal("Reason", noReason!.Errors[0].Field);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_all_leaves_past_and_checked_out_occurrences_alone(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var service = Series(clinic);
        var seriesId = (await service.BookSeriesAsync(Weekly(clinic, Tuesday, count: 4), ClinicSchedule.Desk)).Value!.SeriesId!.Value;
        var ids = (await OccurrencesAsync(office, seriesId)).Select(a => a.Id).ToList();
        var booking = clinic.Booking();
        office.Clock.Advance(TimeSpan.FromDays(7)); // Monday 23 March: the first visit is past, the second is tomorrow.
        Assert.True((await booking.SetStatusAsync(ids[1], AppointmentStatuses.Arrived, ClinicSchedule.Desk))!.Succeeded);
        Assert.True((await booking.SetStatusAsync(ids[1], AppointmentStatuses.CheckedOut, ClinicSchedule.Desk))!.Succeeded);

        var all = await service.CancelAsync(ids[3], SeriesScope.All, "Insurance ended", ClinicSchedule.Desk);

        Assert.Equal([ids[2], ids[3]], all!.Value!.Done.Select(o => o.AppointmentId!.Value));
        Assert.Equal(
            [AppointmentStatuses.Booked, AppointmentStatuses.CheckedOut, AppointmentStatuses.Cancelled, AppointmentStatuses.Cancelled],
            (await OccurrencesAsync(office, seriesId)).Select(a => a.Status));
        await using var db = office.NewContext();
        Assert.Equal(new DateOnly(2026, 3, 30), (await db.AppointmentSeries.SingleAsync()).UntilDate);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Moving_this_and_following_to_ten_splits_the_series_and_leaves_the_earlier_ones_at_nine(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var service = Series(clinic);
        var seriesId = (await service.BookSeriesAsync(Weekly(clinic, Tuesday, count: 5), ClinicSchedule.Desk)).Value!.SeriesId!.Value;
        var ids = (await OccurrencesAsync(office, seriesId)).Select(a => a.Id).ToList();

        var moved = await service.RescheduleAsync(ids[2], SeriesScope.ThisAndFollowing, new MoveSeries(new TimeOnly(10, 0)), ClinicSchedule.Desk);

        var report = moved!.Value!;
        Assert.True(report.Applied);
        Assert.Empty(report.Conflicts);
        Assert.Equal([new(2026, 3, 31), new(2026, 4, 7), new DateOnly(2026, 4, 14)], report.Done.Select(o => o.LocalDate));
        Assert.NotEqual(seriesId, report.SeriesId);
        var earlier = await OccurrencesAsync(office, seriesId);
        var later = await OccurrencesAsync(office, report.SeriesId!.Value);
        Assert.Equal([ids[0], ids[1]], earlier.Select(a => a.Id));
        Assert.All(earlier, a => Assert.Equal(Nine, TimeOnly.FromDateTime(Local(a))));
        Assert.Equal([ids[2], ids[3], ids[4]], later.Select(a => a.Id));
        Assert.All(later, a => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(Local(a))));
        await using var db = office.NewContext();
        var original = await db.AppointmentSeries.SingleAsync(s => s.Id == seriesId);
        var continued = await db.AppointmentSeries.SingleAsync(s => s.Id == report.SeriesId);
        Assert.Equal((new DateOnly(2026, 3, 30), (int?)null), (original.UntilDate, original.Count));
        Assert.Equal((seriesId, new DateOnly(2026, 3, 31), 3, new TimeOnly(10, 0)),
            (continued.ContinuesSeriesId!.Value, continued.FirstDate, continued.Count!.Value, continued.LocalStartTime));
        Assert.Equal(["booked", "rescheduled"], await db.AppointmentChanges.Where(c => c.AppointmentId == ids[4]).OrderBy(c => c.Id).Select(c => c.Change).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Moving_all_a_day_later_reports_the_occurrence_that_cannot_move_and_requiring_all_moves_none(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var service = Series(clinic);
        var seriesId = (await service.BookSeriesAsync(Weekly(clinic, Tuesday, count: 3), ClinicSchedule.Desk)).Value!.SeriesId!.Value;
        var ids = (await OccurrencesAsync(office, seriesId)).Select(a => a.Id).ToList();
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        Assert.True((await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 25, 10, 0, 0), patientId: other.Id), ClinicSchedule.Desk)).Succeeded);
        var toWednesdayAtTen = new MoveSeries(new TimeOnly(10, 0), DayShift: 1);

        var refused = await service.RescheduleAsync(ids[0], SeriesScope.All, toWednesdayAtTen with { RequireAll = true }, ClinicSchedule.Desk);
        Assert.False(refused!.Value!.Applied);
        Assert.All(await OccurrencesAsync(office, seriesId), a => Assert.Equal((DayOfWeek.Tuesday, Nine), (Local(a).DayOfWeek, TimeOnly.FromDateTime(Local(a)))));

        var moved = await service.RescheduleAsync(ids[0], SeriesScope.All, toWednesdayAtTen, ClinicSchedule.Desk);

        var report = moved!.Value!;
        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal((new DateOnly(2026, 3, 25), new TimeOnly(10, 0), ids[1]), (conflict.LocalDate, conflict.LocalTime, conflict.AppointmentId!.Value));
        Assert.Contains("Dr. Alvarez is already booked", conflict.Conflict, StringComparison.Ordinal);
        var rows = await OccurrencesAsync(office, seriesId);
        Assert.Equal(
            new[] { new DateTime(2026, 3, 18, 10, 0, 0), new DateTime(2026, 3, 24, 9, 0, 0), new DateTime(2026, 4, 1, 10, 0, 0) },
            rows.Select(Local));
        await using var db = office.NewContext();
        var series = await db.AppointmentSeries.SingleAsync();
        // A weekly series without named weekdays repeats on its first date's weekday, now Wednesday.
        Assert.Equal((new DateOnly(2026, 3, 18), new TimeOnly(10, 0)), (series.FirstDate, series.LocalStartTime));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_series_booked_at_once_for_the_same_times_share_them_without_overlap(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));

        using var start = new ManualResetEventSlim(false);
        var attempts = new[] { clinic.Patient.Id, other.Id }.Select(patientId => Task.Run(async () =>
        {
            await using var db = office.NewContext();
            var service = new SeriesService(db, clinic.Booking(db), office.Clock);
            start.Wait();
            return await service.BookSeriesAsync(Weekly(clinic, Tuesday, count: 5) with { PatientId = patientId }, ClinicSchedule.Desk);
        })).ToList();
        start.Set();
        var reports = (await Task.WhenAll(attempts)).Select(r => r.Value!).ToList();

        // Whichever got there first, each Tuesday went to exactly one of them and the other was told why.
        Assert.Equal(5, reports.Sum(r => r.Done.Count));
        Assert.Equal(5, reports.Sum(r => r.Conflicts.Count));
        Assert.Equal(Enumerable.Range(0, 5).Select(week => Tuesday.AddDays(7 * week)),
            reports.SelectMany(r => r.Done).Select(o => o.LocalDate).Order());
        await using var check = office.NewContext();
        Assert.Equal(5, await check.ResourceBookings.CountAsync(b => b.ResourceId == clinic.DrAlvarez.Id && b.IsActive));
        Assert.Equal(5, await check.Appointments.CountAsync());
    }

    [Fact]
    public void Monthly_by_date_skips_months_without_that_day_and_daily_counts_every_nth_day()
    {
        var monthly = new RecurrenceRule(SeriesFrequencies.MonthlyByDate, 1, [], new DateOnly(2026, 1, 31), null, 4);
        var daily = new RecurrenceRule(SeriesFrequencies.Daily, 3, [], new DateOnly(2026, 3, 17), new DateOnly(2026, 3, 27), null);
        var invalid = new RecurrenceRule(SeriesFrequencies.Daily, 0, [DayOfWeek.Monday], new DateOnly(2026, 3, 17), null, null);

        Assert.Equal([new(2026, 1, 31), new(2026, 3, 31), new(2026, 5, 31), new DateOnly(2026, 7, 31)], monthly.Dates());
        Assert.Equal([new(2026, 3, 17), new(2026, 3, 20), new(2026, 3, 23), new DateOnly(2026, 3, 26)], daily.Dates());
        Assert.Equal(["Interval", "Count", "Weekdays"], invalid.Validate().Select(e => e.Field));
    }
}
