namespace MedOffice.X12.Tests;

public class CorpusReadTests
{
    public static TheoryData<string> Files() => new(Corpus.AllX12Files().Select(f => Path.GetRelativePath(Corpus.X12, f)));

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_is_read_to_the_end_or_stopped_by_an_X12Exception(string file)
    {
        using var reader = new X12Reader(File.OpenRead(Corpus.File(file)));
        var segments = 0;
        try
        {
            while (reader.Read())
            {
                segments++;
            }
            Assert.True(segments > 0);
        }
        catch (X12Exception exception)
        {
            Assert.True(Corpus.IsBrokenOnPurpose(file), $"{file}: {exception.Message}");
            Assert.True(exception.Error.ByteOffset >= 0);
        }
        Assert.All(reader.Errors, e => Assert.True(e.SegmentNumber >= 0 && e.Message.Length > 0));
    }
}
