using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Scheduling;

/// <summary>
/// The cached set-up (<see cref="LocationCalendarCache"/>) never answers with a set-up that has changed: every change made
/// through any context, by EF or by a bulk statement, on this node or another, is seen by the next search.
/// </summary>
public class LocationCalendarCacheTests
{
    // Tuesday 2026-03-17 in Chicago (CDT, UTC-5); the office's clock stands at Monday 10:00 local.
    private static readonly DateOnly Tuesday = new(2026, 3, 17);

    /// <summary>An app node: its own calendar cache, and a fresh context per request, on the shared database.</summary>
    private sealed class Node(ClinicSchedule clinic)
    {
        public LocationCalendarCache Calendars { get; } = new();

        public async Task<List<DateTime>> TuesdayMorningAsync(SchedulableResource provider, MedOfficeDb? db = null)
        {
            await using var own = db is null ? clinic.Office.NewContext() : null;
            var context = db ?? own!;
            var found = await new OpeningFinder(context, clinic.Office.Clock, new Availability(context, Calendars)).FindAsync(
                new OpeningQuery(clinic.FollowUp.Id, clinic.Location.Id)
                {
                    ProviderResourceId = provider.Id, FromLocalDate = Tuesday, Days = 1, PartOfDay = PartOfDay.Morning, MaxResults = 100,
                });
            Assert.True(found.Succeeded, string.Join("; ", found.Errors));
            return found.Value!.Select(o => o.LocalStart).ToList();
        }
    }

    private static ScheduleBlock VacationOn(SchedulableResource resource, DateOnly day) => new()
    {
        ResourceId = resource.Id, Kind = BlockKinds.Vacation, Reason = "Vacation",
        StartsAt = LocalTimes.ToUtc(day.ToDateTime(TimeOnly.MinValue), "America/Chicago")!.Value,
        EndsAt = LocalTimes.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), "America/Chicago")!.Value,
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_set_up_change_made_on_another_node_shows_in_the_next_search(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var searching = new Node(clinic);
        Assert.Equal(23, (await searching.TuesdayMorningAsync(clinic.DrAlvarez)).Count);

        // Another node adds a vacation through EF: Tuesday is gone.
        await using (var other = office.NewContext())
        {
            other.ScheduleBlocks.Add(VacationOn(clinic.DrAlvarez, Tuesday));
            await other.SaveChangesAsync();
        }
        Assert.Empty(await searching.TuesdayMorningAsync(clinic.DrAlvarez));

        // It removes it with a bulk delete, which EF does not track: Tuesday is back.
        await using (var other = office.NewContext())
        {
            await other.ScheduleBlocks.ExecuteDeleteAsync();
        }
        Assert.Equal(23, (await searching.TuesdayMorningAsync(clinic.DrAlvarez)).Count);

        // It shortens Tuesday mornings to end at 10:00 with a bulk update: the last 20-minute start is 09:40.
        await using (var other = office.NewContext())
        {
            await other.WorkingHours.Where(w => w.ResourceId == clinic.DrAlvarez.Id && w.DayOfWeek == DayOfWeek.Tuesday && w.StartsAt == new TimeOnly(8, 0))
                .ExecuteUpdateAsync(set => set.SetProperty(w => w.EndsAt, new TimeOnly(10, 0)));
        }
        var shortened = await searching.TuesdayMorningAsync(clinic.DrAlvarez);
        Assert.Equal(Tuesday.ToDateTime(new TimeOnly(9, 40)), shortened[^1]);

        // And the same node's planner, on its warm calendar, refuses what the hours no longer allow.
        await using (var db = office.NewContext())
        {
            var booking = new BookingService(db, new Availability(db, searching.Calendars), new MedOffice.Security.AuditTrail(db, office.Clock), office.Clock);
            var refused = await booking.BookAsync(clinic.FollowUpAt(Tuesday.ToDateTime(new TimeOnly(10, 0))), ClinicSchedule.Desk);
            Assert.Contains("Dr. Alvarez does not work at Lakeview then", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_set_up_change_that_was_rolled_back_never_shows_even_after_another_change(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var node = new Node(clinic);

        // Inside a transaction the search sees (and the node caches) the uncommitted vacation; then it is rolled back.
        await using (var db = office.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ScheduleBlocks.Add(VacationOn(clinic.DrAlvarez, Tuesday));
            await db.SaveChangesAsync();
            Assert.Empty(await node.TuesdayMorningAsync(clinic.DrAlvarez, db));
            await transaction.RollbackAsync();
        }
        // Another change commits: a version counter would now be back at the cached value.
        await using (var db = office.NewContext())
        {
            db.ScheduleBlocks.Add(VacationOn(clinic.DrOkafor, Tuesday.AddDays(7)));
            await db.SaveChangesAsync();
        }

        Assert.Equal(23, (await node.TuesdayMorningAsync(clinic.DrAlvarez)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_search_on_a_warm_calendar_reads_bookings_only(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var node = new Node(clinic);
        var counter = new CommandCounter();
        await using var db = counter.NewContext(office.Database.Options);

        var cold = await counter.CountAsync(() => node.TuesdayMorningAsync(clinic.DrAlvarez, db));
        var warm = await counter.CountAsync(() => node.TuesdayMorningAsync(clinic.DrAlvarez, db));

        // The provider's bookings (with the set-up version, in the same statement), then the rooms' for the day that has openings.
        Assert.Equal(2, warm);
        // Cold, the version and the set-up (location, resources, hours, blocks, visit types) come first.
        Assert.Equal(warm + 6, cold);
    }
}
