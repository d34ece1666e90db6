using MedOffice.Data;
using MedOffice.Remittance;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Data;

/// <summary>
/// BulkWrite is how an 835 and a code set reach the database: what it writes must read back exactly as what SaveChanges
/// writes (amounts to the cent, dates, times, nulls), keys must not collide with rows saved before or after, and an update
/// must touch only the columns it names.
/// </summary>
public class BulkWriteTests
{
    private static ReceivedRemittance Remittance(int sequence, string? payerIdentifier, DateTime importedAt) => new()
    {
        FileName = "june.835", Sha256 = new string('a', 64), Sequence = sequence, PayerName = "Aetna Better Health", PayerIdentifier = payerIdentifier,
        TraceNumber = "EFT0001", PaymentMethod = "ACH", PaymentAmount = 12345.60m, PaymentDate = new DateOnly(2026, 6, 30),
        ProviderAdjustmentTotal = -0.07m, ImportedAt = importedAt, ImportedBy = "biller",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rows_written_in_bulk_read_back_as_saved_rows_do_and_keys_never_collide(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var importedAt = new DateTime(2026, 7, 1, 14, 30, 15, DateTimeKind.Utc).AddTicks(1234560);
        int savedId;
        await using (var db = database.NewContext())
        {
            var saved = Remittance(0, null, importedAt);
            var deleted = Remittance(9, null, importedAt);
            db.Remittances.AddRange(saved, deleted);
            await db.SaveChangesAsync();
            savedId = saved.Id;
            // The highest key is deleted: a bulk row must still not take it again.
            db.Remittances.Remove(deleted);
            await db.SaveChangesAsync();
        }

        var bulk = new List<ReceivedRemittance> { Remittance(1, "60054", importedAt), Remittance(2, null, importedAt) };
        await using (var db = database.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkWrite.InsertAsync(db, bulk, CancellationToken.None);
            await BulkWrite.InsertAsync(db, [
                new RemittanceProviderAdjustment { RemittanceId = bulk[0].Id, ProviderIdentifier = "1234567893", ReasonCode = "L6", Amount = -0.07m },
                new RemittanceProviderAdjustment { RemittanceId = bulk[1].Id, ProviderIdentifier = "1234567893", ReasonCode = "WO", Reference = "ABC", Amount = 1.5m },
            ], CancellationToken.None);
            await transaction.CommitAsync();
        }
        Assert.True(bulk[0].Id > savedId + 1, $"bulk key {bulk[0].Id} reuses or precedes the keys saved before ({savedId}, deleted {savedId + 1})");
        Assert.True(bulk[1].Id > bulk[0].Id);

        await using (var db = database.NewContext())
        {
            var after = Remittance(3, null, importedAt);
            db.Remittances.Add(after);
            await db.SaveChangesAsync();
            Assert.True(after.Id > bulk[1].Id, "a row saved after a bulk write must get a key after the bulk rows");
        }

        await using var read = database.NewContext();
        var rows = await read.Remittances.AsNoTracking().Include(r => r.ProviderAdjustments).OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal([0, 1, 2, 3], rows.Select(r => r.Sequence));
        var reference = rows[0];
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(
                (reference.FileName, reference.PayerName, reference.TraceNumber, reference.PaymentMethod, reference.PaymentAmount, reference.PaymentDate,
                    reference.ProviderAdjustmentTotal, reference.ImportedAt, reference.ImportedAt.Kind, reference.ImportedBy),
                (row.FileName, row.PayerName, row.TraceNumber, row.PaymentMethod, row.PaymentAmount, row.PaymentDate,
                    row.ProviderAdjustmentTotal, row.ImportedAt, row.ImportedAt.Kind, row.ImportedBy));
        }
        Assert.Equal(12345.60m, rows[1].PaymentAmount);
        Assert.Equal(importedAt, rows[1].ImportedAt);
        Assert.Equal("60054", rows[1].PayerIdentifier);
        Assert.Null(rows[2].PayerIdentifier);
        Assert.Equal(("L6", -0.07m, (string?)null), rows[1].ProviderAdjustments.Select(a => (a.ReasonCode, a.Amount, a.Reference)).Single());
        Assert.Equal(("WO", 1.5m, (string?)"ABC"), rows[2].ProviderAdjustments.Select(a => (a.ReasonCode, a.Amount, a.Reference)).Single());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_update_writes_the_named_columns_of_those_rows_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var importedAt = new DateTime(2026, 7, 1, 14, 30, 15, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            db.Remittances.AddRange(Remittance(0, null, importedAt), Remittance(1, null, importedAt), Remittance(2, null, importedAt));
            await db.SaveChangesAsync();
        }
        await using (var db = database.NewContext())
        {
            var changed = await db.Remittances.AsNoTracking().Where(r => r.Sequence != 1).OrderBy(r => r.Sequence).ToListAsync();
            foreach (var row in changed)
            {
                row.PayerName = $"Renamed {row.Sequence}";
                row.PaymentAmount += 0.01m;
                row.PayerIdentifier = "99999";
                row.FileName = "not written.835";
            }
            await BulkWrite.UpdateAsync(db, changed, [nameof(ReceivedRemittance.PayerName), nameof(ReceivedRemittance.PaymentAmount), nameof(ReceivedRemittance.PayerIdentifier)],
                CancellationToken.None);
        }

        await using var read = database.NewContext();
        var rows = await read.Remittances.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal(
            [("Renamed 0", 12345.61m, "99999", "june.835"), ("Aetna Better Health", 12345.60m, null, "june.835"), ("Renamed 2", 12345.61m, "99999", "june.835")],
            rows.Select(r => (r.PayerName, r.PaymentAmount, r.PayerIdentifier, r.FileName)));
    }
}
