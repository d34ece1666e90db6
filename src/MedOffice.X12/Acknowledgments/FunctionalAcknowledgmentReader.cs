namespace MedOffice.X12.Acknowledgments;

internal sealed class FunctionalAcknowledgmentReader() : TransactionReader<FunctionalAcknowledgment>("999")
{
    private FunctionalAcknowledgment _acknowledgment = new();
    private AcknowledgedTransactionSet? _set;
    private SegmentError? _segment;

    protected override void Begin(X12Segment st, string implementationReference)
    {
        _acknowledgment = new FunctionalAcknowledgment { ControlNumber = st.GetString(2) };
        _set = null;
        _segment = null;
    }

    protected override FunctionalAcknowledgment End() => _acknowledgment;

    protected override void OnSegment(X12Segment segment)
    {
        switch (segment.IdText)
        {
            case "AK1":
                _acknowledgment.FunctionalIdentifier = segment.GetString(1);
                _acknowledgment.GroupControlNumber = segment.GetString(2);
                _acknowledgment.GroupVersion = Optional(segment, 3);
                break;
            case "AK2":
                _set = new AcknowledgedTransactionSet
                {
                    TransactionSetId = segment.GetString(1), ControlNumber = segment.GetString(2), ImplementationReference = Optional(segment, 3),
                };
                _segment = null;
                _acknowledgment.TransactionSetList.Add(_set);
                break;
            case "IK3" when Inside(segment) is { } set:
                _segment = new SegmentError
                {
                    SegmentId = segment.GetString(1), Position = Number(segment, segment[2], 2), LoopId = Optional(segment, 3), ErrorCode = segment.GetString(4),
                };
                set.SegmentErrorList.Add(_segment);
                break;
            case "CTX" when _segment is not null:
                // Segment context (CTX01 = SITUATIONAL TRIGGER) is left out; the business unit (CLM01:…) says which claim.
                if (!segment[1].Component(1).Is("SITUATIONAL TRIGGER"))
                {
                    _segment.BusinessContext = segment.GetString(1);
                }
                break;
            case "IK4" when _segment is not null:
                var position = segment[1];
                _segment.ElementErrorList.Add(new ElementError(Number(segment, position.Component(1), 1), Number(segment, position.Component(2), 1),
                    Number(segment, position.Component(3), 1), Optional(segment, 2), segment.GetString(3), Optional(segment, 4)));
                break;
            case "IK4":
                Error(segment, "IK4 (element error) comes without an IK3 (segment error) before it; it was ignored.", code: X12ErrorCode.UnexpectedSegment);
                break;
            case "IK5" when Inside(segment) is { } set:
                set.StatusCode = segment.GetString(1);
                AddCodes(segment, set.ErrorCodeList, 2, 6);
                _segment = null;
                break;
            case "AK9":
                _acknowledgment.StatusCode = segment.GetString(1);
                _acknowledgment.IncludedCount = Number(segment, segment[2], 2);
                _acknowledgment.ReceivedCount = Number(segment, segment[3], 3);
                _acknowledgment.AcceptedCount = Number(segment, segment[4], 4);
                AddCodes(segment, _acknowledgment.GroupErrorList, 5, 9);
                _set = null;
                _segment = null;
                break;
        }
    }

    private AcknowledgedTransactionSet? Inside(X12Segment segment)
    {
        if (_set is null)
        {
            Error(segment, $"{segment.IdText} comes outside an AK2 loop (it must follow the AK2 of the transaction set it is about); it was ignored.", code: X12ErrorCode.UnexpectedSegment);
        }
        return _set;
    }

    private int? Number(X12Segment segment, X12Element element, int position)
    {
        if (element.IsEmpty)
        {
            return null;
        }
        if (element.TryGetInt64(out var value) && value <= int.MaxValue)
        {
            return (int)value;
        }
        Error(segment, $"{segment.IdText}{position:D2} '{element.ToString()}' is not a whole number; it was left out.", position);
        return null;
    }

    private static void AddCodes(X12Segment segment, List<string> codes, int first, int last)
    {
        for (var position = first; position <= last; position++)
        {
            if (!segment[position].IsEmpty)
            {
                codes.Add(segment.GetString(position));
            }
        }
    }
}
