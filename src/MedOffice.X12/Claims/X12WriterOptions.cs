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
