using System.Globalization;

namespace MedOffice.X12.Claims;

/// <summary>Options for the inquiry writers (<c>EligibilityInquiryWriter</c>, <c>ClaimStatusInquiryWriter</c>).</summary>
public sealed record X12WriterOptions
{
    /// <summary>The delimiters (default <c>* : ^ ~</c>).</summary>
    public X12Delimiters Delimiters { get; init; } = X12Delimiters.Default;

    /// <summary>Write a line break after each segment terminator (readable; receivers ignore it). Off by default.</summary>
    public bool LineBreakAfterSegment { get; init; }
}

/// <summary>A provider named with its NPI (the inquiries' 2100B/2100C): an organisation, or a person with a first name.</summary>
/// <param name="Name">The practice's or provider's name.</param>
/// <param name="Npi">The NPI (NM109 with qualifier XX).</param>
public sealed record ProviderWithNpi(EntityName Name, string Npi);

/// <summary>Writes one interchange holding one functional group with one transaction set, around a body the caller writes.</summary>
internal static class InquiryEnvelope
{
    public static X12WriteResult Write(TextWriter output, X12Envelope envelope, X12WriterOptions? options, string functionalIdentifier, string transactionSetId,
        string version, Action<SegmentWriter> body, int count)
    {
        options ??= new X12WriterOptions();
        var writer = new SegmentWriter(output, options.Delimiters, options.LineBreakAfterSegment);
        var interchange = envelope.InterchangeControlNumber.ToString("D9", CultureInfo.InvariantCulture);
        var group = envelope.GroupControlNumber.ToString(CultureInfo.InvariantCulture);
        var control = envelope.FirstTransactionControlNumber.ToString("D4", CultureInfo.InvariantCulture);
        ProfessionalClaimWriter.WriteInterchangeHeader(writer, envelope, interchange, options.Delimiters);
        writer.Begin("GS").Element(functionalIdentifier).Element(envelope.ApplicationSenderCode ?? envelope.SenderId).Element(envelope.ApplicationReceiverCode ?? envelope.ReceiverId)
            .Element(DateOnly.FromDateTime(envelope.Created)).Element(envelope.Created.ToString("HHmm", CultureInfo.InvariantCulture)).Element(group).Element("X").Element(version).End();
        writer.ResetCount();
        writer.Begin("ST").Element(transactionSetId).Element(control).Element(version).End();
        body(writer);
        writer.Begin("SE").Element((writer.Count + 1).ToString(CultureInfo.InvariantCulture)).Element(control).End();
        writer.Begin("GE").Element("1").Element(group).End();
        writer.Begin("IEA").Element("1").Element(interchange).End();
        return new X12WriteResult(interchange, group, [control], count);
    }

    /// <summary>BHT: purpose 13 (request), the caller's reference, and the envelope's date and time.</summary>
    public static void WriteHeader(SegmentWriter writer, string structure, string reference, DateTime created) =>
        writer.Begin("BHT").Element(structure).Element("13").Element(reference).Element(DateOnly.FromDateTime(created))
            .Element(created.ToString("HHmm", CultureInfo.InvariantCulture)).End();

    /// <summary>An HL segment numbered by the caller.</summary>
    public static void WriteLevel(SegmentWriter writer, int id, int? parent, string level, bool? hasChildren) =>
        writer.Begin("HL").Element(id.ToString(CultureInfo.InvariantCulture)).Element(parent?.ToString(CultureInfo.InvariantCulture)).Element(level)
            .Element(hasChildren is null ? null : hasChildren.Value ? "1" : "0").End();

    /// <summary>An NM1 for a person or organisation with an identifier.</summary>
    public static void WriteName(SegmentWriter writer, string entity, EntityName name, string? idQualifier, string? id) =>
        writer.Begin("NM1").Element(entity).Element(name.IsPerson ? "1" : "2").Element(name.LastOrOrganizationName)
            .Element(name.IsPerson ? name.FirstName : null).Element(name.IsPerson ? name.MiddleName : null).Element(null)
            .Element(name.IsPerson ? name.Suffix : null).Element(idQualifier).Element(id).End();

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
