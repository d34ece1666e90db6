using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Security;

/// <summary>Who is acting and from where; every audit row names both.</summary>
public sealed record Actor(int? UserId, string UserName, string SourceAddress)
{
    public static Actor System(string what) => new(null, what, "local");
}

public sealed record AuditEntry(
    Actor Actor,
    string Action,
    string Category,
    int? PatientId = null,
    string Outcome = AuditOutcomes.Success,
    string Detail = "");

/// <summary>
/// Appends rows to the audit trail. Each row's hash covers its content and the previous row's hash, so altering
/// or deleting a row breaks the chain at that point. There is deliberately no method that updates or deletes.
/// </summary>
public sealed class AuditTrail(MedOfficeDb db, TimeProvider time)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long PostgresAuditLockKey = 727_001;

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => RecordManyAsync([entry], cancellationToken);

    /// <summary>Appends the entries in order, chained, in one write (an 835 audits every patient it posts to: thousands).</summary>
    public async Task RecordManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var ownsTransaction = db.Database.CurrentTransaction is null;
        var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Chained rows need one writer at a time. SQLite transactions here are BEGIN IMMEDIATE (one writer per
            // file); PostgreSQL takes a transaction-scoped advisory lock shared by every app node.
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAuditLockKey})", cancellationToken);
            }

            var previousHash = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id)
                .Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken) ?? GenesisHash;
            var occurredAt = TruncateToMicroseconds(time.GetUtcNow().UtcDateTime);
            var rows = new List<AuditEvent>(entries.Count);
            foreach (var entry in entries)
            {
                var row = new AuditEvent
                {
                    OccurredAt = occurredAt,
                    UserId = entry.Actor.UserId,
                    UserName = entry.Actor.UserName.Limit(64),
                    PatientId = entry.PatientId,
                    Action = entry.Action,
                    Category = entry.Category,
                    SourceAddress = entry.Actor.SourceAddress.Limit(64),
                    Outcome = entry.Outcome,
                    Detail = entry.Detail.Limit(1000),
                    PreviousHash = previousHash,
                    Hash = "",
                };
                row.Hash = ComputeHash(row);
                previousHash = row.Hash;
                rows.Add(row);
            }
            // In list order, so ids ascend along the chain.
            await BulkWrite.InsertAsync(db, rows, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>The row's SHA-256 over every field except its id and own hash, as lower-case hex.</summary>
    public static string ComputeHash(AuditEvent row)
    {
        var canonical = string.Join('\u001f',
            row.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            row.UserId?.ToString(CultureInfo.InvariantCulture) ?? "",
            row.UserName,
            row.PatientId?.ToString(CultureInfo.InvariantCulture) ?? "",
            row.Action,
            row.Category,
            row.SourceAddress,
            row.Outcome,
            row.Detail,
            row.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // PostgreSQL keeps microseconds; hashing more precision than the database stores would break every row.
    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

}
