using System.Globalization;
using MedOffice.X12.Claims;
using MedOffice.X12.Validation;
using MedOffice.X12.Writing;

namespace MedOffice.X12.Eligibility;

/// <summary>A batch of eligibility questions to one payer from one provider: one at check-in, or tomorrow's appointments overnight.</summary>
public sealed record EligibilityInquiryBatch
{
    /// <summary>The envelope and control numbers (the caller keeps them unique).</summary>
    public required X12Envelope Envelope { get; init; }

    /// <summary>BHT03, our reference for this request (the 271 echoes it).</summary>
    public required string Reference { get; init; }

    /// <summary>Loop 2100A: the payer asked (name and payer id).</summary>
    public required Party Payer { get; init; }

    /// <summary>Loop 2100B: the provider asking, with an NPI.</summary>
    public required ProviderWithNpi Provider { get; init; }

    /// <summary>TRN03, who assigns our trace numbers: 10 characters, <c>1</c> + tax id or <c>9</c> + a number of our own.</summary>
    public required string TraceOriginator { get; init; }

    /// <summary>Each person asked about (2000C, and 2000D for a dependent).</summary>
    public required IReadOnlyList<EligibilityInquiry> Inquiries { get; init; }
}

/// <summary>A person the inquiry is about: name, date of birth, and sex if known.</summary>
/// <param name="LastName">Last name as on the insurance card.</param>
/// <param name="FirstName">First name.</param>
/// <param name="BirthDate">Date of birth (payers match on it).</param>
/// <param name="Gender"><c>F</c>, <c>M</c> or null.</param>
public sealed record InquiredPerson(string LastName, string FirstName, DateOnly? BirthDate, string? Gender = null);

/// <summary>One question: is this subscriber (or their dependent) covered on this date, for these service types?</summary>
/// <param name="TraceNumber">TRN02, our trace number for this person (the 271 echoes it; unique per batch).</param>
/// <param name="MemberId">The subscriber's member id from the card.</param>
/// <param name="Subscriber">The subscriber.</param>
/// <param name="Dependent">The patient when not the subscriber (only when the payer has no member id for the dependent), else null.</param>
/// <param name="ServiceDate">DTP*291: the date of service asked about.</param>
/// <param name="ServiceTypes">EQ01s, e.g. <c>30</c> (plan coverage) or <c>98</c> (office visit); at least one.</param>
public sealed record EligibilityInquiry(string TraceNumber, string MemberId, InquiredPerson Subscriber, InquiredPerson? Dependent, DateOnly ServiceDate,
    IReadOnlyList<string> ServiceTypes);

/// <summary>Writes a 270 Eligibility Benefit Inquiry (005010X279A1): payer, provider, then each subscriber (and dependent) with the dates and service types asked about.</summary>
/// <remarks>The batch is checked before anything is written (<see cref="ArgumentException"/> names the inquiry and the fault).</remarks>
public static class EligibilityInquiryWriter
{
    private const string Version = "005010X279A1";

    /// <summary>Writes the batch to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">When the batch cannot make a valid 270.</exception>
    public static X12WriteResult Write(EligibilityInquiryBatch batch, TextWriter output, X12WriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        Check(batch);
        return EnvelopeWriter.WriteSingle(output, batch.Envelope, options, "270", Version, envelope => WriteBody(envelope, batch), batch.Inquiries.Count);
    }

    /// <summary>Writes the batch to a string.</summary>
    public static string WriteToString(EligibilityInquiryBatch batch, X12WriterOptions? options = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(batch, text, options);
        return text.ToString();
    }

    private static void Check(EligibilityInquiryBatch batch)
    {
        EnvelopeWriter.Check(batch.Envelope);
        EnvelopeWriter.Require(batch.Inquiries.Count > 0, "A 270 needs at least one inquiry.");
        EnvelopeWriter.Require(batch.Payer.Name.Length > 0 && batch.Payer.Id.Length > 0, "The payer needs a name and a payer id.");
        EnvelopeWriter.Require(Npi.IsValid(batch.Provider.Npi), $"The provider's NPI '{batch.Provider.Npi}' fails its check digit.");
        EnvelopeWriter.Require(batch.TraceOriginator.Length == 10, $"TRN03 '{batch.TraceOriginator}' must be 10 characters (1 + tax id, or 9 + your own number).");
        EnvelopeWriter.Require(batch.Inquiries.Select(i => i.TraceNumber).Distinct(StringComparer.Ordinal).Count() == batch.Inquiries.Count, "Each inquiry needs its own trace number.");
        foreach (var inquiry in batch.Inquiries)
        {
            var who = $"Inquiry {inquiry.TraceNumber}";
            EnvelopeWriter.Require(inquiry.TraceNumber.Length is > 0 and <= 50, $"{who}: the trace number must be 1 to 50 characters.");
            EnvelopeWriter.Require(inquiry.MemberId.Length is >= 2 and <= 80, $"{who}: the member id must be 2 to 80 characters.");
            EnvelopeWriter.Require(inquiry.Subscriber.LastName.Length > 0 && (inquiry.Dependent is null || inquiry.Dependent.LastName.Length > 0), $"{who}: names are required.");
            EnvelopeWriter.Require(inquiry.ServiceTypes.Count is > 0 and <= 99 && inquiry.ServiceTypes.All(s => s.Length is 1 or 2), $"{who}: give 1 to 99 service type codes (EQ01).");
        }
    }

    private static void WriteBody(EnvelopeWriter envelope, EligibilityInquiryBatch batch)
    {
        var writer = envelope.Writer;
        envelope.WriteHeader("0022", "13", batch.Reference);
        writer.Level(1, null, "20", true);
        writer.PayerName(batch.Payer.Name, batch.Payer.Id);
        writer.Level(2, 1, "21", true);
        writer.Name("1P", batch.Provider.Name, "XX", batch.Provider.Npi);
        var id = 2;
        foreach (var inquiry in batch.Inquiries)
        {
            var subscriberId = ++id;
            writer.Level(subscriberId, 2, "22", inquiry.Dependent is not null);
            if (inquiry.Dependent is null)
            {
                WritePerson(writer, batch, inquiry, "IL", inquiry.Subscriber, inquiry.MemberId);
                continue;
            }
            writer.PersonName("IL", inquiry.Subscriber.LastName, inquiry.Subscriber.FirstName, "MI", inquiry.MemberId);
            writer.Level(++id, subscriberId, "23", false);
            WritePerson(writer, batch, inquiry, "03", inquiry.Dependent, null);
        }
    }

    /// <summary>The person the benefits are asked for: trace, name, demographics, date, service types.</summary>
    private static void WritePerson(SegmentWriter writer, EligibilityInquiryBatch batch, EligibilityInquiry inquiry, string entity, InquiredPerson person, string? memberId)
    {
        writer.Begin("TRN").Element("1").Element(inquiry.TraceNumber).Element(batch.TraceOriginator).End();
        writer.PersonName(entity, person.LastName, person.FirstName, memberId is null ? null : "MI", memberId);
        if (person.BirthDate is { } birth)
        {
            writer.Demographics(birth, person.Gender);
        }
        writer.Begin("DTP").Element("291").Element("D8").Element(inquiry.ServiceDate).End();
        foreach (var serviceType in inquiry.ServiceTypes)
        {
            writer.Begin("EQ").Element(serviceType).End();
        }
    }
}
