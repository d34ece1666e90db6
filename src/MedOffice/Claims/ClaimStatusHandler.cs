using System.Globalization;
using MedOffice.Data;
using MedOffice.X12.ClaimStatus;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>
/// 277 (005010X212), the payer's answer to our 276: each claim found by our claim number (TRN02, which we send as the
/// claim number, else REF*EJ), its status put in words in the claim's history. The claim's own status moves only when
/// the answer changes where it stands: a claim the payer says it never took, or returned, goes back to the worklist
/// (Rejected); a sent claim the payer has in adjudication becomes Accepted. Pending, paid or denied answers are recorded
/// and the claim waits for its remittance (835) as before. "Cannot answer now" (E categories) is recorded only.
/// </summary>
public sealed class ClaimStatusHandler(MedOfficeDb db, ClaimMaker maker, TimeProvider time) : IInboundFileHandler
{
    public const string Source = "277";

    public bool Handles(string transactionSetId, string implementationReference) =>
        transactionSetId == "277" && implementationReference.StartsWith("005010X212", StringComparison.Ordinal);

    public async Task<string> HandleAsync(string content, CancellationToken cancellationToken)
    {
        var read = ClaimStatusResponse.Read(content);
        var (moved, recorded, unknown) = (0, 0, new List<string>());
        foreach (var reported in read.Transactions.SelectMany(r => r.Claims))
        {
            var numbers = new[] { reported.PatientControlNumber, reported.PatientAccountNumber }.OfType<string>().Where(n => n.Length > 0).ToList();
            var claim = await db.Claims.Where(c => numbers.Contains(c.ClaimNumber)).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (claim is null)
            {
                unknown.Add(reported.PatientControlNumber);
                continue;
            }
            if (reported.PayerClaimControlNumber is { Length: > 0 } payerNumber)
            {
                claim.PayerClaimNumber = payerNumber.Limit(50);
            }
            var words = Describe(reported);
            if (NewStatus(claim, reported) is { } status)
            {
                maker.Move(claim, status, Source, words);
                moved++;
            }
            else
            {
                db.ClaimEvents.Add(new ClaimEvent
                {
                    ClaimId = claim.Id, OccurredAt = time.GetUtcNow().UtcDateTime, Status = claim.Status, Source = Source,
                    Detail = words.Limit(1000),
                });
                recorded++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var levels = read.Transactions.SelectMany(r => r.Levels).SelectMany(l => l.Statuses).Select(s => s.ToString()).Distinct().Take(3).ToList();
        return $"277: {moved + recorded} claim statuses ({moved} changed a claim's status, {recorded} recorded)"
            + (unknown.Count > 0 ? $", {unknown.Count} not ours ({string.Join(", ", unknown.Take(5))})" : "")
            + (levels.Count > 0 ? $"; for the whole inquiry: {string.Join("; ", levels)}" : "") + ".";
    }

    /// <summary>The status the claim moves to, or null when the answer is recorded without a move.</summary>
    private static string? NewStatus(Claim claim, StatusReportedClaim reported)
    {
        var codes = reported.Statuses.Select(s => s.CategoryCode).ToList();
        // A3 returned, A4 not found, A6–A8 rejected: the payer does not have a claim it will pay; fix or send again.
        if (codes.Any(c => c is "A3" or "A4" or "A6" or "A7" or "A8") && claim.Status is ClaimStatuses.Sent or ClaimStatuses.Accepted)
        {
            return ClaimStatuses.Rejected;
        }
        var first = reported.Statuses.FirstOrDefault();
        if (claim.Status == ClaimStatuses.Sent && first is not null && (first.Outcome is ClaimStatusOutcome.Accepted or ClaimStatusOutcome.Pending
            or ClaimStatusOutcome.InformationRequested or ClaimStatusOutcome.Finalized))
        {
            // The payer has it in adjudication (or beyond): it was accepted, whatever a 277CA said or did not say.
            return ClaimStatuses.Accepted;
        }
        return null;
    }

    /// <summary>e.g. "Payer: Finalized: paid: Adjudicated, awaiting the payment cycle (F1:3); paid $389.73 on 12/14/2010 (check 0898779)".</summary>
    private static string Describe(StatusReportedClaim reported)
    {
        var text = "Payer: " + (reported.Statuses.Count == 0 ? "no status given" : reported.Reason);
        if (reported.PaidAmount is { } paid && reported.Statuses.Any(s => s.Outcome == ClaimStatusOutcome.Finalized))
        {
            text += $"; paid {paid.ToString("C", CultureInfo.GetCultureInfo("en-US"))}";
            if ((reported.PaymentDate ?? reported.AdjudicationDate) is { } on)
            {
                text += $" on {on.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)}";
            }
            if (reported.CheckNumber is { } check)
            {
                text += $" (check or EFT {check})";
            }
        }
        if (reported.PayerClaimControlNumber is { Length: > 0 } number)
        {
            text += $"; payer's claim number {number}";
        }
        if (reported.Message is { Length: > 0 } message)
        {
            text += $"; note: {message}";
        }
        return text;
    }
}
