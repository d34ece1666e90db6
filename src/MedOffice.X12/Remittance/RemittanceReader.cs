namespace MedOffice.X12.Remittance;

/// <summary>Reads 835s segment by segment, tracking which loop (header, payer, payee, claim, line) the next segment belongs to.</summary>
internal sealed class RemittanceReader() : TransactionReader<RemittanceAdvice>("835")
{
    private enum Place { Header, Payer, Payee, Claim, Line }

    private RemittanceAdvice _advice = new();
    private RemittanceClaim? _claim;
    private RemittanceServiceLine? _line;
    private Place _place;
    private string? _headerNumber;

    protected override void Begin(X12Segment st, string implementationReference)
    {
        _advice = new RemittanceAdvice { ControlNumber = st.GetString(2), ImplementationReference = implementationReference };
        _claim = null;
        _line = null;
        _headerNumber = null;
        _place = Place.Header;
    }

    protected override RemittanceAdvice End() => _advice;

    protected override void OnSegment(X12Segment segment)
    {
        switch (segment.IdText)
        {
            case "BPR":
                _advice.HandlingCode = segment.GetString(1);
                _advice.PaymentAmount = Amount(segment, 2);
                _advice.CreditOrDebit = segment.GetString(3);
                _advice.PaymentMethod = segment.GetString(4);
                _advice.PaymentDate = Date(segment, 16);
                break;
            case "TRN":
                _advice.TraceNumber = segment.GetString(2);
                _advice.OriginatingCompanyId = Optional(segment, 3);
                break;
            case "DTM":
                OnDate(segment);
                break;
            case "N1":
                OnParty(segment);
                break;
            case "REF":
                OnReference(segment);
                break;
            case "LX":
                _headerNumber = segment.GetString(1);
                _place = Place.Header;
                _claim = null;
                _line = null;
                break;
            case "CLP":
                OnClaim(segment);
                break;
            case "CAS":
                OnAdjustment(segment);
                break;
            case "NM1" when _claim is not null:
                OnClaimName(segment, _claim);
                break;
            case "AMT":
                OnAmount(segment);
                break;
            case "MOA" when _claim is not null:
                AddRemarks(segment, _claim.RemarkList, 3, 7);
                break;
            case "MIA" when _claim is not null:
                AddRemarks(segment, _claim.RemarkList, 5, 5);
                AddRemarks(segment, _claim.RemarkList, 20, 24);
                break;
            case "SVC":
                OnServiceLine(segment);
                break;
            case "LQ" when _line is not null:
                if (segment[1].Is("HE") && !segment[2].IsEmpty)
                {
                    _line.RemarkList.Add(segment.GetString(2));
                }
                break;
            case "PLB":
                OnProviderAdjustment(segment);
                break;
        }
    }

    private void OnDate(X12Segment segment)
    {
        var qualifier = segment.GetString(1);
        switch (_place)
        {
            case Place.Line when _line is not null:
                if (qualifier is "472" or "150" && Date(segment, 2) is { } from)
                {
                    _line.ServiceDate = new DateRange(from, qualifier == "472" ? from : _line.ServiceDate?.To ?? from);
                }
                else if (qualifier == "151" && Date(segment, 2) is { } to)
                {
                    _line.ServiceDate = new DateRange(_line.ServiceDate?.From ?? to, to);
                }
                break;
            case Place.Claim when _claim is not null:
                if (qualifier == "232" && Date(segment, 2) is { } start)
                {
                    _claim.StatementPeriod = new DateRange(start, _claim.StatementPeriod?.To ?? start);
                }
                else if (qualifier == "233" && Date(segment, 2) is { } end)
                {
                    _claim.StatementPeriod = new DateRange(_claim.StatementPeriod?.From ?? end, end);
                }
                else if (qualifier == "050")
                {
                    _claim.ReceivedDate = Date(segment, 2);
                }
                break;
            default:
                if (qualifier == "405")
                {
                    _advice.ProductionDate = Date(segment, 2);
                }
                break;
        }
    }

    private void OnParty(X12Segment segment)
    {
        if (_claim is not null)
        {
            Error(segment, $"N1*{segment.GetString(1)} comes after the first claim; payer and payee (loops 1000A/1000B) belong before LX/CLP. It was ignored.",
                code: X12ErrorCode.SegmentOutOfOrder);
            return;
        }
        var party = X12Party.FromN1(segment);
        if (segment[1].Is("PR"))
        {
            _advice.Payer = party;
            _advice.PayerId ??= party.Id;
            _place = Place.Payer;
        }
        else if (segment[1].Is("PE"))
        {
            _advice.Payee = party;
            _place = Place.Payee;
        }
    }

    private void OnReference(X12Segment segment)
    {
        var reference = new X12Reference(segment.GetString(1), segment.GetString(2));
        switch (_place)
        {
            case Place.Line when _line is not null:
                _line.ReferenceList.Add(reference);
                if (reference.Qualifier == "6R")
                {
                    _line.LineItemControlNumber = reference.Value;
                }
                break;
            case Place.Claim when _claim is not null:
                _claim.ReferenceList.Add(reference);
                break;
            default:
                _advice.ReferenceList.Add(reference);
                if (_place == Place.Payer && reference.Qualifier is "2U" or "EO" or "HI" or "NF")
                {
                    _advice.PayerId = reference.Value;
                }
                else if (_place == Place.Payee && reference.Qualifier == "TJ")
                {
                    _advice.PayeeTaxId = reference.Value;
                }
                break;
        }
    }

    private void OnClaim(X12Segment segment)
    {
        _claim = new RemittanceClaim
        {
            PatientControlNumber = segment.GetString(1),
            StatusCode = segment.GetString(2),
            ChargeAmount = Amount(segment, 3),
            PaidAmount = Amount(segment, 4),
            PatientResponsibility = OptionalAmount(segment, 5),
            ClaimFilingIndicator = segment.GetString(6),
            PayerClaimControlNumber = Optional(segment, 7),
            FacilityCode = Optional(segment, 8),
            FrequencyCode = Optional(segment, 9),
            HeaderNumber = _headerNumber,
        };
        if (_claim.PatientControlNumber.Length == 0)
        {
            Error(segment, "CLP01 (the patient control number) is empty, so this claim cannot be matched to one sent.", 1, X12ErrorCode.MissingElement);
        }
        _advice.ClaimList.Add(_claim);
        _line = null;
        _place = Place.Claim;
    }

    private static void OnClaimName(X12Segment segment, RemittanceClaim claim)
    {
        var party = X12Party.FromName(segment);
        switch (party.EntityCode)
        {
            case "QC":
                claim.Patient = party;
                break;
            case "IL":
                claim.Insured = party;
                break;
            case "74":
                claim.CorrectedPatient = party;
                break;
            case "82":
                claim.RenderingProvider = party;
                break;
        }
    }

    private void OnAdjustment(X12Segment segment)
    {
        var target = _place == Place.Line ? _line?.AdjustmentList : _place == Place.Claim ? _claim?.AdjustmentList : null;
        if (target is null)
        {
            Error(segment, "CAS comes outside a claim or service line (it belongs after CLP or SVC); it was ignored.", code: X12ErrorCode.UnexpectedSegment);
            return;
        }
        var group = segment.GetString(1);
        // Up to six reason/amount/quantity triplets: CAS02-04, 05-07, … 17-19.
        for (var position = 2; position <= 17; position += 3)
        {
            if (segment[position].IsEmpty)
            {
                if (!segment[position + 1].IsEmpty)
                {
                    Error(segment, $"CAS{position + 1:D2} has an amount but CAS{position:D2} has no reason code; it was ignored.", position, X12ErrorCode.MissingElement);
                }
                continue;
            }
            target.Add(new ClaimAdjustment(group, segment.GetString(position), Amount(segment, position + 1), Quantity(segment, position + 2)));
        }
    }

    private void OnAmount(X12Segment segment)
    {
        var table = _place == Place.Line ? _line?.AmountTable : _place == Place.Claim ? _claim?.AmountTable : null;
        if (table is not null && !segment[1].IsEmpty)
        {
            table[segment.GetString(1)] = Amount(segment, 2);
        }
    }

    private static void AddRemarks(X12Segment segment, List<string> remarks, int first, int last)
    {
        for (var position = first; position <= last; position++)
        {
            if (!segment[position].IsEmpty)
            {
                remarks.Add(segment.GetString(position));
            }
        }
    }

    private void OnServiceLine(X12Segment segment)
    {
        if (_claim is null)
        {
            Error(segment, "SVC comes before any CLP; a service line must belong to a claim. It was ignored.", code: X12ErrorCode.UnexpectedSegment);
            return;
        }
        var procedure = segment[1];
        var modifiers = new List<string>();
        for (var component = 3; component <= 6; component++)
        {
            var modifier = procedure.Component(component);
            if (!modifier.IsEmpty)
            {
                modifiers.Add(modifier.ToString());
            }
        }
        _line = new RemittanceServiceLine
        {
            ProcedureQualifier = procedure.Component(1).ToString(),
            ProcedureCode = procedure.Component(2).ToString(),
            Modifiers = modifiers,
            ChargeAmount = Amount(segment, 2),
            PaidAmount = Amount(segment, 3),
            RevenueCode = Optional(segment, 4),
            Units = Quantity(segment, 5) ?? 1,
            SubmittedProcedureCode = segment[6].IsEmpty ? null : segment[6].Component(2).ToString(),
        };
        if (_line.ProcedureCode.Length == 0)
        {
            Error(segment, $"SVC01 '{segment.GetString(1)}' has no procedure code in its second component.", 1, X12ErrorCode.InvalidComposite);
        }
        _claim.LineList.Add(_line);
        _place = Place.Line;
    }

    private void OnProviderAdjustment(X12Segment segment)
    {
        var provider = segment.GetString(1);
        var fiscalPeriodEnd = Date(segment, 2);
        // Up to six reason:reference/amount pairs: PLB03-04, 05-06, … 13-14.
        for (var position = 3; position <= 13; position += 2)
        {
            var reason = segment[position];
            if (reason.IsEmpty)
            {
                continue;
            }
            var reference = reason.Component(2);
            _advice.ProviderAdjustmentList.Add(new ProviderAdjustment(provider, fiscalPeriodEnd, reason.Component(1).ToString(),
                reference.IsEmpty ? null : reference.ToString(), Amount(segment, position + 1)));
        }
        _claim = null;
        _line = null;
        _place = Place.Header;
    }
}
