using System.Text;

namespace MedOffice.X12.Validation;

/// <summary>What one transaction set in a file is.</summary>
/// <param name="TransactionSetId">ST01, e.g. <c>837</c>.</param>
/// <param name="ControlNumber">ST02.</param>
/// <param name="ImplementationReference">ST03 (or GS08), e.g. <c>005010X222A1</c>.</param>
/// <param name="Description">In words, e.g. <c>837 Professional 005010X222A1</c>.</param>
/// <param name="InterchangeControlNumber">ISA13 of the interchange holding it.</param>
/// <param name="SegmentNumber">The ST's ordinal in its interchange.</param>
/// <param name="ByteOffset">The ST's offset from the start of the input.</param>
/// <param name="CheckedAgainstGuide">Whether the transaction's loops and elements were checked against its implementation guide (not just its envelope).</param>
/// <param name="ClaimCount">The number of claims (CLM segments) it holds.</param>
public sealed record X12TransactionSummary(
    string TransactionSetId,
    string ControlNumber,
    string ImplementationReference,
    string Description,
    string? InterchangeControlNumber,
    int SegmentNumber,
    long ByteOffset,
    bool CheckedAgainstGuide,
    int ClaimCount);

/// <summary>The result of <see cref="X12Validator.Validate(Stream, X12ReaderOptions?)"/>: what the file holds and every problem found.</summary>
/// <param name="Transactions">Each transaction set, identified.</param>
/// <param name="Errors">Every problem, in file order: envelope, syntax and implementation-guide errors, and warnings.</param>
public sealed record X12ValidationReport(IReadOnlyList<X12TransactionSummary> Transactions, IReadOnlyList<X12Error> Errors)
{
    /// <summary>Whether the file has no errors (warnings allowed).</summary>
    public bool IsValid => Errors.All(e => e.Severity != X12Severity.Error);

    /// <summary>A plain-words listing: one line per transaction set, then one per problem.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var transaction in Transactions)
        {
            text.Append(transaction.Description).Append(", control number ").Append(transaction.ControlNumber)
                .Append(transaction.ClaimCount > 0 ? $", {transaction.ClaimCount} claim(s)" : "").AppendLine();
        }
        foreach (var error in Errors)
        {
            text.Append(error.Severity == X12Severity.Error ? "error: " : "warning: ").AppendLine(error.ToString());
        }
        return text.ToString();
    }
}

/// <summary>
/// Reads an X12 file, identifies each transaction set and checks it against its implementation guide:
/// the 837 Professional (005010X222A1) in depth; 270, 276 (written by MedOffice) by their loops and elements; 835, 999,
/// 277CA, 277 and 271 at loop and segment level with their key codes; 837I and other sets by their envelopes.
/// </summary>
public static class X12Validator
{
    /// <summary>Checks a whole input. Never throws for bad input: unreadable input becomes an error in the report.</summary>
    public static X12ValidationReport Validate(Stream input, X12ReaderOptions? options = null)
    {
        options ??= new X12ReaderOptions();
        using var reader = new X12Reader(input, options, leaveOpen: true);
        var sink = new ErrorSink(options.MaxErrors);
        var transactions = new List<X12TransactionSummary>();
        SchemaWalker? walker = null;
        X12TransactionSummary? current = null;
        var claims = 0;
        try
        {
            while (reader.Read())
            {
                var segment = reader.Current;
                if (segment.Is("ST"))
                {
                    var setId = reader.TransactionSetId ?? "";
                    var reference = reader.ImplementationReference ?? "";
                    var schema = X12Transactions.SchemaFor(setId, reference);
                    walker = schema is null ? null : new SchemaWalker(schema, sink, setId == "837" ? new ProfessionalClaimChecks(sink) : null);
                    current = new X12TransactionSummary(setId, reader.TransactionControlNumber ?? "", reference, X12Transactions.Describe(setId, reference),
                        reader.InterchangeControlNumber, segment.SegmentNumber, segment.ByteOffset, schema is not null, 0);
                    claims = 0;
                    transactions.Add(current);
                    if (X12Transactions.VersionWarning(reference) is { } warning)
                    {
                        sink.Add(X12ErrorCode.UnknownTransaction, warning, segment, null, 3, X12Severity.Warning);
                    }
                }
                if (current is null)
                {
                    continue;
                }
                claims += segment.Is("CLM") ? 1 : 0;
                walker?.OnSegment(segment);
                if (segment.Is("SE") || reader.TransactionSetId is null)
                {
                    walker?.End(segment);
                    transactions[^1] = current with { ClaimCount = claims };
                    walker = null;
                    current = null;
                }
            }
        }
        catch (X12Exception)
        {
            // Already in reader.Errors, with its position.
        }
        var errors = reader.Errors.Concat(sink.Errors).OrderBy(e => e.ByteOffset < 0 ? long.MaxValue : e.ByteOffset).ToList();
        return new X12ValidationReport(transactions, errors);
    }

    /// <summary>Checks X12 held in a string.</summary>
    public static X12ValidationReport Validate(string text, X12ReaderOptions? options = null) =>
        Validate(new MemoryStream(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)))), options);

    /// <summary>
    /// What the first transaction set is, read from the envelope up to its ST and nothing further (nothing is checked, so
    /// <see cref="X12TransactionSummary.CheckedAgainstGuide"/> is false and <see cref="X12TransactionSummary.ClaimCount"/> 0):
    /// for routing a file before reading it in full. Null when the text holds no ST or is not readable X12 that far.
    /// </summary>
    public static X12TransactionSummary? Identify(string text, X12ReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new X12Reader(text, options);
        try
        {
            while (reader.Read())
            {
                if (reader.Current.Is("ST"))
                {
                    var (setId, reference) = (reader.TransactionSetId ?? "", reader.ImplementationReference ?? "");
                    return new X12TransactionSummary(setId, reader.TransactionControlNumber ?? "", reference, X12Transactions.Describe(setId, reference),
                        reader.InterchangeControlNumber, reader.Current.SegmentNumber, reader.Current.ByteOffset, false, 0);
                }
            }
        }
        catch (X12Exception)
        {
            // Not readable as far as an ST: the same answer as a file without one.
        }
        return null;
    }
}

/// <summary>Names of the transaction sets a medical office exchanges, by ST01 and implementation reference.</summary>
public static class X12Transactions
{
    /// <summary>The transaction set in words, e.g. <c>837 Professional 005010X222A1</c> or <c>277CA Claim Acknowledgment 005010X214</c>.</summary>
    public static string Describe(string transactionSetId, string implementationReference)
    {
        var name = (transactionSetId, Guide(implementationReference)) switch
        {
            ("837", "X222") => "837 Professional",
            ("837", "X223") => "837 Institutional",
            ("837", "X224") => "837 Dental",
            ("837", _) => "837 Health Care Claim",
            ("835", _) => "835 Payment/Remittance Advice",
            ("270", _) => "270 Eligibility Inquiry",
            ("271", _) => "271 Eligibility Response",
            ("276", _) => "276 Claim Status Request",
            ("277", "X214") => "277CA Claim Acknowledgment",
            ("277", _) => "277 Claim Status Response",
            ("278", _) => "278 Services Review",
            ("834", _) => "834 Benefit Enrollment",
            ("820", _) => "820 Premium Payment",
            ("999", _) => "999 Implementation Acknowledgment",
            ("997", _) => "997 Functional Acknowledgment",
            _ => $"{transactionSetId} (unknown transaction set)",
        };
        return implementationReference.Length > 0 ? $"{name} {implementationReference}" : name;
    }

    internal static Validation.LoopRule? SchemaFor(string transactionSetId, string implementationReference) =>
        (transactionSetId, implementationReference.Length >= 10 ? implementationReference[..10] : implementationReference) switch
        {
            ("837", "005010X222") => ProfessionalClaimSchema.Transaction,
            ("270", "005010X279") => InquirySchemas.Eligibility,
            ("276", "005010X212") => InquirySchemas.ClaimStatus,
            ("835", "005010X221") => ResponseSchemas.Remittance,
            ("999", "005010X231") => ResponseSchemas.Acknowledgment,
            ("277", "005010X214") => ResponseSchemas.ClaimAcknowledgment,
            ("277", "005010X212") => ResponseSchemas.ClaimStatusResponse,
            ("271", "005010X279") => ResponseSchemas.EligibilityResponse,
            _ => null,
        };

    internal static string? VersionWarning(string implementationReference) =>
        implementationReference.Length >= 6 && !implementationReference.StartsWith("00501", StringComparison.Ordinal)
            ? $"Version {implementationReference} is not X12 5010, which HIPAA has required since 2012; only its envelope was checked."
            : null;

    private static string Guide(string reference) => reference.Length >= 10 && reference.StartsWith("00501", StringComparison.Ordinal) ? reference[6..10] : "";
}
