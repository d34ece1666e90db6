using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Infrastructure;

/// <summary>
/// A migrated database with the real services built on one context, as one request of the app would see them.
/// Tests read results back through <see cref="NewContext"/>, so they see what was committed, not what the context tracks.
/// </summary>
public sealed class TestOffice : IAsyncDisposable
{
    public static readonly Actor FrontDesk = new(7, "frontdesk", "10.0.0.5");

    private TestOffice(TestDatabase database, TestClock clock)
    {
        Database = database;
        Clock = clock;
        Db = database.NewContext();
        Audit = new AuditTrail(Db, clock);
        Accounts = new UserAccounts(Db, Audit, clock);
        Files = new FileStore(Db, new DataDirectory(database.DataDirectory), clock);
        Registry = new PatientRegistry(Db, Audit, Files, Live, clock);
        Search = new PatientSearch(Db, Audit, clock);
    }

    /// <summary>What the registry tells open screens; a test subscribes here to see it.</summary>
    public MedOffice.Live.InProcessLiveUpdates Live { get; } = new();
    public TestDatabase Database { get; }
    public TestClock Clock { get; }
    public MedOfficeDb Db { get; }
    public AuditTrail Audit { get; }
    public UserAccounts Accounts { get; }
    public FileStore Files { get; }
    public PatientRegistry Registry { get; }
    public PatientSearch Search { get; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public static async Task<TestOffice> CreateAsync(DatabaseProvider provider) =>
        new(await TestDatabase.CreateAsync(provider), TestClock.At(2026, 3, 16, 15));

    public MedOfficeDb NewContext() => Database.NewContext();

    public async Task<Payer> AddPayerAsync(string name = "Aetna", bool requiresMemberId = true)
    {
        var payer = new Payer { Name = name, PayerIdentifier = $"P{Guid.NewGuid():N}"[..12], RequiresMemberId = requiresMemberId };
        Db.Payers.Add(payer);
        await Db.SaveChangesAsync();
        return payer;
    }

    public static PatientDetails Adult(string first, string last, DateOnly dateOfBirth, string? mobilePhone = null) => new()
    {
        LegalFirstName = first,
        LegalLastName = last,
        DateOfBirth = dateOfBirth,
        SexAtBirth = SexesAtBirth.Unknown,
        MobilePhone = mobilePhone,
    };

    /// <summary>Registers a patient the test needs as data; duplicates are acknowledged so look-alikes can be set up on purpose.</summary>
    public async Task<Patient> RegisterAsync(string first, string last, DateOnly dateOfBirth, string? mobilePhone = null)
    {
        var result = await Registry.RegisterAsync(Adult(first, last, dateOfBirth, mobilePhone), acknowledgeDuplicates: true, FrontDesk);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    public async Task<Coverage> AddCoverageAsync(int patientId, Payer payer, string memberId, int priority = CoveragePriorities.Primary,
        DateOnly? effectiveOn = null, DateOnly? endsOn = null)
    {
        var result = await Registry.AddCoverageAsync(patientId, new CoverageDetails
        {
            PayerId = payer.Id, MemberId = memberId, Priority = priority, EffectiveOn = effectiveOn ?? new DateOnly(2025, 1, 1), EndsOn = endsOn,
        }, FrontDesk);
        Assert.NotNull(result);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    /// <summary>The committed audit rows, oldest first.</summary>
    public async Task<List<AuditEvent>> AuditRowsAsync()
    {
        await using var db = NewContext();
        return await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await Database.DisposeAsync();
    }
}
