namespace MedOffice.X12;

/// <summary>How much an <see cref="X12Error"/> matters.</summary>
public enum X12Severity
{
    /// <summary>The file breaks the X12 standard or the implementation guide; a payer may reject it.</summary>
    Error,

    /// <summary>The file can be read, but something is unusual or only tolerated (for example a missing final terminator).</summary>
    Warning,
}

/// <summary>
/// One problem found in an X12 file, with where it is: the segment's ordinal in its interchange and in its
/// transaction set, its byte offset from the start of the input, and a message in plain words.
/// </summary>
/// <param name="Code">What kind of problem it is; stable, for programs to match on.</param>
/// <param name="Message">The problem in plain words, naming the loop, segment and element where known.</param>
/// <param name="SegmentNumber">The segment's ordinal in its interchange (ISA is 1); 0 when not tied to a segment.</param>
/// <param name="TransactionSegmentNumber">The segment's ordinal in its transaction set (ST is 1, as counted by SE01); 0 outside one.</param>
/// <param name="ByteOffset">The offset of the segment's first byte from the start of the input; -1 when unknown.</param>
/// <param name="SegmentId">The segment identifier (for example <c>CLM</c>), when the problem is in a segment.</param>
/// <param name="ElementPosition">The element's position in the segment (CLM02 is 2), when the problem is in one element.</param>
/// <param name="Loop">The implementation guide's loop identifier (for example <c>2300</c>), when known.</param>
/// <param name="Severity">Whether this makes the file invalid or is only a warning.</param>
public sealed record X12Error(
    X12ErrorCode Code,
    string Message,
    int SegmentNumber,
    int TransactionSegmentNumber,
    long ByteOffset,
    string? SegmentId = null,
    int? ElementPosition = null,
    string? Loop = null,
    X12Severity Severity = X12Severity.Error)
{
    /// <summary>The problem with its place: <c>segment 23 (CLM, transaction segment 20, byte 1234): ...</c>.</summary>
    public override string ToString()
    {
        if (SegmentNumber <= 0 && ByteOffset < 0)
        {
            return Message;
        }
        var where = SegmentId is null ? $"segment {SegmentNumber}" : $"segment {SegmentNumber} ({SegmentId}";
        if (SegmentId is not null)
        {
            where += TransactionSegmentNumber > 0 ? $", transaction segment {TransactionSegmentNumber}" : "";
            where += ByteOffset >= 0 ? $", byte {ByteOffset})" : ")";
        }
        else if (ByteOffset >= 0)
        {
            where += $" (byte {ByteOffset})";
        }
        return $"{where}: {Message}";
    }
}

/// <summary>Thrown when input cannot be read as X12 at all (no usable ISA, delimiters that clash, a runaway segment).</summary>
/// <remarks>It is the only exception the reader throws for bad input; everything it can read past is reported in <see cref="X12Reader.Errors"/> instead.</remarks>
public sealed class X12Exception : Exception
{
    /// <summary>Creates the exception for one fatal problem.</summary>
    public X12Exception(X12Error error) : base(error.ToString()) => Error = error;

    /// <summary>The fatal problem, with its position.</summary>
    public X12Error Error { get; }
}
