namespace MedOffice.X12.Acknowledgments;

/// <summary>Whether a functional group or transaction set was accepted (IK501, AK901).</summary>
public enum AcknowledgmentOutcome
{
    /// <summary><c>A</c>: accepted.</summary>
    Accepted,

    /// <summary><c>E</c>: accepted, with errors noted that did not stop processing.</summary>
    AcceptedWithErrors,

    /// <summary><c>P</c> (groups only): some transaction sets accepted, at least one rejected.</summary>
    PartiallyAccepted,

    /// <summary><c>R</c>, <c>M</c>, <c>W</c>, <c>X</c>: rejected; nothing in it will be processed.</summary>
    Rejected,

    /// <summary>A status code the reader does not know (or none): treat as not accepted.</summary>
    Unknown,
}

/// <summary>
/// One 999 Implementation Acknowledgment (005010X231A1): the receiver's verdict on one functional group we sent
/// (AK1 = our GS06) and on each of its transaction sets (AK2 = our ST02), with every segment and element error.
/// </summary>
public sealed class FunctionalAcknowledgment
{
    internal List<AcknowledgedTransactionSet> TransactionSetList { get; } = [];
    internal List<string> GroupErrorList { get; } = [];

    /// <summary>Reads every 999 in an input. Never throws for bad input: problems are in <see cref="X12ReadResult{T}.Errors"/>.</summary>
    public static X12ReadResult<FunctionalAcknowledgment> Read(Stream input, X12ReaderOptions? options = null) => new FunctionalAcknowledgmentReader().Read(input, options);

    /// <summary>Reads every 999 held in a string.</summary>
    public static X12ReadResult<FunctionalAcknowledgment> Read(string text, X12ReaderOptions? options = null) => new FunctionalAcknowledgmentReader().Read(text, options);

    /// <summary>ST02 of the 999 itself.</summary>
    public string ControlNumber { get; internal set; } = "";

    /// <summary>AK101, the acknowledged group's functional identifier (<c>HC</c> for claims, <c>HS</c> eligibility…).</summary>
    public string FunctionalIdentifier { get; internal set; } = "";

    /// <summary>AK102, the acknowledged group's control number: the GS06 of the batch we sent.</summary>
    public string GroupControlNumber { get; internal set; } = "";

    /// <summary>AK103, the acknowledged group's version (e.g. <c>005010X222A1</c>), if sent.</summary>
    public string? GroupVersion { get; internal set; }

    /// <summary>AK2 loops: each acknowledged transaction set.</summary>
    public IReadOnlyList<AcknowledgedTransactionSet> TransactionSets => TransactionSetList;

    /// <summary>AK901, the group's status code.</summary>
    public string StatusCode { get; internal set; } = "";

    /// <summary>AK901 as an outcome.</summary>
    public AcknowledgmentOutcome Outcome => AcknowledgmentStatus.ToOutcome(StatusCode);

    /// <summary>AK901 in words.</summary>
    public string StatusDescription => AcknowledgmentCodes.DescribeStatus(StatusCode);

    /// <summary>AK902, the number of transaction sets the group said it held.</summary>
    public int? IncludedCount { get; internal set; }

    /// <summary>AK903, the number received.</summary>
    public int? ReceivedCount { get; internal set; }

    /// <summary>AK904, the number accepted.</summary>
    public int? AcceptedCount { get; internal set; }

    /// <summary>AK905–AK909, the group's own errors, as codes.</summary>
    public IReadOnlyList<string> GroupErrorCodes => GroupErrorList;

    /// <summary>The group errors in words.</summary>
    public IEnumerable<string> GroupErrors => GroupErrorList.Select(AcknowledgmentCodes.DescribeGroupError);

    /// <summary>Whether this acknowledges the batch with group control number <paramref name="groupControlNumber"/> (GS06; leading zeros ignored).</summary>
    public bool Acknowledges(string groupControlNumber) => AcknowledgmentStatus.SameNumber(GroupControlNumber, groupControlNumber);

    /// <summary>The acknowledgment of our transaction set with ST02 <paramref name="transactionControlNumber"/>, or null if it is not listed.</summary>
    /// <remarks>A 999 may list only the sets with errors when the whole group was accepted: then an unlisted set shares the group's outcome.</remarks>
    public AcknowledgedTransactionSet? For(string transactionControlNumber) =>
        TransactionSetList.FirstOrDefault(t => AcknowledgmentStatus.SameNumber(t.ControlNumber, transactionControlNumber));
}

/// <summary>One acknowledged transaction set (AK2 loop): its outcome and the segments in error.</summary>
public sealed class AcknowledgedTransactionSet
{
    internal List<SegmentError> SegmentErrorList { get; } = [];
    internal List<string> ErrorCodeList { get; } = [];

    /// <summary>AK201, the set's identifier (e.g. <c>837</c>).</summary>
    public string TransactionSetId { get; internal set; } = "";

    /// <summary>AK202, the set's control number: the ST02 we sent.</summary>
    public string ControlNumber { get; internal set; } = "";

    /// <summary>AK203, the implementation guide it was checked against, if sent.</summary>
    public string? ImplementationReference { get; internal set; }

    /// <summary>IK501, the status code.</summary>
    public string StatusCode { get; internal set; } = "";

    /// <summary>IK501 as an outcome.</summary>
    public AcknowledgmentOutcome Outcome => AcknowledgmentStatus.ToOutcome(StatusCode);

    /// <summary>IK501 in words.</summary>
    public string StatusDescription => AcknowledgmentCodes.DescribeStatus(StatusCode);

    /// <summary>IK502–IK506, the set's own errors, as codes.</summary>
    public IReadOnlyList<string> ErrorCodes => ErrorCodeList;

    /// <summary>IK3 loops: the segments in error.</summary>
    public IReadOnlyList<SegmentError> SegmentErrors => SegmentErrorList;

    /// <summary>Every error of the set in plain words, one line each: the set's own, then each segment's and element's.</summary>
    public IEnumerable<string> Problems =>
        ErrorCodeList.Select(AcknowledgmentCodes.DescribeTransactionError).Concat(SegmentErrorList.SelectMany(s => s.Problems));
}

/// <summary>One segment in error (IK3), with its element errors (IK4).</summary>
public sealed class SegmentError
{
    internal List<ElementError> ElementErrorList { get; } = [];

    /// <summary>IK301, the segment's identifier (e.g. <c>NM1</c>).</summary>
    public string SegmentId { get; internal set; } = "";

    /// <summary>IK302, the segment's position in the transaction set (ST is 1).</summary>
    public int? Position { get; internal set; }

    /// <summary>IK303, the loop identifier (e.g. <c>2010BA</c>), if sent.</summary>
    public string? LoopId { get; internal set; }

    /// <summary>IK304, the error code.</summary>
    public string ErrorCode { get; internal set; } = "";

    /// <summary>IK304 in words.</summary>
    public string ErrorDescription => AcknowledgmentCodes.DescribeSegmentError(ErrorCode);

    /// <summary>The CTX business unit context (e.g. <c>CLM01:PATIENT123</c>: which claim the segment is in), if sent.</summary>
    public string? BusinessContext { get; internal set; }

    /// <summary>IK4 loops: the elements in error.</summary>
    public IReadOnlyList<ElementError> ElementErrors => ElementErrorList;

    /// <summary>The segment's error and each element's, in plain words.</summary>
    public IEnumerable<string> Problems =>
        ElementErrorList.Count == 0 || ErrorCode != "8"
            ? [Where + ": " + ErrorDescription, .. ElementErrorList.Select(e => $"{Where} {e}")]
            : ElementErrorList.Select(e => $"{Where} {e}");

    private string Where
    {
        get
        {
            var where = $"Segment {SegmentId}";
            where += Position is { } p ? $" (segment {p} of the transaction set" + (LoopId is null ? ")" : $", loop {LoopId})") : LoopId is null ? "" : $" (loop {LoopId})";
            return BusinessContext is null ? where : $"{where} [{BusinessContext}]";
        }
    }
}

/// <summary>One element in error (IK4).</summary>
/// <param name="Position">IK401-1, the element's position in the segment.</param>
/// <param name="ComponentPosition">IK401-2, the component's position, if a composite.</param>
/// <param name="RepetitionPosition">IK401-3, the repetition, if repeated.</param>
/// <param name="DataElementReference">IK402, the data dictionary number of the element, if sent.</param>
/// <param name="ErrorCode">IK403, the error code.</param>
/// <param name="BadValue">IK404, a copy of the bad value, if sent.</param>
public sealed record ElementError(int? Position, int? ComponentPosition, int? RepetitionPosition, string? DataElementReference, string ErrorCode, string? BadValue)
{
    /// <summary>IK403 in words.</summary>
    public string ErrorDescription => AcknowledgmentCodes.DescribeElementError(ErrorCode);

    /// <summary>e.g. <c>element 3: Invalid code value ('ZZ')</c>.</summary>
    public override string ToString()
    {
        var where = Position is { } p ? $"element {p:D2}" : "an element";
        where += ComponentPosition is { } c ? $"-{c}" : "";
        return $"{where}: {ErrorDescription}" + (BadValue is null ? "" : $" ('{BadValue}')");
    }
}

internal static class AcknowledgmentStatus
{
    public static AcknowledgmentOutcome ToOutcome(string code) => code switch
    {
        "A" => AcknowledgmentOutcome.Accepted,
        "E" => AcknowledgmentOutcome.AcceptedWithErrors,
        "P" => AcknowledgmentOutcome.PartiallyAccepted,
        "R" or "M" or "W" or "X" => AcknowledgmentOutcome.Rejected,
        _ => AcknowledgmentOutcome.Unknown,
    };

    /// <summary>Control numbers compared as numbers where both are digits (ISA13 is zero-padded, GS06 often not).</summary>
    public static bool SameNumber(string a, string b) =>
        a == b || a.TrimStart('0') == b.TrimStart('0') && a.All(char.IsAsciiDigit) && b.All(char.IsAsciiDigit);
}
