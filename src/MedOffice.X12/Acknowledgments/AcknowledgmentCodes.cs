namespace MedOffice.X12.Acknowledgments;

/// <summary>The 999's code lists in words: statuses (IK501, AK901), and the errors of segments (IK304), elements (IK403), transaction sets (IK502) and groups (AK905).</summary>
public static class AcknowledgmentCodes
{
    private static readonly CodeTable Statuses = new("""
        A|Accepted
        E|Accepted, but errors were noted
        M|Rejected: message authentication code failed
        P|Partially accepted: at least one transaction set was rejected
        R|Rejected
        W|Rejected: assurance failed validity tests
        X|Rejected: content could not be analysed after decryption
        """);

    private static readonly CodeTable SegmentErrors = new("""
        1|Unrecognized segment ID
        2|Unexpected segment
        3|Required segment missing
        4|Loop occurs over maximum times
        5|Segment exceeds maximum use
        6|Segment not in defined transaction set
        7|Segment not in proper sequence
        8|Segment has data element errors
        I4|Segment marked "not used" in the implementation guide is present
        I6|Segment required by the implementation guide in this situation is missing
        I7|Loop occurs fewer times than the implementation guide requires
        I8|Segment occurs fewer times than the implementation guide requires
        I9|Segment the implementation guide says not to send in this situation is present
        """);

    private static readonly CodeTable ElementErrors = new("""
        1|Required data element missing
        2|Conditional required data element missing
        3|Too many data elements
        4|Data element too short
        5|Data element too long
        6|Invalid character in data element
        7|Invalid code value
        8|Invalid date
        9|Invalid time
        10|Exclusion condition violated
        12|Too many repetitions
        13|Too many components
        I6|Code value not used in the implementation guide
        I9|Data element required by the implementation guide in this situation is missing
        I10|Data element marked "not used" in the implementation guide is present
        I11|Fewer repetitions than the implementation guide requires
        I12|Value does not match the pattern the implementation guide requires
        I13|Data element the implementation guide says not to send in this situation is present
        """);

    private static readonly CodeTable TransactionErrors = new("""
        1|Transaction set not supported
        2|Transaction set trailer (SE) missing
        3|Control numbers in ST and SE do not match
        4|Number of included segments (SE01) does not match the actual count
        5|One or more segments in error
        6|Missing or invalid transaction set identifier
        7|Missing or invalid transaction set control number
        18|Transaction set not in a functional group
        19|Invalid implementation convention reference (ST03)
        23|Transaction set control number not unique within the functional group
        I5|One or more segments in error against the implementation guide
        I6|Implementation guide not supported
        """);

    private static readonly CodeTable GroupErrors = new("""
        1|Functional group not supported
        2|Functional group version not supported
        3|Functional group trailer (GE) missing
        4|Control numbers in GS and GE do not agree
        5|Number of included transaction sets (GE01) does not match the actual count
        6|Group control number violates syntax
        """);

    /// <summary>IK501 or AK901 in words, e.g. <c>P</c> → "Partially accepted: …".</summary>
    public static string DescribeStatus(string? code) => Statuses.Describe(code, "acknowledgment status");

    /// <summary>IK304 in words, e.g. <c>8</c> → "Segment has data element errors".</summary>
    public static string DescribeSegmentError(string? code) => SegmentErrors.Describe(code, "segment error");

    /// <summary>IK403 in words, e.g. <c>7</c> → "Invalid code value".</summary>
    public static string DescribeElementError(string? code) => ElementErrors.Describe(code, "element error");

    /// <summary>IK502–IK506 in words.</summary>
    public static string DescribeTransactionError(string? code) => TransactionErrors.Describe(code, "transaction set error");

    /// <summary>AK905–AK909 in words.</summary>
    public static string DescribeGroupError(string? code) => GroupErrors.Describe(code, "functional group error");
}
