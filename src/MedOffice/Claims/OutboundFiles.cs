using System.Globalization;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.X12;
using MedOffice.X12.Claims;
using MedOffice.X12.Eligibility;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>What every outbound file needs: the clearinghouse, the practice (the provider, by its billing NPI), where the file goes and the time.</summary>
public sealed record OutboundSender(Clearinghouse Clearinghouse, Organization Organization, IClearinghouseTransport Transport, DateTime Now, DateTime CreatedLocal);

/// <summary>
/// Writes every file the office sends the clearinghouse (837P claim batches, 270 eligibility and 276 claim status
/// inquiries) one way: one interchange per payer or batch, checked against the implementation guide before anything is
/// written, staged, recorded in the database, then published by an atomic rename. A file that fails the check is never
/// sent; a file whose recording fails is discarded.
/// </summary>
public sealed class OutboundFiles(MedOfficeDb db, TimeProvider time)
{
    /// <summary>The active clearinghouse, or the refusal when none is set up.</summary>
    public async Task<Result<Clearinghouse>> ClearinghouseAsync(CancellationToken cancellationToken)
    {
        var clearinghouse = await db.Clearinghouses.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return clearinghouse is null
            ? Result<Clearinghouse>.Fail("Clearinghouse", "No clearinghouse is set up: add one under Claims → Clearinghouse first.")
            : Result<Clearinghouse>.Ok(clearinghouse);
    }

    /// <summary>The sender of an inquiry (270, 276): refused without a clearinghouse or a billing NPI.</summary>
    public async Task<Result<OutboundSender>> InquirySenderAsync(IClearinghouseTransport? transport, CancellationToken cancellationToken)
    {
        var clearinghouse = await ClearinghouseAsync(cancellationToken);
        if (!clearinghouse.Succeeded)
        {
            return Result<OutboundSender>.Fail(clearinghouse.Errors);
        }
        var organization = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        if (organization?.BillingNpi is not { } npi || !Practice.Npi.TryParse(npi, out _))
        {
            return Result<OutboundSender>.Fail("BillingNpi", "The practice's billing NPI is not set: payers answer only a provider they know by NPI (Claims → Billing provider).");
        }
        return Result<OutboundSender>.Ok(await SenderAsync(clearinghouse.Value!, organization, transport, cancellationToken));
    }

    public async Task<OutboundSender> SenderAsync(Clearinghouse clearinghouse, Organization organization, IClearinghouseTransport? transport,
        CancellationToken cancellationToken)
    {
        var zone = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
        var now = time.GetUtcNow().UtcDateTime;
        return new OutboundSender(clearinghouse, organization, transport ?? DropFolderTransport.For(clearinghouse), now, Scheduling.LocalTimes.ToLocal(now, zone));
    }

    /// <summary>A fresh envelope: ISA and GS numbers from the same counters as claim batches, so they never repeat for the clearinghouse.</summary>
    public async Task<X12Envelope> EnvelopeAsync(OutboundSender sender, CancellationToken cancellationToken) => new()
    {
        SenderQualifier = sender.Clearinghouse.IdQualifier, SenderId = sender.Clearinghouse.SubmitterId,
        ReceiverQualifier = sender.Clearinghouse.IdQualifier, ReceiverId = sender.Clearinghouse.ReceiverId,
        InterchangeControlNumber = await ControlNumbers.NextAsync(db, ControlNumbers.Interchange, cancellationToken),
        GroupControlNumber = await ControlNumbers.NextAsync(db, ControlNumbers.Group, cancellationToken),
        Created = sender.CreatedLocal, IsProduction = sender.Clearinghouse.UsageIndicator == "P",
    };

    public static string FileName(string kind, OutboundSender sender, X12Envelope first) =>
        $"{kind}-{sender.Now:yyyyMMdd-HHmmss}-{first.InterchangeControlNumber.ToString("D9", CultureInfo.InvariantCulture)}.x12";

    /// <summary>Refusals of the writers and of the implementation-guide check, in words; none when the file may go.</summary>
    public static IReadOnlyList<FieldError> Check(string what, Func<string> write, out string content, string field = "File")
    {
        try
        {
            content = write();
        }
        catch (ArgumentException refused)
        {
            content = "";
            return [new FieldError(field, $"The {what} file was not written, nothing was sent: {refused.Message}")];
        }
        var report = X12Validator.Validate(content);
        return report.IsValid
            ? []
            : report.Errors.Where(e => e.Severity == X12Severity.Error).Take(10)
                .Select(e => new FieldError(field, $"The {what} file failed the implementation-guide check, nothing was sent: {e}")).ToList();
    }

    /// <summary>Stages the file, runs <paramref name="record"/> in one database transaction, then publishes the file.</summary>
    public async Task SendAsync(OutboundSender sender, string fileName, string content, Func<Task> record, CancellationToken cancellationToken)
    {
        await sender.Transport.StageAsync(fileName, content, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await record();
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // Not recorded, so not sent: the staged file goes (the database and the folder agree again).
            await sender.Transport.DiscardAsync(fileName, CancellationToken.None);
            throw;
        }
        await sender.Transport.PublishAsync(fileName, cancellationToken);
    }

    /// <summary>After a crash between staging and publishing: publish the staged files of this kind the database knows as sent, discard the others.</summary>
    public static async Task FinishPendingAsync(IClearinghouseTransport transport, string prefix, Func<string, Task<bool>> recorded, CancellationToken cancellationToken)
    {
        foreach (var staged in transport.Staged().Where(s => s.StartsWith(prefix + "-", StringComparison.Ordinal)))
        {
            if (await recorded(staged))
            {
                await transport.PublishAsync(staged, cancellationToken);
            }
            else
            {
                await transport.DiscardAsync(staged, cancellationToken);
            }
        }
    }

    /// <summary>Who holds the plan and who the patient is: the subscriber alone when the patient holds it, else the subscriber and the patient as dependent.</summary>
    public static (InquiredPerson Subscriber, InquiredPerson? Dependent) People(Coverage coverage, Patient patient)
    {
        var person = new InquiredPerson(patient.LegalLastName, patient.LegalFirstName, patient.DateOfBirth, Gender(patient.SexAtBirth));
        return coverage.SubscriberRelationship == SubscriberRelationships.Self
            ? (person, null)
            : (new InquiredPerson(coverage.SubscriberLastName, coverage.SubscriberFirstName, coverage.SubscriberDateOfBirth, Gender(coverage.SubscriberSex)), person);
    }

    private static string? Gender(string sex) => sex is SexesAtBirth.Female or SexesAtBirth.Male ? sex : null;
}
