using System.Globalization;
using System.Text;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.X12.Claims;
using MedOffice.X12.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Eligibility;

public sealed record EligibilityRequestOutcome(string FileName, IReadOnlyList<EligibilityCheck> Checks);

/// <summary>
/// Asks payers whether coverages are active on a date: one 270 file per request (one interchange per payer, one inquiry
/// per coverage with its own trace number), the subscriber asked about directly or as the holder of a dependent's plan.
/// The checks are recorded as Requested; the 271s that come back fill them in (<see cref="EligibilityResponseHandler"/>).
/// </summary>
public sealed class EligibilityRequests(MedOfficeDb db, OutboundFiles files, AuditTrail audit)
{
    public const string FilePrefix = "270";
    public const int MaxPerFile = 2000;
    /// <summary>EQ01 30, "health benefit plan coverage": the payer answers with the plan's benefits, office visits among them.</summary>
    private static readonly string[] ServiceTypes = ["30"];

    /// <summary>Why this coverage cannot be asked about, or null when it can.</summary>
    public static string? Unaskable(Coverage coverage) => coverage switch
    {
        { Payer: null } => "its payer is missing",
        { Payer.RequiresMemberId: false } => $"{coverage.Payer.Name} does not use member IDs, so it cannot be asked electronically",
        { MemberId: null or { Length: < 2 } } => "it has no member ID",
        _ => null,
    };

    public async Task<Result<EligibilityRequestOutcome>> RequestAsync(IReadOnlyCollection<int> coverageIds, DateOnly serviceDate, Actor actor,
        IClearinghouseTransport? transport = null, CancellationToken cancellationToken = default)
    {
        var ids = coverageIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxPerFile)
        {
            return Result<EligibilityRequestOutcome>.Fail("CoverageIds", $"Choose 1 to {MaxPerFile} coverages to check.");
        }
        var coverages = await db.Coverages.AsNoTracking().Include(c => c.Payer).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var errors = ids.Where(id => coverages.All(c => c.Id != id)).Select(id => new FieldError("CoverageIds", $"There is no coverage {id}.")).ToList();
        errors.AddRange(coverages.Where(c => Unaskable(c) is not null).Select(c => new FieldError("CoverageIds", $"Coverage {c.Id} cannot be checked: {Unaskable(c)}.")));
        if (errors.Count > 0)
        {
            return Result<EligibilityRequestOutcome>.Fail(errors);
        }
        var ready = await files.InquirySenderAsync(transport, cancellationToken);
        if (!ready.Succeeded)
        {
            return Result<EligibilityRequestOutcome>.Fail(ready.Errors);
        }
        var sender = ready.Value!;
        await FinishPendingAsync(sender.Transport, cancellationToken);
        var patientIds = coverages.Select(c => c.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var content = new StringBuilder();
        var checks = new List<EligibilityCheck>();
        X12Envelope? first = null;
        foreach (var byPayer in coverages.GroupBy(c => c.PayerId))
        {
            var envelope = await files.EnvelopeAsync(sender, cancellationToken);
            first ??= envelope;
            var inquiries = new List<EligibilityInquiry>();
            foreach (var coverage in byPayer)
            {
                var trace = "E" + (await ControlNumbers.NextAsync(db, "EligibilityTrace", cancellationToken)).ToString("D9", CultureInfo.InvariantCulture);
                inquiries.Add(Inquiry(trace, coverage, patients[coverage.PatientId], serviceDate));
                checks.Add(new EligibilityCheck
                {
                    CoverageId = coverage.Id, PatientId = coverage.PatientId, PayerId = coverage.PayerId, ServiceDate = serviceDate, TraceNumber = trace,
                    RequestedAt = sender.Now, RequestedBy = actor.UserName.Limit(64), RequestFile = "",
                    InterchangeControlNumber = envelope.InterchangeControlNumber,
                });
            }
            var payer = byPayer.First().Payer!;
            var batch = new EligibilityInquiryBatch
            {
                Envelope = envelope, Reference = envelope.InterchangeControlNumber.ToString(CultureInfo.InvariantCulture),
                Payer = new Party(payer.Name, payer.PayerIdentifier),
                Provider = new ProviderWithNpi(new EntityName(sender.Organization.Name), sender.Organization.BillingNpi!),
                TraceOriginator = TraceOriginator(sender.Organization), Inquiries = inquiries,
            };
            var refused = OutboundFiles.Check("270", () => EligibilityInquiryWriter.WriteToString(batch), out var part);
            if (refused.Count > 0)
            {
                return Result<EligibilityRequestOutcome>.Fail(refused);
            }
            content.Append(part);
        }

        var fileName = OutboundFiles.FileName(FilePrefix, sender, first!);
        checks.ForEach(c => c.RequestFile = fileName);
        await files.SendAsync(sender, fileName, content.ToString(), async () =>
        {
            db.EligibilityChecks.AddRange(checks);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var check in checks)
            {
                await audit.RecordAsync(new AuditEntry(actor, AuditActions.Export, AuditCategories.Insurance, check.PatientId,
                    Detail: $"eligibility asked for {check.ServiceDate:yyyy-MM-dd} (coverage {check.CoverageId}, trace {check.TraceNumber}, file {fileName})"), cancellationToken);
            }
        }, cancellationToken);
        return Result<EligibilityRequestOutcome>.Ok(new EligibilityRequestOutcome(fileName, checks));
    }

    /// <summary>After a crash between staging and publishing: publish the 270s the database knows, discard the others.</summary>
    public Task FinishPendingAsync(IClearinghouseTransport transport, CancellationToken cancellationToken = default) =>
        OutboundFiles.FinishPendingAsync(transport, FilePrefix, staged => db.EligibilityChecks.AnyAsync(c => c.RequestFile == staged, cancellationToken), cancellationToken);

    private static EligibilityInquiry Inquiry(string trace, Coverage coverage, Patient patient, DateOnly serviceDate)
    {
        var (subscriber, dependent) = OutboundFiles.People(coverage, patient);
        return new EligibilityInquiry(trace, coverage.MemberId!, subscriber, dependent, serviceDate, ServiceTypes);
    }

    /// <summary>TRN03: 1 and the practice's tax id, or (without one) 9 and the first nine digits of its NPI.</summary>
    private static string TraceOriginator(Practice.Organization organization)
    {
        var taxId = new string((organization.TaxId ?? "").Where(char.IsAsciiDigit).ToArray());
        return taxId.Length == 9 ? "1" + taxId : "9" + organization.BillingNpi![..9];
    }

}
