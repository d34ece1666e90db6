using System.Globalization;
using System.Text;

namespace MedOffice.X12;

/// <summary>
/// The shared loop of the typed readers: runs an <see cref="X12Reader"/>, hands each segment of the wanted transaction
/// sets to <see cref="OnSegment"/>, and keeps problems as <see cref="X12Error"/>s instead of throwing.
/// </summary>
/// <remarks>A reader instance reads one input; the static <c>Read</c> methods create one per call.</remarks>
internal abstract class TransactionReader<T>(string transactionSetId)
{
    private readonly List<X12Error> _errors = [];
    private readonly List<T> _results = [];

    public X12ReadResult<T> Read(Stream input, X12ReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new X12Reader(input, options, leaveOpen: true);
        var inside = false;
        try
        {
            while (reader.Read())
            {
                var segment = reader.Current;
                if (segment.Is("ST"))
                {
                    if (inside)
                    {
                        _results.Add(End());
                    }
                    inside = segment[1].Is(transactionSetId);
                    if (inside)
                    {
                        Begin(segment, reader.ImplementationReference ?? "");
                    }
                    else
                    {
                        Warn(segment, $"Transaction set {segment.GetString(1)} is not a {transactionSetId}; it was skipped.", X12ErrorCode.UnknownTransaction);
                    }
                    continue;
                }
                if (!inside)
                {
                    continue;
                }
                if (segment.Is("SE"))
                {
                    _results.Add(End());
                    inside = false;
                    continue;
                }
                OnSegment(segment);
            }
        }
        catch (X12Exception)
        {
            // The reader has recorded it, with its position; what was read so far stands.
        }
        if (inside)
        {
            _results.Add(End());
        }
        var errors = reader.Errors.Concat(_errors).OrderBy(e => e.ByteOffset < 0 ? long.MaxValue : e.ByteOffset).ToList();
        return new X12ReadResult<T>(_results, errors);
    }

    public X12ReadResult<T> Read(string text, X12ReaderOptions? options) =>
        Read(new MemoryStream(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), writable: false), options);

    /// <summary>At the ST of a wanted transaction set.</summary>
    protected abstract void Begin(X12Segment st, string implementationReference);

    /// <summary>Each segment between ST and SE.</summary>
    protected abstract void OnSegment(X12Segment segment);

    /// <summary>At the SE (or the end of input): the finished model.</summary>
    protected abstract T End();

    protected void Error(X12Segment at, string message, int? element = null, X12ErrorCode code = X12ErrorCode.InvalidFormat) =>
        _errors.Add(new X12Error(code, message, at.SegmentNumber, at.TransactionSegmentNumber, at.ByteOffset, at.IdText, element));

    protected void Warn(X12Segment at, string message, X12ErrorCode code) =>
        _errors.Add(new X12Error(code, message, at.SegmentNumber, at.TransactionSegmentNumber, at.ByteOffset, at.IdText, Severity: X12Severity.Warning));

    /// <summary>A required amount; an empty or unreadable one is reported and read as 0.</summary>
    protected decimal Amount(X12Segment segment, int position)
    {
        if (segment[position].TryGetDecimal(out var value))
        {
            return value;
        }
        Error(segment, segment[position].IsEmpty
            ? $"{segment.IdText}{position:D2} (an amount) is empty; it was read as 0."
            : $"{segment.IdText}{position:D2} '{segment.GetString(position)}' is not an amount; it was read as 0.", position);
        return 0m;
    }

    /// <summary>An optional amount: null when empty; an unreadable one is reported and read as null.</summary>
    protected decimal? OptionalAmount(X12Segment segment, int position) =>
        segment[position].IsEmpty ? null : Amount(segment, position);

    /// <summary>A CCYYMMDD date; null when empty, reported when unreadable.</summary>
    protected DateOnly? Date(X12Segment segment, int position) => Date(segment, segment[position].Value, position);

    private DateOnly? Date(X12Segment segment, ReadOnlySpan<byte> text, int position)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        if (X12Element.TryGetDate(text, out var date))
        {
            return date;
        }
        Error(segment, $"{segment.IdText}{position:D2} '{Encoding.UTF8.GetString(text)}' is not a date in the form CCYYMMDD; it was left out.", position);
        return null;
    }

    /// <summary>A date or a range (D8 <c>20240105</c> or RD8 <c>20240101-20240131</c>) by its format qualifier.</summary>
    protected DateRange? DateOrRange(X12Segment segment, int formatPosition, int valuePosition)
    {
        var text = segment[valuePosition].Value;
        var dash = text.IndexOf((byte)'-');
        if (segment[formatPosition].Is("RD8") || dash > 0)
        {
            if (dash < 0)
            {
                Error(segment, $"{segment.IdText}{valuePosition:D2} '{Encoding.UTF8.GetString(text)}' should be a range CCYYMMDD-CCYYMMDD; it was left out.", valuePosition);
                return null;
            }
            var from = Date(segment, text[..dash], valuePosition);
            var to = Date(segment, text[(dash + 1)..], valuePosition);
            return from is { } f && to is { } t ? new DateRange(f, t) : null;
        }
        return Date(segment, text, valuePosition) is { } day ? new DateRange(day, day) : null;
    }

    /// <summary>A whole or decimal quantity; null when empty, reported when unreadable.</summary>
    protected decimal? Quantity(X12Segment segment, int position) => OptionalAmount(segment, position);

    /// <summary>The repetitions of an element (EB03 service types), as strings.</summary>
    protected static IReadOnlyList<string> Repetitions(X12Element element)
    {
        var count = element.RepetitionCount;
        if (count == 0)
        {
            return [];
        }
        var values = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var value = element.Repetition(i).ToString();
            if (value.Length > 0)
            {
                values.Add(value);
            }
        }
        return values;
    }

    /// <summary>The element text, or null when empty.</summary>
    protected static string? Optional(X12Segment segment, int position) => segment[position].IsEmpty ? null : segment.GetString(position);
}

/// <summary>A span of days, both ends included (a single day has <see cref="From"/> = <see cref="To"/>).</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    /// <summary><c>2024-01-05</c> or <c>2024-01-01 to 2024-01-31</c>.</summary>
    public override string ToString() => From == To
        ? From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>A party named in a transaction (NM1 or N1): its name and identifier.</summary>
/// <param name="EntityCode">NM101/N101, e.g. <c>PR</c> payer, <c>QC</c> patient, <c>85</c> billing provider.</param>
/// <param name="LastOrOrganizationName">The organisation's name, or a person's last name.</param>
/// <param name="FirstName">A person's first name, or null.</param>
/// <param name="IdQualifier">The identifier's qualifier (<c>XX</c> NPI, <c>MI</c> member id, <c>PI</c> payer id, <c>FI</c> tax id…), or null.</param>
/// <param name="Id">The identifier, or null.</param>
public sealed record X12Party(string EntityCode, string LastOrOrganizationName, string? FirstName, string? IdQualifier, string? Id)
{
    /// <summary>"First Last" for a person, the name for an organisation.</summary>
    public string DisplayName => FirstName is null ? LastOrOrganizationName : $"{FirstName} {LastOrOrganizationName}";

    /// <summary>Reads an NM1 (names in 03/04, identifier in 08/09).</summary>
    internal static X12Party FromName(X12Segment nm1) =>
        new(nm1.GetString(1), nm1.GetString(3), Blank(nm1.GetString(4)), Blank(nm1.GetString(8)), Blank(nm1.GetString(9)));

    /// <summary>Reads an N1 (name in 02, identifier in 03/04).</summary>
    internal static X12Party FromN1(X12Segment n1) =>
        new(n1.GetString(1), n1.GetString(2), null, Blank(n1.GetString(3)), Blank(n1.GetString(4)));

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
