namespace MedOffice.X12.Claims;

/// <summary>The interchange and group envelope around a batch; control numbers are the caller's, who keeps them unique.</summary>
public sealed record X12Envelope
{
    /// <summary>ISA05, the sender's identifier qualifier (<c>ZZ</c> mutually defined, <c>30</c> tax id…).</summary>
    public string SenderQualifier { get; init; } = "ZZ";

    /// <summary>ISA06, the sender's identifier (up to 15 characters).</summary>
    public required string SenderId { get; init; }

    /// <summary>ISA07, the receiver's identifier qualifier.</summary>
    public string ReceiverQualifier { get; init; } = "ZZ";

    /// <summary>ISA08, the receiver's identifier (up to 15 characters).</summary>
    public required string ReceiverId { get; init; }

    /// <summary>GS02, the application sender's code; defaults to <see cref="SenderId"/>.</summary>
    public string? ApplicationSenderCode { get; init; }

    /// <summary>GS03, the application receiver's code; defaults to <see cref="ReceiverId"/>.</summary>
    public string? ApplicationReceiverCode { get; init; }

    /// <summary>ISA13/IEA02, 1 to 999,999,999; unique per sender.</summary>
    public required int InterchangeControlNumber { get; init; }

    /// <summary>GS06/GE02, 1 to 999,999,999; unique per sender.</summary>
    public required int GroupControlNumber { get; init; }

    /// <summary>ST02/SE02 of the first transaction set; each further one (a batch is split every <see cref="ProfessionalClaimWriterOptions.MaxClaimsPerTransaction"/> claims) takes the next number.</summary>
    public int FirstTransactionControlNumber { get; init; } = 1;

    /// <summary>When the batch was created, in the submitter's local time (ISA09/10, GS04/05, BHT04/05).</summary>
    public required DateTime Created { get; init; }

    /// <summary>ISA15: production (P) rather than test (T) data.</summary>
    public bool IsProduction { get; init; }

    /// <summary>ISA14: ask the receiver for an interchange acknowledgment (TA1).</summary>
    public bool RequestAcknowledgment { get; init; }
}

/// <summary>An 837P batch: submitter, receiver, and the billing providers with their claims.</summary>
public sealed record ProfessionalClaimBatch
{
    /// <summary>The envelope and control numbers.</summary>
    public required X12Envelope Envelope { get; init; }

    /// <summary>BHT03, the submitter's reference for this batch.</summary>
    public required string BatchReference { get; init; }

    /// <summary>Loop 1000A: who sends the file (name, EDI identifier, contact).</summary>
    public required Submitter Submitter { get; init; }

    /// <summary>Loop 1000B: who receives it (clearinghouse or payer name and identifier).</summary>
    public required Party Receiver { get; init; }

    /// <summary>Loop 2000A: the billing providers, each with its subscribers and claims.</summary>
    public required IReadOnlyList<BillingProvider> BillingProviders { get; init; }
}

/// <summary>An organisation known by name and identifier (1000B receiver).</summary>
/// <param name="Name">The organisation's name.</param>
/// <param name="Id">Its identifier (NM109).</param>
public sealed record Party(string Name, string Id);

/// <summary>Loop 1000A: the submitter and who to call about the file.</summary>
/// <param name="Name">The organisation's name.</param>
/// <param name="Id">The submitter's EDI identifier.</param>
/// <param name="ContactName">PER02, the contact's name.</param>
/// <param name="ContactPhone">PER04, the phone number, digits only (e.g. <c>3125550100</c>).</param>
public sealed record Submitter(string Name, string Id, string ContactName, string ContactPhone);

/// <summary>A person's or organisation's name: an organisation has only <see cref="LastOrOrganizationName"/>.</summary>
/// <param name="LastOrOrganizationName">Last name, or the organisation's name.</param>
/// <param name="FirstName">First name (null for an organisation).</param>
/// <param name="MiddleName">Middle name or initial.</param>
/// <param name="Suffix">Suffix such as <c>JR</c>.</param>
public sealed record EntityName(string LastOrOrganizationName, string? FirstName = null, string? MiddleName = null, string? Suffix = null)
{
    /// <summary>Whether this names a person (has a first name).</summary>
    public bool IsPerson => !string.IsNullOrEmpty(FirstName);
}

/// <summary>A US postal address.</summary>
/// <param name="Line1">N301.</param>
/// <param name="City">N401.</param>
/// <param name="State">N402, two-letter state code.</param>
/// <param name="PostalCode">N403, 5 or 9 digits (9 for the billing provider and service facility).</param>
/// <param name="Line2">N302.</param>
public sealed record Address(string Line1, string City, string State, string PostalCode, string? Line2 = null);

/// <summary>A provider named on a claim (referring 2310A, rendering 2310B).</summary>
/// <param name="Name">The provider's name.</param>
/// <param name="Npi">The provider's NPI.</param>
/// <param name="Taxonomy">The provider's taxonomy code (rendering only, PRV03).</param>
public sealed record ClaimProvider(EntityName Name, string Npi, string? Taxonomy = null);

/// <summary>Loop 2000A/2010AA: the provider who bills, with its claims by subscriber.</summary>
public sealed record BillingProvider
{
    /// <summary>The billing provider's name (organisation or person).</summary>
    public required EntityName Name { get; init; }

    /// <summary>NM109, the billing provider's NPI.</summary>
    public required string Npi { get; init; }

    /// <summary>REF02, the federal tax identification number (EIN, 9 digits; or SSN with <see cref="TaxIdIsSocialSecurityNumber"/>).</summary>
    public required string TaxId { get; init; }

    /// <summary>Whether <see cref="TaxId"/> is a social security number (REF*SY) instead of an EIN (REF*EI).</summary>
    public bool TaxIdIsSocialSecurityNumber { get; init; }

    /// <summary>PRV03, the billing provider's taxonomy code, if the payer needs it.</summary>
    public string? Taxonomy { get; init; }

    /// <summary>The billing provider's street address (ZIP+4 required; no PO boxes).</summary>
    public required Address Address { get; init; }

    /// <summary>Loop 2010AB: where payments go, when not to <see cref="Address"/>.</summary>
    public Address? PayToAddress { get; init; }

    /// <summary>The subscribers (2000B) whose claims this provider bills.</summary>
    public required IReadOnlyList<Subscriber> Subscribers { get; init; }
}

/// <summary>Who is responsible for paying: SBR01.</summary>
public enum PayerResponsibility
{
    /// <summary>P, the primary payer.</summary>
    Primary,

    /// <summary>S, the secondary payer.</summary>
    Secondary,

    /// <summary>T, the tertiary payer.</summary>
    Tertiary,
}

/// <summary>A person: subscriber, patient or other insured.</summary>
/// <param name="Name">The person's name.</param>
/// <param name="BirthDate">DMG02.</param>
/// <param name="Gender">DMG03: <c>F</c>, <c>M</c> or <c>U</c>.</param>
/// <param name="Address">The person's address.</param>
public sealed record Person(EntityName Name, DateOnly BirthDate, char Gender, Address Address);

/// <summary>A payer, named with its payer identifier (NM108 PI).</summary>
/// <param name="Name">The payer's name.</param>
/// <param name="PayerId">The payer identifier.</param>
/// <param name="Address">The payer's address, when the receiver wants it.</param>
public sealed record Payer(string Name, string PayerId, Address? Address = null);

/// <summary>Loop 2000B: a subscriber's coverage with the payer billed, and the claims for the subscriber and dependents.</summary>
public sealed record Subscriber
{
    /// <summary>SBR01: is the payer billed primary, secondary or tertiary.</summary>
    public PayerResponsibility Responsibility { get; init; } = PayerResponsibility.Primary;

    /// <summary>The subscriber.</summary>
    public required Person Person { get; init; }

    /// <summary>NM109, the subscriber's member identifier.</summary>
    public required string MemberId { get; init; }

    /// <summary>SBR03, the group or policy number.</summary>
    public string? GroupNumber { get; init; }

    /// <summary>SBR04, the group or plan name.</summary>
    public string? GroupName { get; init; }

    /// <summary>SBR09, the claim filing indicator (<c>CI</c> commercial, <c>MB</c> Medicare part B, <c>MC</c> Medicaid, <c>BL</c>…).</summary>
    public string ClaimFilingIndicator { get; init; } = "CI";

    /// <summary>Loop 2010BB: the payer this batch bills.</summary>
    public required Payer Payer { get; init; }

    /// <summary>Claims for services to the subscriber.</summary>
    public IReadOnlyList<ProfessionalClaim> Claims { get; init; } = [];

    /// <summary>Dependents (2000C) with claims for services to them.</summary>
    public IReadOnlyList<Dependent> Dependents { get; init; } = [];
}

/// <summary>Loop 2000C: a patient who is not the subscriber.</summary>
/// <param name="Person">The patient.</param>
/// <param name="Relationship">PAT01: <c>01</c> spouse, <c>19</c> child, <c>20</c> employee, <c>21</c> unknown, <c>39</c> organ donor, <c>40</c> cadaver donor, <c>53</c> life partner, <c>G8</c> other.</param>
/// <param name="Claims">The patient's claims.</param>
public sealed record Dependent(Person Person, string Relationship, IReadOnlyList<ProfessionalClaim> Claims);

/// <summary>CLM05-3: whether a claim is new, replaces or voids an earlier one.</summary>
public enum ClaimFrequency
{
    /// <summary>1, an original claim.</summary>
    Original = 1,

    /// <summary>7, a replacement of a claim the payer already has (needs the payer's claim control number).</summary>
    Replacement = 7,

    /// <summary>8, a void of a claim the payer already has (needs the payer's claim control number).</summary>
    Void = 8,
}

/// <summary>Loop 2300: one claim with its diagnoses, providers, other payers and service lines.</summary>
public sealed record ProfessionalClaim
{
    /// <summary>CLM01, the office's claim (patient control) number; up to 20 characters are kept by payers.</summary>
    public required string PatientControlNumber { get; init; }

    /// <summary>CLM05-1, the place of service code (<c>11</c> office…).</summary>
    public string PlaceOfService { get; init; } = "11";

    /// <summary>CLM05-3: original, replacement or void.</summary>
    public ClaimFrequency Frequency { get; init; } = ClaimFrequency.Original;

    /// <summary>REF*F8, the payer's claim control number of the claim replaced or voided.</summary>
    public string? PayerClaimControlNumber { get; init; }

    /// <summary>CLM09: release of information (<c>Y</c> signed, <c>I</c> informed consent only).</summary>
    public char ReleaseOfInformation { get; init; } = 'Y';

    /// <summary>CLM07: assignment or plan participation code (<c>A</c> assigned, <c>B</c> lab services only, <c>C</c> not assigned).</summary>
    public char Assignment { get; init; } = 'A';

    /// <summary>CLM08: the patient assigned benefits to the provider.</summary>
    public bool BenefitsAssigned { get; init; } = true;

    /// <summary>ICD-10-CM codes, principal first (up to 12), with or without the dot.</summary>
    public required IReadOnlyList<string> Diagnoses { get; init; }

    /// <summary>DTP*431, onset of the current illness.</summary>
    public DateOnly? OnsetDate { get; init; }

    /// <summary>REF*G1, the prior authorization number.</summary>
    public string? PriorAuthorization { get; init; }

    /// <summary>Loop 2310A, the referring provider.</summary>
    public ClaimProvider? ReferringProvider { get; init; }

    /// <summary>Loop 2310B, the rendering provider when not the billing provider.</summary>
    public ClaimProvider? RenderingProvider { get; init; }

    /// <summary>Loops 2320/2330: other payers and, once they adjudicated, what they paid and adjusted.</summary>
    public IReadOnlyList<OtherPayer> OtherPayers { get; init; } = [];

    /// <summary>Loop 2400: the service lines (1 to 50).</summary>
    public required IReadOnlyList<ServiceLine> Lines { get; init; }

    /// <summary>CLM02: the sum of the lines' charges.</summary>
    public decimal TotalCharge => Lines.Sum(l => l.Charge);
}

/// <summary>Loop 2400: one procedure.</summary>
public sealed record ServiceLine
{
    /// <summary>SV101-2, the CPT or HCPCS code.</summary>
    public required string ProcedureCode { get; init; }

    /// <summary>SV101-3..6, up to four modifiers.</summary>
    public IReadOnlyList<string> Modifiers { get; init; } = [];

    /// <summary>SV102, the line's charge.</summary>
    public required decimal Charge { get; init; }

    /// <summary>SV104, units of service.</summary>
    public decimal Units { get; init; } = 1;

    /// <summary>SV107, 1-based positions in the claim's diagnoses (1 to 4 of them).</summary>
    public required IReadOnlyList<int> DiagnosisPointers { get; init; }

    /// <summary>DTP*472, the date of service (or its first day).</summary>
    public required DateOnly ServiceDate { get; init; }

    /// <summary>The last day of service, when a range.</summary>
    public DateOnly? ServiceDateTo { get; init; }

    /// <summary>SV105, the place of service when it differs from the claim's.</summary>
    public string? PlaceOfService { get; init; }

    /// <summary>REF*6R, the office's line item control number (echoed in the 835).</summary>
    public string? LineControlNumber { get; init; }

    /// <summary>Loop 2430: how each other payer adjudicated this line.</summary>
    public IReadOnlyList<LineAdjudication> Adjudications { get; init; } = [];
}

/// <summary>A claim adjustment: group (<c>CO</c>, <c>PR</c>, <c>OA</c>, <c>PI</c>, <c>CR</c>), reason code and amount.</summary>
/// <param name="GroupCode">CAS01.</param>
/// <param name="ReasonCode">The claim adjustment reason code (e.g. <c>45</c>, <c>1</c> deductible, <c>2</c> coinsurance).</param>
/// <param name="Amount">The amount adjusted.</param>
/// <param name="Quantity">The units adjusted, if any.</param>
public sealed record Adjustment(string GroupCode, string ReasonCode, decimal Amount, decimal? Quantity = null);

/// <summary>Loops 2320/2330A/2330B: another payer of the claim and, if it adjudicated, its outcome.</summary>
public sealed record OtherPayer
{
    /// <summary>SBR01: the other payer's place in the order of payment.</summary>
    public required PayerResponsibility Responsibility { get; init; }

    /// <summary>SBR02: the patient's relationship to the other insured (<c>18</c> self, <c>01</c> spouse, <c>19</c> child…).</summary>
    public string Relationship { get; init; } = "18";

    /// <summary>SBR03, the other insured's group number.</summary>
    public string? GroupNumber { get; init; }

    /// <summary>SBR09, the other payer's claim filing indicator.</summary>
    public string ClaimFilingIndicator { get; init; } = "CI";

    /// <summary>Loop 2330A, the other insured's name.</summary>
    public required EntityName InsuredName { get; init; }

    /// <summary>Loop 2330A NM109, the other insured's member identifier.</summary>
    public required string InsuredMemberId { get; init; }

    /// <summary>Loop 2330B, the other payer; its <see cref="Payer.PayerId"/> links line adjudications (SVD01).</summary>
    public required Payer Payer { get; init; }

    /// <summary>AMT*D, what the other payer paid on the claim; null if it has not adjudicated.</summary>
    public decimal? PaidAmount { get; init; }

    /// <summary>Claim-level CAS adjustments (line-level ones go on <see cref="ServiceLine.Adjudications"/>).</summary>
    public IReadOnlyList<Adjustment> ClaimAdjustments { get; init; } = [];

    /// <summary>AMT*EAF, what remains the patient's to pay after this payer.</summary>
    public decimal? RemainingPatientLiability { get; init; }

    /// <summary>DTP*573, when the other payer adjudicated the claim (required when it paid and no line carries its adjudication).</summary>
    public DateOnly? AdjudicationDate { get; init; }
}

/// <summary>Loop 2430: another payer's adjudication of one line.</summary>
public sealed record LineAdjudication
{
    /// <summary>SVD01, the other payer's identifier (the <see cref="Payer.PayerId"/> of one of the claim's other payers).</summary>
    public required string PayerId { get; init; }

    /// <summary>SVD02, what the payer paid on the line.</summary>
    public required decimal PaidAmount { get; init; }

    /// <summary>SVD05, the units paid; defaults to the line's units.</summary>
    public decimal? PaidUnits { get; init; }

    /// <summary>Line CAS adjustments; the line charge minus these must equal <see cref="PaidAmount"/>.</summary>
    public IReadOnlyList<Adjustment> Adjustments { get; init; } = [];

    /// <summary>DTP*573, when the payer adjudicated the line.</summary>
    public required DateOnly AdjudicationDate { get; init; }
}

/// <summary>Options for <see cref="ProfessionalClaimWriter"/>.</summary>
public sealed record ProfessionalClaimWriterOptions
{
    /// <summary>The delimiters (default <c>* : ^ ~</c>).</summary>
    public X12Delimiters Delimiters { get; init; } = X12Delimiters.Default;

    /// <summary>Write a line break after each segment terminator (readable; receivers ignore it). Off by default.</summary>
    public bool LineBreakAfterSegment { get; init; }

    /// <summary>Claims per transaction set before a new ST starts (the guide recommends at most 5,000).</summary>
    public int MaxClaimsPerTransaction { get; init; } = 5000;
}

/// <summary>What <see cref="ProfessionalClaimWriter.Write"/> wrote, for the caller to track.</summary>
/// <param name="InterchangeControlNumber">ISA13 as written (9 digits).</param>
/// <param name="GroupControlNumber">GS06 as written.</param>
/// <param name="TransactionControlNumbers">ST02 of each transaction set written.</param>
/// <param name="ClaimCount">Claims written.</param>
public sealed record X12WriteResult(string InterchangeControlNumber, string GroupControlNumber, IReadOnlyList<string> TransactionControlNumbers, int ClaimCount);
