namespace MedOffice.X12.Remittance;

/// <summary>
/// Claim adjustment group codes (CAS01) and the most common claim adjustment reason codes (CARC, CAS02), in short words
/// written for the front office. The official list (X12 code source 139) is longer and changes three times a year:
/// a code not in this table is still read and kept, and described as such.
/// </summary>
public static class AdjustmentCodes
{
    private static readonly CodeTable Groups = new("""
        CO|Contractual obligation (write off; the patient may not be billed)
        CR|Correction or reversal of a prior claim
        OA|Other adjustment
        PI|Payer-initiated reduction (the patient may not be billed)
        PR|Patient responsibility (bill the patient)
        """);

    private static readonly CodeTable Reasons = new("""
        1|Deductible
        2|Coinsurance
        3|Copay
        4|Modifier missing or inconsistent with the procedure
        5|Procedure or bill type inconsistent with the place of service
        6|Procedure inconsistent with the patient's age
        7|Procedure inconsistent with the patient's sex
        8|Procedure inconsistent with the provider's type or specialty
        9|Diagnosis inconsistent with the patient's age
        10|Diagnosis inconsistent with the patient's sex
        11|Diagnosis inconsistent with the procedure
        12|Diagnosis inconsistent with the provider type
        13|Date of death precedes the date of service
        14|Date of birth follows the date of service
        15|Authorization number missing, invalid or not for this service
        16|Claim lacks information or has billing errors
        18|Exact duplicate claim or service
        19|Work injury: bill the workers' compensation carrier
        20|Injury covered by a liability carrier
        21|Injury covered by a no-fault carrier
        22|Another payer may cover this (coordination of benefits)
        23|Effect of the prior payer's payment and adjustments
        24|Covered under a capitation or managed care agreement
        26|Service before coverage began
        27|Service after coverage ended
        29|Timely filing limit has passed
        31|Patient not identified as this payer's member
        32|Patient is not an eligible dependent
        33|Member has no dependent coverage
        35|Lifetime benefit maximum reached
        39|Authorization was denied when requested
        40|Does not meet the rules for emergency or urgent care
        45|Charge exceeds the fee schedule or contracted amount
        49|Routine or preventive service not covered
        50|Not medically necessary in the payer's view
        51|Pre-existing condition not covered
        54|Multiple surgeons or assistants not covered here
        55|Experimental or investigational
        58|Place of service not appropriate for this treatment
        59|Multiple or concurrent procedure rules applied
        89|Professional fees removed from the charges
        94|Processed in excess of the charges
        95|Plan procedures were not followed
        96|Non-covered charge
        97|Included in the payment for another service
        100|Payment made to the patient or insured
        101|Predetermination: expected payment after completion
        104|Managed care withholding
        105|Tax withholding
        107|Related or qualifying claim or service not identified
        109|Not covered by this payer: send to the correct payer
        110|Billing date before the service date
        111|Not covered unless the provider accepts assignment
        112|Service not furnished directly to the patient or not documented
        114|Product not approved by the FDA
        115|Procedure postponed, cancelled or delayed
        119|Benefit maximum for the period reached
        122|Psychiatric reduction
        125|Submission or billing error
        128|Newborn's services covered in the mother's allowance
        129|Prior processing information appears incorrect
        130|Claim submission fee
        131|Claim-specific negotiated discount
        133|Line pending further review
        135|Interim bills cannot be processed
        136|Prior payer's coverage rules not followed
        138|Appeal procedures or time limits not met
        140|Member ID and name do not match
        142|Monthly Medicaid patient liability
        146|Diagnosis invalid for the date of service
        147|Contracted rate expired or not on file
        148|Information from another provider missing or incomplete
        149|Lifetime benefit maximum for this service reached
        150|Information does not support this level of service
        151|Information does not support this many services
        155|Patient refused the service
        163|Attachment referenced on the claim not received
        165|Referral missing or exceeded
        166|Submitted after the payer's responsibility ended
        167|Diagnosis not covered
        169|Alternate benefit provided
        170|Not paid when billed by this type of provider
        171|Not paid when billed by this provider type in this facility
        177|Patient has not met eligibility requirements
        181|Procedure code invalid on the date of service
        182|Modifier invalid on the date of service
        183|Referring provider not eligible to refer this service
        185|Rendering provider not eligible to perform this service
        189|Unlisted code billed when a specific code exists
        193|Original payment decision maintained
        197|Authorization or notification missing
        198|Authorization exceeded
        199|Revenue code and procedure code do not match
        200|Service during a lapse in coverage
        204|Not covered under the patient's current plan
        206|NPI missing
        207|NPI invalid
        208|NPI does not match
        209|Provider may not collect this from the patient
        226|Information requested from the provider not provided
        227|Information requested from the patient not provided
        231|Mutually exclusive procedures on the same day
        234|Procedure not paid separately
        236|Procedure or modifier combination not compatible with another on the same day
        242|Services not provided by network or primary care providers
        243|Services not authorized by network or primary care providers
        251|Attachment received was incomplete
        252|An attachment is required to adjudicate this service
        253|Sequestration (federal payment reduction)
        A1|Claim or service denied
        A2|Contractual adjustment
        B1|Non-covered visits
        B4|Late filing penalty
        B7|Provider not certified for this service on this date
        B9|Patient enrolled in hospice
        B10|Reduced: a component of the procedure was paid
        B11|Transferred to the proper payer
        B12|Services not documented in the medical record
        B13|Previously paid
        B14|Only one visit per physician per day covered
        B15|Requires a qualifying service that was not received
        B16|New patient rules not met
        B20|Service furnished partly or fully by another provider
        B22|Payment adjusted based on the diagnosis
        """);

    /// <summary>The group code in words, e.g. <c>PR</c> → "Patient responsibility (bill the patient)".</summary>
    public static string DescribeGroup(string? group) => Groups.Describe(group, "adjustment group");

    /// <summary>The reason code (CARC) in words, e.g. <c>45</c> → "Charge exceeds the fee schedule or contracted amount".</summary>
    public static string DescribeReason(string? reason) => Reasons.Describe(reason, "adjustment reason");

    /// <summary>Whether the reason code is in MedOffice's table (an unknown code is still a valid code if on the official list).</summary>
    public static bool IsKnownReason(string reason) => Reasons.Find(reason) is not null;

    /// <summary>The reason codes in the table.</summary>
    public static IEnumerable<string> KnownReasons => Reasons.Codes;
}

/// <summary>Other 835 code lists in words: claim status (CLP02), payment method (BPR04), provider adjustment reasons (PLB03-1).</summary>
public static class RemittanceCodes
{
    private static readonly CodeTable ClaimStatuses = new("""
        1|Processed as primary
        2|Processed as secondary
        3|Processed as tertiary
        4|Denied
        19|Processed as primary, forwarded to another payer
        20|Processed as secondary, forwarded to another payer
        21|Processed as tertiary, forwarded to another payer
        22|Reversal of a previous payment
        23|Not our claim, forwarded to another payer
        25|Predetermination pricing only, no payment
        """);

    private static readonly CodeTable PaymentMethods = new("""
        ACH|Electronic funds transfer (ACH)
        BOP|Financial institution option
        CHK|Check
        FWT|Federal Reserve wire transfer
        NON|No payment (remittance only)
        """);

    private static readonly CodeTable ProviderAdjustmentReasons = new("""
        50|Late charge
        51|Interest penalty charge
        72|Authorized return
        90|Early payment allowance
        AH|Origination fee
        AM|Applied to borrower's account
        AP|Acceleration of benefits
        B2|Rebate
        B3|Recovery allowance
        BD|Bad debt adjustment
        BN|Bonus
        C5|Temporary allowance
        CR|Capitation interest
        CS|Adjustment
        CT|Capitation payment
        CV|Capital pass-through
        CW|Nurse anesthetist pass-through
        DM|Direct medical education pass-through
        E3|Withholding
        FB|Forwarding balance (carried to a later remittance)
        FC|Fund allocation
        GO|Graduate medical education pass-through
        HM|Hemophilia clotting factor supplement
        IP|Incentive premium payment
        IR|IRS withholding
        IS|Interim settlement
        J1|Non-reimbursable
        L3|Penalty
        L6|Interest owed (paid to the provider)
        LE|Levy
        LS|Lump sum
        OA|Organ acquisition pass-through
        OB|Offset for affiliated providers
        PI|Periodic interim payment
        PL|Payment final
        RA|Retro-activity adjustment
        RE|Return on equity
        SL|Student loan repayment
        TL|Third-party liability
        WO|Overpayment recovery
        WU|Unspecified recovery
        """);

    /// <summary>CLP02 in words, e.g. <c>22</c> → "Reversal of a previous payment".</summary>
    public static string DescribeClaimStatus(string? code) => ClaimStatuses.Describe(code, "claim status");

    /// <summary>BPR04 in words, e.g. <c>CHK</c> → "Check".</summary>
    public static string DescribePaymentMethod(string? code) => PaymentMethods.Describe(code, "payment method");

    /// <summary>PLB03-1 in words, e.g. <c>L6</c> → "Interest owed (paid to the provider)".</summary>
    public static string DescribeProviderAdjustment(string? code) => ProviderAdjustmentReasons.Describe(code, "provider adjustment reason");

    /// <summary>
    /// A remittance advice remark code (RARC, e.g. <c>N206</c>, <c>MA130</c>) as a label. MedOffice ships no RARC
    /// descriptions: the list (code source 411) is long and revised three times a year, so look the code up there.
    /// </summary>
    public static string DescribeRemark(string code) => $"remark code {code}";
}
