namespace MedOffice.X12.ClaimStatus;

/// <summary>
/// One 277CA Health Care Claim Acknowledgment (005010X214): which claims of a batch the payer or clearinghouse accepted
/// into adjudication and which it rejected, and why. Match claims by <see cref="StatusReportedClaim.PatientControlNumber"/> (= CLM01).
/// </summary>
public sealed class ClaimAcknowledgment
{
    internal ClaimAcknowledgment(StatusDocument document) => Document = document;

    internal StatusDocument Document { get; }

    /// <summary>Reads every 277 in an input as a claim acknowledgment. Never throws for bad input: problems are in <see cref="X12ReadResult{T}.Errors"/>.</summary>
    public static X12ReadResult<ClaimAcknowledgment> Read(Stream input, X12ReaderOptions? options = null) =>
        new StatusReportReader<ClaimAcknowledgment>(d => new ClaimAcknowledgment(d), "X214").Read(input, options);

    /// <summary>Reads every 277 held in a string as a claim acknowledgment.</summary>
    public static X12ReadResult<ClaimAcknowledgment> Read(string text, X12ReaderOptions? options = null) =>
        new StatusReportReader<ClaimAcknowledgment>(d => new ClaimAcknowledgment(d), "X214").Read(text, options);

    /// <summary>ST02.</summary>
    public string ControlNumber => Document.ControlNumber;

    /// <summary>BHT03, the acknowledgment's own reference.</summary>
    public string Reference => Document.Reference;

    /// <summary>BHT04, when it was created.</summary>
    public DateOnly? CreatedDate => Document.CreatedDate;

    /// <summary>Loop 2100A: who acknowledges (payer or clearinghouse).</summary>
    public X12Party? InformationSource => Document.InformationSource;

    /// <summary>DTP*050 of loop 2200A, when our batch was received.</summary>
    public DateOnly? ReceivedDate => Document.ReceivedDate;

    /// <summary>DTP*009 of loop 2200A, when it was processed.</summary>
    public DateOnly? ProcessedDate => Document.ProcessedDate;

    /// <summary>Loop 2200B and 2200C: the batch's and each provider's status, with accepted and rejected counts.</summary>
    public IReadOnlyList<LevelStatus> Levels => Document.Levels;

    /// <summary>Loop 2200D: each claim acknowledged.</summary>
    public IReadOnlyList<StatusReportedClaim> Claims => Document.Claims;

    /// <summary>The claims rejected (for the office's rejection worklist; <see cref="StatusReportedClaim.Reason"/> says why).</summary>
    public IEnumerable<StatusReportedClaim> RejectedClaims => Document.Claims.Where(c => c.Outcome == ClaimStatusOutcome.Rejected);

    /// <summary>The claims accepted or received.</summary>
    public IEnumerable<StatusReportedClaim> AcceptedClaims => Document.Claims.Where(c => c.Outcome is ClaimStatusOutcome.Accepted or ClaimStatusOutcome.Received);

    /// <summary>The claim with CLM01 <paramref name="patientControlNumber"/>, or null.</summary>
    public StatusReportedClaim? Find(string patientControlNumber) => Document.Claims.FirstOrDefault(c => c.PatientControlNumber == patientControlNumber);
}

/// <summary>
/// One 277 Health Care Claim Status Response (005010X212), the answer to a 276: each claim's status (pending, paid,
/// denied…), payer claim number, amounts and dates.
/// </summary>
public sealed class ClaimStatusResponse
{
    internal ClaimStatusResponse(StatusDocument document) => Document = document;

    internal StatusDocument Document { get; }

    /// <summary>Reads every 277 in an input as a claim status response. Never throws for bad input: problems are in <see cref="X12ReadResult{T}.Errors"/>.</summary>
    public static X12ReadResult<ClaimStatusResponse> Read(Stream input, X12ReaderOptions? options = null) =>
        new StatusReportReader<ClaimStatusResponse>(d => new ClaimStatusResponse(d), "X212").Read(input, options);

    /// <summary>Reads every 277 held in a string as a claim status response.</summary>
    public static X12ReadResult<ClaimStatusResponse> Read(string text, X12ReaderOptions? options = null) =>
        new StatusReportReader<ClaimStatusResponse>(d => new ClaimStatusResponse(d), "X212").Read(text, options);

    /// <summary>ST02.</summary>
    public string ControlNumber => Document.ControlNumber;

    /// <summary>BHT03, the response's reference (echoing the 276's BHT03).</summary>
    public string Reference => Document.Reference;

    /// <summary>BHT04, when it was created.</summary>
    public DateOnly? CreatedDate => Document.CreatedDate;

    /// <summary>Loop 2100A: the payer answering.</summary>
    public X12Party? Payer => Document.InformationSource;

    /// <summary>Loop 2200B and 2200C: statuses for the whole inquiry or a provider (e.g. <c>E0</c> when the 276 could not be answered).</summary>
    public IReadOnlyList<LevelStatus> Levels => Document.Levels;

    /// <summary>Loop 2200D/2200E: each claim's status.</summary>
    public IReadOnlyList<StatusReportedClaim> Claims => Document.Claims;

    /// <summary>The claim whose trace (TRN02) is <paramref name="traceNumber"/> (the 276's TRN02 for that claim), or null.</summary>
    public StatusReportedClaim? Find(string traceNumber) => Document.Claims.FirstOrDefault(c => c.PatientControlNumber == traceNumber);
}

/// <summary>What the 277 reader gathers, shared by the two public views.</summary>
internal sealed class StatusDocument
{
    public string ControlNumber { get; set; } = "";
    public string ImplementationReference { get; set; } = "";
    public string Reference { get; set; } = "";
    public DateOnly? CreatedDate { get; set; }
    public X12Party? InformationSource { get; set; }
    public DateOnly? ReceivedDate { get; set; }
    public DateOnly? ProcessedDate { get; set; }
    public List<LevelStatus> Levels { get; } = [];
    public List<StatusReportedClaim> Claims { get; } = [];
}
