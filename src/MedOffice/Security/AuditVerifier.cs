using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Security;

public sealed record AuditVerification(long RowsChecked, long? FirstBrokenRowId, string Message)
{
    public bool IsIntact => FirstBrokenRowId is null;
}

/// <summary>Walks the audit chain from the first row and reports the first link that does not hold.</summary>
public sealed class AuditVerifier(MedOfficeDb db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expectedPrevious = AuditTrail.GenesisHash;
        long? previousId = null;
        long count = 0;
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (row.PreviousHash != expectedPrevious)
            {
                var before = previousId is null ? "the start of the trail" : $"row {previousId}";
                return new(count, row.Id,
                    $"Row {row.Id} does not follow {before}: a row between them was deleted or {before} was altered.");
            }
            if (AuditTrail.ComputeHash(row) != row.Hash)
            {
                return new(count, row.Id, $"Row {row.Id} was altered after it was written: its content no longer matches its hash.");
            }
            expectedPrevious = row.Hash;
            previousId = row.Id;
        }
        return new(count, null, $"The audit trail is intact: {count} rows checked.");
    }
}
