using System.Text;

namespace MedOffice.X12.Tests;

public class ReaderTests
{
    internal const string Small =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*T*:~\r\n" +
        "GS*HC*SENDER*RECEIVER*20240101*1200*1*X*005010X222A1~\r\n" +
        "ST*837*0001*005010X222A1~\r\n" +
        "BHT*0019*00*REF1*20240101*1200*CH~\r\n" +
        "HI*ABK:E119^ABF:I10~\r\n" +
        "SE*4*0001~\r\n" +
        "GE*1*1~\r\n" +
        "IEA*1*000000001~\r\n";

    [Fact]
    public void Reads_segments_elements_components_and_repetitions_with_their_positions()
    {
        using var reader = new X12Reader(Small);
        var segments = new List<(string Id, int Number, int InTransaction, long Offset)>();
        string? hiComponent = null;
        var hiRepetitions = 0;
        while (reader.Read())
        {
            var segment = reader.Current;
            segments.Add((segment.IdText, segment.SegmentNumber, segment.TransactionSegmentNumber, segment.ByteOffset));
            if (segment.Is("HI"))
            {
                hiRepetitions = segment[1].RepetitionCount;
                hiComponent = segment[1].Repetition(2).Component(2).ToString();
            }
        }

        Assert.Equal(["ISA", "GS", "ST", "BHT", "HI", "SE", "GE", "IEA"], segments.Select(s => s.Id));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], segments.Select(s => s.Number));
        Assert.Equal([0, 0, 1, 2, 3, 4, 0, 0], segments.Select(s => s.InTransaction));
        Assert.Equal(Small.IndexOf("GS*", StringComparison.Ordinal), segments[1].Offset);
        Assert.Equal(Small.IndexOf("HI*", StringComparison.Ordinal), segments[4].Offset);
        Assert.Equal("I10", hiComponent);
        Assert.Equal(2, hiRepetitions);
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public void Delimiters_come_from_the_ISA_of_each_interchange()
    {
        var second = Small.Replace('*', '|').Replace(':', '>').Replace('~', '\n').Replace("\r\n", "\n").Replace("\n\n", "\n")
            .Replace("000000001", "000000002");
        using var reader = new X12Reader(Small + second);
        var delimiters = new List<X12Delimiters>();
        var diagnoses = new List<string>();
        while (reader.Read())
        {
            if (reader.Current.Is("ISA"))
            {
                delimiters.Add(reader.Delimiters);
            }
            if (reader.Current.Is("HI"))
            {
                diagnoses.Add(reader.Current[1].Repetition(1).Component(2).ToString());
            }
        }

        Assert.Equal([new X12Delimiters('*', ':', '^', '~'), new X12Delimiters('|', '>', '^', '\n')], delimiters);
        Assert.Equal(["E119", "E119"], diagnoses);
        Assert.DoesNotContain(reader.Errors, e => e.Code is X12ErrorCode.EnvelopeStructure or X12ErrorCode.ControlNumberMismatch);
    }

    [Fact]
    public void Envelope_trailers_are_checked_against_their_headers()
    {
        var text = Small.Replace("SE*4*0001", "SE*4*0002").Replace("GE*1*1", "GE*2*9").Replace("IEA*1*000000001", "IEA*3*000000007");
        using var reader = new X12Reader(text);
        reader.ReadToEnd();

        var messages = reader.Errors.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains("SE02 '0002' does not match ST02 '0001'"));
        Assert.Contains(messages, m => m.Contains("GE01 says group 1 holds 2 transaction sets, but it holds 1"));
        Assert.Contains(messages, m => m.Contains("GE02 '9' does not match GS06 '1'"));
        Assert.Contains(messages, m => m.Contains("IEA01 says interchange 000000001 holds 3 functional groups, but it holds 1"));
        Assert.Contains(messages, m => m.Contains("IEA02 '000000007' does not match ISA13 '000000001'"));
        Assert.DoesNotContain(reader.Errors, e => e.Message.Contains("SE01"));
    }

    [Fact]
    public void A_cut_off_file_reports_each_unclosed_envelope()
    {
        var cut = Small[..Small.IndexOf("SE*", StringComparison.Ordinal)];
        using var reader = new X12Reader(cut);
        reader.ReadToEnd();

        Assert.Equal(3, reader.Errors.Count(e => e.Code == X12ErrorCode.EnvelopeStructure));
        Assert.Contains(reader.Errors, e => e.Message.Contains("SE trailer is missing"));
        Assert.Contains(reader.Errors, e => e.Message.Contains("IEA trailer is missing"));
    }

    [Fact]
    public void Input_that_is_not_X12_throws_only_an_X12Exception_with_a_position()
    {
        using var reader = new X12Reader("GS*HC*A*B*20240101*1200*1*X*005010X222A1~");
        var thrown = Assert.Throws<X12Exception>(() => reader.Read());
        Assert.Equal(X12ErrorCode.MissingInterchangeHeader, thrown.Error.Code);
        Assert.Equal(0, thrown.Error.ByteOffset);
    }

    [Fact]
    public void Segments_across_buffer_boundaries_are_read_whole()
    {
        var claims = string.Concat(Enumerable.Range(0, 500).Select(i => $"NTE*ADD*{new string('X', 70)}{i}~\r\n"));
        var text = Small.Replace("SE*4*0001", $"{claims}SE*504*0001");
        using var reader = new X12Reader(new MemoryStream(Encoding.ASCII.GetBytes(text)), new X12ReaderOptions { BufferSize = 300 });
        var notes = new List<string>();
        while (reader.Read())
        {
            if (reader.Current.Is("NTE"))
            {
                notes.Add(reader.Current.GetString(2));
            }
        }

        Assert.Equal(500, notes.Count);
        Assert.Equal(new string('X', 70) + "499", notes[^1]);
        Assert.DoesNotContain(reader.Errors, e => e.Severity == X12Severity.Error);
    }

    [Fact]
    public void Decimals_are_read_without_allocation_and_refuse_exponents()
    {
        using var reader = new X12Reader(Small.Replace("BHT*0019*00*REF1*20240101*1200*CH", "AMT*D*12.5*-3*.25*1E3*+4"));
        while (reader.Read() && !reader.Current.Is("AMT"))
        {
        }
        var amt = reader.Current;
        Assert.True(amt[2].TryGetDecimal(out var value) && value == 12.5m);
        Assert.True(amt[3].TryGetDecimal(out var negative) && negative == -3m);
        Assert.True(amt[4].TryGetDecimal(out var fraction) && fraction == 0.25m);
        Assert.False(amt[5].TryGetDecimal(out _));
        Assert.False(amt[6].TryGetDecimal(out _));
    }
}
