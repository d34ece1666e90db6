using System.Security.Cryptography;
using System.Text;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.X12.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Eligibility;

/// <summary>
/// 271: the payer's answers. Each person answered is matched to our question by the trace number the 271 echoes (TRN02),
/// else by member ID and payer (the newest open question for that coverage); the answer becomes the check's plain summary.
/// A whole-request refusal (AAA at payer or provider level) fails every question of the response it names.
/// </summary>
public sealed class EligibilityResponseHandler(MedOfficeDb db, TimeProvider time) : IInboundFileHandler
{
    public bool Handles(string transactionSetId, string implementationReference) =>
        transactionSetId == "271" && implementationReference.StartsWith("005010X279", StringComparison.Ordinal);

    public async Task<string> HandleAsync(string content, CancellationToken cancellationToken)
    {
        var read = EligibilityResponse.Read(content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        var now = time.GetUtcNow().UtcDateTime;
        var (answered, unknown) = (new List<EligibilityCheck>(), new List<string>());
        foreach (var response in read.Transactions)
        {
            var members = response.Members.ToList();
            if (members.Count == 0 && response.Rejections.Count > 0)
            {
                // Refused before any person (provider not on file, payer down): the open questions to this payer about this file's reference.
                foreach (var check in await OpenChecksForReferenceAsync(response, cancellationToken))
                {
                    BenefitSummary.Apply(check, new EligibilityMember(), response);
                    Answer(check, now, hash, answered);
                }
                continue;
            }
            foreach (var member in members)
            {
                var check = await MatchAsync(response, member, cancellationToken);
                if (check is null)
                {
                    unknown.Add(member.TraceNumbers.FirstOrDefault() ?? member.Person?.Id ?? "(no trace)");
                    continue;
                }
                BenefitSummary.Apply(check, member, response);
                Answer(check, now, hash, answered);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        var counts = answered.GroupBy(c => c.Status).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}");
        return $"271: {answered.Count} eligibility answers ({(answered.Count == 0 ? "none matched" : string.Join(", ", counts))})"
            + (unknown.Count > 0 ? $", {unknown.Count} not ours ({string.Join(", ", unknown.Take(5))})" : "")
            + (read.HasErrors ? $"; problems in the file: {string.Join("; ", read.Errors.Take(3))}" : "") + ".";
    }

    private static void Answer(EligibilityCheck check, DateTime now, string hash, List<EligibilityCheck> answered)
    {
        check.AnsweredAt = now;
        check.ResponseSha256 = hash;
        answered.Add(check);
    }

    private async Task<EligibilityCheck?> MatchAsync(EligibilityResponse response, EligibilityMember member, CancellationToken cancellationToken)
    {
        var traces = member.TraceNumbers.Where(t => t.Length is > 0 and <= 50).ToList();
        if (traces.Count > 0 && await db.EligibilityChecks.Where(c => traces.Contains(c.TraceNumber)).OrderByDescending(c => c.Id)
                .FirstOrDefaultAsync(cancellationToken) is { } traced)
        {
            return traced;
        }
        // A dependent's member ID is the subscriber's (loop 2100C), the one our coverages hold.
        var memberKey = Coverage.KeyOf(member.Person?.IdQualifier == "MI" ? member.Person.Id : member.Subscriber?.Id);
        var payerId = response.Payer?.Id;
        if (memberKey is null || payerId is null)
        {
            return null;
        }
        return await db.EligibilityChecks
            .Where(c => c.Status == EligibilityStatuses.Requested
                && db.Coverages.Any(v => v.Id == c.CoverageId && v.MemberIdKey == memberKey && v.Payer!.PayerIdentifier == payerId))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Our 270's BHT03 is its interchange number; a 271 echoes it, so a refusal of the whole request finds that interchange's open checks.</summary>
    private async Task<List<EligibilityCheck>> OpenChecksForReferenceAsync(EligibilityResponse response, CancellationToken cancellationToken)
    {
        if (!int.TryParse(response.Reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var interchange))
        {
            return [];
        }
        var payerId = response.Payer?.Id;
        return await db.EligibilityChecks
            .Where(c => c.InterchangeControlNumber == interchange && c.Status == EligibilityStatuses.Requested && db.Payers.Any(p => p.Id == c.PayerId && p.PayerIdentifier == payerId))
            .ToListAsync(cancellationToken);
    }
}
