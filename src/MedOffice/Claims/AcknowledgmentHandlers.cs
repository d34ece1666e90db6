using System.Globalization;
using MedOffice.Data;
using MedOffice.X12.Acknowledgments;
using MedOffice.X12.ClaimStatus;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>
/// 999: the clearinghouse's verdict on a whole batch file. Matched to the batch by its group control number; a rejected
/// transaction set sends every claim of the batch back to the worklist with the errors in words.
/// </summary>
public sealed class ImplementationAcknowledgmentHandler(MedOfficeDb db, ClaimMaker maker) : IInboundFileHandler
{
    public bool Handles(string transactionSetId, string implementationReference) => transactionSetId == "999";

    public async Task<string> HandleAsync(string content, CancellationToken cancellationToken)
    {
        var read = FunctionalAcknowledgment.Read(content);
        var lines = new List<string>();
        foreach (var ack in read.Transactions)
        {
            var batch = int.TryParse(ack.GroupControlNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var group)
                ? await db.ClaimBatches.FirstOrDefaultAsync(b => b.GroupControlNumber == group, cancellationToken)
                : null;
            if (batch is null)
            {
                lines.Add($"999 for group {ack.GroupControlNumber}: no batch of ours has that control number.");
                continue;
            }
            var problems = ack.TransactionSets.SelectMany(t => t.Problems).Concat(ack.GroupErrors).Distinct().Take(5).ToList();
            var rejected = ack.Outcome == AcknowledgmentOutcome.Rejected || ack.TransactionSets.Any(t => t.Outcome == AcknowledgmentOutcome.Rejected);
            batch.Status = ack.Outcome switch
            {
                AcknowledgmentOutcome.Accepted or AcknowledgmentOutcome.AcceptedWithErrors => ClaimBatchStatuses.Accepted,
                AcknowledgmentOutcome.PartiallyAccepted => ClaimBatchStatuses.PartlyAccepted,
                _ => ClaimBatchStatuses.Rejected,
            };
            batch.AcknowledgmentNote = $"999: {ack.StatusDescription}{(problems.Count > 0 ? " — " + string.Join("; ", problems) : "")}".Limit(2000);
            if (rejected)
            {
                // Our batches are one transaction set: its rejection sends every claim back, with the reason.
                var claims = await db.Claims.Where(c => c.BatchId == batch.Id && c.Status == ClaimStatuses.Sent).ToListAsync(cancellationToken);
                foreach (var claim in claims)
                {
                    maker.Move(claim, ClaimStatuses.Rejected, "999",
                        $"The clearinghouse rejected batch {batch.Id}: {(problems.Count > 0 ? string.Join("; ", problems) : ack.StatusDescription)}. Fix and send again.");
                }
                lines.Add($"Batch {batch.Id} rejected by the clearinghouse: {claims.Count} claims back in the worklist.");
            }
            else
            {
                lines.Add($"Batch {batch.Id} accepted by the clearinghouse ({ack.StatusDescription}).");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        lines.AddRange(read.Errors.Take(3).Select(e => $"Problem in the file: {e}"));
        return lines.Count == 0 ? "An empty 999." : string.Join(" ", lines);
    }

}

/// <summary>
/// 277CA: the payer's (or clearinghouse's) answer per claim, matched by our claim number (CLM01 echoed in TRN02). Accepted
/// claims keep the payer's claim number; rejected ones go to the worklist with the reason in words.
/// </summary>
public sealed class ClaimAcknowledgmentHandler(MedOfficeDb db, ClaimMaker maker) : IInboundFileHandler
{
    public bool Handles(string transactionSetId, string implementationReference) =>
        transactionSetId == "277" && implementationReference.StartsWith("005010X214", StringComparison.Ordinal);

    public async Task<string> HandleAsync(string content, CancellationToken cancellationToken)
    {
        var read = ClaimAcknowledgment.Read(content);
        var (accepted, rejected, unknown) = (0, 0, new List<string>());
        foreach (var reported in read.Transactions.SelectMany(a => a.Claims))
        {
            var claim = await db.Claims.FirstOrDefaultAsync(c => c.ClaimNumber == reported.PatientControlNumber, cancellationToken);
            if (claim is null)
            {
                unknown.Add(reported.PatientControlNumber);
                continue;
            }
            if (reported.PayerClaimControlNumber is { Length: > 0 } payerNumber)
            {
                claim.PayerClaimNumber = payerNumber.Limit(50);
            }
            if (reported.Outcome == ClaimStatusOutcome.Rejected)
            {
                if (claim.Status is ClaimStatuses.Sent or ClaimStatuses.Accepted)
                {
                    maker.Move(claim, ClaimStatuses.Rejected, "277CA", $"Rejected by the payer: {reported.Reason}. Fix and send again.");
                }
                rejected++;
            }
            else if (reported.Outcome is ClaimStatusOutcome.Accepted or ClaimStatusOutcome.Received)
            {
                if (claim.Status == ClaimStatuses.Sent)
                {
                    maker.Move(claim, ClaimStatuses.Accepted, "277CA", $"Accepted: {reported.Reason}");
                }
                accepted++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return $"277CA: {accepted} claims accepted, {rejected} rejected"
            + (unknown.Count > 0 ? $", {unknown.Count} not ours ({string.Join(", ", unknown.Take(5))})" : "") + ".";
    }
}
