using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Scheduling;

public class OpeningFinderTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC, 10:00 in Chicago (CDT, UTC-5).
    private static readonly DateOnly Tuesday = new(2026, 3, 17);

    private static OpeningFinder Finder(ClinicSchedule clinic) => new(clinic.Office.Db, clinic.Office.Clock);

    private static async Task<IReadOnlyList<Opening>> FindAsync(ClinicSchedule clinic, OpeningQuery query)
    {
        var result = await Finder(clinic).FindAsync(query);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    private static OpeningQuery FollowUps(ClinicSchedule clinic, SchedulableResource? provider, DateOnly? from = null) =>
        new(clinic.FollowUp.Id, clinic.Location.Id) { ProviderResourceId = provider?.Id, FromLocalDate = from };

    private static async Task BookAsync(ClinicSchedule clinic, BookAppointment request)
    {
        var result = await clinic.Booking().BookAsync(request, ClinicSchedule.Desk);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    /// <summary>Books each opening exactly as returned (same resources), then cancels it so the next one is tried on the same schedule.</summary>
    private static async Task AssertEachIsBookableAsync(ClinicSchedule clinic, AppointmentType type, IReadOnlyList<Opening> openings)
    {
        Assert.NotEmpty(openings);
        foreach (var opening in openings)
        {
            await using var db = clinic.Office.NewContext();
            var booking = clinic.Booking(db);
            var booked = await booking.BookAsync(opening.ToBooking(clinic.Patient.Id, type.Id, clinic.Location.Id), ClinicSchedule.Desk);
            Assert.True(booked.Succeeded, $"{opening.LocalStart:yyyy-MM-dd HH:mm}: {string.Join("; ", booked.Errors)}");
            Assert.Equal(opening.StartsAt, booked.Value!.StartsAt);
            Assert.Equal(opening.Resources.Select(r => r.ResourceId).Order(), booked.Value.Bookings.Select(b => b.ResourceId).Order());
            Assert.True((await booking.CancelAsync(booked.Value.Id, "checking the next opening", ClinicSchedule.Desk))!.Succeeded);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task First_openings_skip_a_booked_time_and_the_lunch_break(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        await BookAsync(clinic, clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(8, 0))));

        var openings = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, Tuesday) with { MaxResults = 23 });

        // A 20-minute visit on a 10-minute grid: 08:00 is taken until 08:20; the morning's last start is 11:40; lunch is 12:00–13:00.
        var times = openings.Select(o => o.LocalStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["08:20", "08:30", "08:40"], times.Take(3));
        Assert.Equal("11:40", times[^3]);
        Assert.Equal(["13:00", "13:10"], times.TakeLast(2));
        Assert.All(openings, o => Assert.Equal(clinic.DrAlvarez.Id, o.ProviderResourceId));
        Assert.All(openings, o => Assert.Equal(o.StartsAt.AddMinutes(20), o.EndsAt));
        Assert.All(openings, o => Assert.Contains(o.Resources, r => r.ResourceId == clinic.Exam1.Id || r.ResourceId == clinic.Exam2.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_vacation_a_location_wide_holiday_and_the_weekend_have_no_openings(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        // Whole local days in Chicago (CDT): 05:00 UTC to 05:00 UTC.
        office.Db.ScheduleBlocks.AddRange(
            new ScheduleBlock
            {
                ResourceId = clinic.DrAlvarez.Id, Kind = BlockKinds.Vacation, Reason = "Vacation",
                StartsAt = new DateTime(2026, 3, 18, 5, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 3, 19, 5, 0, 0, DateTimeKind.Utc),
            },
            new ScheduleBlock
            {
                LocationId = clinic.Location.Id, Kind = BlockKinds.Holiday, Reason = "Clinic closed",
                StartsAt = new DateTime(2026, 3, 19, 5, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 3, 20, 5, 0, 0, DateTimeKind.Utc),
            },
            // Admin time on Friday morning, 09:00–10:00 local.
            new ScheduleBlock
            {
                ResourceId = clinic.DrAlvarez.Id, Kind = BlockKinds.Admin, Reason = "Charts",
                StartsAt = new DateTime(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc),
            });
        await office.Db.SaveChangesAsync();

        var alvarez = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, new DateOnly(2026, 3, 18)) with { Days = 6, MaxResults = 200 });
        var anyone = await FindAsync(clinic, FollowUps(clinic, null, new DateOnly(2026, 3, 18)) with { Days = 6, MaxResults = 200 });

        Assert.Equal([new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 23)], alvarez.Select(o => DateOnly.FromDateTime(o.LocalStart)).Distinct());
        Assert.DoesNotContain(alvarez, o => o.StartsAt < new DateTime(2026, 3, 20, 15, 0, 0, DateTimeKind.Utc) && o.EndsAt > new DateTime(2026, 3, 20, 14, 0, 0, DateTimeKind.Utc));
        // Dr. Okafor is not on vacation, so Wednesday has openings with her; Thursday has none with anyone.
        Assert.Equal([new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 23)],
            anyone.Select(o => DateOnly.FromDateTime(o.LocalStart)).Distinct());
        Assert.All(anyone.Where(o => o.LocalStart.Day == 18), o => Assert.Equal(clinic.DrOkafor.Id, o.ProviderResourceId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Mornings_only_and_afternoons_only_split_at_noon(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        var mornings = await FindAsync(clinic, FollowUps(clinic, clinic.DrOkafor, Tuesday) with { PartOfDay = PartOfDay.Morning, MaxResults = 30 });
        var afternoons = await FindAsync(clinic, FollowUps(clinic, clinic.DrOkafor, Tuesday) with { PartOfDay = PartOfDay.Afternoon, MaxResults = 30 });

        Assert.Equal(30, mornings.Count);
        Assert.All(mornings, o => Assert.True(o.LocalStart.Hour < 12, $"{o.LocalStart}"));
        // 23 starts fit in a morning (08:00–11:40), so the 24th is Wednesday 08:00.
        Assert.Equal(new DateTime(2026, 3, 18, 8, 0, 0), mornings[23].LocalStart);
        Assert.Equal(30, afternoons.Count);
        Assert.All(afternoons, o => Assert.True(o.LocalStart.Hour >= 13, $"{o.LocalStart}"));
        Assert.Equal(new DateTime(2026, 3, 17, 13, 0, 0), afternoons[0].LocalStart);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Any_provider_interleaves_the_providers_by_time(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        await BookAsync(clinic, clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(8, 0)), clinic.DrAlvarez));

        var openings = await FindAsync(clinic, FollowUps(clinic, null, Tuesday) with { MaxResults = 5 });

        Assert.Equal(
            [("08:00", clinic.DrOkafor.Id), ("08:10", clinic.DrOkafor.Id), ("08:20", clinic.DrAlvarez.Id), ("08:20", clinic.DrOkafor.Id), ("08:30", clinic.DrAlvarez.Id)],
            openings.Select(o => (o.LocalStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), o.ProviderResourceId!.Value)));
        // Exam 1 is Dr. Alvarez's until 08:20, so Dr. Okafor's 08:00 and 08:10 get Exam 2.
        Assert.All(openings.Take(2), o => Assert.Contains(o.Resources, r => r.ResourceId == clinic.Exam2.Id));
        await AssertEachIsBookableAsync(clinic, clinic.FollowUp, openings);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_visit_needing_the_one_ultrasound_machine_is_offered_only_when_the_machine_is_free(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        await BookAsync(clinic, new BookAppointment(clinic.Patient.Id, clinic.UltrasoundScan.Id, clinic.Location.Id,
            Tuesday.ToDateTime(new TimeOnly(9, 0)), clinic.DrAlvarez.Id));

        var openings = await FindAsync(clinic, new OpeningQuery(clinic.UltrasoundScan.Id, clinic.Location.Id)
        {
            FromLocalDate = Tuesday, Days = 1, PartOfDay = PartOfDay.Morning, MaxResults = 100,
        });

        // Dr. Okafor is free at 09:00, but the machine is not: 30-minute scans on a 15-minute grid skip 08:45 to 09:15.
        var scanBooked = (From: new DateTime(2026, 3, 17, 14, 0, 0, DateTimeKind.Utc), To: new DateTime(2026, 3, 17, 14, 30, 0, DateTimeKind.Utc));
        Assert.DoesNotContain(openings, o => o.StartsAt < scanBooked.To && scanBooked.From < o.EndsAt);
        Assert.Contains(openings, o => o.LocalStart == Tuesday.ToDateTime(new TimeOnly(8, 30)));
        Assert.Contains(openings, o => o.LocalStart == Tuesday.ToDateTime(new TimeOnly(9, 30)));
        Assert.All(openings, o => Assert.Contains(o.Resources, r => r.ResourceId == clinic.Ultrasound.Id));
        await AssertEachIsBookableAsync(clinic, clinic.UltrasoundScan, openings.Where((_, i) => i % 3 == 0).ToList());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Daylight_saving_days_skip_nonexistent_times_and_offer_repeated_times_once(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        // A night clinic on Sundays, so the changes (02:00 local) fall inside working hours.
        foreach (var resource in new[] { clinic.DrAlvarez, clinic.Exam1 })
        {
            office.Db.WorkingHours.Add(new WorkingHours
            {
                ResourceId = resource.Id, LocationId = clinic.Location.Id, DayOfWeek = DayOfWeek.Sunday, StartsAt = new(0, 0), EndsAt = new(4, 0),
            });
        }
        await office.Db.SaveChangesAsync();
        var springForward = new DateOnly(2027, 3, 14);
        var fallBack = new DateOnly(2026, 11, 1);

        var spring = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, springForward) with { Days = 1, MaxResults = 100 });
        var fall = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, fallBack) with { Days = 1, MaxResults = 100 });

        // 02:00–02:59 does not exist on 14 March 2027.
        Assert.DoesNotContain(spring, o => o.LocalStart.Hour == 2);
        Assert.Contains(spring, o => o.LocalStart.Hour == 1);
        Assert.Contains(spring, o => o.LocalStart.Hour == 3);
        foreach (var day in new[] { spring, fall })
        {
            Assert.All(day, o => Assert.Equal(LocalTimes.ToUtc(o.LocalStart, clinic.Location.TimeZoneId), o.StartsAt));
            Assert.Equal(day.Select(o => o.StartsAt).Order(), day.Select(o => o.StartsAt));
            Assert.Equal(day.Count, day.Select(o => o.LocalStart).Distinct().Count());
        }
        // 01:00–01:59 happens twice on 1 November 2026: offered once, at its first (CDT) occurrence.
        Assert.Equal(new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), fall.Single(o => o.LocalStart == new DateTime(2026, 11, 1, 1, 0, 0)).StartsAt);
        await AssertEachIsBookableAsync(clinic, clinic.FollowUp, spring.Concat(fall).Where(o => o.LocalStart.Hour is 1 or 3).ToList());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_maximum_and_the_window_are_respected_and_no_past_time_is_offered(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var now = office.Clock.GetUtcNow().UtcDateTime;

        var five = await FindAsync(clinic, FollowUps(clinic, null) with { MaxResults = 5 });
        var oneDay = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, Tuesday) with { Days = 1, MaxResults = 200 });
        var weekend = await FindAsync(clinic, FollowUps(clinic, null, new DateOnly(2026, 3, 21)) with { Days = 2 });
        var fromLastWeek = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, new DateOnly(2026, 3, 9)) with { Days = 8, MaxResults = 200 });
        var quarterHours = await FindAsync(clinic, FollowUps(clinic, clinic.DrAlvarez, Tuesday) with { StepMinutes = 15, MaxResults = 3 });

        Assert.Equal(5, five.Count);
        // Today, now: 10:00 local is the first start, shared by both providers.
        Assert.Equal(new DateTime(2026, 3, 16, 10, 0, 0), five[0].LocalStart);
        Assert.All(five, o => Assert.True(o.StartsAt >= now));
        Assert.Equal(46, oneDay.Count);
        Assert.All(oneDay, o => Assert.Equal(Tuesday, DateOnly.FromDateTime(o.LocalStart)));
        Assert.Empty(weekend);
        // A window that began last week yields only what is left of it: today from 10:00, up to Monday the 16th inclusive.
        Assert.All(fromLastWeek, o => Assert.True(o.StartsAt >= now));
        Assert.Equal(new DateTime(2026, 3, 16, 10, 0, 0), fromLastWeek[0].LocalStart);
        Assert.Equal(new DateOnly(2026, 3, 16), DateOnly.FromDateTime(fromLastWeek[^1].LocalStart));
        Assert.Equal([0, 15, 30], quarterHours.Select(o => o.LocalStart.Minute));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_opening_on_a_busy_schedule_is_bookable_with_the_resources_returned(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        // A busy Tuesday morning: Dr. Alvarez at 08:00 and 09:10, Dr. Okafor at 08:10, both rooms taken 08:10–08:20, a scan at 08:30.
        await BookAsync(clinic, clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(8, 0)), clinic.DrAlvarez));
        await BookAsync(clinic, clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(8, 10)), clinic.DrOkafor));
        await BookAsync(clinic, clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(9, 10)), clinic.DrAlvarez));
        await BookAsync(clinic, new BookAppointment(clinic.Patient.Id, clinic.UltrasoundScan.Id, clinic.Location.Id,
            Tuesday.ToDateTime(new TimeOnly(8, 30)), clinic.DrOkafor.Id));

        var followUps = await FindAsync(clinic, FollowUps(clinic, null, Tuesday) with { MaxResults = 20 });
        var scans = await FindAsync(clinic, new OpeningQuery(clinic.UltrasoundScan.Id, clinic.Location.Id) { FromLocalDate = Tuesday, MaxResults = 8 });

        Assert.Equal(20, followUps.Count);
        Assert.Equal(8, scans.Count);
        Assert.DoesNotContain(followUps, o => o.LocalStart == Tuesday.ToDateTime(new TimeOnly(8, 10)));
        await AssertEachIsBookableAsync(clinic, clinic.FollowUp, followUps);
        await AssertEachIsBookableAsync(clinic, clinic.UltrasoundScan, scans);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_provider_who_does_not_work_there_or_a_bad_step_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        var room = await Finder(clinic).FindAsync(FollowUps(clinic, clinic.Exam1));
        var step = await Finder(clinic).FindAsync(FollowUps(clinic, null) with { StepMinutes = 7 });

        Assert.Equal(nameof(OpeningQuery.ProviderResourceId), Assert.Single(room.Errors).Field);
        Assert.Equal(nameof(OpeningQuery.StepMinutes), Assert.Single(step.Errors).Field);
    }
}
