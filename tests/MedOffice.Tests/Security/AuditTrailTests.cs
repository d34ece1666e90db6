using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Security;

public class AuditTrailTests
{
    private static readonly Actor Nurse = new(3, "nurse.kim", "10.0.0.9");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_row_carries_the_previous_rows_hash_and_the_verifier_finds_the_trail_intact(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await RecordReadsAsync(office, 4);

        var rows = await office.AuditRowsAsync();
        Assert.Equal(4, rows.Count);
        Assert.Equal(AuditTrail.GenesisHash, rows[0].PreviousHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
        }
        Assert.All(rows, r => Assert.Equal(AuditTrail.ComputeHash(r), r.Hash));
        Assert.Equal(4, rows.Select(r => r.Hash).Distinct().Count());
        Assert.Equal(["nurse.kim"], rows.Select(r => r.UserName).Distinct());
        Assert.Equal(["10.0.0.9"], rows.Select(r => r.SourceAddress).Distinct());

        await using var db = office.NewContext();
        var verification = await new AuditVerifier(db).VerifyAsync();
        Assert.True(verification.IsIntact, verification.Message);
        Assert.Equal(4, verification.RowsChecked);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Altering_a_rows_detail_with_raw_sql_is_reported_at_that_row(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await RecordReadsAsync(office, 5);
        var rows = await office.AuditRowsAsync();
        var altered = rows[2].Id;

        await using var db = office.NewContext();
        await DropAppendOnlyTriggersAsync(db, provider);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Detail\" = 'nothing to see here' WHERE \"Id\" = {altered}"));

        var verification = await new AuditVerifier(db).VerifyAsync();
        Assert.False(verification.IsIntact);
        Assert.Equal(altered, verification.FirstBrokenRowId);
        Assert.Contains($"Row {altered}", verification.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Deleting_a_middle_row_with_raw_sql_is_reported_at_the_row_after_it(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await RecordReadsAsync(office, 5);
        var rows = await office.AuditRowsAsync();

        await using var db = office.NewContext();
        await DropAppendOnlyTriggersAsync(db, provider);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {rows[2].Id}"));

        var verification = await new AuditVerifier(db).VerifyAsync();
        Assert.False(verification.IsIntact);
        Assert.Equal(rows[3].Id, verification.FirstBrokenRowId);
        Assert.Contains($"row {rows[1].Id}", verification.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Twenty_users_recording_at_once_still_leave_one_unbroken_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = TestClock.At(2026, 3, 16);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(async n =>
        {
            // Each writer is its own request: its own context and connection.
            await using var db = database.NewContext();
            var audit = new AuditTrail(db, clock);
            await audit.RecordAsync(new AuditEntry(new Actor(n, $"user{n}", "10.0.0.1"), AuditActions.Read, AuditCategories.Demographics,
                PatientId: n, Detail: $"writer {n}"));
        }));

        await using var check = database.NewContext();
        var rows = await check.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(20, rows.Count);
        Assert.Equal(Enumerable.Range(1, 20), rows.Select(r => r.PatientId!.Value).Order());
        Assert.Equal(20, rows.Select(r => r.PreviousHash).Distinct().Count());
        var verification = await new AuditVerifier(check).VerifyAsync();
        Assert.True(verification.IsIntact, verification.Message);
        Assert.Equal(20, verification.RowsChecked);
    }

    private static async Task RecordReadsAsync(TestOffice office, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await office.Audit.RecordAsync(new AuditEntry(Nurse, AuditActions.Read, AuditCategories.Demographics, PatientId: 100 + i,
                Detail: $"chart opened {i}"));
            office.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task DropAppendOnlyTriggersAsync(MedOfficeDb db, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"TR_AuditEvents_NoUpdate\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"TR_AuditEvents_NoDelete\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"TR_AuditEvents_NoChange\" ON \"AuditEvents\"");
        }
    }
}
