using Bogus;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Demo;

/// <summary>
/// The demo practice's calendar: a resource per provider and exam room, an ECG cart and an ultrasound machine, weekday
/// hours with a lunch break (Samuel Brooks at North on Tuesdays and Thursdays), four visit types, and about two weeks of
/// visits from today booked through the real booking service, so every demo appointment obeys the same rules as a real one.
/// </summary>
internal static class DemoSchedule
{
    public const string Physical = "New patient physical";
    public const string FollowUp = "Follow-up";
    public const string Ecg = "ECG";
    public const string Ultrasound = "Ultrasound";
    public const int Days = 14;

    private static readonly (TimeOnly From, TimeOnly To)[] Day = [(new(8, 0), new(12, 0)), (new(13, 0), new(17, 0))];

    public static async Task LoadAsync(MedOfficeDb db, AuditTrail audit, TimeProvider time, Location main, Location north, IReadOnlyList<Provider> providers,
        IReadOnlyList<Room> rooms, Faker faker, Actor actor, CancellationToken cancellationToken)
    {
        var providerResources = providers.Select(p => new SchedulableResource
        {
            Kind = ResourceKinds.Provider, Name = p.FullName, LocationId = main.Id, ProviderId = p.Id,
        }).ToList();
        var roomResources = rooms.Select(r => new SchedulableResource
        {
            Kind = ResourceKinds.Room, Name = r.Name, Category = "Exam", LocationId = r.LocationId, RoomId = r.Id,
        }).ToList();
        var ecg = new SchedulableResource { Kind = ResourceKinds.Equipment, Name = "ECG cart", Category = "ECG", LocationId = main.Id };
        var ultrasound = new SchedulableResource { Kind = ResourceKinds.Equipment, Name = "Ultrasound", Category = "Ultrasound", LocationId = main.Id };
        db.SchedulableResources.AddRange([.. providerResources, .. roomResources, ecg, ultrasound]);
        await db.SaveChangesAsync(cancellationToken);

        // The last provider (the nurse practitioner) covers North on Tuesdays and Thursdays; North's room opens those days.
        var traveller = providerResources[^1];
        DayOfWeek[] northDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday];
        foreach (var resource in db.SchedulableResources.Local)
        {
            for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
            {
                var at = resource.LocationId == north.Id || (resource == traveller && northDays.Contains(day)) ? north : main;
                if (at == north && !northDays.Contains(day))
                {
                    continue;
                }
                foreach (var (from, to) in Day)
                {
                    db.WorkingHours.Add(new WorkingHours { ResourceId = resource.Id, LocationId = at.Id, DayOfWeek = day, StartsAt = from, EndsAt = to });
                }
            }
        }
        AppointmentType Type(string name, int minutes, string color, string kind, string category) => new()
        {
            Name = name, DurationMinutes = minutes, Color = color,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = kind, Category = category }],
        };
        var types = new[]
        {
            Type(Physical, 40, "#8e44ad", ResourceKinds.Room, "Exam"),
            Type(FollowUp, 20, "#2f80ed", ResourceKinds.Room, "Exam"),
            Type(Ecg, 15, "#e67e22", ResourceKinds.Equipment, "ECG"),
            Type(Ultrasound, 30, "#16a085", ResourceKinds.Equipment, "Ultrasound"),
        };
        db.AppointmentTypes.AddRange(types);
        await db.SaveChangesAsync(cancellationToken);
        var resourceCount = db.SchedulableResources.Local.Count;
        db.ChangeTracker.Clear();

        var booked = await BookTwoWeeksAsync(db, audit, time, main, north, providerResources, traveller, types, faker, actor, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule,
            Detail: $"demo schedule loaded: {resourceCount} resources, {types.Length} visit types, {booked} appointments"), cancellationToken);
    }

    private static async Task<int> BookTwoWeeksAsync(MedOfficeDb db, AuditTrail audit, TimeProvider time, Location main, Location north,
        List<SchedulableResource> providers, SchedulableResource traveller, AppointmentType[] types, Faker faker, Actor actor, CancellationToken cancellationToken)
    {
        var booking = new BookingService(db, new Availability(db), audit, time);
        // A third of the patients have visits; each comes round again only after all the others, so nobody is double-booked.
        var patients = faker.Random.Shuffle(await db.Patients.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken)).Take(100).ToList();
        var next = 0;
        var today = LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, main.TimeZoneId);
        var weights = new[] { 0.15f, 0.6f, 0.15f, 0.1f };
        var booked = 0;
        for (var offset = 0; offset < Days; offset++)
        {
            var date = today.AddDays(offset);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var provider in providers)
            {
                var location = provider == traveller && date.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday ? north : main;
                foreach (var (from, to) in Day)
                {
                    // Book about a fifth of the 20-minute starts, leaving most of each session open, so the demo has free time to book into.
                    for (var start = from; start < to; start = start.AddMinutes(20))
                    {
                        if (!faker.Random.Bool(0.2f))
                        {
                            continue;
                        }
                        var type = location == north ? types[1] : faker.Random.WeightedRandom(types, weights);
                        if (start.AddMinutes(type.DurationMinutes) > to)
                        {
                            continue;
                        }
                        var result = await booking.BookAsync(new BookAppointment(patients[next % patients.Count], type.Id, location.Id,
                            date.ToDateTime(start), provider.Id), actor, cancellationToken);
                        if (result.Succeeded)
                        {
                            booked++;
                            next++;
                            start = start.AddMinutes(type.DurationMinutes - 20);
                            db.ChangeTracker.Clear();
                        }
                    }
                }
            }
        }
        return booked;
    }
}
