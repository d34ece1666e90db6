using System.Text;

namespace MedOffice.X12;

/// <summary>
/// The reader's current segment: its identifier and elements as views of the input's bytes, with where it is.
/// Valid until the next <see cref="X12Reader.Read"/>; call <see cref="ToData"/> to keep a copy.
/// </summary>
public readonly ref struct X12Segment
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly ReadOnlySpan<int> _starts;

    internal X12Segment(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> starts, X12Delimiters delimiters, long byteOffset, int number, int transactionNumber)
    {
        _bytes = bytes;
        _starts = starts;
        Delimiters = delimiters;
        ByteOffset = byteOffset;
        SegmentNumber = number;
        TransactionSegmentNumber = transactionNumber;
    }

    /// <summary>The segment identifier's bytes (<c>CLM</c>).</summary>
    public ReadOnlySpan<byte> Id => ElementSpan(0);

    /// <summary>The number of elements after the identifier, counting empty ones up to the last separator.</summary>
    public int ElementCount => _starts.Length - 2;

    /// <summary>The element at a 1-based position (NM109 is <c>segment[9]</c>); empty when the segment is shorter.</summary>
    public X12Element this[int position] => new(ElementSpan(position), (byte)Delimiters.Component, (byte)Delimiters.Repetition);

    /// <summary>The whole segment's bytes, without its terminator.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The delimiters in force for this segment.</summary>
    public X12Delimiters Delimiters { get; }

    /// <summary>The offset of the segment's first byte from the start of the input.</summary>
    public long ByteOffset { get; }

    /// <summary>The segment's ordinal in its interchange (ISA is 1).</summary>
    public int SegmentNumber { get; }

    /// <summary>The segment's ordinal in its transaction set (ST is 1), or 0 outside one.</summary>
    public int TransactionSegmentNumber { get; }

    /// <summary>Whether the segment identifier is <paramref name="id"/>.</summary>
    public bool Is(string id) => new X12Element(Id, 0, 0).Is(id);

    /// <summary>The segment identifier as a string (the same instance for every segment with that identifier).</summary>
    public string IdText => SegmentIds.Of(Id);

    /// <summary>The element at a 1-based position as a string ("" if empty or absent).</summary>
    public string GetString(int position) => this[position].ToString();

    /// <summary>A copy of the segment that outlives the reader's buffer.</summary>
    public X12SegmentData ToData()
    {
        var elements = new string[ElementCount];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = GetString(i + 1);
        }
        return new X12SegmentData(IdText, elements, Delimiters, ByteOffset, SegmentNumber, TransactionSegmentNumber);
    }

    /// <summary>The segment's text without its terminator.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes);

    private ReadOnlySpan<byte> ElementSpan(int position)
    {
        if (position < 0 || position + 1 >= _starts.Length)
        {
            return default;
        }
        var start = _starts[position];
        return _bytes[start..(_starts[position + 1] - 1)];
    }
}

/// <summary>
/// Segment identifiers as shared strings: a reader switches on the identifier of every segment, and a new string for each
/// was the typed 835 reader's largest allocation. Identifiers are 2–3 ASCII letters or digits, so each packs into an int.
/// </summary>
internal static class SegmentIds
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Known = new();

    public static string Of(ReadOnlySpan<byte> id)
    {
        if (id.Length is < 2 or > 3)
        {
            return Encoding.UTF8.GetString(id);
        }
        var key = id.Length << 24 | id[0] << 16 | id[1] << 8 | (id.Length == 3 ? id[2] : 0);
        if (Known.TryGetValue(key, out var text))
        {
            return text;
        }
        text = Encoding.UTF8.GetString(id);
        // Bounded: a malformed file with random identifiers must not grow the table without limit.
        return Known.Count < 4096 ? Known.GetOrAdd(key, text) : text;
    }
}

/// <summary>A segment copied out of the reader: identifier, element texts and position.</summary>
/// <param name="Id">The segment identifier.</param>
/// <param name="Elements">The elements after the identifier; <c>Elements[0]</c> is position 1.</param>
/// <param name="Delimiters">The delimiters the segment was read with (to split composites).</param>
/// <param name="ByteOffset">The offset of the segment's first byte from the start of the input.</param>
/// <param name="SegmentNumber">The segment's ordinal in its interchange.</param>
/// <param name="TransactionSegmentNumber">The segment's ordinal in its transaction set, or 0.</param>
public sealed record X12SegmentData(string Id, IReadOnlyList<string> Elements, X12Delimiters Delimiters, long ByteOffset, int SegmentNumber, int TransactionSegmentNumber)
{
    /// <summary>The element at a 1-based position ("" if absent).</summary>
    public string this[int position] => position >= 1 && position <= Elements.Count ? Elements[position - 1] : "";

    /// <summary>The component at 1-based positions ("" if absent).</summary>
    public string Component(int position, int component)
    {
        var parts = this[position].Split(Delimiters.Component);
        return component >= 1 && component <= parts.Length ? parts[component - 1] : "";
    }
}
