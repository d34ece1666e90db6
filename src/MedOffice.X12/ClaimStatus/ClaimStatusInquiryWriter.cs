using System.Globalization;
using MedOffice.X12.Claims;
using MedOffice.X12.Validation;
using MedOffice.X12.Writing;

namespace MedOffice.X12.ClaimStatus;

/// <summary>A batch of claim status questions to one payer, about claims of one billing provider.</summary>
public sealed record ClaimStatusInquiryBatch
{
    /// <summary>The envelope and control numbers (the caller keeps them unique).</summary>
    public required X12Envelope Envelope { get; init; }

    /// <summary>BHT03, our reference for this request (the 277 echoes it).</summary>
    public required string Reference { get; init; }

    /// <summary>Loop 2100A: the payer asked.</summary>
    public required Party Payer { get; init; }

    /// <summary>Loop 2100B: who receives the answer (the practice or its clearinghouse account), by its electronic transmitter id (qualifier 46).</summary>
    public required Party InformationReceiver { get; init; }

    /// <summary>Loop 2100C: the billing provider and its NPI.</summary>
    public required ProviderWithNpi ServiceProvider { get; init; }

    /// <summary>The claims asked about.</summary>
    public required IReadOnlyList<ClaimStatusInquiry> Claims { get; init; }
}

/// <summary>One claim asked about: who the patient is, and the claim's identifiers, total and dates.</summary>
/// <param name="TraceNumber">TRN02, our trace for this question (the 277 echoes it); usually the claim's patient control number.</param>
/// <param name="MemberId">The subscriber's member id.</param>
/// <param name="Subscriber">The subscriber's name and date of birth.</param>
/// <param name="Patient">The patient when not the subscriber, else null.</param>
/// <param name="PatientControlNumber">REF*EJ: the CLM01 the claim was sent with.</param>
/// <param name="PayerClaimControlNumber">REF*1K: the payer's claim number, if known (from a 277CA or 835).</param>
/// <param name="TotalCharge">AMT*T3: the claim's total charge.</param>
/// <param name="ServiceFrom">The first date of service.</param>
/// <param name="ServiceTo">The last date of service (the same day for a one-day claim).</param>
public sealed record ClaimStatusInquiry(string TraceNumber, string MemberId, Eligibility.InquiredPerson Subscriber, Eligibility.InquiredPerson? Patient,
    string PatientControlNumber, string? PayerClaimControlNumber, decimal TotalCharge, DateOnly ServiceFrom, DateOnly ServiceTo);

/// <summary>Writes a 276 Health Care Claim Status Request (005010X212).</summary>
/// <remarks>The batch is checked before anything is written (<see cref="ArgumentException"/> names the claim and the fault).</remarks>
public static class ClaimStatusInquiryWriter
{
    private const string Version = "005010X212";

    /// <summary>Writes the batch to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">When the batch cannot make a valid 276.</exception>
    public static X12WriteResult Write(ClaimStatusInquiryBatch batch, TextWriter output, X12WriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        Check(batch);
        return EnvelopeWriter.WriteSingle(output, batch.Envelope, options, "276", Version, envelope => WriteBody(envelope, batch), batch.Claims.Count);
    }

    /// <summary>Writes the batch to a string.</summary>
    public static string WriteToString(ClaimStatusInquiryBatch batch, X12WriterOptions? options = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(batch, text, options);
        return text.ToString();
    }

    private static void Check(ClaimStatusInquiryBatch batch)
    {
        EnvelopeWriter.Check(batch.Envelope);
        EnvelopeWriter.Require(batch.Claims.Count > 0, "A 276 needs at least one claim.");
        EnvelopeWriter.Require(batch.Payer.Name.Length > 0 && batch.Payer.Id.Length > 0, "The payer needs a name and a payer id.");
        EnvelopeWriter.Require(batch.Claims.Select(c => c.TraceNumber).Distinct(StringComparer.Ordinal).Count() == batch.Claims.Count, "Each claim needs its own trace number.");
        EnvelopeWriter.Require(Npi.IsValid(batch.ServiceProvider.Npi), $"The provider's NPI '{batch.ServiceProvider.Npi}' fails its check digit.");
        foreach (var claim in batch.Claims)
        {
            var who = $"Claim {claim.PatientControlNumber}";
            EnvelopeWriter.Require(claim.TraceNumber.Length is > 0 and <= 50, $"{who}: the trace number must be 1 to 50 characters.");
            EnvelopeWriter.Require(claim.PatientControlNumber.Length is > 0 and <= 50, $"{who}: the patient control number must be 1 to 50 characters.");
            EnvelopeWriter.Require(claim.MemberId.Length is >= 2 and <= 80, $"{who}: the member id must be 2 to 80 characters.");
            EnvelopeWriter.Require(claim.ServiceTo >= claim.ServiceFrom, $"{who}: the last date of service is before the first.");
            EnvelopeWriter.Require(claim.TotalCharge >= 0, $"{who}: the total charge cannot be negative.");
        }
    }

    private static void WriteBody(EnvelopeWriter envelope, ClaimStatusInquiryBatch batch)
    {
        var writer = envelope.Writer;
        envelope.WriteHeader("0010", "13", batch.Reference);
        writer.Level(1, null, "20", true);
        writer.PayerName(batch.Payer.Name, batch.Payer.Id);
        writer.Level(2, 1, "21", true);
        writer.OrganizationName("41", batch.InformationReceiver.Name, "46", batch.InformationReceiver.Id);
        writer.Level(3, 2, "19", true);
        writer.Name("1P", batch.ServiceProvider.Name, "XX", batch.ServiceProvider.Npi);
        var id = 3;
        foreach (var claim in batch.Claims)
        {
            var subscriberId = ++id;
            writer.Level(subscriberId, 3, "22", claim.Patient is not null);
            if (claim.Patient is null)
            {
                WriteDemographics(writer, claim.Subscriber);
            }
            writer.PersonName("IL", claim.Subscriber.LastName, claim.Subscriber.FirstName, "MI", claim.MemberId);
            if (claim.Patient is { } patient)
            {
                writer.Level(++id, subscriberId, "23", null);
                WriteDemographics(writer, patient);
                writer.PersonName("QC", patient.LastName, patient.FirstName);
            }
            WriteClaim(writer, claim);
        }
    }

    private static void WriteDemographics(SegmentWriter writer, Eligibility.InquiredPerson person)
    {
        if (person.BirthDate is { } birth)
        {
            writer.Demographics(birth, person.Gender);
        }
    }

    private static void WriteClaim(SegmentWriter writer, ClaimStatusInquiry claim)
    {
        writer.Begin("TRN").Element("1").Element(claim.TraceNumber).End();
        if (claim.PayerClaimControlNumber is { } payerNumber)
        {
            writer.Begin("REF").Element("1K").Element(payerNumber).End();
        }
        writer.Begin("REF").Element("EJ").Element(claim.PatientControlNumber).End();
        writer.Begin("AMT").Element("T3").Element(claim.TotalCharge).End();
        writer.Begin("DTP").Element("472").DateOrRange(claim.ServiceFrom, claim.ServiceTo).End();
    }
}
