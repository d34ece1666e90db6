namespace MedOffice.X12.Remittance;

/// <summary>
/// One 835 Health Care Claim Payment/Advice (005010X221A1): the payment (BPR, TRN), the payer and payee, each claim
/// paid or denied with its service lines and adjustments, the provider-level adjustments (PLB), and whether it all
/// balances to the cent.
/// </summary>
/// <remarks>
/// Claims are keyed by <see cref="RemittanceClaim.PatientControlNumber"/> (CLP01 = the 837's CLM01). A claim may come
/// back split over several remittances, and a correction arrives as a reversal (CLP02 <c>22</c>, negative amounts)
/// followed by the corrected claim: match each <see cref="RemittanceClaim"/> on its own, never assume one per claim sent.
/// </remarks>
public sealed class RemittanceAdvice
{
    internal List<RemittanceClaim> ClaimList { get; } = [];
    internal List<ProviderAdjustment> ProviderAdjustmentList { get; } = [];
    internal List<X12Reference> ReferenceList { get; } = [];

    /// <summary>Reads every 835 in an input. Never throws for bad input: problems are in <see cref="X12ReadResult{T}.Errors"/>.</summary>
    public static X12ReadResult<RemittanceAdvice> Read(Stream input, X12ReaderOptions? options = null) => new RemittanceReader().Read(input, options);

    /// <summary>Reads every 835 held in a string.</summary>
    public static X12ReadResult<RemittanceAdvice> Read(string text, X12ReaderOptions? options = null) => new RemittanceReader().Read(text, options);

    /// <summary>ST02, the transaction set control number.</summary>
    public string ControlNumber { get; internal set; } = "";

    /// <summary>ST03 or GS08, e.g. <c>005010X221A1</c>.</summary>
    public string ImplementationReference { get; internal set; } = "";

    /// <summary>BPR01: <c>I</c> remittance with payment, <c>H</c> notification only, <c>D</c> make payment only, <c>C</c> payment with remittance, <c>P</c> prenotification, <c>U</c> split payment, <c>X</c> handling party's option.</summary>
    public string HandlingCode { get; internal set; } = "";

    /// <summary>BPR02, the total actually paid (may be 0 for a remittance without payment).</summary>
    public decimal PaymentAmount { get; internal set; }

    /// <summary>BPR03: <c>C</c> credit or <c>D</c> debit.</summary>
    public string CreditOrDebit { get; internal set; } = "";

    /// <summary>BPR04: <c>ACH</c>, <c>CHK</c>, <c>FWT</c>, <c>BOP</c> or <c>NON</c>.</summary>
    public string PaymentMethod { get; internal set; } = "";

    /// <summary>BPR04 in words.</summary>
    public string PaymentMethodDescription => RemittanceCodes.DescribePaymentMethod(PaymentMethod);

    /// <summary>BPR16, the check issue or EFT effective date.</summary>
    public DateOnly? PaymentDate { get; internal set; }

    /// <summary>TRN02, the check number or EFT trace number: with the payer, the key of this payment.</summary>
    public string TraceNumber { get; internal set; } = "";

    /// <summary>TRN03, the payer's identifier as originator of the payment (usually 1 + its tax id).</summary>
    public string? OriginatingCompanyId { get; internal set; }

    /// <summary>DTM*405, the production date.</summary>
    public DateOnly? ProductionDate { get; internal set; }

    /// <summary>Loop 1000A: the payer (N1*PR), with its identifier from N104 or REF*2U/EO/HI/NF.</summary>
    public X12Party? Payer { get; internal set; }

    /// <summary>Loop 1000A REF*2U (payer identification number) or other payer REF, if sent.</summary>
    public string? PayerId { get; internal set; }

    /// <summary>Loop 1000B: the payee (N1*PE), identified by NPI (<c>XX</c>), tax id (<c>FI</c>) or other.</summary>
    public X12Party? Payee { get; internal set; }

    /// <summary>Loop 1000B REF*TJ, the payee's tax identification number, if sent.</summary>
    public string? PayeeTaxId { get; internal set; }

    /// <summary>Header and party REF segments (qualifier and value), in file order.</summary>
    public IReadOnlyList<X12Reference> References => ReferenceList;

    /// <summary>Loop 2100: the claims, in file order.</summary>
    public IReadOnlyList<RemittanceClaim> Claims => ClaimList;

    /// <summary>PLB: adjustments to the provider's payment not tied to one claim (interest, recoveries, forwarding balances).</summary>
    public IReadOnlyList<ProviderAdjustment> ProviderAdjustments => ProviderAdjustmentList;

    /// <summary>Provider-level interest (PLB reason <c>L6</c>), as paid to the provider (a positive number).</summary>
    public decimal ProviderInterest => -ProviderAdjustmentList.Where(a => a.ReasonCode == "L6").Sum(a => a.Amount);

    /// <summary>The balancing checks of the TR3 (payment, each claim, each service line), with every difference to the cent.</summary>
    public RemittanceBalance Balance => RemittanceBalance.Check(this);
}

/// <summary>A REF segment: qualifier and identifier.</summary>
/// <param name="Qualifier">REF01, e.g. <c>6R</c> line item control number, <c>EA</c> medical record number.</param>
/// <param name="Value">REF02.</param>
public sealed record X12Reference(string Qualifier, string Value);

/// <summary>One claim of an 835 (loop 2100, CLP) with its adjustments and service lines.</summary>
public sealed class RemittanceClaim
{
    internal List<ClaimAdjustment> AdjustmentList { get; } = [];
    internal List<RemittanceServiceLine> LineList { get; } = [];
    internal List<X12Reference> ReferenceList { get; } = [];
    internal Dictionary<string, decimal> AmountTable { get; } = new(StringComparer.Ordinal);
    internal List<string> RemarkList { get; } = [];

    /// <summary>CLP01, the provider's patient control number: the CLM01 sent on the 837.</summary>
    public string PatientControlNumber { get; internal set; } = "";

    /// <summary>CLP02: <c>1</c>/<c>2</c>/<c>3</c> processed as primary/secondary/tertiary, <c>4</c> denied, <c>19</c>–<c>21</c> processed and forwarded, <c>22</c> reversal, <c>23</c> not our claim, <c>25</c> predetermination.</summary>
    public string StatusCode { get; internal set; } = "";

    /// <summary>CLP02 in words.</summary>
    public string StatusDescription => RemittanceCodes.DescribeClaimStatus(StatusCode);

    /// <summary>Whether this reverses an earlier payment (CLP02 = 22); its amounts are negative, and a corrected claim usually follows.</summary>
    public bool IsReversal => StatusCode == "22";

    /// <summary>Whether the payer denied the claim (CLP02 = 4).</summary>
    public bool IsDenied => StatusCode == "4";

    /// <summary>CLP03, the total charge as submitted.</summary>
    public decimal ChargeAmount { get; internal set; }

    /// <summary>CLP04, the amount paid on this claim.</summary>
    public decimal PaidAmount { get; internal set; }

    /// <summary>CLP05, the patient's responsibility, if sent.</summary>
    public decimal? PatientResponsibility { get; internal set; }

    /// <summary>CLP06, the claim filing indicator (<c>MC</c> Medicaid, <c>MB</c> Medicare Part B, <c>12</c> PPO…).</summary>
    public string ClaimFilingIndicator { get; internal set; } = "";

    /// <summary>CLP07, the payer's claim control number (quote it on appeals, corrections and voids as REF*F8).</summary>
    public string? PayerClaimControlNumber { get; internal set; }

    /// <summary>CLP08, the facility type (place of service on professional claims).</summary>
    public string? FacilityCode { get; internal set; }

    /// <summary>CLP09, the claim frequency code (1 original, 7 replacement, 8 void).</summary>
    public string? FrequencyCode { get; internal set; }

    /// <summary>LX01 of the header loop the claim sits in, if any (groups claims, e.g. by bill type).</summary>
    public string? HeaderNumber { get; internal set; }

    /// <summary>NM1*QC, the patient.</summary>
    public X12Party? Patient { get; internal set; }

    /// <summary>NM1*IL, the insured when not the patient.</summary>
    public X12Party? Insured { get; internal set; }

    /// <summary>NM1*74, the patient's name and id as the payer corrected them.</summary>
    public X12Party? CorrectedPatient { get; internal set; }

    /// <summary>NM1*82, the rendering provider, if sent.</summary>
    public X12Party? RenderingProvider { get; internal set; }

    /// <summary>DTM*232/233, the claim's statement period (service dates), if sent.</summary>
    public DateRange? StatementPeriod { get; internal set; }

    /// <summary>DTM*050, when the payer received the claim.</summary>
    public DateOnly? ReceivedDate { get; internal set; }

    /// <summary>Claim-level CAS adjustments (not the lines').</summary>
    public IReadOnlyList<ClaimAdjustment> Adjustments => AdjustmentList;

    /// <summary>Claim AMT segments by qualifier (<c>AU</c> coverage amount, <c>I</c> interest, <c>F5</c> patient paid, <c>D8</c> discount…).</summary>
    public IReadOnlyDictionary<string, decimal> Amounts => AmountTable;

    /// <summary>AMT*I, interest paid on this claim (included in CLP04), or 0.</summary>
    public decimal Interest => AmountTable.GetValueOrDefault("I");

    /// <summary>Claim REF segments (<c>EA</c> medical record, <c>1L</c> group/policy, <c>F8</c> original reference…).</summary>
    public IReadOnlyList<X12Reference> References => ReferenceList;

    /// <summary>Claim-level remark codes (MOA03–07, MIA05/20–24), as codes.</summary>
    public IReadOnlyList<string> RemarkCodes => RemarkList;

    /// <summary>Loop 2110: the service lines.</summary>
    public IReadOnlyList<RemittanceServiceLine> ServiceLines => LineList;

    /// <summary>Every adjustment on the claim: its own and all its lines'.</summary>
    public IEnumerable<ClaimAdjustment> AllAdjustments => AdjustmentList.Concat(LineList.SelectMany(l => l.Adjustments));

    /// <summary>What the patient owes by the payer's adjustments: the sum of all <c>PR</c> adjustments (claim and lines).</summary>
    public decimal PatientResponsibilityFromAdjustments => AllAdjustments.Where(a => a.Group == "PR").Sum(a => a.Amount);
}

/// <summary>One service line of an 835 claim (loop 2110, SVC).</summary>
public sealed class RemittanceServiceLine
{
    internal List<ClaimAdjustment> AdjustmentList { get; } = [];
    internal List<X12Reference> ReferenceList { get; } = [];
    internal List<string> RemarkList { get; } = [];
    internal Dictionary<string, decimal> AmountTable { get; } = new(StringComparer.Ordinal);

    /// <summary>SVC01-1, the code's qualifier (<c>HC</c> CPT/HCPCS, <c>NU</c> revenue code, <c>N4</c> NDC…).</summary>
    public string ProcedureQualifier { get; internal set; } = "";

    /// <summary>SVC01-2, the procedure code as adjudicated.</summary>
    public string ProcedureCode { get; internal set; } = "";

    /// <summary>SVC01-3 to -6, the modifiers.</summary>
    public IReadOnlyList<string> Modifiers { get; internal set; } = [];

    /// <summary>SVC06-2, the procedure code as submitted when the payer changed it, else null.</summary>
    public string? SubmittedProcedureCode { get; internal set; }

    /// <summary>SVC02, the line's charge.</summary>
    public decimal ChargeAmount { get; internal set; }

    /// <summary>SVC03, the amount paid on the line.</summary>
    public decimal PaidAmount { get; internal set; }

    /// <summary>SVC04, the revenue code (institutional), if sent.</summary>
    public string? RevenueCode { get; internal set; }

    /// <summary>SVC05, the units paid (1 when not sent, as the TR3 says).</summary>
    public decimal Units { get; internal set; } = 1;

    /// <summary>DTM*472 (or 150/151), the service date or period.</summary>
    public DateRange? ServiceDate { get; internal set; }

    /// <summary>REF*6R, the line item control number sent on the 837 (REF*6R in loop 2400), the key to match the line.</summary>
    public string? LineItemControlNumber { get; internal set; }

    /// <summary>AMT*B6, the allowed amount, if sent.</summary>
    public decimal? AllowedAmount => AmountTable.TryGetValue("B6", out var value) ? value : null;

    /// <summary>The line's AMT segments by qualifier.</summary>
    public IReadOnlyDictionary<string, decimal> Amounts => AmountTable;

    /// <summary>The line's CAS adjustments.</summary>
    public IReadOnlyList<ClaimAdjustment> Adjustments => AdjustmentList;

    /// <summary>The line's REF segments.</summary>
    public IReadOnlyList<X12Reference> References => ReferenceList;

    /// <summary>LQ*HE, the line's remark codes (RARC).</summary>
    public IReadOnlyList<string> RemarkCodes => RemarkList;

    /// <summary>The procedure with its modifiers, e.g. <c>99213-25</c>.</summary>
    public string Procedure => Modifiers.Count == 0 ? ProcedureCode : $"{ProcedureCode}-{string.Join("-", Modifiers)}";
}

/// <summary>One adjustment of a CAS segment (a CAS holds up to six): group, reason, amount and units.</summary>
/// <param name="Group">CAS01: <c>CO</c>, <c>PR</c>, <c>OA</c>, <c>PI</c> (or the retired <c>CR</c>).</param>
/// <param name="ReasonCode">The claim adjustment reason code (CARC).</param>
/// <param name="Amount">The amount adjusted: positive reduces payment, negative increases it.</param>
/// <param name="Quantity">The units adjusted, if sent.</param>
public sealed record ClaimAdjustment(string Group, string ReasonCode, decimal Amount, decimal? Quantity)
{
    /// <summary>The group in words.</summary>
    public string GroupDescription => AdjustmentCodes.DescribeGroup(Group);

    /// <summary>The reason in words.</summary>
    public string ReasonDescription => AdjustmentCodes.DescribeReason(ReasonCode);

    /// <summary>e.g. <c>PR-1 12.50: Deductible (Patient responsibility (bill the patient))</c>.</summary>
    public override string ToString() => $"{Group}-{ReasonCode} {RemittanceBalance.Money(Amount)}: {ReasonDescription} ({GroupDescription})";
}

/// <summary>One provider-level adjustment of a PLB segment (a PLB holds up to six).</summary>
/// <param name="ProviderId">PLB01, the provider's identifier (NPI or tax id).</param>
/// <param name="FiscalPeriodEnd">PLB02, the last day of the provider's fiscal year.</param>
/// <param name="ReasonCode">The adjustment reason (e.g. <c>WO</c> overpayment recovery, <c>L6</c> interest, <c>FB</c> forwarding balance).</param>
/// <param name="Reference">The reference identifier (e.g. the payer claim number being recovered), if sent.</param>
/// <param name="Amount">The amount: positive reduces the payment, negative increases it.</param>
public sealed record ProviderAdjustment(string ProviderId, DateOnly? FiscalPeriodEnd, string ReasonCode, string? Reference, decimal Amount)
{
    /// <summary>The reason in words.</summary>
    public string ReasonDescription => RemittanceCodes.DescribeProviderAdjustment(ReasonCode);
}
