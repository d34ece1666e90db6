using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace MedOffice.X12.Tests;

/// <summary>Malformed input may only ever produce errors, or an <see cref="X12Exception"/>; nothing else escapes.</summary>
public class ReaderRobustnessTests
{
    private static readonly Lazy<byte[][]> CorpusBytes = new(() => Corpus.AllX12Files().Select(File.ReadAllBytes).ToArray());

    /// <summary>Reads everything; true when only X12 errors came out.</summary>
    internal static bool ReadsSafely(byte[] data, int bufferSize = 64 * 1024)
    {
        try
        {
            using var reader = new X12Reader(new MemoryStream(data), new X12ReaderOptions { BufferSize = bufferSize, MaxSegmentLength = 64 * 1024 });
            while (reader.Read())
            {
                var segment = reader.Current;
                for (var i = 1; i <= segment.ElementCount + 1; i++)
                {
                    _ = segment[i].Component(2).Repetition(2).ToString();
                    _ = segment[i].TryGetDecimal(out _);
                }
                _ = segment.ToData();
            }
            return reader.Errors.All(e => e.Message.Length > 0) && ValidatesSafely(data, bufferSize);
        }
        catch (X12Exception exception)
        {
            return exception.Error.Message.Length > 0 && ValidatesSafely(data, bufferSize);
        }
    }

    /// <summary>The validator must never throw at all: whatever the reader could not read becomes an error in its report.</summary>
    private static bool ValidatesSafely(byte[] data, int bufferSize)
    {
        var report = MedOffice.X12.Validation.X12Validator.Validate(new MemoryStream(data), new X12ReaderOptions { BufferSize = bufferSize, MaxSegmentLength = 64 * 1024 });
        return report.Errors.All(e => e.Message.Length > 0) && TypedReadersSafely(data, bufferSize);
    }

    /// <summary>The typed readers catch the reader's X12Exception themselves: nothing at all may escape them.</summary>
    private static bool TypedReadersSafely(byte[] data, int bufferSize)
    {
        var options = new X12ReaderOptions { BufferSize = bufferSize, MaxSegmentLength = 64 * 1024 };
        IEnumerable<IReadOnlyList<X12Error>> errors =
        [
            MedOffice.X12.Remittance.RemittanceAdvice.Read(new MemoryStream(data), options).Errors,
            MedOffice.X12.Acknowledgments.FunctionalAcknowledgment.Read(new MemoryStream(data), options).Errors,
            MedOffice.X12.ClaimStatus.ClaimAcknowledgment.Read(new MemoryStream(data), options).Errors,
            MedOffice.X12.ClaimStatus.ClaimStatusResponse.Read(new MemoryStream(data), options).Errors,
            MedOffice.X12.Eligibility.EligibilityResponse.Read(new MemoryStream(data), options).Errors,
        ];
        return errors.SelectMany(e => e).All(e => e.Message.Length > 0);
    }

    [Property(MaxTest = 1000)]
    public bool Garbage_bytes_never_crash_the_reader(byte[] garbage) => ReadsSafely(garbage ?? []);

    [Property(MaxTest = 1000)]
    public bool Garbage_after_a_valid_ISA_never_crashes_the_reader(byte[] garbage, PositiveInt bufferSize)
    {
        var isa = Encoding.ASCII.GetBytes(ReaderTests.Small[..108]);
        return ReadsSafely([.. isa, .. garbage ?? []], 256 + bufferSize.Get % 1024);
    }

    [Property(MaxTest = 500)]
    public bool Any_truncation_of_a_corpus_file_never_crashes_the_reader(NonNegativeInt file, NonNegativeInt cut)
    {
        var data = CorpusBytes.Value[file.Get % CorpusBytes.Value.Length];
        return ReadsSafely(data[..(cut.Get % (data.Length + 1))], 256);
    }

    [Property(MaxTest = 500)]
    public bool Swapping_delimiters_in_a_corpus_file_never_crashes_the_reader(NonNegativeInt file, byte from, byte to, NonNegativeInt start)
    {
        var data = (byte[])CorpusBytes.Value[file.Get % CorpusBytes.Value.Length].Clone();
        // Swap one delimiter (or any byte) for another from some point on, as a damaged transfer or hand edit would.
        byte[] delimiters = [(byte)'*', (byte)':', (byte)'~', (byte)'^', (byte)'\n', from];
        var target = delimiters[from % delimiters.Length];
        for (var i = start.Get % Math.Max(1, data.Length); i < data.Length; i++)
        {
            if (data[i] == target)
            {
                data[i] = to;
            }
        }
        return ReadsSafely(data, 512);
    }

    [Property(MaxTest = 300)]
    public bool Flipping_bytes_of_a_corpus_file_never_crashes_the_reader(NonNegativeInt file, int[] positions, byte value)
    {
        var data = (byte[])CorpusBytes.Value[file.Get % CorpusBytes.Value.Length].Clone();
        foreach (var position in positions ?? [])
        {
            data[unchecked((int)((uint)position % (uint)data.Length))] = value;
        }
        return ReadsSafely(data, 300);
    }

    [Fact]
    public void A_runaway_segment_stops_with_an_X12Exception_not_unbounded_memory()
    {
        var isa = Encoding.ASCII.GetBytes(ReaderTests.Small[..106]);
        var endless = new byte[300_000];
        Array.Fill(endless, (byte)'A');
        using var reader = new X12Reader(new MemoryStream([.. isa, .. endless]), new X12ReaderOptions { MaxSegmentLength = 100_000 });
        var error = Assert.Throws<X12Exception>(() => reader.ReadToEnd()).Error;
        Assert.Equal(X12ErrorCode.SegmentTooLong, error.Code);
    }
}
