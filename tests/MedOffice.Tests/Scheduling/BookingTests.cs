using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Scheduling;

public class BookingTests
{
    // The test office's clock stands at Monday 2026-03-16; Tuesday the 17th is a working day in Chicago.
    private static readonly DateTime Tuesday0900 = new(2026, 3, 17, 9, 0, 0);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_follow_up_books_the_provider_and_a_free_exam_room_together(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        var result = await clinic.Booking().BookAsync(clinic.FollowUpAt(Tuesday0900), ClinicSchedule.Desk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var appointment = await db.Appointments.Include(a => a.Bookings).SingleAsync();
        // 09:00 in Chicago in March (CDT, UTC-5) is 14:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 17, 14, 0, 0, DateTimeKind.Utc), appointment.StartsAt);
        Assert.Equal(appointment.StartsAt.AddMinutes(20), appointment.EndsAt);
        Assert.Equal([clinic.DrAlvarez.Id, clinic.Exam1.Id], appointment.Bookings.Select(b => b.ResourceId).Order());
        var history = await db.AppointmentChanges.SingleAsync();
        Assert.Equal("booked", history.Change);
        Assert.Contains("Dr. Alvarez", history.Detail, StringComparison.Ordinal);
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.Category == AuditCategories.Schedule && a.PatientId == clinic.Patient.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_provider_already_booked_is_refused_and_the_second_exam_room_is_used_for_another_provider(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        var booking = clinic.Booking();
        Assert.True((await booking.BookAsync(clinic.FollowUpAt(Tuesday0900), ClinicSchedule.Desk)).Succeeded);

        var sameProvider = await booking.BookAsync(clinic.FollowUpAt(Tuesday0900.AddMinutes(10), patientId: other.Id), ClinicSchedule.Desk);
        var otherProvider = await booking.BookAsync(clinic.FollowUpAt(Tuesday0900.AddMinutes(10), clinic.DrOkafor, other.Id), ClinicSchedule.Desk);

        Assert.False(sameProvider.Succeeded);
        Assert.Contains("Dr. Alvarez is already booked", sameProvider.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(otherProvider.Succeeded, string.Join("; ", otherProvider.Errors));
        Assert.Contains(otherProvider.Value!.Bookings, b => b.ResourceId == clinic.Exam2.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Times_outside_working_hours_in_the_lunch_break_or_in_a_block_are_refused_with_the_reason(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        office.Db.ScheduleBlocks.Add(new ScheduleBlock
        {
            ResourceId = clinic.DrAlvarez.Id, Kind = BlockKinds.Vacation, Reason = "Vacation",
            StartsAt = new DateTime(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc), EndsAt = new DateTime(2026, 3, 19, 0, 0, 0, DateTimeKind.Utc),
        });
        await office.Db.SaveChangesAsync();
        var booking = clinic.Booking();

        var early = await booking.BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 17, 7, 30, 0)), ClinicSchedule.Desk);
        var lunch = await booking.BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 17, 11, 50, 0)), ClinicSchedule.Desk);
        var saturday = await booking.BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 21, 9, 0, 0)), ClinicSchedule.Desk);
        var vacation = await booking.BookAsync(clinic.FollowUpAt(new DateTime(2026, 3, 18, 9, 0, 0)), ClinicSchedule.Desk);

        Assert.All([early, lunch, saturday], r => Assert.Contains("does not work at Lakeview then", r.Errors[0].Message, StringComparison.Ordinal));
        Assert.Contains("blocked then (Vacation)", vacation.Errors[0].Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Equal(0, await db.Appointments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task When_one_needed_resource_is_taken_nothing_is_booked(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        var booking = clinic.Booking();
        var scanWithAlvarez = new BookAppointment(clinic.Patient.Id, clinic.UltrasoundScan.Id, clinic.Location.Id, Tuesday0900, clinic.DrAlvarez.Id);
        Assert.True((await booking.BookAsync(scanWithAlvarez, ClinicSchedule.Desk)).Succeeded);

        // Dr. Okafor is free, but the only ultrasound machine is not.
        var scanWithOkafor = await booking.BookAsync(scanWithAlvarez with { PatientId = other.Id, ProviderResourceId = clinic.DrOkafor.Id }, ClinicSchedule.Desk);

        Assert.False(scanWithOkafor.Succeeded);
        Assert.Contains("Ultrasound", scanWithOkafor.Errors[0].Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Equal(1, await db.Appointments.CountAsync());
        Assert.False(await db.ResourceBookings.AnyAsync(b => b.ResourceId == clinic.DrOkafor.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_database_itself_refuses_overlapping_bookings_of_one_resource(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booked = await clinic.Booking().BookAsync(clinic.FollowUpAt(Tuesday0900), ClinicSchedule.Desk);
        var appointment = booked.Value!;

        // Past the service, straight into the table, as a buggy import or another program might.
        await using var db = office.NewContext();
        db.ResourceBookings.Add(new ResourceBooking
        {
            AppointmentId = appointment.Id, ResourceId = clinic.DrAlvarez.Id, StartsAt = appointment.StartsAt.AddMinutes(5), EndsAt = appointment.EndsAt.AddMinutes(5),
        });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(BookingService.IsDoubleBooking(refused));

        // Back to back is not an overlap, and an inactive (cancelled) booking does not count.
        await using var again = office.NewContext();
        again.ResourceBookings.Add(new ResourceBooking
        {
            AppointmentId = appointment.Id, ResourceId = clinic.DrAlvarez.Id, StartsAt = appointment.EndsAt, EndsAt = appointment.EndsAt.AddMinutes(20),
        });
        again.ResourceBookings.Add(new ResourceBooking
        {
            AppointmentId = appointment.Id, ResourceId = clinic.DrAlvarez.Id, StartsAt = appointment.StartsAt, EndsAt = appointment.EndsAt, IsActive = false,
        });
        await again.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Fifty_simultaneous_requests_for_one_slot_yield_exactly_one_booking(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var patients = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            patients.Add((await office.RegisterAsync($"Pat{(char)('a' + i % 26)}{(char)('a' + i / 26)}", "Concurrent", new DateOnly(1980, 1, 1).AddDays(i))).Id);
        }

        using var start = new ManualResetEventSlim(false);
        var attempts = patients.Select(patientId => Task.Run(async () =>
        {
            await using var db = office.NewContext();
            var booking = clinic.Booking(db);
            start.Wait();
            return await booking.BookAsync(clinic.FollowUpAt(Tuesday0900, patientId: patientId), ClinicSchedule.Desk);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("StartsAt", r.Errors[0].Field));
        await using var check = office.NewContext();
        Assert.Equal(1, await check.Appointments.CountAsync());
        Assert.Equal(1, await check.ResourceBookings.CountAsync(b => b.ResourceId == clinic.DrAlvarez.Id && b.IsActive));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_frees_the_slot_and_moving_into_a_taken_slot_leaves_the_appointment_where_it_was(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var other = await office.RegisterAsync("Tom", "Hale", new DateOnly(1988, 8, 8));
        var booking = clinic.Booking();
        var first = (await booking.BookAsync(clinic.FollowUpAt(Tuesday0900), ClinicSchedule.Desk)).Value!;
        var second = (await booking.BookAsync(clinic.FollowUpAt(Tuesday0900.AddHours(1), patientId: other.Id), ClinicSchedule.Desk)).Value!;

        var intoTaken = await booking.RescheduleAsync(second.Id, Tuesday0900.AddMinutes(10), null, ClinicSchedule.Desk);
        Assert.False(intoTaken!.Succeeded);
        var noReason = await booking.CancelAsync(first.Id, " ", ClinicSchedule.Desk);
        Assert.Equal("Reason", noReason!.Errors[0].Field);
        Assert.True((await booking.CancelAsync(first.Id, "Patient is travelling", ClinicSchedule.Desk))!.Succeeded);
        var moved = await booking.RescheduleAsync(second.Id, Tuesday0900, null, ClinicSchedule.Desk);

        Assert.True(moved!.Succeeded, string.Join("; ", moved.Errors));
        await using var db = office.NewContext();
        var secondNow = await db.Appointments.Include(a => a.Bookings).SingleAsync(a => a.Id == second.Id);
        Assert.Equal(new DateTime(2026, 3, 17, 14, 0, 0, DateTimeKind.Utc), secondNow.StartsAt);
        Assert.Equal(2, secondNow.Bookings.Count(b => b.IsActive));
        Assert.Equal(AppointmentStatuses.Cancelled, (await db.Appointments.SingleAsync(a => a.Id == first.Id)).Status);
        Assert.Equal(["booked", "rescheduled"], await db.AppointmentChanges.Where(c => c.AppointmentId == second.Id).OrderBy(c => c.Id).Select(c => c.Change).ToListAsync());
        Assert.Equal("Patient is travelling", (await db.AppointmentChanges.SingleAsync(c => c.AppointmentId == first.Id && c.Change == "cancelled")).Detail);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_time_in_the_spring_forward_gap_cannot_be_booked(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);

        // On 2027-03-14 Chicago's clocks jump from 02:00 to 03:00.
        var result = await clinic.Booking().BookAsync(clinic.FollowUpAt(new DateTime(2027, 3, 14, 2, 30, 0)), ClinicSchedule.Desk);

        Assert.False(result.Succeeded);
        Assert.Contains("does not exist", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("spring forward", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_front_desk_moves_a_visit_through_arrived_roomed_and_checked_out_but_not_backwards(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booking = clinic.Booking();
        var appointment = (await booking.BookAsync(clinic.FollowUpAt(Tuesday0900), ClinicSchedule.Desk)).Value!;

        Assert.False((await booking.SetStatusAsync(appointment.Id, AppointmentStatuses.Roomed, ClinicSchedule.Desk))!.Succeeded);
        Assert.True((await booking.SetStatusAsync(appointment.Id, AppointmentStatuses.Arrived, ClinicSchedule.Desk))!.Succeeded);
        var roomed = await booking.SetStatusAsync(appointment.Id, AppointmentStatuses.Roomed, ClinicSchedule.Desk);
        Assert.True(roomed!.Succeeded, string.Join("; ", roomed.Errors));
        Assert.True((await booking.SetStatusAsync(appointment.Id, AppointmentStatuses.CheckedOut, ClinicSchedule.Desk))!.Succeeded);
        var backwards = await booking.SetStatusAsync(appointment.Id, AppointmentStatuses.Arrived, ClinicSchedule.Desk);

        Assert.False(backwards!.Succeeded);
        await using var db = office.NewContext();
        Assert.Equal(["booked", "arrived", "roomed", "checkedout"],
            await db.AppointmentChanges.OrderBy(c => c.Id).Select(c => c.Change).ToListAsync());
    }
}
