namespace MedOffice.X12;

/// <summary>The kinds of problem the reader and the validator report.</summary>
public enum X12ErrorCode
{
    /// <summary>The input does not begin with an ISA segment, so it is not X12 (or is cut at the front).</summary>
    MissingInterchangeHeader,
    /// <summary>The ISA segment is not the fixed 106 characters, or one of its fixed-width fields has the wrong width.</summary>
    InvalidInterchangeHeader,
    /// <summary>The delimiters declared by the ISA clash with each other or with data characters.</summary>
    InvalidDelimiters,
    /// <summary>A segment is longer than the reader allows, usually because the segment terminator is wrong.</summary>
    SegmentTooLong,
    /// <summary>The input ends in the middle of a segment, without its terminator.</summary>
    MissingSegmentTerminator,
    /// <summary>Two segment terminators follow each other with nothing between them.</summary>
    EmptySegment,
    /// <summary>A segment identifier is not two or three capital letters and digits.</summary>
    InvalidSegmentId,
    /// <summary>An envelope segment (ISA, GS, ST, SE, GE, IEA) is missing, out of place or unclosed.</summary>
    EnvelopeStructure,
    /// <summary>A trailer's control number does not repeat its header's (IEA02/ISA13, GE02/GS06, SE02/ST02).</summary>
    ControlNumberMismatch,
    /// <summary>A trailer's count is wrong (IEA01 groups, GE01 transaction sets, SE01 segments).</summary>
    CountMismatch,
    /// <summary>The version or implementation reference is missing or inconsistent (GS08, ST03, GS01 vs ST01).</summary>
    VersionMismatch,
    /// <summary>A transaction set the validator does not know, or a version it does not check in depth.</summary>
    UnknownTransaction,
    /// <summary>A segment appears where the implementation guide does not allow it.</summary>
    UnexpectedSegment,
    /// <summary>A segment appears before one that the implementation guide puts ahead of it.</summary>
    SegmentOutOfOrder,
    /// <summary>A required segment is missing from its loop.</summary>
    MissingSegment,
    /// <summary>A required loop is missing.</summary>
    MissingLoop,
    /// <summary>A segment repeats more often than the implementation guide allows.</summary>
    TooManySegments,
    /// <summary>A loop repeats more often than the implementation guide allows.</summary>
    TooManyLoops,
    /// <summary>A required element (or component) is empty.</summary>
    MissingElement,
    /// <summary>An element the implementation guide marks "not used" is sent.</summary>
    ElementNotUsed,
    /// <summary>A segment has more elements than its definition.</summary>
    TooManyElements,
    /// <summary>An element has a value that is not one of the codes allowed there.</summary>
    InvalidCode,
    /// <summary>An element is too short or too long.</summary>
    InvalidLength,
    /// <summary>An element is not of its data type (number, decimal, date, time).</summary>
    InvalidFormat,
    /// <summary>A composite element is malformed, for example its qualifier and code were sent as separate elements.</summary>
    InvalidComposite,
    /// <summary>An NPI fails its check digit (Luhn with the 80840 prefix).</summary>
    InvalidNpi,
    /// <summary>A postal code or state does not have the required form.</summary>
    InvalidAddress,
    /// <summary>The HL hierarchy is broken: numbering, parents, levels or child codes.</summary>
    HierarchyError,
    /// <summary>Amounts do not add up (claim total vs. service lines, coordination-of-benefits balancing).</summary>
    AmountsDoNotBalance,
    /// <summary>A rule tying several segments together is broken (for example a replacement claim without REF*F8).</summary>
    InconsistentClaim,
    /// <summary>More problems were found than the reader keeps; the rest are not listed.</summary>
    TooManyErrors,
}
