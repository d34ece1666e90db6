using System.Globalization;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Scheduling;

/// <summary>The booking planner and the opening finder answer "can this be booked then?" with one rule set, at a bounded cost.</summary>
public class AvailabilityRulesTests
{
    private static readonly DateOnly Tuesday = new(2026, 3, 17);

    private static BookingService Booking(ClinicSchedule clinic, MedOfficeDb db, LocationCalendarCache calendars) =>
        new(db, new Availability(db, calendars), new AuditTrail(db, clinic.Office.Clock), clinic.Office.Clock);

    private static async Task<Appointment> BookAsync(ClinicSchedule clinic, BookAppointment request)
    {
        var booked = await clinic.Booking().BookAsync(request, ClinicSchedule.Desk);
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors));
        return booked.Value!;
    }

    private static ScheduleBlock Block(SchedulableResource resource, DateTime localFrom, int minutes, string reason) => new()
    {
        ResourceId = resource.Id, Kind = BlockKinds.Admin, Reason = reason,
        StartsAt = LocalTimes.ToUtc(localFrom, "America/Chicago")!.Value, EndsAt = LocalTimes.ToUtc(localFrom, "America/Chicago")!.Value.AddMinutes(minutes),
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Picking_a_room_among_twenty_takes_the_first_free_one_by_name_in_as_many_statements_as_among_two(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var counter = new CommandCounter();
        var nine = Tuesday.ToDateTime(new TimeOnly(9, 0));
        office.Db.ScheduleBlocks.Add(Block(clinic.Exam1, nine, 30, "Cleaning"));
        await office.Db.SaveChangesAsync();

        // Two exam rooms, the first blocked: the second is taken.
        Appointment? amongTwo = null;
        await using (var db = counter.NewContext(office.Database.Options))
        {
            var statements = await counter.CountAsync(async () =>
                amongTwo = (await Booking(clinic, db, new LocationCalendarCache()).BookAsync(clinic.FollowUpAt(nine), ClinicSchedule.Desk)).Value);
            Assert.NotNull(amongTwo);
            Assert.Contains(amongTwo.Bookings, b => b.ResourceId == clinic.Exam2.Id);

            // Twenty exam rooms, all but the last blocked at 10:00.
            var rooms = Enumerable.Range(3, 18).Select(i => new SchedulableResource
            {
                Kind = ResourceKinds.Room, Name = string.Create(CultureInfo.InvariantCulture, $"Room {i:D2}"), Category = "Exam", LocationId = clinic.Location.Id,
            }).ToList();
            office.Db.SchedulableResources.AddRange(rooms);
            await office.Db.SaveChangesAsync();
            office.Db.WorkingHours.AddRange(rooms.Select(r => new WorkingHours
            {
                ResourceId = r.Id, LocationId = clinic.Location.Id, DayOfWeek = DayOfWeek.Tuesday, StartsAt = new(8, 0), EndsAt = new(17, 0),
            }));
            var ten = Tuesday.ToDateTime(new TimeOnly(10, 0));
            office.Db.ScheduleBlocks.AddRange(new[] { clinic.Exam1, clinic.Exam2 }.Concat(rooms.SkipLast(1)).Select(r => Block(r, ten, 30, "Cleaning")));
            office.Db.ScheduleBlocks.AddRange(new[] { clinic.Exam1, clinic.Exam2 }.Concat(rooms).Select(r => Block(r, ten.AddHours(1), 30, "Cleaning")));
            await office.Db.SaveChangesAsync();

            Result<Appointment>? amongTwenty = null;
            var statementsAmongTwenty = await counter.CountAsync(async () =>
                amongTwenty = await Booking(clinic, db, new LocationCalendarCache()).BookAsync(clinic.FollowUpAt(ten), ClinicSchedule.Desk));
            Result<Appointment>? noneFree = null;
            var statementsNoneFree = await counter.CountAsync(async () =>
                noneFree = await Booking(clinic, db, new LocationCalendarCache()).BookAsync(clinic.FollowUpAt(ten.AddHours(1)), ClinicSchedule.Desk));

            Assert.True(amongTwenty!.Succeeded, string.Join("; ", amongTwenty.Errors));
            Assert.Contains(amongTwenty.Value!.Bookings, b => b.ResourceId == rooms[^1].Id);
            Assert.Equal(statements, statementsAmongTwenty);
            Assert.Equal("No Exam room is free at that time (Room 20 is blocked then (Cleaning)).", Assert.Single(noneFree!.Errors).Message);
            // A refusal writes nothing, so it stops at the reads: the set-up, the patient, and one read of every candidate's bookings.
            Assert.True(statementsNoneFree <= 8, $"{statementsNoneFree} statements to refuse a booking");
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_warm_calendar_plans_a_booking_without_reading_the_set_up_again(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var counter = new CommandCounter();
        var calendars = new LocationCalendarCache();
        await using var db = counter.NewContext(office.Database.Options);
        var booking = Booking(clinic, db, calendars);
        var nine = Tuesday.ToDateTime(new TimeOnly(9, 0));

        var cold = await counter.CountAsync(() => booking.BookAsync(clinic.FollowUpAt(nine), ClinicSchedule.Desk));
        var warm = await counter.CountAsync(() => booking.BookAsync(clinic.FollowUpAt(nine.AddHours(1)), ClinicSchedule.Desk));
        var refusedWarm = await counter.CountAsync(() => booking.BookAsync(clinic.FollowUpAt(nine), ClinicSchedule.Desk));

        // Cold: the version and five set-up reads (location, resources, hours, blocks, visit types). Warm: none, the version is
        // read within the bookings read.
        Assert.Equal(cold - 6, warm);
        // The patient, then the bookings (and version): two reads to refuse a taken time, with any number of rooms.
        Assert.Equal(2, refusedWarm);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_time_the_finder_offers_is_booked_as_offered_and_every_time_it_leaves_out_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        DateTime At(int hour, int minute) => Tuesday.ToDateTime(new TimeOnly(hour, minute));
        await BookAsync(clinic, clinic.FollowUpAt(At(8, 0), clinic.DrAlvarez));
        await BookAsync(clinic, clinic.FollowUpAt(At(8, 10), clinic.DrOkafor));
        await BookAsync(clinic, clinic.FollowUpAt(At(9, 10), clinic.DrAlvarez));
        await BookAsync(clinic, clinic.FollowUpAt(At(10, 20), clinic.DrOkafor));
        office.Db.ScheduleBlocks.AddRange(Block(clinic.Exam1, At(10, 0), 60, "Deep clean"), Block(clinic.DrAlvarez, At(11, 0), 30, "Charts"));
        await office.Db.SaveChangesAsync();

        foreach (var who in new[] { clinic.DrAlvarez, null })
        {
            var found = await new OpeningFinder(office.Db, office.Clock).FindAsync(
                new OpeningQuery(clinic.FollowUp.Id, clinic.Location.Id) { ProviderResourceId = who?.Id, FromLocalDate = Tuesday, Days = 1, MaxResults = 200, StepMinutes = 10 });
            Assert.True(found.Succeeded);
            for (var time = At(7, 0); time < At(18, 0); time = time.AddMinutes(10))
            {
                await using var db = office.NewContext();
                var booking = clinic.Booking(db);
                var offered = found.Value!.FirstOrDefault(o => o.LocalStart == time);
                var booked = await booking.BookAsync(new BookAppointment(clinic.Patient.Id, clinic.FollowUp.Id, clinic.Location.Id, time, who?.Id), ClinicSchedule.Desk);

                Assert.True(booked.Succeeded == offered is not null, $"{who?.Name ?? "anyone"} at {time:HH:mm}: offered {offered is not null}, booked {string.Join("; ", booked.Errors)}");
                if (booked.Succeeded)
                {
                    // With anyone, the planner takes the first provider by name: the first opening the finder lists at that time.
                    Assert.Equal(offered!.Resources.Select(r => r.ResourceId).Order(), booked.Value!.Bookings.Select(b => b.ResourceId).Order());
                    Assert.True((await booking.CancelAsync(booked.Value.Id, "trying the next time", ClinicSchedule.Desk))!.Succeeded);
                }
            }
        }
    }
}
