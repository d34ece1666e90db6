namespace MedOffice.X12;

/// <summary>
/// What a typed reader (<c>RemittanceAdvice.Read</c>, <c>FunctionalAcknowledgment.Read</c>…) made of an input: one result
/// per transaction set of its kind, and every problem met on the way, each with its segment number and byte offset.
/// </summary>
/// <typeparam name="T">The transaction's model.</typeparam>
/// <param name="Transactions">One model per transaction set (ST…SE) of the reader's kind, in file order; a set cut off before its SE is kept with what was read.</param>
/// <param name="Errors">Envelope and syntax problems from <see cref="X12Reader"/> and the typed reader's own (unreadable amounts and dates, segments out of place), in file order.</param>
public sealed record X12ReadResult<T>(IReadOnlyList<T> Transactions, IReadOnlyList<X12Error> Errors)
{
    /// <summary>Whether any problem is an error (not just a warning).</summary>
    public bool HasErrors => Errors.Any(e => e.Severity == X12Severity.Error);
}
