using System.Buffers;
using System.Globalization;

using MedOffice.X12.Claims;

namespace MedOffice.X12.Writing;

/// <summary>
/// Writes segments straight to a <see cref="TextWriter"/>: drops trailing empty elements and components, counts
/// segments, and refuses data that contains a delimiter (it would silently corrupt the file).
/// </summary>
internal sealed class SegmentWriter
{
    private readonly TextWriter _output;
    private readonly X12Delimiters _delimiters;
    private readonly SearchValues<char> _forbidden;
    private readonly bool _lineBreak;
    private int _pendingSeparators;
    private string _segmentId = "";

    public SegmentWriter(TextWriter output, X12Delimiters delimiters, bool lineBreak)
    {
        _output = output;
        _delimiters = delimiters;
        _lineBreak = lineBreak;
        _forbidden = SearchValues.Create([delimiters.Element, delimiters.Component, delimiters.Repetition, delimiters.Segment]);
    }

    /// <summary>Segments written since the last <see cref="ResetCount"/>.</summary>
    public int Count { get; private set; }

    public void ResetCount() => Count = 0;

    public SegmentWriter Begin(string id)
    {
        _segmentId = id;
        _output.Write(id);
        _pendingSeparators = 0;
        return this;
    }

    public SegmentWriter Element(string? value)
    {
        _pendingSeparators++;
        if (!string.IsNullOrEmpty(value))
        {
            Flush();
            WriteData(value);
        }
        return this;
    }

    public SegmentWriter Element(decimal value)
    {
        _pendingSeparators++;
        Flush();
        Span<char> buffer = stackalloc char[40];
        // X12 decimals carry no trailing zeros beyond what is needed and never an exponent.
        value.TryFormat(buffer, out var written, "0.##", CultureInfo.InvariantCulture);
        _output.Write(buffer[..written]);
        return this;
    }

    public SegmentWriter Element(DateOnly date) => Element(date, "yyyyMMdd");

    public SegmentWriter Element(DateOnly date, string format)
    {
        _pendingSeparators++;
        Flush();
        Span<char> buffer = stackalloc char[16];
        date.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        _output.Write(buffer[..written]);
        return this;
    }

    /// <summary>Writes a composite; trailing empty components are dropped, and an all-empty composite is an empty element.</summary>
    public SegmentWriter Composite(params ReadOnlySpan<string?> components)
    {
        _pendingSeparators++;
        var last = components.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(components[last]))
        {
            last--;
        }
        if (last < 0)
        {
            return this;
        }
        Flush();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                _output.Write(_delimiters.Component);
            }
            if (!string.IsNullOrEmpty(components[i]))
            {
                WriteData(components[i]!);
            }
        }
        return this;
    }

    /// <summary>Writes an element exactly as given (ISA fixed-width fields).</summary>
    public SegmentWriter Raw(string value)
    {
        _pendingSeparators++;
        Flush();
        _output.Write(value);
        return this;
    }

    public void End()
    {
        _output.Write(_delimiters.Segment);
        if (_lineBreak && _delimiters.Segment != '\n')
        {
            _output.Write('\n');
        }
        Count++;
    }

    /// <summary>A date (D8) or, when the last day differs from the first, a range (RD8): the qualifier and the value, always in ISO digits whatever the culture.</summary>
    public SegmentWriter DateOrRange(DateOnly from, DateOnly to)
    {
        if (from == to)
        {
            return Element("D8").Element(from);
        }
        Element("RD8");
        _pendingSeparators++;
        Flush();
        Span<char> buffer = stackalloc char[17];
        from.TryFormat(buffer, out var written, "yyyyMMdd", CultureInfo.InvariantCulture);
        buffer[written++] = '-';
        to.TryFormat(buffer[written..], out var second, "yyyyMMdd", CultureInfo.InvariantCulture);
        _output.Write(buffer[..(written + second)]);
        return this;
    }

    /// <summary>An NM1 for a person or organisation, with an identifier when given.</summary>
    public void Name(string entity, EntityName name, string? idQualifier, string? id) =>
        Name(entity, name.IsPerson, name.LastOrOrganizationName, name.IsPerson ? name.FirstName : null, name.IsPerson ? name.MiddleName : null,
            name.IsPerson ? name.Suffix : null, idQualifier, id);

    /// <summary>An NM1 for a person known by last and first name only (the inquiries' subscriber and patient).</summary>
    public void PersonName(string entity, string lastName, string? firstName, string? idQualifier = null, string? id = null) =>
        Name(entity, true, lastName, firstName, null, null, idQualifier, id);

    /// <summary>An NM1 for an organisation with an identifier (submitter, receiver).</summary>
    public void OrganizationName(string entity, string name, string idQualifier, string id) => Name(entity, false, name, null, null, null, idQualifier, id);

    /// <summary>The payer's NM1: <c>NM1*PR*2*name*****PI*id</c>.</summary>
    public void PayerName(string name, string payerId) => OrganizationName("PR", name, "PI", payerId);

    /// <summary>DMG: date of birth (D8) and sex.</summary>
    public void Demographics(DateOnly birthDate, string? gender) => Begin("DMG").Element("D8").Element(birthDate).Element(gender).End();

    /// <summary>An HL segment numbered by the caller (no parent at the top level; no child code when <paramref name="hasChildren"/> is null).</summary>
    public void Level(int id, int? parent, string level, bool? hasChildren) =>
        Begin("HL").Element(id.ToString(CultureInfo.InvariantCulture)).Element(parent?.ToString(CultureInfo.InvariantCulture)).Element(level)
            .Element(hasChildren is null ? null : hasChildren.Value ? "1" : "0").End();

    private void Name(string entity, bool isPerson, string name, string? first, string? middle, string? suffix, string? idQualifier, string? id) =>
        Begin("NM1").Element(entity).Element(isPerson ? "1" : "2").Element(name).Element(first).Element(middle).Element(null)
            .Element(suffix).Element(idQualifier).Element(id).End();

    private void Flush()
    {
        for (; _pendingSeparators > 0; _pendingSeparators--)
        {
            _output.Write(_delimiters.Element);
        }
    }

    private void WriteData(string value)
    {
        if (value.AsSpan().IndexOfAny(_forbidden) >= 0)
        {
            throw new ArgumentException($"'{value}' (in a {_segmentId} segment) contains an X12 delimiter ({_delimiters.Element} {_delimiters.Component} {_delimiters.Repetition} {_delimiters.Segment}); remove it or choose other delimiters.");
        }
        _output.Write(value);
    }
}
