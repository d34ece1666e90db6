using System.Security.Cryptography;
using System.Text;
using MedOffice.Data;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>Reads one kind of clearinghouse answer (999, 277CA, 271, 277, 835) and applies it; returns what it did, in words.</summary>
public interface IInboundFileHandler
{
    bool Handles(string transactionSetId, string implementationReference);

    Task<string> HandleAsync(string content, CancellationToken cancellationToken);
}

public sealed record InboxOutcome(int Read, int Skipped, IReadOnlyList<string> Summaries)
{
    /// <summary>What a collection did, in one message for the page that asked.</summary>
    public string Describe() => Read + Skipped == 0 && Summaries.Count == 0
        ? "Nothing new from the clearinghouse."
        : $"{Read} file{(Read == 1 ? "" : "s")} read{(Skipped > 0 ? $", {Skipped} already seen" : "")}. {string.Join(" ", Summaries)}".TrimEnd();
}

/// <summary>
/// Collects the clearinghouse's answers from the inbound folder: each file is identified, handed to the handler for its
/// transaction, and logged with its SHA-256 — all in one database transaction — and only then moved to processed/, so a
/// crash in between makes the next run skip it rather than apply it twice. A file no handler takes (an 835 before
/// MedOffice posts remittances, junk) is moved to unhandled/ without a log row, so it is never taken for "already seen".
/// </summary>
public sealed class ClearinghouseInbox(MedOfficeDb db, IEnumerable<IInboundFileHandler> handlers, TimeProvider time)
{
    public async Task<InboxOutcome> CollectAsync(IClearinghouseTransport? transport = null, CancellationToken cancellationToken = default)
    {
        if (transport is null)
        {
            var clearinghouse = await db.Clearinghouses.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (clearinghouse is null)
            {
                return new InboxOutcome(0, 0, ["No clearinghouse is set up."]);
            }
            transport = DropFolderTransport.For(clearinghouse);
        }
        var (read, skipped, summaries) = (0, 0, new List<string>());
        foreach (var file in transport.Inbound())
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file.FullPath, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // Another node took it first.
                continue;
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (await db.ClearinghouseFiles.AnyAsync(f => f.Sha256 == hash, cancellationToken))
            {
                skipped++;
                await transport.DoneAsync(file, cancellationToken);
                continue;
            }
            var content = Encoding.UTF8.GetString(bytes);
            var (handler, kind, why) = Identify(content);
            if (handler is null)
            {
                // Not logged: a file logged under its SHA-256 would be skipped as "already seen" by the MedOffice that can read it.
                summaries.Add($"{file.Name}: {why} Moved to unhandled/, not logged.");
                read++;
                await transport.SetAsideAsync(file, cancellationToken);
                continue;
            }
            string summary;
            try
            {
                summary = await ApplyAsync(file.Name, content, hash, handler, kind, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node applied the same file at the same moment: its transaction won, ours rolled back.
                if (!await AlreadyLoggedAsync(hash, cancellationToken))
                {
                    throw;
                }
                skipped++;
                continue;
            }
            summaries.Add($"{file.Name}: {summary}");
            read++;
            await transport.DoneAsync(file, cancellationToken);
        }
        return new InboxOutcome(read, skipped, summaries);
    }

    /// <summary>The handler for the file's transaction and its kind, or no handler and why not.</summary>
    /// <remarks>Only the envelope is read here: the handler reads (and checks) the whole file itself.</remarks>
    private (IInboundFileHandler? Handler, string Kind, string Why) Identify(string content)
    {
        if (X12Validator.Identify(content) is not { } transactionSet)
        {
            return (null, "unrecognised", "Not an X12 file MedOffice can read; left for a person to look at.");
        }
        var handler = handlers.FirstOrDefault(h => h.Handles(transactionSet.TransactionSetId, transactionSet.ImplementationReference));
        return (handler, transactionSet.Description, $"{transactionSet.Description}: MedOffice does not act on this kind of file yet.");
    }

    private async Task<string> ApplyAsync(string fileName, string content, string hash, IInboundFileHandler handler, string kind, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var summary = await handler.HandleAsync(content, cancellationToken);
        db.ClearinghouseFiles.Add(new ClearinghouseFile
        {
            FileName = fileName.Limit(260), Sha256 = hash, Kind = kind.Limit(100), ReceivedAt = time.GetUtcNow().UtcDateTime, Summary = summary.Limit(4000),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    private async Task<bool> AlreadyLoggedAsync(string hash, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.ClearinghouseFiles.AnyAsync(f => f.Sha256 == hash, cancellationToken);
    }

}
