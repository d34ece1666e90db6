using System.Buffers.Text;
using System.Text;

namespace MedOffice.X12;

/// <summary>
/// One element (or component, or repetition) of the current segment: a view of the input's bytes, valid until the
/// reader moves on. Nothing is allocated unless you ask for a string.
/// </summary>
public readonly ref struct X12Element
{
    private readonly byte _component;
    private readonly byte _repetition;

    internal X12Element(ReadOnlySpan<byte> value, byte component, byte repetition)
    {
        Value = value;
        _component = component;
        _repetition = repetition;
    }

    /// <summary>The element's bytes, without delimiters.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether the element is empty (or absent).</summary>
    public bool IsEmpty => Value.IsEmpty;

    /// <summary>The number of bytes in the element.</summary>
    public int Length => Value.Length;

    /// <summary>The number of components (1 for a simple element, 0 for an empty one).</summary>
    public int ComponentCount => Value.IsEmpty ? 0 : Value.Count(_component) + 1;

    /// <summary>Whether the element holds a component separator, i.e. is a composite with more than one component.</summary>
    public bool HasComponents => Value.Contains(_component);

    /// <summary>The component at a 1-based position (CLM05-3 is <c>clm[5].Component(3)</c>); empty if absent.</summary>
    public X12Element Component(int position) => new(Part(Value, _component, position), _component, _repetition);

    /// <summary>The number of repetitions (1 for an element that does not repeat, 0 for an empty one).</summary>
    public int RepetitionCount => Value.IsEmpty ? 0 : _repetition == 0 ? 1 : Value.Count(_repetition) + 1;

    /// <summary>The repetition at a 1-based position; empty if absent.</summary>
    public X12Element Repetition(int position) =>
        _repetition == 0 ? (position == 1 ? this : default) : new(Part(Value, _repetition, position), _component, _repetition);

    /// <summary>Whether the element's text equals <paramref name="text"/> (ordinal, no allocation).</summary>
    public bool Is(string text)
    {
        if (text.Length != Value.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (Value[i] != text[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Reads the element as an X12 decimal (<c>R</c>): optional minus, digits, optional point.</summary>
    public bool TryGetDecimal(out decimal value)
    {
        value = 0;
        if (Value.IsEmpty || Value.Length > 30)
        {
            return false;
        }
        foreach (var b in Value)
        {
            // Utf8Parser also takes exponents and '+'; X12 allows neither.
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-'))
            {
                return false;
            }
        }
        return Utf8Parser.TryParse(Value, out value, out var consumed) && consumed == Value.Length;
    }

    /// <summary>Reads the element as a whole number (<c>N0</c>).</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Value.IsEmpty || Value.Length > 18)
        {
            return false;
        }
        foreach (var b in Value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return Utf8Parser.TryParse(Value, out value, out var consumed) && consumed == Value.Length;
    }

    /// <summary>Reads the element as an X12 date (<c>DT</c>, CCYYMMDD): exactly eight digits naming a real day.</summary>
    public bool TryGetDate(out DateOnly value) => TryGetDate(Value, out value);

    /// <summary>Whether the element is an X12 time (<c>TM</c>: HHMM, HHMMSS or HHMMSSD[D], hours under 24, minutes and seconds under 60).</summary>
    internal bool IsTime()
    {
        if (Value.Length is not (4 or 6 or 7 or 8))
        {
            return false;
        }
        foreach (var b in Value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return Digits(Value[..2]) < 24 && Digits(Value[2..4]) < 60 && (Value.Length < 6 || Digits(Value[4..6]) < 60);
    }

    /// <summary>The element as text (UTF-8), allocating a string.</summary>
    public override string ToString() => Value.IsEmpty ? "" : Encoding.UTF8.GetString(Value);

    internal static bool TryGetDate(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        if (text.Length != 8)
        {
            return false;
        }
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        int year = Digits(text[..4]), month = Digits(text[4..6]), day = Digits(text[6..]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        value = new DateOnly(year, month, day);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var b in digits)
        {
            value = value * 10 + (b - '0');
        }
        return value;
    }

    internal static ReadOnlySpan<byte> Part(ReadOnlySpan<byte> value, byte separator, int position)
    {
        if (position < 1)
        {
            return default;
        }
        var rest = value;
        for (var i = 1; i < position; i++)
        {
            var next = rest.IndexOf(separator);
            if (next < 0)
            {
                return default;
            }
            rest = rest[(next + 1)..];
        }
        var end = rest.IndexOf(separator);
        return end < 0 ? rest : rest[..end];
    }
}
