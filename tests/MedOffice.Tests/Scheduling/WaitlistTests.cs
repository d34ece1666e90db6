using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Scheduling;

public class WaitlistTests
{
    // Tuesday 2026-03-17 14:00 in Chicago (CDT) is 19:00 UTC: an afternoon slot.
    private static readonly DateTime TuesdayAfternoon = new(2026, 3, 17, 14, 0, 0);
    private static readonly DateOnly Today = new(2026, 3, 16);

    private static WaitlistService Waitlist(ClinicSchedule clinic) => new(clinic.Office.Db, clinic.Booking(), clinic.Office.Audit, clinic.Office.Clock);

    private static async Task<WaitlistEntry> AddAsync(ClinicSchedule clinic, string first, AppointmentType? type = null, SchedulableResource? provider = null,
        string partOfDay = PartsOfDay.Any, DateOnly? earliest = null, int? patientId = null)
    {
        patientId ??= (await clinic.Office.RegisterAsync(first, "Waiting", new DateOnly(1980, 1, 1))).Id;
        var added = await Waitlist(clinic).AddAsync(new AddToWaitlist(patientId.Value, (type ?? clinic.FollowUp).Id, clinic.Location.Id,
            earliest ?? Today, Today.AddDays(30), partOfDay, provider?.Id), ClinicSchedule.Desk);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        clinic.Office.Clock.Advance(TimeSpan.FromMinutes(1)); // first come, first listed
        return added.Value!;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_cancelled_slot_lists_the_waiting_patients_who_fit_it_first_come_first(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booking = clinic.Booking();
        var freed = (await booking.BookAsync(clinic.FollowUpAt(TuesdayAfternoon), ClinicSchedule.Desk)).Value!;
        Assert.True((await booking.CancelAsync(freed.Id, "Feeling better", ClinicSchedule.Desk))!.Succeeded);

        var anyone = await AddAsync(clinic, "Ana");
        var alvarezAfternoons = await AddAsync(clinic, "Ben", provider: clinic.DrAlvarez, partOfDay: PartsOfDay.Afternoon);
        var mornings = await AddAsync(clinic, "Cal", partOfDay: PartsOfDay.Morning);
        var okafor = await AddAsync(clinic, "Dee", provider: clinic.DrOkafor);
        var tooLong = await AddAsync(clinic, "Eve", type: clinic.UltrasoundScan);
        var notYet = await AddAsync(clinic, "Fay", earliest: new DateOnly(2026, 4, 1));
        var herself = await AddAsync(clinic, "Rosa", patientId: clinic.Patient.Id);
        var removed = await AddAsync(clinic, "Gus");
        Assert.True((await Waitlist(clinic).RemoveAsync(removed.Id, ClinicSchedule.Desk))!.Succeeded);

        var fits = await Waitlist(clinic).FitsAsync(freed.Id);

        Assert.Equal([anyone.Id, alvarezAfternoons.Id], fits!.Select(f => f.Entry.Id));
        Assert.Equal(("Waiting, Ana", "Follow-up", 20), (fits![0].PatientName, fits![0].AppointmentTypeName, fits![0].DurationMinutes));

        // A given half-hour morning slot with Dr. Okafor on Wednesday (09:00 CDT = 14:00 UTC).
        var morningStart = new DateTime(2026, 3, 18, 14, 0, 0, DateTimeKind.Utc);
        var morning = await Waitlist(clinic).FitsAsync(new FreeSlot(clinic.Location.Id, morningStart, morningStart.AddMinutes(30), clinic.DrOkafor.Id));
        Assert.Equal([anyone.Id, mornings.Id, okafor.Id, tooLong.Id, herself.Id], morning.Select(f => f.Entry.Id));
        Assert.DoesNotContain(morning, f => f.Entry.Id == notYet.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_offered_slot_is_booked_from_the_waitlist_and_the_entry_marked_booked(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var booking = clinic.Booking();
        var freed = (await booking.BookAsync(clinic.FollowUpAt(TuesdayAfternoon), ClinicSchedule.Desk)).Value!;
        var entry = await AddAsync(clinic, "Ben", provider: clinic.DrAlvarez, partOfDay: PartsOfDay.Afternoon);
        var waitlist = Waitlist(clinic);
        Assert.True((await booking.CancelAsync(freed.Id, "Feeling better", ClinicSchedule.Desk))!.Succeeded);

        var offered = await waitlist.OfferAsync(entry.Id, freed.StartsAt, ClinicSchedule.Desk);
        Assert.True(offered!.Succeeded);
        Assert.Empty((await waitlist.FitsAsync(freed.Id))!); // offered, no longer waiting
        var booked = await waitlist.BookFromWaitlistAsync(entry.Id, localStart: null, ClinicSchedule.Desk);

        Assert.True(booked!.Succeeded, string.Join("; ", booked.Errors));
        await using var db = office.NewContext();
        var appointment = await db.Appointments.Include(a => a.Bookings).SingleAsync(a => a.Id == booked.Value!.Id);
        Assert.Equal((entry.PatientId, new DateTime(2026, 3, 17, 19, 0, 0, DateTimeKind.Utc)), (appointment.PatientId, appointment.StartsAt));
        Assert.Contains(appointment.Bookings, b => b.ResourceId == clinic.DrAlvarez.Id && b.IsActive);
        var stored = await db.WaitlistEntries.SingleAsync(e => e.Id == entry.Id);
        Assert.Equal((WaitlistStatuses.Booked, appointment.Id, "frontdesk"), (stored.Status, stored.BookedAppointmentId!.Value, stored.OfferedBy));
        Assert.Equal(freed.StartsAt, stored.OfferedStartsAt);
        Assert.NotNull(stored.OfferedAt);
        Assert.False((await waitlist.BookFromWaitlistAsync(entry.Id, null, ClinicSchedule.Desk))!.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Booking_an_offer_whose_time_is_gone_leaves_the_entry_offered(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var entry = await AddAsync(clinic, "Ben", provider: clinic.DrAlvarez);
        var waitlist = Waitlist(clinic);
        var slot = LocalTimes.ToUtc(TuesdayAfternoon, clinic.Location.TimeZoneId)!.Value;
        Assert.True((await waitlist.OfferAsync(entry.Id, slot, ClinicSchedule.Desk))!.Succeeded);
        // Someone else took the time before the patient called back.
        Assert.True((await clinic.Booking().BookAsync(clinic.FollowUpAt(TuesdayAfternoon), ClinicSchedule.Desk)).Succeeded);

        var booked = await waitlist.BookFromWaitlistAsync(entry.Id, null, ClinicSchedule.Desk);

        Assert.False(booked!.Succeeded);
        Assert.Contains("Dr. Alvarez is already booked", booked.Errors[0].Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Equal(WaitlistStatuses.Offered, (await db.WaitlistEntries.SingleAsync()).Status);
        Assert.Equal(1, await db.Appointments.CountAsync());
    }
}
