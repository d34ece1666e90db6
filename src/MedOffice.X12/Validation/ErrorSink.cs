namespace MedOffice.X12.Validation;

/// <summary>Collects validation errors with their segment positions, up to a limit.</summary>
internal sealed class ErrorSink(int limit)
{
    private readonly List<X12Error> _errors = [];

    public IReadOnlyList<X12Error> Errors => _errors;

    public void Add(X12ErrorCode code, string message, X12Segment at, string? loop, int? element = null, X12Severity severity = X12Severity.Error)
    {
        if (_errors.Count <= limit)
        {
            _errors.Add(_errors.Count == limit
                ? new X12Error(X12ErrorCode.TooManyErrors, $"More than {limit} problems; the rest are not listed.", at.SegmentNumber, at.TransactionSegmentNumber, at.ByteOffset)
                : new X12Error(code, message, at.SegmentNumber, at.TransactionSegmentNumber, at.ByteOffset, at.IdText, element, loop, severity));
        }
    }
}

/// <summary>Rules of one transaction that tie segments together (sums, hierarchy, cross references), fed as the walker places segments.</summary>
internal abstract class TransactionChecks
{
    /// <summary>Called for each placed segment; returns true when it has explained the segment's problems itself, so element checks are skipped.</summary>
    public abstract bool OnSegment(string loopId, SegmentRule rule, X12Segment segment);

    public abstract void OnLoopEnd(string loopId, X12Segment at);

    public abstract void OnEnd(X12Segment at);
}
