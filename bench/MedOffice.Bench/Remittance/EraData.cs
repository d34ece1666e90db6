using System.Diagnostics;
using System.Globalization;
using MedOffice.Bench.Seeding;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Patients;
using MedOffice.Practice;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedOffice.Bench.Remittance;

/// <summary>How big the bench office is: the standard one has the goal's 100,000 claim lines; the large one makes a ~50 MB 835.</summary>
public sealed record EraOffice(string Name, int Patients, int Claims)
{
    public static readonly EraOffice Standard = new("standard", 20_000, 40_000);
    public static readonly EraOffice Large = new("large", 50_000, 100_000);

    /// <summary>Each claim has 1–4 lines in turn: 2.5 on average.</summary>
    public int Lines => Claims / 4 * 10;

    internal CachedDatabase Cache => this == Standard
        ? new("era.db", "bench_era", "bench_era_seed", EraData.Version)
        : new($"era-{Name}.db", $"bench_era_{Name}", $"bench_era_{Name}_seed", EraData.Version);
}

/// <summary>
/// A billing office with claims out for an 835 to pay: for the standard office 20,000 patients (primary coverage with one
/// of four payers), and 40,000 released charge sheets each with its sent primary claim of 1–4 lines (100,000 claim lines).
/// Cached as <c>data/era.db</c> and PostgreSQL database <c>bench_era</c> (the large one: <c>era-large.db</c>,
/// <c>bench_era_large</c>); every run posts into a fresh copy of it.
/// </summary>
public static class EraData
{
    public const int Version = 2;
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 15, 0, 0, TimeSpan.Zero);
    internal static readonly string[] Procedures = ["99213", "99214", "36415", "85025", "80053", "93000", "97110", "90471", "83036", "87880"];
    private const string RunDatabase = "bench_era_run";
    /// <summary>A fresh copy of the seeded database to post into (the seeded one is never changed).</summary>
    public static async Task<DatabaseOptions> FreshCopyAsync(EraOffice office, DatabaseProvider provider, BenchSettings settings, TextWriter log)
    {
        var seeded = await office.Cache.EnsureAsync(provider, settings, options => SeedAsync(office, options, log));
        if (provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(seeded.ConnectionString).DataSource;
            var copy = Path.Combine(settings.DataPath, "era-run.db");
            CachedDatabase.DeleteSqlite(copy);
            File.Copy(source, copy);
            return DatabaseOptions.SqliteFile(copy);
        }
        var server = settings.PostgresServer!;
        NpgsqlConnection.ClearAllPools();
        await CachedDatabase.ExecuteAsync(server, $"DROP DATABASE IF EXISTS {RunDatabase} WITH (FORCE)", $"CREATE DATABASE {RunDatabase} TEMPLATE {office.Cache.PostgresDatabase}");
        return new DatabaseOptions(DatabaseProvider.Postgres, Seeding.PostgresSeeder.ConnectionStringFor(server, RunDatabase));
    }

    /// <summary>
    /// EF with change detection off, saved 2,000 sheets (or claims) at a time and the tracker cleared in between: about
    /// 400,000 rows in 20–40 s here, once; later runs copy the cached database.
    /// </summary>
    private static async Task SeedAsync(EraOffice office, DatabaseOptions options, TextWriter log)
    {
        var (patientCount, claimCount) = (office.Patients, office.Claims);
        var started = Stopwatch.GetTimestamp();
        log.WriteLine($"Seeding {options.Provider} 835 database ({patientCount:N0} patients, {claimCount:N0} claims, {office.Lines:N0} claim lines) ...");
        await using var db = DataServices.CreateContext(options);
        await SchemaMigrator.MigrateAsync(db);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var created = Now.UtcDateTime.AddDays(-20);

        var organization = new Organization { Name = "Bench Family Medicine", TaxId = "362345678", BillingNpi = "1234567893" };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Bench Clinic", AddressLine1 = "1 Bench St", City = "Chicago", State = "IL", PostalCode = "60601",
            TimeZoneId = "America/Chicago",
        };
        var doctor = new Provider { OrganizationId = organization.Id, FirstName = "Ana", LastName = "Ferreira", Npi = "1982765437" };
        var payers = new[] { "AETNA", "BLUE CROSS", "UNITED HEALTHCARE", "CIGNA" }
            .Select((name, i) => new Payer { Name = name, PayerIdentifier = $"6005{i}" }).ToArray();
        db.AddRange(location, doctor);
        db.Payers.AddRange(payers);
        await db.SaveChangesAsync();

        var patients = new List<Patient>(patientCount);
        for (var i = 0; i < patientCount; i += 2000)
        {
            var chunk = Enumerable.Range(i, Math.Min(2000, patientCount - i)).Select(n =>
            {
                var patient = new Patient
                {
                    Mrn = (70_000_000 + n).ToString(CultureInfo.InvariantCulture), LegalFirstName = FirstNames[n % FirstNames.Length],
                    LegalLastName = LastNames[n / FirstNames.Length % LastNames.Length] + (n / (FirstNames.Length * LastNames.Length) is var k and > 0 ? k.ToString(CultureInfo.InvariantCulture) : ""),
                    SexAtBirth = n % 2 == 0 ? SexesAtBirth.Female : SexesAtBirth.Male, DateOfBirth = new DateOnly(1940, 1, 1).AddDays(n * 7 % 25_000),
                    CreatedAt = created, UpdatedAt = created,
                };
                patient.RefreshSearchKeys();
                return patient;
            }).ToList();
            db.Patients.AddRange(chunk);
            await db.SaveChangesAsync();
            db.Coverages.AddRange(chunk.Select((p, j) => new Coverage
            {
                PatientId = p.Id, PayerId = payers[(i + j) % payers.Length].Id, MemberId = $"W{i + j:D9}", MemberIdKey = $"W{i + j:D9}",
                SubscriberFirstName = p.LegalFirstName, SubscriberLastName = p.LegalLastName, SubscriberDateOfBirth = p.DateOfBirth,
                SubscriberSex = p.SexAtBirth == SexesAtBirth.Female ? "F" : "M", EffectiveOn = new DateOnly(2025, 1, 1), CreatedAt = created, UpdatedAt = created,
            }));
            await db.SaveChangesAsync();
            patients.AddRange(chunk);
            db.ChangeTracker.Clear();
        }
        var coverages = await db.Coverages.AsNoTracking().ToDictionaryAsync(c => c.PatientId, c => (c.Id, c.PayerId));

        for (var i = 0; i < claimCount; i += 2000)
        {
            var sheets = Enumerable.Range(i, Math.Min(2000, claimCount - i)).Select(n => new ChargeSheet
            {
                PatientId = patients[n % patientCount].Id, LocationId = location.Id, DateOfService = new DateOnly(2026, 1, 5).AddDays(n % 60),
                RenderingProviderId = doctor.Id, PlaceOfServiceCode = "11", Status = ChargeSheetStatuses.Released, CreatedAt = created, CreatedBy = "biller",
                ReleasedAt = created, ReleasedBy = "biller",
                Diagnoses = [new ChargeDiagnosis { Sequence = 1, Code = "I10" }],
                Lines = Enumerable.Range(0, 1 + n % 4).Select(l => new ChargeLine
                {
                    LineNumber = l + 1, ProcedureCode = Procedures[(n + l) % Procedures.Length], Amount = 40m + (n * 7 + l * 13) % 200,
                    Modifier1 = (n + l) % 9 == 0 ? "25" : "", DiagnosisPointers = "1",
                }).ToList(),
            }).ToList();
            db.ChargeSheets.AddRange(sheets);
            await db.SaveChangesAsync();
            db.Claims.AddRange(sheets.Select((s, j) => new Claim
            {
                ClaimNumber = ClaimNumber(i + j), ChargeSheetId = s.Id, PatientId = s.PatientId, CoverageId = coverages[s.PatientId].Id,
                PayerId = coverages[s.PatientId].PayerId, PayerSequence = "P", DateOfService = s.DateOfService, TotalCharge = s.Lines.Sum(l => l.Amount),
                Status = ClaimStatuses.Sent, CreatedAt = created, UpdatedAt = created,
                Lines = s.Lines.Select(l => new ClaimLine
                {
                    LineNumber = l.LineNumber, ChargeLineId = l.Id, ProcedureCode = l.ProcedureCode, Modifiers = l.Modifier1, Units = 1, Amount = l.Amount,
                    DiagnosisPointers = "1",
                }).ToList(),
            }));
            // Releasing a sheet puts its charges on the ledger (ChargeEntry.ReleaseAsync), before any claim exists.
            db.LedgerEntries.AddRange(sheets.SelectMany(s => s.Lines.Select(l => new LedgerEntry
            {
                PatientId = s.PatientId, ChargeLineId = l.Id, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance, Amount = l.Amount,
                IdempotencyKey = PatientLedger.ChargeKey(l.Id), PostedAt = created, PostedBy = "biller",
            })));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        await office.Cache.MarkSeededAsync(db);
        await db.Database.ExecuteSqlRawAsync(options.Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE");
        log.WriteLine($"  done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    public static string ClaimNumber(int n) => "B" + n.ToString("D8", CultureInfo.InvariantCulture);

    private static readonly string[] FirstNames = ["ODETTE", "JAMES", "MARIA", "ROBERT", "LINDA", "DAVID", "SUSAN", "JOSE", "KAREN", "WEI", "FATIMA", "IVAN", "AMARA", "NOAH", "EMMA", "LIAM", "OLIVIA", "LUCAS", "MIA", "ETHAN"];
    private static readonly string[] LastNames = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ", "NGUYEN", "KOWALCZYK", "OKAFOR", "MARCHETTI", "FERREIRA", "PATEL", "KIM", "COHEN", "SILVA", "MULLER"];
}
