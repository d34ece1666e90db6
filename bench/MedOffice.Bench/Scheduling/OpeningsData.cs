using System.Diagnostics;
using System.Globalization;
using MedOffice.Bench.Seeding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MedOffice.Bench.Scheduling;

/// <summary>
/// One busy location for the opening finder: 50 providers and 20 exam rooms in Chicago, a year of follow-ups around the
/// bench's "now" (Monday 2026-03-16 10:00 local). Each provider works two weekdays, so 20 providers share the 20 rooms each
/// day, each in a room of their own for the day; every 20-minute slot of a provider's day is booked with probability 0.8
/// (and a quarter of the rest hold a cancelled booking). Holidays and a vacation week per provider are blocks with no
/// bookings in them. The last provider is fully booked for the 8 weeks after now: the finder's worst case.
/// Bookings never overlap by construction, so the exclusion constraint (PostgreSQL) and trigger (SQLite) stay in place.
/// </summary>
public static class OpeningsData
{
    public const int Version = 1;
    public const int Providers = 50;
    public const int Rooms = 20;
    public const int SlotMinutes = 20;
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly FirstDay = new(2025, 9, 15);
    public static readonly DateOnly LastDay = new(2026, 9, 13);
    private const string TimeZoneId = "America/Chicago";
    private static readonly DateOnly[] Holidays =
        [new(2025, 11, 27), new(2025, 12, 25), new(2026, 1, 1), new(2026, 5, 25), new(2026, 7, 3), new(2026, 9, 7)];

    /// <summary>Names the PostgreSQL database (default bench_openings): a branch with its own migrations keeps its own copy.</summary>
    public const string PostgresDatabaseVariable = "MEDOFFICE_BENCH_OPENINGS_DATABASE";

    public sealed record Seeded(DatabaseOptions Options, int LocationId, int FollowUpTypeId, int[] ProviderResourceIds);

    private static string PostgresDatabase =>
        Environment.GetEnvironmentVariable(PostgresDatabaseVariable) is { Length: > 0 } name
            ? System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$") ? name
                : throw new ArgumentException($"{PostgresDatabaseVariable} must be a plain lower-case name, not '{name}'.")
            : "bench_openings";

    public static async Task<Seeded> EnsureAsync(DatabaseProvider provider, BenchSettings settings, TextWriter log)
    {
        var options = await new CachedDatabase("openings.db", PostgresDatabase, "bench_openings_seed", Version)
            .EnsureAsync(provider, settings, seed => SeedAsync(seed, log));
        await using var db = DataServices.CreateContext(options);
        var location = await db.Locations.Where(l => l.Name == "Bench Clinic").Select(l => l.Id).SingleAsync();
        var type = await db.AppointmentTypes.Where(t => t.Name == "Follow-up").Select(t => t.Id).SingleAsync();
        var providers = await db.SchedulableResources.Where(r => r.Kind == ResourceKinds.Provider).OrderBy(r => r.Name).Select(r => r.Id).ToArrayAsync();
        return new Seeded(options, location, type, providers);
    }

    private static async Task SeedAsync(DatabaseOptions options, TextWriter log)
    {
        var started = Stopwatch.GetTimestamp();
        log.WriteLine($"Seeding {options.Provider} openings database (50 providers, 20 rooms, a year of bookings) ...");
        await using var db = DataServices.CreateContext(options);
        await SchemaMigrator.MigrateAsync(db);

        var organization = new Organization { Name = "Bench Health" };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Bench Clinic", AddressLine1 = "1 Bench St", City = "Chicago", State = "IL",
            PostalCode = "60601", TimeZoneId = TimeZoneId,
        };
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        var providers = Enumerable.Range(0, Providers).Select(i => new SchedulableResource
        {
            Kind = ResourceKinds.Provider, Name = $"Dr. Provider {i:D2}", LocationId = location.Id,
        }).ToList();
        var rooms = Enumerable.Range(0, Rooms).Select(i => new SchedulableResource
        {
            Kind = ResourceKinds.Room, Name = $"Exam {i:D2}", Category = "Exam", LocationId = location.Id,
        }).ToList();
        db.SchedulableResources.AddRange(providers);
        db.SchedulableResources.AddRange(rooms);
        var followUp = new AppointmentType
        {
            Name = "Follow-up", DurationMinutes = SlotMinutes,
            Requirements = [new() { Kind = ResourceKinds.Provider }, new() { Kind = ResourceKinds.Room, Category = "Exam" }],
        };
        db.AppointmentTypes.Add(followUp);
        var patients = Enumerable.Range(0, 500).Select(i =>
        {
            var patient = new Patient
            {
                Mrn = (90_000_000 + i).ToString(CultureInfo.InvariantCulture), LegalFirstName = "Bench", LegalLastName = $"Patient{i}",
                SexAtBirth = SexesAtBirth.Unknown, DateOfBirth = new DateOnly(1960, 1, 1).AddDays(i * 37),
                CreatedAt = Now.UtcDateTime, UpdatedAt = Now.UtcDateTime,
            };
            patient.RefreshSearchKeys();
            return patient;
        }).ToList();
        db.Patients.AddRange(patients);
        await db.SaveChangesAsync();

        foreach (var (resource, index) in providers.Select((p, i) => (p, i)))
        {
            foreach (var day in WorkDays(index))
            {
                AddHours(db, resource.Id, location.Id, day);
            }
        }
        foreach (var room in rooms)
        {
            for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
            {
                AddHours(db, room.Id, location.Id, day);
            }
        }
        var random = new Random(20260316);
        var vacations = providers.Select(_ => FirstDay.AddDays(7 * random.Next(0, 52))).ToArray();
        foreach (var holiday in Holidays)
        {
            db.ScheduleBlocks.Add(new ScheduleBlock
            {
                LocationId = location.Id, Kind = BlockKinds.Holiday, Reason = "Clinic closed",
                StartsAt = Utc(holiday, 0), EndsAt = Utc(holiday.AddDays(1), 0),
            });
        }
        for (var i = 0; i < Providers; i++)
        {
            db.ScheduleBlocks.Add(new ScheduleBlock
            {
                ResourceId = providers[i].Id, Kind = BlockKinds.Vacation, Reason = "Vacation",
                StartsAt = Utc(vacations[i], 0), EndsAt = Utc(vacations[i].AddDays(7), 0),
            });
        }
        await db.SaveChangesAsync();

        // Generate in descending time, so SQLite's overlap trigger finds no later booking to walk past on each insert.
        var appointments = new List<(int Id, int PatientId, DateTime Start, bool Active, int Provider, int Room)>();
        var nowUtc = Now.UtcDateTime;
        var fullyBookedUntil = DateOnly.FromDateTime(nowUtc).AddDays(57);
        for (var day = LastDay; day >= FirstDay; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays.Contains(day))
            {
                continue;
            }
            for (var p = Providers - 1; p >= 0; p--)
            {
                if (!WorkDays(p).Contains(day.DayOfWeek) || (day >= vacations[p] && day < vacations[p].AddDays(7)))
                {
                    continue;
                }
                var room = RoomOf(p, day.DayOfWeek);
                var fullyBooked = p == Providers - 1 && day < fullyBookedUntil;
                foreach (var minute in SlotStarts().Reverse())
                {
                    var roll = random.NextDouble();
                    if (fullyBooked || roll < 0.8)
                    {
                        appointments.Add((appointments.Count + 1, patients[random.Next(patients.Count)].Id, Utc(day, minute), true, providers[p].Id, rooms[room].Id));
                    }
                    else if (roll < 0.85)
                    {
                        appointments.Add((appointments.Count + 1, patients[random.Next(patients.Count)].Id, Utc(day, minute), false, providers[p].Id, rooms[room].Id));
                    }
                }
            }
        }
        log.WriteLine($"  {appointments.Count:N0} appointments ({appointments.Count(a => a.Active):N0} active), {appointments.Count * 2:N0} resource bookings");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            SqliteInsert(options, location.Id, followUp.Id, appointments);
        }
        else
        {
            await PostgresCopyAsync(options, location.Id, followUp.Id, appointments);
        }
        log.WriteLine($"  done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    // Provider p works weekdays p % 5 and the next one: each weekday then has exactly 20 providers, one per room.
    private static DayOfWeek[] WorkDays(int provider) => [(DayOfWeek)(provider % 5 + 1), (DayOfWeek)((provider + 1) % 5 + 1)];

    private static int RoomOf(int provider, DayOfWeek day) => (DayOfWeek)(provider % 5 + 1) == day ? provider / 5 : 10 + provider / 5;

    private static IEnumerable<int> SlotStarts()
    {
        for (var minute = 8 * 60; minute < 12 * 60; minute += SlotMinutes)
        {
            yield return minute;
        }
        for (var minute = 13 * 60; minute < 17 * 60; minute += SlotMinutes)
        {
            yield return minute;
        }
    }

    private static DateTime Utc(DateOnly day, int minute) =>
        LocalTimes.ToUtc(day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute), TimeZoneId)!.Value;

    private static void AddHours(MedOfficeDb db, int resourceId, int locationId, DayOfWeek day)
    {
        db.WorkingHours.Add(new WorkingHours { ResourceId = resourceId, LocationId = locationId, DayOfWeek = day, StartsAt = new(8, 0), EndsAt = new(12, 0) });
        db.WorkingHours.Add(new WorkingHours { ResourceId = resourceId, LocationId = locationId, DayOfWeek = day, StartsAt = new(13, 0), EndsAt = new(17, 0) });
    }

    private static void SqliteInsert(DatabaseOptions options, int locationId, int typeId,
        List<(int Id, int PatientId, DateTime Start, bool Active, int Provider, int Room)> appointments)
    {
        var path = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = false, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var appointment = connection.CreateCommand();
        appointment.Transaction = transaction;
        appointment.CommandText = """
            INSERT INTO "Appointments" ("Id", "PatientId", "LocationId", "AppointmentTypeId", "StartsAt", "EndsAt", "Status", "CreatedAt", "UpdatedAt")
            VALUES ($id, $patient, $location, $type, $start, $end, $status, $created, $created)
            """;
        var aId = appointment.Parameters.Add("$id", SqliteType.Integer);
        var aPatient = appointment.Parameters.Add("$patient", SqliteType.Integer);
        appointment.Parameters.AddWithValue("$location", locationId);
        appointment.Parameters.AddWithValue("$type", typeId);
        var aStart = appointment.Parameters.Add("$start", SqliteType.Text);
        var aEnd = appointment.Parameters.Add("$end", SqliteType.Text);
        var aStatus = appointment.Parameters.Add("$status", SqliteType.Text);
        appointment.Parameters.AddWithValue("$created", SqliteText(Now.UtcDateTime.AddDays(-200)));
        appointment.Prepare();
        using var booking = connection.CreateCommand();
        booking.Transaction = transaction;
        booking.CommandText = """
            INSERT INTO "ResourceBookings" ("AppointmentId", "ResourceId", "StartsAt", "EndsAt", "IsActive") VALUES ($appointment, $resource, $start, $end, $active)
            """;
        var bAppointment = booking.Parameters.Add("$appointment", SqliteType.Integer);
        var bResource = booking.Parameters.Add("$resource", SqliteType.Integer);
        var bStart = booking.Parameters.Add("$start", SqliteType.Text);
        var bEnd = booking.Parameters.Add("$end", SqliteType.Text);
        var bActive = booking.Parameters.Add("$active", SqliteType.Integer);
        booking.Prepare();
        foreach (var a in appointments)
        {
            var start = SqliteText(a.Start);
            var end = SqliteText(a.Start.AddMinutes(SlotMinutes));
            aId.Value = a.Id;
            aPatient.Value = a.PatientId;
            aStart.Value = start;
            aEnd.Value = end;
            aStatus.Value = a.Active ? AppointmentStatuses.Booked : AppointmentStatuses.Cancelled;
            appointment.ExecuteNonQuery();
            foreach (var resource in new[] { a.Provider, a.Room })
            {
                bAppointment.Value = a.Id;
                bResource.Value = resource;
                bStart.Value = start;
                bEnd.Value = end;
                bActive.Value = a.Active ? 1 : 0;
                booking.ExecuteNonQuery();
            }
        }
        using (var seed = connection.CreateCommand())
        {
            seed.Transaction = transaction;
            seed.CommandText = $"CREATE TABLE bench_openings_seed (seed_version INTEGER NOT NULL); INSERT INTO bench_openings_seed VALUES ({Version});";
            seed.ExecuteNonQuery();
        }
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
    }

    // EF Core's SQLite text form of a DateTime, so string comparison in SQL orders it as EF's own parameters do.
    private static string SqliteText(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task PostgresCopyAsync(DatabaseOptions options, int locationId, int typeId,
        List<(int Id, int PatientId, DateTime Start, bool Active, int Provider, int Room)> appointments)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        var created = Now.UtcDateTime.AddDays(-200);
        using (var writer = connection.BeginBinaryImport(
            "COPY \"Appointments\" (\"Id\", \"PatientId\", \"LocationId\", \"AppointmentTypeId\", \"StartsAt\", \"EndsAt\", \"Status\", \"CreatedAt\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in appointments)
            {
                writer.StartRow();
                writer.Write(a.Id, NpgsqlDbType.Integer);
                writer.Write(a.PatientId, NpgsqlDbType.Integer);
                writer.Write(locationId, NpgsqlDbType.Integer);
                writer.Write(typeId, NpgsqlDbType.Integer);
                writer.Write(a.Start, NpgsqlDbType.TimestampTz);
                writer.Write(a.Start.AddMinutes(SlotMinutes), NpgsqlDbType.TimestampTz);
                writer.Write(a.Active ? AppointmentStatuses.Booked : AppointmentStatuses.Cancelled, NpgsqlDbType.Varchar);
                writer.Write(created, NpgsqlDbType.TimestampTz);
                writer.Write(created, NpgsqlDbType.TimestampTz);
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport(
            "COPY \"ResourceBookings\" (\"AppointmentId\", \"ResourceId\", \"StartsAt\", \"EndsAt\", \"IsActive\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in appointments)
            {
                foreach (var resource in new[] { a.Provider, a.Room })
                {
                    writer.StartRow();
                    writer.Write(a.Id, NpgsqlDbType.Integer);
                    writer.Write(resource, NpgsqlDbType.Integer);
                    writer.Write(a.Start, NpgsqlDbType.TimestampTz);
                    writer.Write(a.Start.AddMinutes(SlotMinutes), NpgsqlDbType.TimestampTz);
                    writer.Write(a.Active, NpgsqlDbType.Boolean);
                }
            }
            writer.Complete();
        }
        foreach (var sql in new[]
        {
            "SELECT setval(pg_get_serial_sequence('\"Appointments\"', 'Id'), (SELECT max(\"Id\") FROM \"Appointments\"))",
            "VACUUM ANALYZE",
            $"CREATE TABLE bench_openings_seed (seed_version integer NOT NULL); INSERT INTO bench_openings_seed VALUES ({Version})",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
    }
}
