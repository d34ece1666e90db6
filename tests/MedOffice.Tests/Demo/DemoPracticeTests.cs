using MedOffice.Data;
using MedOffice.Demo;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Demo;

public class DemoPracticeTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_demo_practice_loads_once_into_an_empty_database(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var demo = new DemoPractice(office.Db, office.Accounts, office.Audit, office.Clock, new DataDirectory(office.Database.DataDirectory));

        var users = await demo.LoadIfEmptyAsync();

        Assert.NotNull(users);
        Assert.Equal(5, users.UserNames.Count);
        Assert.True(users.Password.Length >= UserAccounts.MinimumPasswordLength);
        await using (var db = office.NewContext())
        {
            Assert.Equal(1, await db.Organizations.CountAsync());
            Assert.Equal(2, await db.Locations.CountAsync());
            Assert.Equal(3, await db.Rooms.CountAsync());
            var npis = await db.Providers.Select(p => p.Npi).ToListAsync();
            Assert.Equal(4, npis.Count);
            Assert.All(npis, npi => Assert.True(Npi.TryParse(npi, out _), $"{npi} is not a valid NPI"));
            Assert.Equal(6, await db.Payers.CountAsync());
            Assert.Equal(DemoPractice.PatientCount, await db.Patients.CountAsync());
            Assert.Equal(300, DemoPractice.PatientCount);
            Assert.Equal(0, await db.Patients.CountAsync(p => !db.Coverages.Any(c => c.PatientId == p.Id)));
            Assert.Equal(300, await db.Patients.Select(p => p.Mrn).Distinct().CountAsync());
            Assert.Equal(5, await db.Users.CountAsync());
            // Every demo user has an address in a reserved domain; the clinician is Dr. Alvarez's calendar.
            Assert.All(await db.Users.ToListAsync(), u => Assert.Equal($"{u.UserName}@riverside.example.org", u.Email));
            var clinicianCalendar = await db.Users.Where(u => u.UserName == "clinician")
                .Select(u => db.SchedulableResources.Single(r => r.Id == u.ProviderResourceId).Name).SingleAsync();
            Assert.Contains("Alvarez", clinicianCalendar, StringComparison.Ordinal);
            Assert.Equal(1, await db.Users.CountAsync(u => u.ProviderResourceId != null));
            // The schedule: a resource per provider and room plus ECG and ultrasound, four visit types, two weeks booked from today.
            Assert.Equal(9, await db.SchedulableResources.CountAsync());
            Assert.Equal(4, await db.SchedulableResources.CountAsync(r => r.ProviderId != null));
            Assert.Equal(3, await db.SchedulableResources.CountAsync(r => r.RoomId != null && r.Category == "Exam"));
            Assert.Equal(4, await db.AppointmentTypes.CountAsync());
            Assert.True(await db.WorkingHours.AnyAsync(w => w.LocationId != db.Locations.OrderBy(l => l.Id).First().Id && w.DayOfWeek == DayOfWeek.Tuesday));
            var appointments = await db.Appointments.Include(a => a.Bookings).ToListAsync();
            Assert.InRange(appointments.Count, 100, 400);
            var now = office.Clock.GetUtcNow().UtcDateTime;
            Assert.All(appointments, a => Assert.InRange(a.StartsAt, now.AddMinutes(-5), now.AddDays(15)));
            Assert.All(appointments, a => Assert.Equal(2, a.Bookings.Count(b => b.IsActive)));
            Assert.True(appointments.Select(a => a.PatientId).Distinct().Count() >= 50);
            Assert.Contains(appointments, a => a.StartsAt.Date == now.AddDays(1).Date);
            Assert.True((await new AuditVerifier(db).VerifyAsync()).IsIntact);
        }
        foreach (var userName in users.UserNames)
        {
            var signIn = await office.Accounts.SignInAsync(userName, users.Password, "127.0.0.1");
            Assert.True(signIn.Succeeded, $"{userName}: {signIn.Refusal}");
        }
        Assert.NotEmpty(await office.Search.FindAsync("smith"));

        var auditRows = (await office.AuditRowsAsync()).Count;
        var second = await new DemoPractice(office.NewContext(), office.Accounts, office.Audit, office.Clock, new DataDirectory(office.Database.DataDirectory)).LoadIfEmptyAsync();

        Assert.Null(second);
        await using (var db = office.NewContext())
        {
            Assert.Equal(300, await db.Patients.CountAsync());
            Assert.Equal(5, await db.Users.CountAsync());
            Assert.Equal(6, await db.Payers.CountAsync());
        }
        Assert.Equal(auditRows, (await office.AuditRowsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_demo_is_not_loaded_into_an_office_that_already_has_users(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var admin = await office.Accounts.CreateAsync("admin", "Real Admin", "a real office password", [Roles.Administrator], Actor.System("setup"));
        Assert.True(admin.Succeeded);

        Assert.Null(await new DemoPractice(office.Db, office.Accounts, office.Audit, office.Clock, new DataDirectory(office.Database.DataDirectory)).LoadIfEmptyAsync());

        await using var db = office.NewContext();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.Organizations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_demo_billing_office_has_over_twenty_varied_claims_that_make_a_valid_837P_batch(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        Assert.NotNull(await new DemoPractice(office.Db, office.Accounts, office.Audit, office.Clock, new DataDirectory(office.Database.DataDirectory)).LoadIfEmptyAsync());
        await using var db = office.NewContext();
        var ready = await db.Claims.Where(c => c.Status == MedOffice.Claims.ClaimStatuses.Ready).ToListAsync();
        Assert.True(ready.Count >= 20, $"{ready.Count} ready claims");
        Assert.Contains(ready, c => c.PayerSequence == "S");
        Assert.Contains(ready, c => c.Frequency == MedOffice.Claims.ClaimFrequencies.Replacement);
        Assert.True(ready.Select(c => c.PayerId).Distinct().Count() >= 3);
        // The planted header diagnosis waits in the worklist.
        var held = Assert.Single(await db.Claims.Where(c => c.Status == MedOffice.Claims.ClaimStatuses.Open).ToListAsync());
        Assert.Contains("J45 (Asthma) is a category header, not billable", held.StatusReason, StringComparison.Ordinal);

        var audit = new AuditTrail(db, office.Clock);
        var scrubber = new MedOffice.Claims.Scrubber(db, new MedOffice.Coding.DiagnosisCodes(db, new MedOffice.Coding.DiagnosisIndexCache()),
            new MedOffice.Coding.ProcedureCodes(db, audit), new MedOffice.Claims.ClaimMaker(db, office.Clock), office.Clock);
        var batches = new MedOffice.Claims.ClaimBatches(db, new MedOffice.Claims.ClaimMaker(db, office.Clock), scrubber, audit, office.Clock);
        var result = await batches.CreateAsync(Actor.System("test"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(ready.Count, result.Value!.ClaimNumbers.Count);
        var outbound = Path.Combine(office.Database.DataDirectory, "clearinghouse", "outbound");
        var text = await File.ReadAllTextAsync(Path.Combine(outbound, result.Value.FileName));
        var report = MedOffice.X12.Validation.X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.Contains("NM1*DN*1*Nguyen*Paul", text, StringComparison.Ordinal);
        Assert.Contains("REF*F8*PCN", text, StringComparison.Ordinal);
        Assert.Contains("SVD*12502*", text, StringComparison.Ordinal);
        Assert.Equal(ready.Count, report.Transactions.Sum(t => t.ClaimCount));
        // The same demo gives the same file on both databases: kept as a golden file, one segment a line, to review in diffs.
        Golden.AssertMatches("demo-837p-batch.x12", text.Replace("~", "~\n", StringComparison.Ordinal));
    }
}
