namespace MedOffice.X12.ClaimStatus;

/// <summary>
/// Reads 277s (claim status X212 and claim acknowledgment X214): follows the HL levels (20 source, 21 receiver,
/// 19 provider, 22 subscriber, 23 dependent, PT patient) and starts a claim at each TRN under a subscriber or patient.
/// </summary>
internal sealed class StatusReportReader<T>(Func<StatusDocument, T> build, string guide) : TransactionReader<T>("277")
{
    private StatusDocument _document = new();
    private string _level = "";
    private LevelStatus? _levelStatus;
    private X12Party? _provider;
    private X12Party? _subscriber;
    private X12Party? _patient;
    private StatusReportedClaim? _claim;
    private StatusReportedLine? _line;

    protected override void Begin(X12Segment st, string implementationReference)
    {
        _document = new StatusDocument { ControlNumber = st.GetString(2), ImplementationReference = implementationReference };
        if (implementationReference.Length > 0 && !implementationReference.Contains(guide, StringComparison.Ordinal))
        {
            Warn(st, $"This 277 follows {implementationReference}, not {guide}; it was read all the same.", X12ErrorCode.VersionMismatch);
        }
        _level = "";
        _levelStatus = null;
        _provider = _subscriber = _patient = null;
        _claim = null;
        _line = null;
    }

    protected override T End() => build(_document);

    protected override void OnSegment(X12Segment segment)
    {
        switch (segment.IdText)
        {
            case "BHT":
                _document.Reference = segment.GetString(3);
                _document.CreatedDate = Date(segment, 4);
                break;
            case "HL":
                OnLevel(segment.GetString(3));
                break;
            case "NM1":
                OnName(X12Party.FromName(segment));
                break;
            case "TRN":
                OnTrace(segment);
                break;
            case "STC":
                OnStatus(segment);
                break;
            case "REF":
                OnReference(segment);
                break;
            case "DTP":
                OnDate(segment);
                break;
            case "QTY" when _levelStatus is not null:
                if (segment[1].Is("90"))
                {
                    _levelStatus.AcceptedCount = Quantity(segment, 2);
                }
                else if (segment[1].Is("AA"))
                {
                    _levelStatus.RejectedCount = Quantity(segment, 2);
                }
                break;
            case "AMT" when _levelStatus is not null:
                if (segment[1].Is("YU"))
                {
                    _levelStatus.AcceptedAmount = Amount(segment, 2);
                }
                else if (segment[1].Is("YY"))
                {
                    _levelStatus.RejectedAmount = Amount(segment, 2);
                }
                break;
            case "SVC":
                OnServiceLine(segment);
                break;
        }
    }

    private void OnLevel(string level)
    {
        _level = level;
        _claim = null;
        _line = null;
        _levelStatus = null;
        switch (level)
        {
            case "19":
                _provider = null;
                _subscriber = _patient = null;
                break;
            case "22":
                _subscriber = _patient = null;
                break;
            case "23" or "PT":
                _patient = null;
                break;
        }
    }

    private bool AtClaimLevel => _level is "22" or "23" or "PT";

    private void OnName(X12Party party)
    {
        switch (_level)
        {
            case "20":
                _document.InformationSource = party;
                break;
            case "21" or "19":
                _provider = _level == "19" ? party : _provider;
                _levelStatus = new LevelStatus { Level = _level == "21" ? "receiver" : "provider", Party = party };
                _document.Levels.Add(_levelStatus);
                break;
            case "22":
                _subscriber = party;
                break;
            case "23" or "PT":
                _patient = party;
                break;
        }
    }

    private void OnTrace(X12Segment segment)
    {
        if (AtClaimLevel)
        {
            _claim = new StatusReportedClaim
            {
                PatientControlNumber = segment.GetString(2), Provider = _provider, Subscriber = _subscriber, Patient = _patient ?? _subscriber,
            };
            _line = null;
            _document.Claims.Add(_claim);
        }
        else if (_levelStatus is not null)
        {
            _levelStatus.TraceNumber = segment.GetString(2);
        }
    }

    private void OnStatus(X12Segment segment)
    {
        var effective = Date(segment, 2);
        var statuses = new List<ClaimStatusInfo>(1);
        foreach (var position in (ReadOnlySpan<int>)[1, 10, 11])
        {
            var composite = segment[position];
            if (composite.IsEmpty)
            {
                continue;
            }
            var entity = composite.Component(3);
            statuses.Add(new ClaimStatusInfo(composite.Component(1).ToString(), composite.Component(2).ToString(), entity.IsEmpty ? null : entity.ToString(), effective));
            if (composite.Component(2).IsEmpty)
            {
                Error(segment, $"STC{position:D2} '{composite.ToString()}' has no status code (its second component).", position, X12ErrorCode.InvalidComposite);
            }
        }
        if (_line is not null)
        {
            _line.StatusList.AddRange(statuses);
        }
        else if (_claim is not null)
        {
            if (_claim.StatusList.Count == 0)
            {
                _claim.ChargeAmount = OptionalAmount(segment, 4);
                _claim.PaidAmount = OptionalAmount(segment, 5);
                _claim.AdjudicationDate = Date(segment, 6);
                _claim.PaymentDate = Date(segment, 8);
                _claim.CheckNumber = Optional(segment, 9);
                _claim.Message = Optional(segment, 12);
            }
            _claim.StatusList.AddRange(statuses);
        }
        else if (_levelStatus is not null)
        {
            _levelStatus.StatusList.AddRange(statuses);
        }
        else if (AtClaimLevel)
        {
            Error(segment, "STC comes before the claim's TRN (loop 2200 starts with TRN, the patient control number); it was ignored.", code: X12ErrorCode.SegmentOutOfOrder);
        }
    }

    private void OnReference(X12Segment segment)
    {
        var value = segment.GetString(2);
        if (_line is not null)
        {
            if (segment[1].Is("FJ"))
            {
                _line.LineItemControlNumber = value;
            }
            return;
        }
        if (_claim is null)
        {
            return;
        }
        switch (segment.GetString(1))
        {
            case "1K":
                _claim.PayerClaimControlNumber = value;
                break;
            case "D9":
                _claim.ClearinghouseTraceNumber = value;
                break;
            case "EJ":
                _claim.PatientAccountNumber = value;
                break;
            case "BLT":
                _claim.BillType = value;
                break;
        }
    }

    private void OnDate(X12Segment segment)
    {
        if (segment[1].Is("472"))
        {
            var dates = DateOrRange(segment, 2, 3);
            if (_line is not null)
            {
                _line.ServiceDate = dates;
            }
            else if (_claim is not null)
            {
                _claim.ServiceDates = dates;
            }
        }
        else if (_level == "20" && segment[1].Is("050"))
        {
            _document.ReceivedDate = Date(segment, 3);
        }
        else if (_level == "20" && segment[1].Is("009"))
        {
            _document.ProcessedDate = Date(segment, 3);
        }
    }

    private void OnServiceLine(X12Segment segment)
    {
        if (_claim is null)
        {
            Error(segment, "SVC comes outside a claim (loop 2220 belongs under a claim's TRN/STC); it was ignored.", code: X12ErrorCode.UnexpectedSegment);
            return;
        }
        _line = new StatusReportedLine { Procedure = segment.GetString(1), ChargeAmount = OptionalAmount(segment, 2), PaidAmount = OptionalAmount(segment, 3) };
        _claim.LineList.Add(_line);
    }
}
