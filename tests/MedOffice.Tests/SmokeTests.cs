using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests;

public class SchemaTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_table_of_the_model_exists_after_migrating(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            // Selecting every mapped column proves the hand-written SQL matches the model.
            var query = (IQueryable<object>)db.GetType().GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            await query.Take(1).ToListAsync();
        }
        Assert.Equal(SchemaMigrator.LatestVersion(provider),
            (await db.Database.SqlQueryRaw<int>("SELECT MAX(version) AS \"Value\" FROM schema_migrations").ToListAsync()).Single());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Audit_rows_cannot_be_updated_through_the_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var audit = new AuditTrail(db, TimeProvider.System);
        await audit.RecordAsync(new AuditEntry(Actor.System("test"), AuditActions.Read, AuditCategories.Demographics, 1));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\""));
        Assert.True((await new AuditVerifier(db).VerifyAsync()).IsIntact);
    }
}
