using System.Globalization;

namespace MedOffice.X12.Validation;

/// <summary>
/// The 837P rules that span segments: HL hierarchy, subscriber-is-patient, claim total vs. service lines, diagnosis
/// pointers, replacement/void references, coordination-of-benefits balancing, NPI check digits, ZIP codes.
/// </summary>
internal sealed class ProfessionalClaimChecks(ErrorSink errors) : TransactionChecks
{
    private static readonly DateOnly Icd10Start = new(2015, 10, 1);

    private readonly Dictionary<string, string> _hlLevels = new(StringComparer.Ordinal);
    private int _hlCount;
    private string? _previousHlId;
    private string? _previousHlChildCode;
    private bool _subscriberIsPatient;
    private int _subscriberClaims;
    private string? _subscriberResponsibility;
    private readonly HashSet<string> _subscriberNameSegments = new(StringComparer.Ordinal);
    private Claim? _claim;

    public override bool OnSegment(string loopId, SegmentRule rule, X12Segment segment)
    {
        switch (segment.IdText)
        {
            case "HL":
                OnHierarchicalLevel(loopId, segment);
                break;
            case "SBR" when loopId == "2000B":
                OnSubscriber(segment);
                break;
            case "SBR" when loopId == "2320" && _claim is not null:
                _claim.OtherPayers.Add(new OtherPayer(segment.GetString(1)));
                if (segment.GetString(1) == _subscriberResponsibility)
                {
                    Report(X12ErrorCode.InconsistentClaim,
                        $"Loop 2320 SBR01 '{segment.GetString(1)}' is the same payer responsibility as the destination payer's (2000B SBR01); each payer on a claim needs its own (P, S, T…).", segment, loopId, 1);
                }
                break;
            case "N3" or "N4" or "DMG" when loopId == "2010BA":
                _subscriberNameSegments.Add(segment.IdText);
                if (segment.Is("N4"))
                {
                    CheckPostalAddress(loopId, segment);
                }
                break;
            case "N4":
                CheckPostalAddress(loopId, segment);
                break;
            case "NM1":
                OnName(loopId, segment);
                break;
            case "PRV":
                CheckTaxonomy(loopId, segment);
                break;
            case "REF" when loopId == "2010AA":
                CheckTaxId(loopId, segment);
                break;
            case "CLM":
                OnClaim(segment);
                break;
            case "REF" when loopId == "2300" && segment[1].Is("F8") && _claim is not null:
                _claim.HasPayerClaimControlNumber = true;
                break;
            case "HI" when loopId == "2300" && rule.Name == "Health Care Diagnosis Code":
                return OnDiagnoses(loopId, segment);
            case "CAS" when _claim is not null:
                OnAdjustment(loopId, segment);
                break;
            case "AMT" when loopId == "2320" && segment[1].Is("D") && _claim?.OtherPayers.LastOrDefault() is { } payer:
                payer.Paid = Amount(segment[2]);
                break;
            case "DTP" when loopId == "2330B" && segment[1].Is("573") && _claim?.OtherPayers.LastOrDefault() is { } payer:
                payer.HasRemittanceDate = true;
                break;
            case "SV1" when _claim is not null:
                OnServiceLine(loopId, segment);
                break;
            case "DTP" when loopId == "2400" && segment[1].Is("472") && _claim is not null:
                var from = segment[3].Value;
                if (X12Element.TryGetDate(from.Length >= 8 ? from[..8] : from, out var date)
                    && (_claim.FirstServiceDate is null || date < _claim.FirstServiceDate))
                {
                    _claim.FirstServiceDate = date;
                }
                CheckDateRange(loopId, segment);
                break;
            case "SVD" when _claim is not null:
                _claim.Adjudication = new LineAdjudication(segment.GetString(1), Amount(segment[2]), _claim.CurrentLineCharge);
                if (!_claim.OtherPayers.Any(p => p.PayerId == _claim.Adjudication.PayerId))
                {
                    Report(X12ErrorCode.InconsistentClaim,
                        $"Loop 2430 SVD01 '{segment.GetString(1)}' does not match the identifier (2330B NM109) of any other payer on this claim.", segment, loopId, 1);
                }
                break;
        }
        return false;
    }

    public override void OnLoopEnd(string loopId, X12Segment at)
    {
        switch (loopId)
        {
            case "2010BA" when _subscriberIsPatient:
                foreach (var required in new[] { "N3", "N4", "DMG" }.Where(r => !_subscriberNameSegments.Contains(r)))
                {
                    Report(X12ErrorCode.MissingSegment,
                        $"Loop 2010BA is missing {required} (subscriber {(required == "DMG" ? "birth date and gender" : "address")}), which is required when the subscriber is the patient.", at, loopId);
                }
                break;
            case "2000B" when _subscriberIsPatient && _subscriberClaims == 0:
                Report(X12ErrorCode.MissingLoop, "Loop 2000B has no claim (2300) although HL04 = 0 says the subscriber is the patient and no patient level follows.", at, loopId);
                break;
            case "2430" when _claim?.Adjudication is { } line:
                var expected = line.LineCharge - line.Adjustments;
                if (line.Paid is { } paid && line.LineCharge is not null && paid != expected)
                {
                    Report(X12ErrorCode.AmountsDoNotBalance,
                        $"Loop 2430 line paid amount SVD02 {Money(paid)} plus its adjustments {Money(line.Adjustments)} does not equal the line charge SV102 {Money(line.LineCharge)}.", at, loopId, 2);
                }
                var payer = _claim.OtherPayers.FirstOrDefault(p => p.PayerId == line.PayerId);
                if (payer is not null)
                {
                    payer.LineAdjustments += line.Adjustments;
                    payer.HasLineAdjudication = true;
                }
                _claim.Adjudication = null;
                break;
            case "2300" when _claim is not null:
                EndClaim(at);
                _claim = null;
                break;
        }
    }

    public override void OnEnd(X12Segment at)
    {
        if (_previousHlChildCode == "1")
        {
            Report(X12ErrorCode.HierarchyError, $"HL {_previousHlId} says (HL04 = 1) that a lower level follows, but the transaction ends.", at, null);
        }
    }

    private void OnHierarchicalLevel(string loopId, X12Segment hl)
    {
        var id = hl.GetString(1);
        var parent = hl.GetString(2);
        var level = hl.GetString(3);
        _hlCount++;
        var duplicate = !_hlLevels.TryAdd(id, level);
        if (id != _hlCount.ToString(CultureInfo.InvariantCulture))
        {
            Report(X12ErrorCode.HierarchyError,
                $"Loop {loopId} HL01 is '{id}'{(duplicate ? ", already used by an earlier HL" : "")}, but HL numbers must run 1, 2, 3… through the transaction: this is HL number {_hlCount}.", hl, loopId, 1);
        }
        var expectedParentLevel = level switch { "22" => "20", "23" => "22", _ => null };
        if (expectedParentLevel is not null)
        {
            if (!_hlLevels.TryGetValue(parent, out var parentLevel) || parent == id)
            {
                Report(X12ErrorCode.HierarchyError, $"Loop {loopId} HL02 parent '{parent}' is not an earlier HL in this transaction.", hl, loopId, 2);
            }
            else if (parentLevel != expectedParentLevel)
            {
                Report(X12ErrorCode.HierarchyError, $"Loop {loopId} HL02 parent '{parent}' is a level {parentLevel} HL, but a level {level} HL must sit under a level {expectedParentLevel}.", hl, loopId, 2);
            }
        }
        if (_previousHlId is not null)
        {
            if (_previousHlChildCode == "1" && parent != _previousHlId)
            {
                Report(X12ErrorCode.HierarchyError, $"HL {_previousHlId} says (HL04 = 1) that a lower level follows, but the next HL ('{id}') is not under it.", hl, loopId, 2);
            }
            else if (_previousHlChildCode == "0" && parent == _previousHlId)
            {
                Report(X12ErrorCode.HierarchyError, $"HL {_previousHlId} says (HL04 = 0) that it has no lower level, but HL '{id}' names it as parent.", hl, loopId, 2);
            }
        }
        _previousHlId = id;
        _previousHlChildCode = hl.GetString(4);
        if (loopId == "2000B")
        {
            _subscriberIsPatient = _previousHlChildCode == "0";
            _subscriberClaims = 0;
            _subscriberNameSegments.Clear();
        }
    }

    private void OnSubscriber(X12Segment sbr)
    {
        _subscriberResponsibility = sbr.GetString(1);
        var relationship = sbr.GetString(2);
        if (_subscriberIsPatient && relationship != "18")
        {
            Report(X12ErrorCode.InconsistentClaim,
                $"Loop 2000B SBR02 is '{relationship}', but it must be 18 (self) when the subscriber is the patient (HL04 = 0, no patient level).", sbr, "2000B", 2);
        }
        else if (!_subscriberIsPatient && relationship.Length > 0)
        {
            Report(X12ErrorCode.InconsistentClaim,
                $"Loop 2000B SBR02 must be empty when the patient is someone else (HL04 = 1, a patient level 2000C follows); the relationship goes in PAT01.", sbr, "2000B", 2);
        }
    }

    private void OnName(string loopId, X12Segment nm1)
    {
        if (nm1[8].Is("XX") && !Npi.IsValid(nm1[9].Value))
        {
            Report(X12ErrorCode.InvalidNpi,
                $"Loop {loopId} NM109 '{nm1.GetString(9)}' is not a valid NPI: it must be 10 digits whose last is the Luhn check digit (with the 80840 prefix).", nm1, loopId, 9);
        }
        if (loopId == "2330B" && _claim?.OtherPayers.LastOrDefault() is { } payer)
        {
            payer.PayerId = nm1.GetString(9);
        }
    }

    private void CheckPostalAddress(string loopId, X12Segment n4)
    {
        var country = n4.GetString(4);
        if (country.Length > 0 && country != "US")
        {
            return;
        }
        var state = n4.GetString(2);
        var postalCode = n4.GetString(3);
        if (state.Length == 0 || !CodeLists.Get("State").Contains(state))
        {
            Report(X12ErrorCode.InvalidAddress, $"Loop {loopId} N402 '{state}' is not a US state code; it is required for a US address.", n4, loopId, 2);
        }
        var nineDigits = loopId is "2010AA" or "2310C";
        if (!postalCode.All(char.IsAsciiDigit) || postalCode.Length != 9 && (nineDigits || postalCode.Length != 5))
        {
            Report(X12ErrorCode.InvalidAddress, nineDigits
                ? $"Loop {loopId} N403 ZIP code '{postalCode}' must be the full nine digits (ZIP+4) for this address."
                : $"Loop {loopId} N403 ZIP code '{postalCode}' must be 5 or 9 digits.", n4, loopId, 3);
        }
    }

    private void CheckTaxonomy(string loopId, X12Segment prv)
    {
        var taxonomy = prv.GetString(3);
        if (taxonomy.Length != 10 || !taxonomy.All(char.IsAsciiLetterOrDigit) || taxonomy[^1] != 'X')
        {
            Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} PRV03 '{taxonomy}' is not a provider taxonomy code (10 characters ending in X, e.g. 207Q00000X).", prv, loopId, 3);
        }
    }

    private void CheckTaxId(string loopId, X12Segment reference)
    {
        var id = reference.GetString(2);
        if (reference[1].Is("EI") && (id.Length != 9 || !id.All(char.IsAsciiDigit)))
        {
            Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} REF02 employer identification number '{id}' must be 9 digits without a hyphen.", reference, loopId, 2);
        }
        if (reference[1].Is("SY") && (id.Length != 9 || !id.All(char.IsAsciiDigit)))
        {
            Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} REF02 social security number '{id}' must be 9 digits without hyphens.", reference, loopId, 2);
        }
    }

    private void OnClaim(X12Segment clm)
    {
        _subscriberClaims++;
        _claim = new Claim(clm.GetString(1), Amount(clm[2]), clm[5].Component(3).ToString());
    }

    private bool OnDiagnoses(string loopId, X12Segment hi)
    {
        var claim = _claim;
        var first = hi[1];
        var second = hi[2];
        if (first.ComponentCount == 1 && !second.IsEmpty && !second.HasComponents && CodeLists.Get("PrincipalDiagnosis").Contains(first.ToString()))
        {
            if (claim is not null)
            {
                claim.DiagnosisCount = 12;
            }
            Report(X12ErrorCode.InvalidComposite,
                $"Loop {loopId} HI01 holds only the qualifier '{first.ToString()}' and HI02 holds '{second.ToString()}': the qualifier and the code were sent as separate elements, but each diagnosis must be one composite ({first.ToString()}{hi.Delimiters.Component}{second.ToString()}).",
                hi, loopId, 1);
            return true;
        }
        var icd9 = false;
        for (var position = 1; position <= Math.Min(12, hi.ElementCount); position++)
        {
            var composite = hi[position].Repetition(1);
            if (composite.IsEmpty)
            {
                continue;
            }
            if (claim is not null)
            {
                claim.DiagnosisCount++;
            }
            var qualifier = composite.Component(1);
            icd9 |= qualifier.Is("BK") || qualifier.Is("BF");
            var code = composite.Component(2).ToString();
            if (code.Contains('.'))
            {
                Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} HI{position:D2}-2 diagnosis code '{code}' contains a decimal point; ICD codes are sent without it.", hi, loopId, position);
            }
        }
        if (claim is not null)
        {
            claim.UsesIcd9 = icd9;
        }
        return false;
    }

    private void OnAdjustment(string loopId, X12Segment cas)
    {
        var total = 0m;
        for (var position = 3; position <= 18; position += 3)
        {
            var reason = cas[position - 1];
            var amount = cas[position];
            if (!reason.IsEmpty && amount.IsEmpty)
            {
                Report(X12ErrorCode.MissingElement, $"Loop {loopId} CAS{position:D2} (adjustment amount) is required because CAS{position - 1:D2} gives a reason code.", cas, loopId, position);
            }
            if (reason.IsEmpty && !amount.IsEmpty)
            {
                Report(X12ErrorCode.MissingElement, $"Loop {loopId} CAS{position - 1:D2} (adjustment reason code) is required because CAS{position:D2} gives an amount.", cas, loopId, position - 1);
            }
            total += Amount(amount) ?? 0m;
        }
        if (loopId == "2320" && _claim?.OtherPayers.LastOrDefault() is { } payer)
        {
            payer.ClaimAdjustments += total;
        }
        else if (loopId == "2430" && _claim?.Adjudication is { } line)
        {
            line.Adjustments += total;
        }
    }

    private void OnServiceLine(string loopId, X12Segment sv1)
    {
        var claim = _claim!;
        var charge = Amount(sv1[2]);
        claim.CurrentLineCharge = charge;
        claim.LineTotal = charge is { } lineCharge && claim.LineTotal is { } sum ? sum + lineCharge : null;
        var pointers = sv1[7];
        for (var c = 1; c <= Math.Min(4, pointers.ComponentCount); c++)
        {
            if (claim.DiagnosisCount > 0 && pointers.Component(c).TryGetInt64(out var pointer) && (pointer < 1 || pointer > claim.DiagnosisCount))
            {
                Report(X12ErrorCode.InconsistentClaim,
                    $"Loop {loopId} SV107-{c} points to diagnosis {pointer}, but the claim's HI segment lists {claim.DiagnosisCount} diagnosis code{(claim.DiagnosisCount == 1 ? "" : "s")}.", sv1, loopId, 7);
            }
        }
    }

    private void CheckDateRange(string loopId, X12Segment dtp)
    {
        var value = dtp[3];
        if (dtp[2].Is("RD8"))
        {
            var dash = value.Value.IndexOf((byte)'-');
            if (dash < 0 || !X12Element.TryGetDate(value.Value[..dash], out var from) || !X12Element.TryGetDate(value.Value[(dash + 1)..], out var to) || from > to)
            {
                Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} DTP03 '{value.ToString()}' is not a date range CCYYMMDD-CCYYMMDD with the first date not after the second.", dtp, loopId, 3);
            }
        }
        else if (dtp[2].Is("D8") && !value.TryGetDate(out _))
        {
            Report(X12ErrorCode.InvalidFormat, $"Loop {loopId} DTP03 '{value.ToString()}' is not a date in the form CCYYMMDD.", dtp, loopId, 3);
        }
    }

    private void EndClaim(X12Segment at)
    {
        var claim = _claim!;
        if (claim.Total is { } total && claim.LineTotal is { } lines && total != lines)
        {
            Report(X12ErrorCode.AmountsDoNotBalance,
                $"Loop 2300 CLM02 total {Money(total)} of claim {claim.Id} does not equal the sum of its service lines (SV102) {Money(lines)}.", at, "2300", 2);
        }
        if (claim.Frequency is "7" or "8" && !claim.HasPayerClaimControlNumber)
        {
            Report(X12ErrorCode.InconsistentClaim,
                $"Claim {claim.Id} is a {(claim.Frequency == "7" ? "replacement" : "void")} (CLM05-3 = {claim.Frequency}) but has no REF*F8 giving the payer's claim control number of the claim it {(claim.Frequency == "7" ? "replaces" : "cancels")}.",
                at, "2300", 5);
        }
        if (claim.UsesIcd9 && claim.FirstServiceDate >= Icd10Start)
        {
            Report(X12ErrorCode.InvalidCode,
                $"Claim {claim.Id} uses ICD-9-CM qualifiers (BK/BF) for services on {claim.FirstServiceDate:yyyy-MM-dd}; from 2015-10-01 diagnoses are ICD-10-CM (ABK/ABF).", at, "2300");
        }
        foreach (var payer in claim.OtherPayers)
        {
            if (payer.Paid is not { } paid || claim.Total is not { } charge)
            {
                continue;
            }
            var expected = charge - payer.ClaimAdjustments - payer.LineAdjustments;
            if (paid != expected)
            {
                Report(X12ErrorCode.AmountsDoNotBalance,
                    $"Loop 2320 other payer {payer.PayerId ?? payer.Responsibility} AMT*D paid {Money(paid)} does not balance: claim charge {Money(charge)} minus claim adjustments {Money(payer.ClaimAdjustments)} minus line adjustments {Money(payer.LineAdjustments)} is {Money(expected)}.",
                    at, "2320");
            }
            if (!payer.HasLineAdjudication && !payer.HasRemittanceDate)
            {
                Report(X12ErrorCode.MissingSegment,
                    $"Loop 2330B for other payer {payer.PayerId ?? payer.Responsibility} needs DTP*573 (adjudication date): the payer paid at claim level (AMT*D) and no service line carries its adjudication (2430).",
                    at, "2330B");
            }
        }
    }

    private void Report(X12ErrorCode code, string message, X12Segment at, string? loop, int? element = null) => errors.Add(code, message, at, loop, element);

    /// <summary>An amount, or null when absent or beyond any real claim (so sums never overflow).</summary>
    private static decimal? Amount(X12Element element) =>
        element.TryGetDecimal(out var value) && Math.Abs(value) < 1_000_000_000_000m ? value : null;

    private static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?";

    private sealed class Claim(string id, decimal? total, string frequency)
    {
        public string Id { get; } = id;
        public decimal? Total { get; } = total;
        public string Frequency { get; } = frequency;
        public decimal? LineTotal { get; set; } = 0m;
        public decimal? CurrentLineCharge { get; set; }
        public int DiagnosisCount { get; set; }
        public bool UsesIcd9 { get; set; }
        public bool HasPayerClaimControlNumber { get; set; }
        public DateOnly? FirstServiceDate { get; set; }
        public List<OtherPayer> OtherPayers { get; } = [];
        public LineAdjudication? Adjudication { get; set; }
    }

    private sealed class OtherPayer(string responsibility)
    {
        public string Responsibility { get; } = responsibility;
        public string? PayerId { get; set; }
        public decimal? Paid { get; set; }
        public decimal ClaimAdjustments { get; set; }
        public decimal LineAdjustments { get; set; }
        public bool HasLineAdjudication { get; set; }
        public bool HasRemittanceDate { get; set; }
    }

    private sealed class LineAdjudication(string payerId, decimal? paid, decimal? lineCharge)
    {
        public string PayerId { get; } = payerId;
        public decimal? Paid { get; } = paid;
        public decimal? LineCharge { get; } = lineCharge;
        public decimal Adjustments { get; set; }
    }
}
