namespace MedOffice.X12.Eligibility;

/// <summary>Reads 271s: follows the HL levels (20 payer, 21 provider, 22 subscriber, 23 dependent) and the EB loops with their LS/LE entities.</summary>
internal sealed class EligibilityResponseReader() : TransactionReader<EligibilityResponse>("271")
{
    private EligibilityResponse _response = new();
    private string _level = "";
    private EligibilityMember? _member;
    private X12Party? _subscriber;
    private EligibilityBenefit? _benefit;
    private bool _inEntityLoop;

    protected override void Begin(X12Segment st, string implementationReference)
    {
        _response = new EligibilityResponse { ControlNumber = st.GetString(2) };
        _level = "";
        _member = null;
        _subscriber = null;
        _benefit = null;
        _inEntityLoop = false;
    }

    protected override EligibilityResponse End() => _response;

    protected override void OnSegment(X12Segment segment)
    {
        switch (segment.IdText)
        {
            case "BHT":
                _response.Reference = segment.GetString(3);
                _response.CreatedDate = Date(segment, 4);
                break;
            case "HL":
                OnLevel(segment);
                break;
            case "TRN" when _member is not null:
                _member.TraceList.Add(segment.GetString(2));
                break;
            case "NM1":
                OnName(segment);
                break;
            case "DMG" when _member is not null && _benefit is null:
                _member.BirthDate = segment[1].Is("D8") ? Date(segment, 2) : null;
                _member.Gender = Optional(segment, 3);
                break;
            case "AAA":
                OnRejection(segment);
                break;
            case "DTP":
                OnDate(segment);
                break;
            case "EB":
                OnBenefit(segment);
                break;
            case "MSG" when _benefit is not null:
                _benefit.MessageList.Add(segment.GetString(1));
                break;
            case "LS":
                _inEntityLoop = true;
                break;
            case "LE":
                _inEntityLoop = false;
                break;
        }
    }

    private void OnLevel(X12Segment segment)
    {
        _level = segment.GetString(3);
        _benefit = null;
        _inEntityLoop = false;
        _member = null;
        if (_level is "22" or "23")
        {
            _member = new EligibilityMember { IsDependent = _level == "23", Subscriber = _level == "23" ? _subscriber : null };
            _response.MemberList.Add(_member);
        }
        else if (_level is not ("20" or "21"))
        {
            Error(segment, $"HL03 '{_level}' is not a level of a 271 (20 payer, 21 provider, 22 subscriber, 23 dependent).", 3, X12ErrorCode.InvalidCode);
        }
    }

    private void OnName(X12Segment segment)
    {
        var party = X12Party.FromName(segment);
        if (_benefit is not null && _inEntityLoop)
        {
            _benefit.EntityList.Add(party);
            return;
        }
        switch (_level)
        {
            case "20":
                _response.Payer = party;
                break;
            case "21":
                _response.Provider = party;
                break;
            case "22" when _member is not null:
                _member.Person = party;
                _subscriber = party;
                break;
            case "23" when _member is not null:
                _member.Person = party;
                break;
        }
    }

    private void OnRejection(X12Segment segment)
    {
        var level = _benefit is not null ? "benefit" : _level switch { "20" => "payer", "21" => "provider", "22" => "subscriber", "23" => "dependent", _ => "request" };
        var rejection = new EligibilityRejection(level, segment.GetString(1), segment.GetString(3), segment.GetString(4));
        if (_benefit is not null)
        {
            _benefit.RejectionList.Add(rejection);
        }
        else if (_member is not null)
        {
            _member.RejectionList.Add(rejection);
        }
        else
        {
            _response.RejectionList.Add(rejection);
        }
    }

    private void OnDate(X12Segment segment)
    {
        if (DateOrRange(segment, 2, 3) is not { } dates)
        {
            return;
        }
        var date = new EligibilityDate(segment.GetString(1), dates);
        if (_benefit is not null)
        {
            _benefit.DateList.Add(date);
        }
        else
        {
            _member?.DateList.Add(date);
        }
    }

    private void OnBenefit(X12Segment segment)
    {
        if (_member is null)
        {
            Error(segment, "EB comes outside a subscriber or dependent (loop 2110 belongs under HL 22 or 23); it was ignored.", code: X12ErrorCode.UnexpectedSegment);
            return;
        }
        _inEntityLoop = false;
        _benefit = new EligibilityBenefit
        {
            InformationCode = segment.GetString(1),
            CoverageLevelCode = Optional(segment, 2),
            ServiceTypeCodes = Repetitions(segment[3]),
            InsuranceType = Optional(segment, 4),
            PlanDescription = Optional(segment, 5),
            TimePeriodCode = Optional(segment, 6),
            Amount = OptionalAmount(segment, 7),
            Percent = OptionalAmount(segment, 8),
            QuantityQualifier = Optional(segment, 9),
            Quantity = OptionalAmount(segment, 10),
            AuthorizationRequired = YesNo(segment.GetString(11)),
            InNetwork = YesNo(segment.GetString(12)),
        };
        if (_benefit.InformationCode.Length == 0)
        {
            Error(segment, "EB01 (what the benefit is: active, copay, deductible…) is empty.", 1, X12ErrorCode.MissingElement);
        }
        _member.BenefitList.Add(_benefit);
    }

    private static bool? YesNo(string value) => value switch { "Y" => true, "N" => false, _ => null };
}
