
namespace MedOffice.X12.Validation;

/// <summary>
/// Places each segment of one transaction set in its loop of the schema (searching forward in the current loop, then
/// outward), and reports missing, misplaced and over-repeated segments and loops and element-level problems.
/// </summary>
internal sealed class SchemaWalker
{
    private readonly List<Frame> _stack = [];
    private readonly ErrorSink _errors;
    private readonly TransactionChecks? _checks;

    public SchemaWalker(LoopRule root, ErrorSink errors, TransactionChecks? checks)
    {
        _errors = errors;
        _checks = checks;
        _stack.Add(new Frame(root));
    }

    public void OnSegment(X12Segment segment)
    {
        for (var depth = _stack.Count - 1; depth >= 0; depth--)
        {
            var frame = _stack[depth];
            var items = frame.Loop.Items;
            for (var j = frame.SearchStart(); j < items.Length; j++)
            {
                switch (items[j])
                {
                    // A loop's trigger met again starts the loop's next repeat (found in the parent), not a second trigger in this one.
                    case SegmentRule rule when (j > 0 || depth == 0) && rule.Matches(segment):
                        CloseAbove(depth, segment);
                        Count(frame, j, segment);
                        CheckSegment(frame.Loop.Id, rule, segment);
                        return;
                    case LoopRule loop when loop.Trigger.Matches(segment):
                        CloseAbove(depth, segment);
                        Count(frame, j, segment);
                        var child = new Frame(loop) { Index = 0 };
                        child.Counts[0] = 1;
                        _stack.Add(child);
                        CheckSegment(loop.Id, loop.Trigger, segment);
                        return;
                }
            }
        }
        ReportUnplaced(segment);
    }

    /// <summary>Closes every open loop at the end of the transaction set (after SE).</summary>
    public void End(X12Segment at)
    {
        CloseAbove(-1, at);
        _checks?.OnEnd(at);
    }

    private void Count(Frame frame, int index, X12Segment segment)
    {
        frame.Index = index;
        var count = ++frame.Counts[index];
        var item = frame.Loop.Items[index];
        if (item.MaxUse != int.MaxValue && count == item.MaxUse + 1)
        {
            var (code, what) = item is LoopRule loop
                ? (X12ErrorCode.TooManyLoops, $"Loop {loop.Id} ({loop.Name}) repeats more than the {Times(loop.MaxUse)} allowed")
                : (X12ErrorCode.TooManySegments, $"Segment {((SegmentRule)item).Label} ({((SegmentRule)item).Name}) repeats more than the {Times(item.MaxUse)} allowed");
            _errors.Add(code, $"{what} in loop {frame.Loop.Id}.", segment, frame.Loop.Id);
        }
    }

    private static string Times(int count) => count == 1 ? "once" : $"{count} times";

    /// <summary>A punctuation mark that looks like a component separator but is not the one ISA16 declares (e.g. '>' where ':' is declared).</summary>
    internal static char? ForeignSeparator(X12Element element, X12Delimiters delimiters)
    {
        foreach (var candidate in ":>^|\\!")
        {
            if (candidate != delimiters.Component && candidate != delimiters.Repetition && element.Value.Contains((byte)candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private void CloseAbove(int depth, X12Segment at)
    {
        while (_stack.Count - 1 > depth)
        {
            var frame = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            var items = frame.Loop.Items;
            for (var k = 0; k < items.Length; k++)
            {
                if (frame.Counts[k] == 0 && items[k].Usage == Usage.Required && !IsSatisfiedBySibling(frame, k))
                {
                    if (items[k] is LoopRule missingLoop)
                    {
                        _errors.Add(X12ErrorCode.MissingLoop, $"Loop {frame.Loop.Id} ({frame.Loop.Name}) is missing its required loop {missingLoop.Id} ({missingLoop.Name}).", at, frame.Loop.Id);
                    }
                    else
                    {
                        var rule = (SegmentRule)items[k];
                        _errors.Add(X12ErrorCode.MissingSegment, $"Loop {frame.Loop.Id} ({frame.Loop.Name}) is missing its required segment {rule.Label} ({rule.Name}).", at, frame.Loop.Id);
                    }
                }
            }
            _checks?.OnLoopEnd(frame.Loop.Id, at);
        }
    }

    /// <summary>A required loop shared by two parents (2300 under 2000B and 2000C) counts once.</summary>
    private static bool IsSatisfiedBySibling(Frame frame, int index) =>
        frame.Loop.Items[index] is LoopRule loop && frame.Loop.Items.Where((item, i) => i != index && item is LoopRule other && other.Id == loop.Id).Any();

    private void ReportUnplaced(X12Segment segment)
    {
        var top = _stack[^1];
        var items = top.Loop.Items;
        var start = top.SearchStart();
        for (var j = 0; j < start; j++)
        {
            if (items[j] is SegmentRule earlier && earlier.Matches(segment))
            {
                var current = items[top.Index];
                var currentName = current is SegmentRule s ? s.Label : $"loop {((LoopRule)current).Id}";
                _errors.Add(X12ErrorCode.SegmentOutOfOrder,
                    $"Segment {earlier.Label} ({earlier.Name}) is out of order in loop {top.Loop.Id}: it must come before {currentName}.", segment, top.Loop.Id);
                return;
            }
        }
        var id = segment.IdText;
        for (var depth = _stack.Count - 1; depth >= 0; depth--)
        {
            var loop = _stack[depth].Loop;
            var sameId = loop.Items.Select(i => i as SegmentRule ?? (i as LoopRule)?.Trigger).FirstOrDefault(r => r is not null && r.Id == id && r.QualifierPosition > 0);
            if (sameId is not null && ForeignSeparator(segment[sameId.QualifierPosition], segment.Delimiters) is { } foreign)
            {
                _errors.Add(X12ErrorCode.InvalidComposite,
                    $"Loop {_stack[^1].Loop.Id} {id}{sameId.QualifierPosition:D2} '{segment[sameId.QualifierPosition].ToString()}' separates its components with '{foreign}', but this interchange declares '{segment.Delimiters.Component}' as the component separator (ISA16).",
                    segment, _stack[^1].Loop.Id, sameId.QualifierPosition);
                return;
            }
            if (sameId is not null)
            {
                var allowed = loop.Items.Select(i => i as SegmentRule ?? (i as LoopRule)?.Trigger)
                    .Where(r => r is not null && r.Id == id && r.Qualifiers is not null).SelectMany(r => r!.Qualifiers!).Distinct().Order(StringComparer.Ordinal);
                _errors.Add(X12ErrorCode.InvalidCode,
                    $"{segment.IdText} with qualifier '{segment[sameId.QualifierPosition].Repetition(1).Component(1).ToString()}' is not allowed in loop {_stack[^1].Loop.Id} ({_stack[^1].Loop.Name}) or around it; {segment.IdText}{sameId.QualifierPosition:D2} here may be {Codes(allowed)}.",
                    segment, _stack[^1].Loop.Id, sameId.QualifierPosition);
                return;
            }
        }
        _errors.Add(X12ErrorCode.UnexpectedSegment,
            $"Segment {segment.IdText} is not expected here (in loop {top.Loop.Id}, {top.Loop.Name}); the implementation guide has no place for it at this point.", segment, top.Loop.Id);
    }

    private void CheckSegment(string loopId, SegmentRule rule, X12Segment segment)
    {
        var explained = _checks?.OnSegment(loopId, rule, segment) ?? false;
        if (explained || rule.Elements is not { } elements)
        {
            return;
        }
        if (!rule.OpenEnded)
        {
            for (var position = segment.ElementCount; position > elements.Length; position--)
            {
                if (!segment[position].IsEmpty)
                {
                    _errors.Add(X12ErrorCode.TooManyElements,
                        $"Loop {loopId} {segment.IdText} has an element at position {position}, but the implementation guide defines only {elements.Length}.", segment, loopId, position);
                    break;
                }
            }
        }
        for (var position = 1; position <= elements.Length; position++)
        {
            CheckElement(loopId, segment, elements[position - 1], segment[position], position, 0);
        }
    }

    /// <summary>CLM05 or CLM05-1: built only when a problem is reported, not for every element checked.</summary>
    private static string Label(X12Segment segment, int position, int component) =>
        component == 0 ? $"{segment.IdText}{position:D2}" : $"{segment.IdText}{position:D2}-{component}";

    private void CheckElement(string loopId, X12Segment segment, ElementRule rule, X12Element element, int position, int component)
    {
        if (element.IsEmpty)
        {
            if (rule.Usage == Usage.Required)
            {
                _errors.Add(X12ErrorCode.MissingElement, $"Loop {loopId} {Label(segment, position, component)} is required but empty.", segment, loopId, position);
            }
            return;
        }
        if (rule.Usage == Usage.NotUsed)
        {
            _errors.Add(X12ErrorCode.ElementNotUsed, $"Loop {loopId} {Label(segment, position, component)} must not be sent (the implementation guide marks it not used), but holds '{element.ToString()}'.", segment, loopId, position);
            return;
        }
        if (rule.Components is { } components)
        {
            if (components.Length > 1 && element.ComponentCount == 1 && ForeignSeparator(element, segment.Delimiters) is { } foreign)
            {
                _errors.Add(X12ErrorCode.InvalidComposite,
                    $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' separates its components with '{foreign}', but this interchange declares '{segment.Delimiters.Component}' as the component separator (ISA16).",
                    segment, loopId, position);
                return;
            }
            for (var c = 1; c <= components.Length; c++)
            {
                CheckElement(loopId, segment, components[c - 1], element.Repetition(1).Component(c), position, c);
            }
            if (element.Repetition(1).ComponentCount > components.Length)
            {
                _errors.Add(X12ErrorCode.InvalidComposite, $"Loop {loopId} {Label(segment, position, component)} has {element.Repetition(1).ComponentCount} components; the implementation guide defines {components.Length}.", segment, loopId, position);
            }
            return;
        }
        if (element.HasComponents)
        {
            _errors.Add(X12ErrorCode.InvalidComposite,
                $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' contains the component separator '{segment.Delimiters.Component}', but it is a simple element, not a composite.", segment, loopId, position);
            return;
        }
        var value = element.Value;
        switch (rule.Type)
        {
            case "R" when !element.TryGetDecimal(out _):
                _errors.Add(X12ErrorCode.InvalidFormat, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is not a decimal number.", segment, loopId, position);
                return;
            case "N0" or "N2" when !element.TryGetInt64(out _):
                _errors.Add(X12ErrorCode.InvalidFormat, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is not a whole number.", segment, loopId, position);
                return;
            case "DT" when !element.TryGetDate(out _):
                _errors.Add(X12ErrorCode.InvalidFormat, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is not a date in the form CCYYMMDD.", segment, loopId, position);
                return;
            case "TM" when !element.IsTime():
                _errors.Add(X12ErrorCode.InvalidFormat, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is not a time in the form HHMM[SS].", segment, loopId, position);
                return;
        }
        var length = rule.Type == "R" ? CountDigits(value) : value.Length;
        if (rule.Codes is { } codes)
        {
            if (!rule.AllowsCode(value))
            {
                _errors.Add(X12ErrorCode.InvalidCode, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is not one of the codes allowed here ({Codes(codes.Order(StringComparer.Ordinal))}).", segment, loopId, position);
            }
            return;
        }
        if (length < rule.Min || length > rule.Max)
        {
            var range = rule.Min == rule.Max ? $"exactly {rule.Min}" : rule.Max == int.MaxValue ? $"at least {rule.Min}" : $"{rule.Min} to {rule.Max}";
            _errors.Add(X12ErrorCode.InvalidLength, $"Loop {loopId} {Label(segment, position, component)} '{element.ToString()}' is {length} characters long; it must be {range}.", segment, loopId, position);
        }
    }

    private static int CountDigits(ReadOnlySpan<byte> value)
    {
        var digits = 0;
        foreach (var b in value)
        {
            digits += b is >= (byte)'0' and <= (byte)'9' ? 1 : 0;
        }
        return digits;
    }

    private static string Codes(IEnumerable<string> codes)
    {
        var list = codes.Take(13).ToList();
        return list.Count > 12 ? string.Join(", ", list.Take(12)) + ", …" : string.Join(", ", list);
    }

    private sealed class Frame(LoopRule loop)
    {
        public LoopRule Loop { get; } = loop;
        public int Index { get; set; } = -1;
        public int[] Counts { get; } = new int[loop.Items.Length];

        /// <summary>Search from the first item that shares the current item's order, so same-position segments may come in any order.</summary>
        public int SearchStart()
        {
            if (Index < 0)
            {
                return 0;
            }
            var order = Loop.Items[Index].Order;
            var start = Index;
            while (start > 0 && Loop.Items[start - 1].Order == order)
            {
                start--;
            }
            return start;
        }
    }
}
