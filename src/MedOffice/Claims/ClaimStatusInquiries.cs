using System.Globalization;
using System.Text;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.X12.Claims;
using MedOffice.X12.ClaimStatus;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

public sealed record StatusInquiryOutcome(string FileName, IReadOnlyList<string> ClaimNumbers, IReadOnlyList<string> NotAsked);

/// <summary>
/// "Where is my claim?": a 276 asking each payer about claims it has held a while (Sent or Accepted), traced by our claim
/// number so the 277 answer finds the claim (<see cref="ClaimStatusHandler"/>). Each claim asked gets a line in its history.
/// </summary>
public sealed class ClaimStatusInquiries(MedOfficeDb db, OutboundFiles files, AuditTrail audit, ClearinghouseOptions options, TimeProvider time)
{
    public const string FilePrefix = "276";
    public const string Source = "276";
    public const int MaxPerFile = 2000;

    /// <summary>Claims with the payer for longer than the configured days and not asked about in the last week.</summary>
    public async Task<List<int>> DueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (heldSince, askedSince) = (now.AddDays(-options.ClaimStatusAfterDays), now.AddDays(-7));
        return await db.Claims.AsNoTracking()
            .Where(c => (c.Status == ClaimStatuses.Sent || c.Status == ClaimStatuses.Accepted) && c.UpdatedAt <= heldSince)
            .Where(c => !db.ClaimEvents.Any(e => e.ClaimId == c.Id && e.Source == Source && e.OccurredAt >= askedSince))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(MaxPerFile).ToListAsync(cancellationToken);
    }

    /// <param name="claimIds">The claims to ask about; null asks about every claim that is due (<see cref="DueAsync"/>).</param>
    public async Task<Result<StatusInquiryOutcome>> RequestAsync(IReadOnlyCollection<int>? claimIds, Actor actor, IClearinghouseTransport? transport = null,
        CancellationToken cancellationToken = default)
    {
        var ids = (claimIds ?? await DueAsync(cancellationToken)).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Result<StatusInquiryOutcome>.Fail("ClaimIds", claimIds is null
                ? $"No claim has been with its payer for more than {options.ClaimStatusAfterDays} days without an answer."
                : "Choose the claims to ask about.");
        }
        if (ids.Count > MaxPerFile)
        {
            return Result<StatusInquiryOutcome>.Fail("ClaimIds", $"Ask about at most {MaxPerFile} claims at once.");
        }
        var claims = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var notAsked = ids.Where(id => claims.All(c => c.Id != id)).Select(id => $"There is no claim {id}.")
            .Concat(claims.Where(c => c.Status is not (ClaimStatuses.Sent or ClaimStatuses.Accepted))
                .Select(c => $"Claim {c.ClaimNumber} is {c.Status}: only claims the payer holds (sent or accepted) can be asked about."))
            .ToList();
        claims = claims.Where(c => c.Status is ClaimStatuses.Sent or ClaimStatuses.Accepted).ToList();
        if (claims.Count == 0)
        {
            return Result<StatusInquiryOutcome>.Fail(notAsked.Select(n => new FieldError("ClaimIds", n)).ToList());
        }
        var ready = await files.InquirySenderAsync(transport, cancellationToken);
        if (!ready.Succeeded)
        {
            return Result<StatusInquiryOutcome>.Fail(ready.Errors);
        }
        var sender = ready.Value!;
        await FinishPendingAsync(sender.Transport, cancellationToken);
        var coverageIds = claims.Select(c => c.CoverageId).Distinct().ToList();
        var coverages = await db.Coverages.AsNoTracking().Include(c => c.Payer).Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var patientIds = claims.Select(c => c.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var content = new StringBuilder();
        X12Envelope? first = null;
        foreach (var byPayer in claims.GroupBy(c => c.PayerId))
        {
            var envelope = await files.EnvelopeAsync(sender, cancellationToken);
            first ??= envelope;
            var payer = coverages[byPayer.First().CoverageId].Payer!;
            var batch = new ClaimStatusInquiryBatch
            {
                Envelope = envelope, Reference = envelope.InterchangeControlNumber.ToString(CultureInfo.InvariantCulture),
                Payer = new Party(payer.Name, payer.PayerIdentifier),
                InformationReceiver = new Party(sender.Organization.Name, sender.Clearinghouse.SubmitterId),
                ServiceProvider = new ProviderWithNpi(new EntityName(sender.Organization.Name), sender.Organization.BillingNpi!),
                Claims = byPayer.Select(c => Inquiry(c, coverages[c.CoverageId], patients[c.PatientId])).ToList(),
            };
            var refused = OutboundFiles.Check("276", () => ClaimStatusInquiryWriter.WriteToString(batch), out var part);
            if (refused.Count > 0)
            {
                return Result<StatusInquiryOutcome>.Fail(refused);
            }
            content.Append(part);
        }

        var fileName = OutboundFiles.FileName(FilePrefix, sender, first!);
        await files.SendAsync(sender, fileName, content.ToString(), async () =>
        {
            db.ClaimEvents.AddRange(claims.Select(c => new ClaimEvent
            {
                ClaimId = c.Id, OccurredAt = sender.Now, Status = c.Status, Source = Source, Detail = AskedIn(fileName),
            }));
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Export, AuditCategories.Billing,
                Detail: $"276 claim status inquiry: {claims.Count} claims, file {fileName}"), cancellationToken);
        }, cancellationToken);
        return Result<StatusInquiryOutcome>.Ok(new StatusInquiryOutcome(fileName, claims.Select(c => c.ClaimNumber).ToList(), notAsked));
    }

    /// <summary>After a crash between staging and publishing: publish the 276s the claims' histories know, discard the others.</summary>
    public Task FinishPendingAsync(IClearinghouseTransport transport, CancellationToken cancellationToken = default) =>
        OutboundFiles.FinishPendingAsync(transport, FilePrefix,
            staged => db.ClaimEvents.AnyAsync(e => e.Source == Source && e.Detail == AskedIn(staged), cancellationToken), cancellationToken);

    private static string AskedIn(string fileName) => $"Status asked of the payer in {fileName}.";

    private static ClaimStatusInquiry Inquiry(Claim claim, Coverage coverage, Patient patient)
    {
        var (subscriber, dependent) = OutboundFiles.People(coverage, patient);
        return new ClaimStatusInquiry(claim.ClaimNumber, coverage.MemberId ?? "", subscriber, dependent, claim.ClaimNumber,
            claim.PayerClaimNumber, claim.TotalCharge, claim.DateOfService, claim.DateOfService);
    }
}
