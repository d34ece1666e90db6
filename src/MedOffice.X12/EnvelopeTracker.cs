using System.Text;

namespace MedOffice.X12;

/// <summary>Follows ISA/GS/ST nesting for the reader, numbers segments and checks trailer counts and control numbers.</summary>
internal sealed class EnvelopeTracker(X12Reader reader)
{
    private string? _isaControl;
    private int _groupCount;
    private string? _gsControl;
    private int _transactionCount;
    private string? _stControl;

    public int SegmentNumber { get; private set; }
    public int TransactionSegmentNumber { get; private set; }
    public int NextTransactionSegmentNumber => TransactionSegmentNumber > 0 ? TransactionSegmentNumber + 1 : 0;
    public bool InsideInterchange => _isaControl is not null;
    public string? InterchangeControlNumber => _isaControl;
    public string? GroupVersion { get; private set; }
    public string? FunctionalIdentifier { get; private set; }
    public string? TransactionSetId { get; private set; }
    public string? TransactionControlNumber => _stControl;
    public string? ImplementationReference { get; private set; }

    private bool InsideGroup => _gsControl is not null;
    private bool InsideTransaction => _stControl is not null;

    public void OnSegment(X12Segment segment)
    {
        var isIsa = segment.Is("ISA");
        if (isIsa)
        {
            if (InsideInterchange)
            {
                Report(segment, X12ErrorCode.EnvelopeStructure, $"A new ISA starts before interchange {_isaControl} was closed by an IEA.");
                CloseGroup(segment);
            }
            SegmentNumber = 0;
        }
        SegmentNumber++;
        TransactionSegmentNumber = InsideTransaction ? TransactionSegmentNumber + 1 : 0;
        // Envelope checks look at the reader's view, which now carries this segment's numbers.
        var current = reader.Current;
        if (isIsa)
        {
            OnIsa(current);
        }
        else if (current.Is("GS"))
        {
            OnGs(current);
        }
        else if (current.Is("ST"))
        {
            OnSt(current);
        }
        else if (current.Is("SE"))
        {
            OnSe(current);
        }
        else if (current.Is("GE"))
        {
            OnGe(current);
        }
        else if (current.Is("IEA"))
        {
            OnIea(current);
        }
        else if (!InsideTransaction)
        {
            var where = !InsideInterchange ? "outside any interchange (after its IEA)" : !InsideGroup ? "outside a functional group (GS…GE)" : "outside a transaction set (ST…SE)";
            Report(current, X12ErrorCode.EnvelopeStructure, $"Segment {current.IdText} is {where}.");
        }
    }

    public void OnEnd(long endOffset)
    {
        var at = new Position(SegmentNumber, TransactionSegmentNumber, endOffset);
        if (InsideTransaction)
        {
            Report(at, X12ErrorCode.EnvelopeStructure, $"The input ends inside transaction set {_stControl}: its SE trailer is missing.");
        }
        if (InsideGroup)
        {
            Report(at, X12ErrorCode.EnvelopeStructure, $"The input ends inside functional group {_gsControl}: its GE trailer is missing.");
        }
        if (InsideInterchange)
        {
            Report(at, X12ErrorCode.EnvelopeStructure, $"The input ends inside interchange {_isaControl}: its IEA trailer is missing.");
        }
        _stControl = _gsControl = _isaControl = null;
    }

    private void OnIsa(X12Segment isa)
    {
        _isaControl = isa.GetString(13).Trim();
        _groupCount = 0;
        if (!IsDigits(isa[13].Value, 9, 9))
        {
            Report(isa, X12ErrorCode.InvalidFormat, $"ISA13 (interchange control number) '{_isaControl}' must be exactly 9 digits.", 13);
        }
        var usage = isa[15];
        if (!usage.Is("P") && !usage.Is("T"))
        {
            Report(isa, X12ErrorCode.InvalidCode, $"ISA15 (usage indicator) '{usage.ToString()}' must be P (production) or T (test).", 15);
        }
    }

    private void OnGs(X12Segment gs)
    {
        if (!InsideInterchange)
        {
            Report(gs, X12ErrorCode.EnvelopeStructure, "GS appears outside an interchange (no ISA before it).");
        }
        if (InsideGroup)
        {
            Report(gs, X12ErrorCode.EnvelopeStructure, $"A new GS starts before functional group {_gsControl} was closed by a GE.");
            CloseTransaction(gs);
        }
        _gsControl = gs.GetString(6);
        FunctionalIdentifier = gs.GetString(1);
        GroupVersion = gs.GetString(8);
        _transactionCount = 0;
        _groupCount++;
        if (!IsDigits(gs[6].Value, 1, 9))
        {
            Report(gs, X12ErrorCode.InvalidFormat, $"GS06 (group control number) '{_gsControl}' must be 1 to 9 digits.", 6);
        }
        if (GroupVersion.Length == 0)
        {
            Report(gs, X12ErrorCode.VersionMismatch, "GS08 (version / implementation reference) is empty; it must name the version, e.g. 005010X222A1.", 8);
        }
    }

    private void OnSt(X12Segment st)
    {
        if (!InsideGroup)
        {
            Report(st, X12ErrorCode.EnvelopeStructure, "ST appears outside a functional group (no GS before it).");
        }
        if (InsideTransaction)
        {
            Report(st, X12ErrorCode.EnvelopeStructure, $"A new ST starts before transaction set {_stControl} was closed by an SE.");
        }
        TransactionSegmentNumber = 1;
        _stControl = st.GetString(2);
        TransactionSetId = st.GetString(1);
        var reference = st.GetString(3);
        ImplementationReference = reference.Length > 0 ? reference : GroupVersion;
        _transactionCount++;
        // The reader's view now numbers this ST as segment 1 of its transaction set.
        var current = reader.Current;
        if (_stControl.Length is < 4 or > 9)
        {
            Report(current, X12ErrorCode.InvalidLength, $"ST02 (transaction set control number) '{_stControl}' must be 4 to 9 characters.", 2);
        }
        if (GroupVersion is { Length: > 0 } && GroupVersion.StartsWith("00501", StringComparison.Ordinal))
        {
            // The 835 guide (X221A1) leaves ST03 out; every other 5010 guide requires it.
            if (reference.Length == 0 && TransactionSetId != "835")
            {
                Report(current, X12ErrorCode.VersionMismatch, $"ST03 (implementation convention reference) is empty; in 5010 it must repeat GS08 '{GroupVersion}'.", 3);
            }
            else if (reference.Length > 0 && reference != GroupVersion)
            {
                Report(current, X12ErrorCode.VersionMismatch, $"ST03 '{reference}' differs from GS08 '{GroupVersion}'; they must be the same.", 3);
            }
        }
        var expectedGroup = FunctionalGroupOf(TransactionSetId);
        if (expectedGroup is not null && FunctionalIdentifier is { Length: > 0 } && FunctionalIdentifier != expectedGroup)
        {
            Report(current, X12ErrorCode.VersionMismatch,
                $"Transaction set {TransactionSetId} belongs in a functional group with GS01 '{expectedGroup}', but GS01 is '{FunctionalIdentifier}'.", 1);
        }
    }

    private void OnSe(X12Segment se)
    {
        if (!InsideTransaction)
        {
            Report(se, X12ErrorCode.EnvelopeStructure, "SE appears without an ST before it.");
            return;
        }
        if (!se[1].TryGetInt64(out var count) || count != TransactionSegmentNumber)
        {
            Report(se, X12ErrorCode.CountMismatch,
                $"SE01 says transaction set {_stControl} has {se.GetString(1)} segments, but it has {TransactionSegmentNumber} (counting ST and SE).", 1);
        }
        if (se.GetString(2) != _stControl)
        {
            Report(se, X12ErrorCode.ControlNumberMismatch, $"SE02 '{se.GetString(2)}' does not match ST02 '{_stControl}'.", 2);
        }
        _stControl = null;
        TransactionSetId = null;
        ImplementationReference = null;
    }

    private void OnGe(X12Segment ge)
    {
        if (!InsideGroup)
        {
            Report(ge, X12ErrorCode.EnvelopeStructure, "GE appears without a GS before it.");
            return;
        }
        CloseTransaction(ge);
        if (!ge[1].TryGetInt64(out var count) || count != _transactionCount)
        {
            Report(ge, X12ErrorCode.CountMismatch, $"GE01 says group {_gsControl} holds {ge.GetString(1)} transaction sets, but it holds {_transactionCount}.", 1);
        }
        if (ge.GetString(2) != _gsControl)
        {
            Report(ge, X12ErrorCode.ControlNumberMismatch, $"GE02 '{ge.GetString(2)}' does not match GS06 '{_gsControl}'.", 2);
        }
        _gsControl = null;
        GroupVersion = null;
        FunctionalIdentifier = null;
    }

    private void OnIea(X12Segment iea)
    {
        if (!InsideInterchange)
        {
            Report(iea, X12ErrorCode.EnvelopeStructure, "IEA appears without an ISA before it.");
        }
        else
        {
            CloseGroup(iea);
            if (!iea[1].TryGetInt64(out var count) || count != _groupCount)
            {
                Report(iea, X12ErrorCode.CountMismatch, $"IEA01 says interchange {_isaControl} holds {iea.GetString(1)} functional groups, but it holds {_groupCount}.", 1);
            }
            if (iea.GetString(2) != _isaControl)
            {
                Report(iea, X12ErrorCode.ControlNumberMismatch, $"IEA02 '{iea.GetString(2)}' does not match ISA13 '{_isaControl}'.", 2);
            }
        }
        _isaControl = null;
        reader.ExpectInterchange();
    }

    private void CloseTransaction(X12Segment at)
    {
        if (InsideTransaction)
        {
            Report(at, X12ErrorCode.EnvelopeStructure, $"Transaction set {_stControl} is not closed by an SE before {at.IdText}.");
            _stControl = null;
        }
    }

    private void CloseGroup(X12Segment at)
    {
        CloseTransaction(at);
        if (InsideGroup)
        {
            Report(at, X12ErrorCode.EnvelopeStructure, $"Functional group {_gsControl} is not closed by a GE before {at.IdText}.");
            _gsControl = null;
        }
    }

    /// <summary>GS01 functional identifier codes of the transaction sets a medical office meets.</summary>
    internal static string? FunctionalGroupOf(string? transactionSetId) => transactionSetId switch
    {
        "837" => "HC",
        "835" => "HP",
        "270" => "HS",
        "271" => "HB",
        "276" => "HR",
        "277" => "HN",
        "278" => "HI",
        "834" => "BE",
        "820" => "RA",
        "999" => "FA",
        "997" => "FA",
        "TA1" => null,
        _ => null,
    };

    private static bool IsDigits(ReadOnlySpan<byte> value, int min, int max)
    {
        if (value.Length < min || value.Length > max)
        {
            return false;
        }
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return true;
    }

    private readonly record struct Position(int Segment, int TransactionSegment, long Offset);

    private void Report(X12Segment segment, X12ErrorCode code, string message, int? element = null) =>
        reader.AddError(code, message, segment.SegmentNumber, segment.TransactionSegmentNumber, segment.ByteOffset, segment.IdText, element);

    private void Report(Position at, X12ErrorCode code, string message) =>
        reader.AddError(code, message, at.Segment, at.TransactionSegment, at.Offset, null);

    internal static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
