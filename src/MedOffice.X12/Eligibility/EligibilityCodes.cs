namespace MedOffice.X12.Eligibility;

/// <summary>
/// The 270/271 code lists in words: service types (EB03/EQ01, the common ones), eligibility or benefit information
/// (EB01), time periods (EB06), coverage levels (EB02), and rejection reasons and follow-up actions (AAA03, AAA04).
/// </summary>
public static class EligibilityCodes
{
    private static readonly CodeTable ServiceTypes = new("""
        1|Medical care
        2|Surgical
        3|Consultation
        4|Diagnostic X-ray
        5|Diagnostic lab
        6|Radiation therapy
        7|Anesthesia
        8|Surgical assistance
        12|Durable medical equipment purchase
        18|Durable medical equipment rental
        20|Second surgical opinion
        30|Health benefit plan coverage
        33|Chiropractic
        35|Dental care
        40|Oral surgery
        42|Home health care
        45|Hospice
        47|Hospital
        48|Hospital inpatient
        50|Hospital outpatient
        51|Hospital emergency, accident
        52|Hospital emergency, medical
        53|Hospital ambulatory surgical
        54|Long-term care
        56|Medically related transportation
        62|MRI/CAT scan
        65|Newborn care
        68|Well baby care
        69|Maternity
        73|Diagnostic medical
        76|Dialysis
        78|Chemotherapy
        80|Immunizations
        81|Routine physical
        82|Family planning
        86|Emergency services
        88|Pharmacy
        93|Podiatry
        98|Professional (physician) visit, office
        99|Professional (physician) visit, inpatient
        A0|Professional (physician) visit, outpatient
        A3|Professional (physician) visit, home
        A4|Psychiatric
        A6|Psychotherapy
        A7|Psychiatric inpatient
        A8|Psychiatric outpatient
        AD|Occupational therapy
        AE|Physical medicine
        AF|Speech therapy
        AG|Skilled nursing care
        AJ|Alcoholism
        AK|Drug addiction
        AL|Vision (optometry)
        BG|Cardiac rehabilitation
        BH|Pediatric
        CQ|Case management
        DM|Durable medical equipment
        MH|Mental health
        PT|Physical therapy
        UC|Urgent care
        """);

    private static readonly CodeTable Information = new("""
        1|Active coverage
        2|Active, full risk capitation
        3|Active, services capitated
        4|Active, services capitated to the primary care physician
        5|Active, pending investigation
        6|Inactive
        7|Inactive, pending eligibility update
        8|Inactive, pending investigation
        A|Coinsurance
        B|Copay
        C|Deductible
        CB|Coverage basis
        D|Benefit description
        E|Exclusions
        F|Limitations
        G|Out-of-pocket maximum
        H|Unlimited
        I|Not covered
        J|Cost containment
        K|Reserve
        L|Primary care provider
        M|Pre-existing condition
        MC|Managed care coordinator
        N|Services restricted to the following provider
        O|Not deemed a medical necessity
        P|Benefit disclaimer
        Q|Second surgical opinion required
        R|Other or additional payer
        S|Prior year history
        T|Card reported lost or stolen
        U|Contact the following entity for eligibility or benefits
        V|Cannot process
        W|Other source of data
        X|Health care facility
        Y|Spend down
        """);

    private static readonly CodeTable TimePeriods = new("""
        6|per hour
        7|per day
        13|per 24 hours
        21|per year
        22|per service year
        23|per calendar year
        24|year to date
        25|per contract
        26|per episode
        27|per visit
        28|outlier
        29|remaining
        30|exceeded
        31|not exceeded
        32|lifetime
        33|lifetime remaining
        34|per month
        35|per week
        36|per admission
        """);

    private static readonly CodeTable CoverageLevels = new("""
        CHD|Children only
        DEP|Dependents only
        ECH|Employee and children
        EMP|Employee only
        ESP|Employee and spouse
        FAM|Family
        IND|Individual
        SPC|Spouse and children
        SPO|Spouse only
        """);

    private static readonly CodeTable RejectReasons = new("""
        04|Authorized quantity exceeded
        15|Required application data missing
        41|Authorization or access restrictions
        42|Unable to respond at this time
        43|Provider identification invalid or missing
        44|Provider name invalid or missing
        45|Provider specialty invalid or missing
        46|Provider phone number invalid or missing
        47|Provider state invalid or missing
        48|Referring provider identification invalid or missing
        49|Provider is not the primary care physician
        50|Provider not eligible for inquiries
        51|Provider not on file
        52|Service dates not within the provider's plan enrollment
        53|Inquired benefit inconsistent with the provider type
        54|Inappropriate product or service ID qualifier
        55|Inappropriate product or service ID
        56|Inappropriate date
        57|Date(s) of service invalid or missing
        58|Date of birth invalid or missing
        60|Date of birth follows the date(s) of service
        61|Date of death precedes the date(s) of service
        62|Date of service not within the allowed inquiry period
        63|Date of service in the future
        64|Patient ID invalid or missing
        65|Patient name invalid or missing
        66|Patient gender invalid or missing
        67|Patient not found
        68|Duplicate patient ID number
        69|Inconsistent with the patient's age
        70|Inconsistent with the patient's gender
        71|Patient's birth date does not match the payer's records
        72|Subscriber/member ID invalid or missing
        73|Subscriber name invalid or missing
        74|Subscriber gender invalid or missing
        75|Subscriber not found
        76|Duplicate subscriber ID number
        77|Subscriber found, patient not found
        78|Subscriber not in the group or plan identified
        79|Invalid participant identification
        80|No response received; transaction terminated
        97|Provider address invalid or missing
        T4|Payer name or identifier missing
        """);

    private static readonly CodeTable FollowUps = new("""
        C|Please correct and resubmit
        N|Resubmission not allowed
        P|Please resubmit the original transaction
        R|Resubmission allowed
        S|Do not resubmit; inquiry sent to a third party
        W|Please wait 30 days and resubmit
        X|Please wait 10 days and resubmit
        Y|Do not resubmit; response will follow
        """);

    /// <summary>A service type (EB03/EQ01) in words, e.g. <c>98</c> → "Professional (physician) visit, office".</summary>
    public static string DescribeServiceType(string? code) => ServiceTypes.Describe(code, "service type");

    /// <summary>Whether a service type code is in the table (the full list has about 200 codes).</summary>
    public static bool IsKnownServiceType(string code) => ServiceTypes.Find(code) is not null;

    /// <summary>EB01 in words, e.g. <c>B</c> → "Copay".</summary>
    public static string DescribeInformation(string? code) => Information.Describe(code, "benefit information");

    /// <summary>EB06 in words, e.g. <c>29</c> → "remaining".</summary>
    public static string DescribeTimePeriod(string? code) => TimePeriods.Describe(code, "time period");

    /// <summary>EB02 in words, e.g. <c>IND</c> → "Individual".</summary>
    public static string DescribeCoverageLevel(string? code) => CoverageLevels.Describe(code, "coverage level");

    /// <summary>AAA03 in words, e.g. <c>72</c> → "Subscriber/member ID invalid or missing".</summary>
    public static string DescribeRejectReason(string? code) => RejectReasons.Describe(code, "reject reason");

    /// <summary>AAA04 in words, e.g. <c>C</c> → "Please correct and resubmit".</summary>
    public static string DescribeFollowUp(string? code) => FollowUps.Describe(code, "follow-up action");
}
