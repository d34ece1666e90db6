using System.Globalization;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.X12;
using MedOffice.X12.Claims;
using MedOffice.X12.Validation;
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

    /// <param name="transport">Where the file goes; by default the active clearinghouse's drop folders.</param>
    public async Task<Result<BatchOutcome>> CreateAsync(Actor actor, IClearinghouseTransport? transport = null, CancellationToken cancellationToken = default)
    {
        var clearinghouse = await db.Clearinghouses.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (clearinghouse is null)
        {
            return Result<BatchOutcome>.Fail("Clearinghouse", "No clearinghouse is set up: add one under Claims → Clearinghouse first.");
        }
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
        var zone = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
        var now = time.GetUtcNow().UtcDateTime;
        var interchange = await ControlNumbers.NextAsync(db, ControlNumbers.Interchange, cancellationToken);
        var group = await ControlNumbers.NextAsync(db, ControlNumbers.Group, cancellationToken);
        var model = await new ClaimFile(db).BuildAsync(ready, clearinghouse, organization, interchange, group,
            Scheduling.LocalTimes.ToLocal(now, zone), cancellationToken);

        string content;
        try
        {
            content = ProfessionalClaimWriter.WriteToString(model);
        }
        catch (ArgumentException refused)
        {
            // The writer checks what the scrubber may not know to (a delimiter inside a name, COB that does not balance).
            return Result<BatchOutcome>.Fail("Batch", $"The 837P file was not written, nothing was sent: {refused.Message}");
        }
        var report = X12Validator.Validate(content);
        if (!report.IsValid)
        {
            var errors = report.Errors.Where(e => e.Severity == X12Severity.Error).Take(10)
                .Select(e => new FieldError("Batch", $"The 837P file failed the implementation-guide check, nothing was sent: {e}")).ToList();
            return Result<BatchOutcome>.Fail(errors);
        }

        var fileName = $"837P-{now:yyyyMMdd-HHmmss}-{interchange.ToString("D9", CultureInfo.InvariantCulture)}.x12";
        await transport.StageAsync(fileName, content, cancellationToken);
        ClaimBatch batch;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            batch = new ClaimBatch
            {
                InterchangeControlNumber = interchange, GroupControlNumber = group, FileName = fileName, ClaimCount = ready.Count,
                TotalCharge = ready.Sum(c => c.TotalCharge), Status = ClaimBatchStatuses.Sent, CreatedAt = now, CreatedBy = actor.UserName.Limit(64), SentAt = now,
            };
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
            await transaction.CommitAsync(cancellationToken);
        }
        await transport.PublishAsync(fileName, cancellationToken);
        return Result<BatchOutcome>.Ok(new BatchOutcome(batch, ready.Select(c => c.ClaimNumber).ToList(), fileName, sweep, heldBack));
    }

    /// <summary>
    /// After a crash between recording a batch and publishing its file: publish staged files the database knows as sent,
    /// and discard those it does not (their claims were never marked sent, so the next batch carries them).
    /// </summary>
    public async Task FinishPendingAsync(IClearinghouseTransport transport, CancellationToken cancellationToken = default)
    {
        // Only claim files: 270s and 276s are staged and published by their own services.
        foreach (var staged in transport.Staged().Where(name => name.StartsWith("837P-", StringComparison.Ordinal)))
        {
            if (await db.ClaimBatches.AnyAsync(b => b.FileName == staged, cancellationToken))
            {
                await transport.PublishAsync(staged, cancellationToken);
            }
            else
            {
                await transport.DiscardAsync(staged, cancellationToken);
            }
        }
    }

}
