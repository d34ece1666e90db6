using MedOffice.Data;
using MedOffice.Security;
using MedOffice.X12.Claims;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

public sealed record BatchOutcome(ClaimBatch Batch, IReadOnlyList<string> ClaimNumbers, string FileName, SweepOutcome Sweep, int HeldBack);

/// <summary>
/// "Create batch": brings claims up to date with the charges, scrubs every open claim, writes the ready ones as one
/// 837P file, checks the file against the implementation guide, and hands it to the clearinghouse. A file that fails the
/// check is never sent and no claim moves; a file is published only after the database records it as sent.
/// </summary>
public sealed class ClaimBatches(MedOfficeDb db, ClaimMaker maker, Scrubber scrubber, AuditTrail audit, TimeProvider time)
{
    public const int MaxClaimsPerBatch = 5000;
    public const string FilePrefix = "837P";
    private readonly OutboundFiles _files = new(db, time);

    /// <param name="transport">Where the file goes; by default the active clearinghouse's drop folders.</param>
    public async Task<Result<BatchOutcome>> CreateAsync(Actor actor, IClearinghouseTransport? transport = null, CancellationToken cancellationToken = default)
    {
        var found = await _files.ClearinghouseAsync(cancellationToken);
        if (!found.Succeeded)
        {
            return Result<BatchOutcome>.Fail(found.Errors);
        }
        var clearinghouse = found.Value!;
        transport ??= DropFolderTransport.For(clearinghouse);
        await FinishPendingAsync(transport, cancellationToken);
        var sweep = await maker.SweepAsync(cancellationToken);

        var open = await db.Claims.Where(c => c.Status == ClaimStatuses.Open || c.Status == ClaimStatuses.Ready)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        await scrubber.ScrubManyAsync(open, cancellationToken);
        var ready = await db.Claims.Include(c => c.Lines).Where(c => c.Status == ClaimStatuses.Ready)
            .OrderBy(c => c.Id).Take(MaxClaimsPerBatch).ToListAsync(cancellationToken);
        var heldBack = await db.Claims.CountAsync(c => c.Status == ClaimStatuses.Open, cancellationToken);
        if (ready.Count == 0)
        {
            return Result<BatchOutcome>.Fail("Claims", heldBack > 0
                ? $"No claim is ready to send: {heldBack} wait for corrections (see the worklist)."
                : "No claim is waiting to be sent.");
        }

        var organization = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstAsync(cancellationToken);
        var sender = await _files.SenderAsync(clearinghouse, organization, transport, cancellationToken);
        var envelope = await _files.EnvelopeAsync(sender, cancellationToken);
        var (interchange, group) = (envelope.InterchangeControlNumber, envelope.GroupControlNumber);
        var model = await new ClaimFile(db).BuildAsync(ready, clearinghouse, organization, interchange, group, sender.CreatedLocal, cancellationToken);
        // The writer checks what the scrubber may not know to (a delimiter inside a name, COB that does not balance).
        var refused = OutboundFiles.Check("837P", () => ProfessionalClaimWriter.WriteToString(model), out var content, field: "Batch");
        if (refused.Count > 0)
        {
            return Result<BatchOutcome>.Fail(refused);
        }

        var fileName = OutboundFiles.FileName(FilePrefix, sender, envelope);
        var batch = new ClaimBatch
        {
            InterchangeControlNumber = interchange, GroupControlNumber = group, FileName = fileName, ClaimCount = ready.Count,
            TotalCharge = ready.Sum(c => c.TotalCharge), Status = ClaimBatchStatuses.Sent, CreatedAt = sender.Now, CreatedBy = actor.UserName.Limit(64), SentAt = sender.Now,
        };
        await _files.SendAsync(sender, fileName, content, async () =>
        {
            db.ClaimBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var claim in ready)
            {
                claim.BatchId = batch.Id;
                maker.Move(claim, ClaimStatuses.Sent, "batch", $"Sent in batch {batch.Id} ({fileName}).");
            }
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Export, AuditCategories.Billing,
                Detail: $"837P batch {batch.Id}: {ready.Count} claims, ISA13 {interchange}, file {fileName}"), cancellationToken);
        }, cancellationToken);
        return Result<BatchOutcome>.Ok(new BatchOutcome(batch, ready.Select(c => c.ClaimNumber).ToList(), fileName, sweep, heldBack));
    }

    /// <summary>
    /// After a crash between recording a batch and publishing its file: publish staged files the database knows as sent,
    /// and discard those it does not (their claims were never marked sent, so the next batch carries them).
    /// </summary>
    public Task FinishPendingAsync(IClearinghouseTransport transport, CancellationToken cancellationToken = default) =>
        OutboundFiles.FinishPendingAsync(transport, FilePrefix, staged => db.ClaimBatches.AnyAsync(b => b.FileName == staged, cancellationToken), cancellationToken);
}
