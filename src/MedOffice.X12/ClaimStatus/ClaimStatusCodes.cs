namespace MedOffice.X12.ClaimStatus;

/// <summary>
/// Claim status category codes (STC01-1, code source 507), the most common claim status codes (STC01-2, code source
/// 508) and entity identifier codes (STC01-3), in short words written for the billing office. Codes not in these
/// tables are kept and described as such.
/// </summary>
public static class ClaimStatusCodes
{
    private static readonly CodeTable Categories = new("""
        A0|Forwarded to another entity
        A1|Received (not yet accepted for adjudication)
        A2|Accepted into the payer's adjudication system
        A3|Returned as unprocessable
        A4|Not found
        A5|Split claim
        A6|Rejected for missing information
        A7|Rejected for invalid information
        A8|Rejected: related fields disagree
        P0|Pending: details not available
        P1|Pending: in process
        P2|Pending: payer review
        P3|Pending: information requested from the provider
        P4|Pending: information requested from the patient
        P5|Pending: payer administrative or system hold
        F0|Finalized: adjudication complete, no further action
        F1|Finalized: paid
        F2|Finalized: denied
        F3|Finalized: revised
        F3F|Finalized: forwarded
        F3N|Finalized: not forwarded
        F4|Finalized: adjudication complete, no payment forthcoming
        R0|Request for more information: general
        R1|Request for more information: entity
        R3|Request for more information: claim or line
        R4|Request for more information: documentation
        R5|Request for more information: more specific detail
        R6|Request for more information: regulatory requirements
        R7|Request for more information: confirm care is consistent with health plan policy
        R8|Request for more information: confirm care is consistent with practice guidelines
        R9|Request for more information: authentication or authorization
        R10|Request for more information: entity information
        R11|Request for more information: entity's relationship to the patient
        R12|Request for more information: entity's age and sex
        R13|Request for more information: test results and dates
        R14|Request for more information: procedures and dates
        R15|Request for more information: diagnosis
        R16|Request for more information: patient history
        E0|Response not possible: error in the submitted data
        E1|Response not possible: payer's system unavailable
        E2|Information holder not responding; resubmit later
        E3|Correction required: related fields in error
        E4|Trading partner agreement requirement not met
        D0|Data search unsuccessful
        """);

    private static readonly CodeTable Statuses = new("""
        0|Cannot provide further status electronically
        1|See the remittance advice for details
        2|Details in a letter
        3|Adjudicated, awaiting the payment cycle
        6|Balance due from the subscriber
        12|Procedure codes were combined
        15|Procedure code was modified
        16|Forwarded to the entity named
        17|Forwarded by a third party to the entity named
        18|Entity received the claim but returned an invalid status
        19|Entity acknowledges receipt of the claim
        20|Accepted for processing
        21|Missing or invalid information
        23|Returned to the entity
        24|Entity not approved as an electronic submitter
        25|Entity not approved
        26|Entity not found
        27|Policy cancelled
        29|Subscriber and policy number do not match
        30|Subscriber and subscriber ID do not match
        31|Subscriber and policyholder name do not match
        32|Subscriber and policy number not found
        33|Subscriber and subscriber ID not found
        35|Claim not found
        41|Special handling required at the payer
        65|Claim or line has been paid
        88|Entity not eligible for benefits on the dates of service
        96|No agreement with the entity
        97|Patient eligibility not found with the entity
        101|Processed as an adjustment to a previous claim
        104|Processed according to plan provisions
        116|Claim sent to the wrong payer
        117|Signature-on-file indicator required
        121|More service lines than the payer allows
        123|Additional information requested from the entity
        125|Entity's name
        128|Entity's tax ID
        145|Entity's specialty or taxonomy code
        153|Entity's ID number
        158|Entity's date of birth
        164|Entity's contract or member number
        187|Dates of service
        189|Facility type code
        247|Line information
        255|Diagnosis code
        454|Procedure code for services rendered
        455|Revenue code for services rendered
        464|Payer-assigned claim control number
        481|Claim or submission format is invalid
        484|Business application currently not available
        562|Entity's National Provider Identifier (NPI)
        673|Patient control number
        685|Could not finish adjudication in real time; continuing in batch
        732|Information submitted inconsistent with billing guidelines
        """);

    private static readonly CodeTable Entities = new("""
        03|Dependent
        1P|Provider
        1Z|Home health care
        2B|Third-party administrator
        36|Employer
        40|Receiver
        41|Submitter
        45|Drop-off location
        71|Attending physician
        72|Operating physician
        77|Service location
        82|Rendering provider
        85|Billing provider
        87|Pay-to provider
        DK|Ordering physician
        DN|Referring provider
        DQ|Supervising physician
        FA|Facility
        GB|Other insured
        HK|Subscriber
        IL|Insured or subscriber
        PR|Payer
        PW|Pick-up location
        QC|Patient
        TT|Transfer to
        """);

    /// <summary>The category (STC01-1) in words, e.g. <c>A7</c> → "Rejected for invalid information".</summary>
    public static string DescribeCategory(string? code) => Categories.Describe(code, "status category");

    /// <summary>The status (STC01-2) in words, e.g. <c>562</c> → "Entity's National Provider Identifier (NPI)".</summary>
    public static string DescribeStatus(string? code) => Statuses.Describe(code, "status");

    /// <summary>The entity (STC01-3) in words, e.g. <c>85</c> → "Billing provider".</summary>
    public static string DescribeEntity(string? code) => Entities.Describe(code, "entity");

    /// <summary>The category codes in the table.</summary>
    public static IEnumerable<string> KnownCategories => Categories.Codes;
}
