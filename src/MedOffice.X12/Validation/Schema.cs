namespace MedOffice.X12.Validation;

/// <summary>Implementation-guide usage of a segment, loop, element or component.</summary>
internal enum Usage
{
    Required,
    Situational,
    NotUsed,
}

/// <summary>One element's (or component's) rule, written compactly as e.g. <c>R AN1-60</c>, <c>S =A,B,C</c>, <c>R {R =HC;R AN1-48}</c>.</summary>
internal sealed class ElementRule
{
    private static readonly string[] Types = ["AN", "ID", "DT", "TM", "N0", "N2", "R"];

    public Usage Usage { get; private init; }
    public string Type { get; private init; } = "AN";
    public int Min { get; private init; }
    public int Max { get; private init; } = int.MaxValue;
    public HashSet<string>? Codes { get; private init; }
    public ElementRule[]? Components { get; private init; }

    /// <summary>Whether the element's bytes are one of <see cref="Codes"/>, without making a string of them.</summary>
    public bool AllowsCode(ReadOnlySpan<byte> value)
    {
        if (Codes is null)
        {
            return true;
        }
        if (value.Length > 64)
        {
            return false;
        }
        Span<char> text = stackalloc char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            text[i] = (char)value[i];
        }
        return Codes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text);
    }

    /// <summary>Parses one rule: usage letter, then optional <c>TYPEmin-max</c>, <c>=codes</c> (or <c>=@List</c>) and <c>{component;…}</c>.</summary>
    public static ElementRule Parse(string text)
    {
        text = text.Trim();
        var usage = text[0] switch { 'R' => Usage.Required, 'S' => Usage.Situational, 'N' => Usage.NotUsed, _ => throw new FormatException(text) };
        var rest = text[1..].Trim();
        if (rest.StartsWith('{'))
        {
            var inner = rest[1..rest.LastIndexOf('}')];
            return new ElementRule { Usage = usage, Components = inner.Split(';').Select(Parse).ToArray() };
        }
        var type = "AN";
        int min = 0, max = int.MaxValue;
        HashSet<string>? codes = null;
        foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('='))
            {
                codes = token[1] == '@' ? CodeLists.Get(token[2..]) : new HashSet<string>(token[1..].Split(','), StringComparer.Ordinal);
                type = "ID";
                continue;
            }
            type = Types.First(t => token.StartsWith(t, StringComparison.Ordinal));
            var range = token[type.Length..];
            if (range.Length > 0)
            {
                var dash = range.IndexOf('-');
                min = int.Parse(range[..dash], System.Globalization.CultureInfo.InvariantCulture);
                max = int.Parse(range[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return new ElementRule { Usage = usage, Type = type, Min = min, Max = max, Codes = codes };
    }
}

/// <summary>A segment or a loop within a loop's ordered body.</summary>
internal abstract class SchemaItem
{
    public Usage Usage { get; init; }
    public int MaxUse { get; init; } = 1;

    /// <summary>Items with the same order may come in any order among themselves (e.g. a run of DTP segments with different qualifiers).</summary>
    public int Order { get; set; }
}

internal sealed class SegmentRule : SchemaItem
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The element whose value tells this segment apart from others with the same identifier (NM101, REF01, HL03), or 0.</summary>
    public int QualifierPosition { get; init; }
    public ElementRule[]? Elements { get; init; }

    /// <summary>Whether elements after the listed ones go unchecked (the rule lists only the ones that matter).</summary>
    public bool OpenEnded { get; init; }

    /// <summary>The codes that select this rule: the qualifier element's, or its first component's for a composite (HI01-1).</summary>
    public HashSet<string>? Qualifiers => QualifierPosition > 0 && Elements is { } e && QualifierPosition <= e.Length
        ? e[QualifierPosition - 1].Codes ?? e[QualifierPosition - 1].Components?[0].Codes
        : null;

    public bool Matches(X12Segment segment)
    {
        if (!segment.Is(Id))
        {
            return false;
        }
        var qualifiers = Qualifiers;
        if (qualifiers is null)
        {
            return true;
        }
        var value = segment[QualifierPosition].Repetition(1).Component(1);
        foreach (var code in qualifiers)
        {
            if (value.Is(code))
            {
                return true;
            }
        }
        return false;
    }

    public string Label => Qualifiers is { Count: <= 3 } q ? $"{Id}*{string.Join("/", q)}" : Id;
}

internal sealed class LoopRule : SchemaItem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required SchemaItem[] Items { get; init; }
    public SegmentRule Trigger => (SegmentRule)Items[0];

    /// <summary>Numbers the items so that runs of one segment identifier share an order.</summary>
    public LoopRule Seal()
    {
        var order = 0;
        string? previousId = null;
        foreach (var item in Items)
        {
            if (item is SegmentRule segment && segment.Id == previousId)
            {
                segment.Order = order;
                continue;
            }
            order++;
            item.Order = order;
            previousId = (item as SegmentRule)?.Id;
            (item as LoopRule)?.Seal();
        }
        return this;
    }
}

/// <summary>Helpers to write a transaction's schema as a compact table.</summary>
internal static class SchemaTable
{
    public const Usage R = Usage.Required;
    public const Usage S = Usage.Situational;

    /// <summary>A segment told apart by no qualifier.</summary>
    public static SegmentRule Seg(string id, string name, Usage usage, int max, string? elements = null) =>
        new() { Id = id, Name = name, Usage = usage, MaxUse = max, Elements = ParseElements(elements), OpenEnded = IsOpenEnded(elements) };

    /// <summary>A segment told apart by the codes of its element at <paramref name="qualifierAt"/> (1 by default).</summary>
    public static SegmentRule Q(string id, string name, Usage usage, int max, string elements, int qualifierAt = 1) =>
        new() { Id = id, Name = name, Usage = usage, MaxUse = max, Elements = ParseElements(elements), OpenEnded = IsOpenEnded(elements), QualifierPosition = qualifierAt };

    private static bool IsOpenEnded(string? elements) => elements is not null && elements.EndsWith("|...", StringComparison.Ordinal);

    public static LoopRule Loop(string id, string name, Usage usage, int max, params SchemaItem[] items) =>
        new() { Id = id, Name = name, Usage = usage, MaxUse = max, Items = items };

    private static ElementRule[]? ParseElements(string? elements) =>
        elements?.Split('|').Where(e => e != "...").Select(ElementRule.Parse).ToArray();
}
