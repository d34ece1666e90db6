using System.Text;

namespace MedOffice.X12;

/// <summary>
/// Reads X12 segments one at a time from a stream, in large buffers and without allocating per element.
/// Delimiters come from each ISA, so one input may hold several interchanges with different delimiters.
/// </summary>
/// <remarks>
/// <para>The reader also checks the envelopes: ISA13 = IEA02, IEA01 = number of groups, GS06 = GE02, GE01 = number of
/// transaction sets, ST02 = SE02, SE01 = number of segments, GS01 agrees with ST01, ST03 agrees with GS08. Such problems
/// and other readable damage go to <see cref="Errors"/>; only input that cannot be read on (no ISA, clashing delimiters,
/// a runaway segment) throws, and then always an <see cref="X12Exception"/>.</para>
/// <para>Line breaks and blanks after a segment terminator are skipped, as is a byte-order mark at the start.</para>
/// </remarks>
public sealed class X12Reader : IDisposable
{
    private const int IsaLength = 106;
    private static readonly int[] IsaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly X12ReaderOptions _options;
    private readonly List<X12Error> _errors = [];
    private readonly EnvelopeTracker _envelopes;
    private byte[] _buffer;
    private int _position;
    private int _length;
    private long _bufferOffset;
    private bool _streamEnded;
    private bool _finished;
    private int[] _starts = new int[64];
    private int _startCount;
    private int _segmentStart;
    private int _segmentLength;
    private long _segmentOffset;
    private bool _haveSegment;
    private bool _expectIsa = true;
    private bool _sawInterchange;
    private byte _element;
    private byte _component;
    private byte _repetition;
    private byte _terminator;

    /// <summary>Reads from a stream (left open afterwards only if <paramref name="leaveOpen"/>).</summary>
    public X12Reader(Stream stream, X12ReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? new X12ReaderOptions();
        _buffer = new byte[Math.Max(256, _options.BufferSize)];
        _envelopes = new EnvelopeTracker(this);
    }

    /// <summary>Reads X12 held in a string (encoded as UTF-8; byte offsets refer to that encoding).</summary>
    public X12Reader(string text, X12ReaderOptions? options = null)
        : this(new MemoryStream(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), writable: false), options)
    {
    }

    /// <summary>The problems found so far, in the order met.</summary>
    public IReadOnlyList<X12Error> Errors => _errors;

    /// <summary>The delimiters of the current interchange.</summary>
    public X12Delimiters Delimiters => X12Delimiters.FromBytes(_element, _component, _repetition, _terminator);

    /// <summary>The current segment. Valid after <see cref="Read"/> returned true and until it is called again.</summary>
    /// <exception cref="InvalidOperationException">Before the first successful <see cref="Read"/>.</exception>
    public X12Segment Current => _haveSegment
        ? new X12Segment(_buffer.AsSpan(_segmentStart, _segmentLength), _starts.AsSpan(0, _startCount), Delimiters, _segmentOffset,
            _envelopes.SegmentNumber, _envelopes.TransactionSegmentNumber)
        : throw new InvalidOperationException("Call Read() first.");

    /// <summary>The current interchange's control number (ISA13), or null outside one.</summary>
    public string? InterchangeControlNumber => _envelopes.InterchangeControlNumber;

    /// <summary>The current functional group's version and implementation reference (GS08, e.g. <c>005010X222A1</c>), or null.</summary>
    public string? GroupVersion => _envelopes.GroupVersion;

    /// <summary>The current functional group's identifier code (GS01, e.g. <c>HC</c>), or null.</summary>
    public string? FunctionalIdentifier => _envelopes.FunctionalIdentifier;

    /// <summary>The current transaction set's identifier (ST01, e.g. <c>837</c>), or null outside ST…SE.</summary>
    public string? TransactionSetId => _envelopes.TransactionSetId;

    /// <summary>The current transaction set's control number (ST02), or null outside ST…SE.</summary>
    public string? TransactionControlNumber => _envelopes.TransactionControlNumber;

    /// <summary>The current transaction set's implementation reference (ST03, else GS08), or null outside ST…SE.</summary>
    public string? ImplementationReference => _envelopes.ImplementationReference;

    /// <summary>Moves to the next segment.</summary>
    /// <returns>False at the end of the input (after which <see cref="Errors"/> also lists unclosed envelopes).</returns>
    /// <exception cref="X12Exception">When the input cannot be read on.</exception>
    public bool Read()
    {
        _haveSegment = false;
        while (!_finished)
        {
            if (!SkipBetweenSegments())
            {
                Finish();
                return false;
            }
            if (_expectIsa || AtInterchangeHeader())
            {
                if (!StartInterchange())
                {
                    continue;
                }
            }
            if (!CutSegment())
            {
                continue;
            }
            _haveSegment = true;
            _envelopes.OnSegment(Current);
            return true;
        }
        return false;
    }

    /// <summary>Reads every segment to the end and returns copies; convenient for small inputs and tests.</summary>
    public List<X12SegmentData> ReadToEnd()
    {
        var segments = new List<X12SegmentData>();
        while (Read())
        {
            segments.Add(Current.ToData());
        }
        return segments;
    }

    /// <summary>Closes the stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    internal void AddError(X12ErrorCode code, string message, int segmentNumber, int transactionSegmentNumber, long offset, string? segmentId,
        int? element = null, X12Severity severity = X12Severity.Error)
    {
        if (_errors.Count < _options.MaxErrors)
        {
            _errors.Add(new X12Error(code, message, segmentNumber, transactionSegmentNumber, offset, segmentId, element, Severity: severity));
        }
        else if (_errors.Count == _options.MaxErrors)
        {
            _errors.Add(new X12Error(X12ErrorCode.TooManyErrors, $"More than {_options.MaxErrors} problems; the rest are not listed.", segmentNumber,
                transactionSegmentNumber, offset, segmentId));
        }
    }

    private void AddSegmentError(X12ErrorCode code, string message, X12Severity severity = X12Severity.Error) =>
        AddError(code, message, _envelopes.SegmentNumber + 1, _envelopes.NextTransactionSegmentNumber, _segmentOffset, SegmentIdText(), severity: severity);

    private string? SegmentIdText()
    {
        var span = _buffer.AsSpan(_segmentStart, Math.Min(_segmentLength, 3));
        var end = _element == 0 ? -1 : span.IndexOf(_element);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    private X12Exception Fatal(X12ErrorCode code, string message, long offset)
    {
        var error = new X12Error(code, message, _envelopes.SegmentNumber + 1, 0, offset);
        _errors.Add(error);
        _finished = true;
        return new X12Exception(error);
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        _envelopes.OnEnd(_bufferOffset + _length);
    }

    /// <summary>Skips line breaks (and, before the first ISA, a byte-order mark and blanks). False at the end of input.</summary>
    private bool SkipBetweenSegments()
    {
        while (true)
        {
            while (_position < _length)
            {
                var b = _buffer[_position];
                // Line breaks (and stray blanks before them) are formatting, not data; a segment identifier never starts with one.
                var skippable = b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'
                    ? b != _terminator || _expectIsa
                    : !_sawInterchange && b is 0xEF or 0xBB or 0xBF;
                if (!skippable)
                {
                    return true;
                }
                _position++;
            }
            if (!Fill())
            {
                return false;
            }
        }
    }

    private bool Fill()
    {
        if (_streamEnded)
        {
            return false;
        }
        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _length - _position);
            _bufferOffset += _position;
            _length -= _position;
            _position = 0;
        }
        if (_length == _buffer.Length)
        {
            if (_buffer.Length >= _options.MaxSegmentLength)
            {
                throw Fatal(X12ErrorCode.SegmentTooLong,
                    $"No segment terminator within {_options.MaxSegmentLength:N0} bytes; the terminator declared after ISA16 is probably wrong.", _bufferOffset);
            }
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, Math.Max(_options.MaxSegmentLength, _buffer.Length + 1)));
        }
        var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
        if (read <= 0)
        {
            _streamEnded = true;
            return false;
        }
        _length += read;
        return true;
    }

    /// <summary>At the start of an interchange: finds the delimiters in the ISA. False if the data there is not an ISA and was skipped.</summary>
    private bool StartInterchange()
    {
        while (_length - _position < IsaLength + 200 && Fill())
        {
        }
        var available = _buffer.AsSpan(_position, _length - _position);
        var offset = _bufferOffset + _position;
        if (available.Length < 3 || !available.StartsWith("ISA"u8))
        {
            if (!_sawInterchange)
            {
                throw Fatal(X12ErrorCode.MissingInterchangeHeader,
                    "The input does not start with an ISA segment, so it is not an X12 interchange (or its beginning is missing).", offset);
            }
            // Junk after an IEA: read it with the last delimiters so that it is reported, not lost.
            _expectIsa = false;
            return true;
        }
        if (available.Length < 4)
        {
            throw Fatal(X12ErrorCode.InvalidInterchangeHeader, "The input ends inside the ISA segment.", offset);
        }
        var element = available[3];
        Span<int> separators = stackalloc int[16];
        var found = 0;
        var limit = Math.Min(available.Length, IsaLength + 200);
        for (var i = 3; i < limit && found < 16; i++)
        {
            if (available[i] == element)
            {
                separators[found++] = i;
            }
        }
        if (found < 16 || separators[15] + 2 >= available.Length)
        {
            throw Fatal(X12ErrorCode.InvalidInterchangeHeader,
                $"The ISA segment does not have its 16 elements separated by '{(char)element}', so the delimiters cannot be found.", offset);
        }
        var component = available[separators[15] + 1];
        var terminator = available[separators[15] + 2];
        var repetitionField = available[(separators[10] + 1)..separators[11]];
        var version = available[(separators[11] + 1)..separators[12]];
        var is5010 = version.SequenceCompareTo("00402"u8) >= 0;
        byte repetition = 0;
        if (repetitionField.Length == 1 && !IsDataCharacter(repetitionField[0]))
        {
            repetition = repetitionField[0];
        }
        _element = element;
        _component = component;
        _repetition = repetition;
        _terminator = terminator;
        _segmentOffset = offset;
        _segmentStart = _position;
        _segmentLength = Math.Min(available.Length, IsaLength);

        if (IsDataCharacter(element) || IsDataCharacter(component) || IsDataCharacter(terminator)
            || element == component || element == terminator || component == terminator
            || repetition != 0 && (repetition == element || repetition == component || repetition == terminator))
        {
            throw Fatal(X12ErrorCode.InvalidDelimiters,
                $"The ISA declares delimiters that clash or could be data (element '{Show(element)}', component '{Show(component)}', repetition '{Show(repetition)}', segment '{Show(terminator)}').",
                offset);
        }
        if (separators[15] + 3 != IsaLength)
        {
            AddSegmentError(X12ErrorCode.InvalidInterchangeHeader,
                $"The ISA segment is {separators[15] + 3} characters long; it must be exactly {IsaLength}, because its fields have fixed widths.");
        }
        for (var field = 0; field < 16; field++)
        {
            var width = (field == 15 ? separators[15] + 2 : separators[field + 1]) - separators[field] - 1;
            if (width != IsaWidths[field])
            {
                AddSegmentError(X12ErrorCode.InvalidInterchangeHeader,
                    $"ISA{field + 1:D2} is {width} characters wide; it must be exactly {IsaWidths[field]} (pad with spaces or zeros).");
            }
        }
        if (is5010 && repetition == 0)
        {
            AddSegmentError(X12ErrorCode.InvalidInterchangeHeader,
                $"ISA11 is '{Encoding.UTF8.GetString(repetitionField)}', but in version {Encoding.UTF8.GetString(version)} ISA11 must be the repetition separator (usually '^'); 'U' was the version 4010 standards identifier.");
        }
        _expectIsa = false;
        _sawInterchange = true;
        return true;
    }

    /// <summary>An ISA where an interchange is still open (its IEA lost): re-read the delimiters, it may declare others.</summary>
    private bool AtInterchangeHeader()
    {
        if (_length - _position < 4 && !Fill())
        {
            return false;
        }
        var span = _buffer.AsSpan(_position, _length - _position);
        return span.Length >= 4 && span.StartsWith("ISA"u8) && !IsDataCharacter(span[3]);
    }

    private static bool IsDataCharacter(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)' ';

    private static string Show(byte b) => b == 0 ? "none" : b < 32 ? $"\\x{b:X2}" : ((char)b).ToString();

    /// <summary>Cuts the next segment at its terminator and splits its elements. False if it was empty and skipped.</summary>
    private bool CutSegment()
    {
        var searchFrom = _position;
        int end;
        while (true)
        {
            end = _buffer.AsSpan(searchFrom, _length - searchFrom).IndexOf(_terminator);
            if (end >= 0)
            {
                end += searchFrom;
                break;
            }
            var scanned = _length - _position;
            if (!Fill())
            {
                break;
            }
            searchFrom = _position + scanned;
        }
        _segmentStart = _position;
        _segmentOffset = _bufferOffset + _position;
        var missingTerminator = end < 0;
        if (missingTerminator)
        {
            end = _length;
            TrimTrailingBlanks(ref end);
        }
        _segmentLength = end - _position;
        _position = Math.Min(_length, end + 1);
        if (_segmentLength == 0)
        {
            if (!missingTerminator)
            {
                AddSegmentError(X12ErrorCode.EmptySegment, $"Empty segment: two segment terminators ('{Show(_terminator)}') in a row.", X12Severity.Warning);
            }
            return false;
        }
        if (missingTerminator)
        {
            AddSegmentError(X12ErrorCode.MissingSegmentTerminator,
                $"The input ends without the segment terminator '{Show(_terminator)}' after the last segment (the file may be cut short).",
                X12Severity.Warning);
        }
        SplitElements();
        var id = _buffer.AsSpan(_segmentStart, _starts[1] - 1);
        if (!IsValidId(id))
        {
            AddSegmentError(X12ErrorCode.InvalidSegmentId,
                id.IsEmpty ? "A segment has no identifier (it starts with the element separator)."
                    : $"'{Encoding.UTF8.GetString(id[..Math.Min(id.Length, 20)])}' is not a segment identifier (two or three capital letters or digits, starting with a letter).");
        }
        return true;
    }

    private void TrimTrailingBlanks(ref int end)
    {
        while (end > _position && _buffer[end - 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0)
        {
            end--;
        }
    }

    private static bool IsValidId(ReadOnlySpan<byte> id)
    {
        if (id.Length is < 2 or > 3 || id[0] is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }
        foreach (var b in id)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')))
            {
                return false;
            }
        }
        return true;
    }

    private void SplitElements()
    {
        var segment = _buffer.AsSpan(_segmentStart, _segmentLength);
        _startCount = 0;
        Push(0);
        var offset = 0;
        while (true)
        {
            var next = segment[offset..].IndexOf(_element);
            if (next < 0)
            {
                break;
            }
            offset += next + 1;
            Push(offset);
        }
        Push(_segmentLength + 1);
    }

    private void Push(int start)
    {
        if (_startCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }
        _starts[_startCount++] = start;
    }

    /// <summary>Called by the envelope tracker when an IEA closes an interchange: the next segment must be an ISA.</summary>
    internal void ExpectInterchange() => _expectIsa = true;
}
