using System.Globalization;
using MedOffice.X12.Claims;

namespace MedOffice.X12.Writing;

/// <summary>
/// One interchange holding one functional group of one kind of transaction set: checks the envelope, writes ISA and GS
/// (GS01 from the transaction set), numbers each ST…SE from the envelope's first control number, and closes with GE and
/// IEA. Every writer (837P, 270, 276) goes through it, so none can write an ISA a receiver rejects.
/// </summary>
internal sealed class EnvelopeWriter
{
    private readonly X12Envelope _envelope;
    private readonly string _transactionSetId;
    private readonly string _version;
    private readonly string _interchange;
    private readonly string _group;
    private readonly List<string> _controlNumbers = [];
    private bool _open;

    private EnvelopeWriter(SegmentWriter writer, X12Envelope envelope, string transactionSetId, string version)
    {
        Writer = writer;
        _envelope = envelope;
        _transactionSetId = transactionSetId;
        _version = version;
        _interchange = envelope.InterchangeControlNumber.ToString("D9", CultureInfo.InvariantCulture);
        _group = envelope.GroupControlNumber.ToString(CultureInfo.InvariantCulture);
    }

    public SegmentWriter Writer { get; }

    /// <summary>The open transaction set's control number (ST02).</summary>
    public string ControlNumber => _controlNumbers[^1];

    /// <summary>Refuses an envelope that would make an ISA or GS the guide rejects (fixed-width ISA fields, control number ranges).</summary>
    public static void Check(X12Envelope envelope)
    {
        Require(envelope.InterchangeControlNumber is >= 1 and <= 999_999_999, "The interchange control number must be 1 to 999,999,999.");
        Require(envelope.GroupControlNumber is >= 1 and <= 999_999_999, "The group control number must be 1 to 999,999,999.");
        Require(envelope.FirstTransactionControlNumber is >= 1 and <= 99_999_999, "The first transaction set control number must be 1 to 99,999,999.");
        Require(envelope.SenderId.Length is >= 1 and <= 15 && envelope.ReceiverId.Length is >= 1 and <= 15, "ISA sender and receiver identifiers must be 1 to 15 characters.");
        Require(envelope.SenderQualifier.Length == 2 && envelope.ReceiverQualifier.Length == 2, "ISA identifier qualifiers must be 2 characters.");
    }

    /// <summary>Checks the envelope and writes ISA and GS.</summary>
    public static EnvelopeWriter Begin(TextWriter output, X12Envelope envelope, X12Delimiters delimiters, bool lineBreak, string transactionSetId, string version)
    {
        Check(envelope);
        var envelopeWriter = new EnvelopeWriter(new SegmentWriter(output, delimiters, lineBreak), envelope, transactionSetId, version);
        envelopeWriter.WriteHeaders(delimiters);
        return envelopeWriter;
    }

    /// <summary>A whole interchange holding one transaction set whose body <paramref name="body"/> writes (the 270 and 276).</summary>
    public static X12WriteResult WriteSingle(TextWriter output, X12Envelope envelope, X12WriterOptions? options, string transactionSetId, string version,
        Action<EnvelopeWriter> body, int count)
    {
        options ??= new X12WriterOptions();
        var envelopeWriter = Begin(output, envelope, options.Delimiters, options.LineBreakAfterSegment, transactionSetId, version);
        envelopeWriter.OpenTransaction();
        body(envelopeWriter);
        return envelopeWriter.Finish(count);
    }

    /// <summary>Writes ST with the next control number and starts counting the transaction's segments.</summary>
    public void OpenTransaction()
    {
        var control = (_envelope.FirstTransactionControlNumber + _controlNumbers.Count).ToString("D4", CultureInfo.InvariantCulture);
        _controlNumbers.Add(control);
        Writer.ResetCount();
        Writer.Begin("ST").Element(_transactionSetId).Element(control).Element(_version).End();
        _open = true;
    }

    /// <summary>Writes SE with the transaction's segment count (ST and SE included); nothing when no transaction is open.</summary>
    public void CloseTransaction()
    {
        if (!_open)
        {
            return;
        }
        Writer.Begin("SE").Element((Writer.Count + 1).ToString(CultureInfo.InvariantCulture)).Element(ControlNumber).End();
        _open = false;
    }

    /// <summary>Closes the open transaction, then writes GE and IEA.</summary>
    public X12WriteResult Finish(int count)
    {
        CloseTransaction();
        Writer.Begin("GE").Element(_controlNumbers.Count.ToString(CultureInfo.InvariantCulture)).Element(_group).End();
        Writer.Begin("IEA").Element("1").Element(_interchange).End();
        return new X12WriteResult(_interchange, _group, _controlNumbers, count);
    }

    /// <summary>BHT with the envelope's date and time.</summary>
    public void WriteHeader(string structure, string purpose, string reference, string? transactionType = null)
    {
        var created = _envelope.Created;
        Writer.Begin("BHT").Element(structure).Element(purpose).Element(reference).Element(DateOnly.FromDateTime(created))
            .Element(created.ToString("HHmm", CultureInfo.InvariantCulture)).Element(transactionType).End();
    }

    private void WriteHeaders(X12Delimiters delimiters)
    {
        var envelope = _envelope;
        var time = envelope.Created.ToString("HHmm", CultureInfo.InvariantCulture);
        Writer.Begin("ISA").Raw("00").Raw(new string(' ', 10)).Raw("00").Raw(new string(' ', 10))
            .Raw(envelope.SenderQualifier).Raw(envelope.SenderId.PadRight(15)).Raw(envelope.ReceiverQualifier).Raw(envelope.ReceiverId.PadRight(15))
            .Raw(envelope.Created.ToString("yyMMdd", CultureInfo.InvariantCulture)).Raw(time)
            .Raw(delimiters.Repetition.ToString()).Raw("00501").Raw(_interchange).Raw(envelope.RequestAcknowledgment ? "1" : "0")
            .Raw(envelope.IsProduction ? "P" : "T").Raw(delimiters.Component.ToString()).End();
        Writer.Begin("GS").Element(EnvelopeTracker.FunctionalGroupOf(_transactionSetId)).Element(envelope.ApplicationSenderCode ?? envelope.SenderId)
            .Element(envelope.ApplicationReceiverCode ?? envelope.ReceiverId).Element(DateOnly.FromDateTime(envelope.Created)).Element(time).Element(_group)
            .Element("X").Element(_version).End();
    }

    /// <summary>The writers' one way to refuse a batch: an <see cref="ArgumentException"/> naming the fault.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
