using MedOffice.X12.Acknowledgments;

namespace MedOffice.X12.Tests;

public class FunctionalAcknowledgmentTests
{
    public static TheoryData<string> Acknowledgments() => CorpusByKind.Files("999");

    [Theory]
    [MemberData(nameof(Acknowledgments))]
    public void Every_corpus_999_names_the_group_and_sets_it_acknowledges(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var acknowledgment = Assert.Single(FunctionalAcknowledgment.Read(stream).Transactions);

        Assert.Equal("HC", acknowledgment.FunctionalIdentifier);
        Assert.NotEmpty(acknowledgment.GroupControlNumber);
        var set = Assert.Single(acknowledgment.TransactionSets);
        Assert.Equal("837", set.TransactionSetId);
        Assert.Equal(file.Contains("ejected", StringComparison.Ordinal) ? AcknowledgmentOutcome.Rejected : AcknowledgmentOutcome.Accepted, acknowledgment.Outcome);
        Assert.Equal(acknowledgment.Outcome, set.Outcome);
    }

    [Fact]
    public void Rejected_999_is_matched_to_the_batch_and_says_why_in_words()
    {
        using var stream = File.OpenRead(Corpus.File("herophilus-assets/999_Sample_Rejected.txt"));
        var acknowledgment = Assert.Single(FunctionalAcknowledgment.Read(stream).Transactions);

        Assert.True(acknowledgment.Acknowledges("000000028"));
        var set = acknowledgment.For("28");
        Assert.NotNull(set);
        Assert.Equal("Rejected", set.StatusDescription);
        Assert.Equal(["One or more segments in error", "Segment NM (segment 17 of the transaction set): Unrecognized segment ID"], set.Problems);
        Assert.Equal((1, 1, 0), (acknowledgment.IncludedCount, acknowledgment.ReceivedCount, acknowledgment.AcceptedCount));
    }

    [Fact]
    public void Element_errors_give_their_position_code_in_words_and_the_bad_value()
    {
        var result = FunctionalAcknowledgment.Read(
            "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLINIC         *240105*1200*^*00501*000000007*0*P*:~" +
            "GS*FA*CLEARINGHOUSE*CLINIC*20240105*1200*7*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*42*005010X222A1~" +
            "AK2*837*0001*005010X222A1~IK5*A~" +
            "AK2*837*0002*005010X222A1~IK3*CLM*23*2300*8~CTX*CLM01:PCN-77~IK4*5:3*1331*7*99~IK4*2**8*20241301~IK3*REF*30*2300*3~IK5*R*5~" +
            "AK9*P*2*2*1~SE*13*0001~GE*1*7~IEA*1*000000007~");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var acknowledgment = Assert.Single(result.Transactions);
        Assert.Equal(AcknowledgmentOutcome.PartiallyAccepted, acknowledgment.Outcome);
        Assert.Equal(AcknowledgmentOutcome.Accepted, acknowledgment.For("0001")!.Outcome);
        var rejected = acknowledgment.For("0002")!;
        Assert.Equal(AcknowledgmentOutcome.Rejected, rejected.Outcome);
        Assert.Equal(
        [
            "One or more segments in error",
            "Segment CLM (segment 23 of the transaction set, loop 2300) [CLM01:PCN-77] element 05-3: Invalid code value ('99')",
            "Segment CLM (segment 23 of the transaction set, loop 2300) [CLM01:PCN-77] element 02: Invalid date ('20241301')",
            "Segment REF (segment 30 of the transaction set, loop 2300): Required segment missing",
        ], rejected.Problems);
        Assert.Equal("Segment has data element errors", rejected.SegmentErrors[0].ErrorDescription);
    }

    [Fact]
    public void Misplaced_and_unreadable_parts_are_reported_not_thrown()
    {
        var result = FunctionalAcknowledgment.Read(
            "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLINIC         *240105*1200*^*00501*000000007*0*P*:~" +
            "GS*FA*CLEARINGHOUSE*CLINIC*20240105*1200*7*X*005010X231A1~ST*999*0001*005010X231A1~AK1*HC*42~IK3*CLM*X*2300*8~IK4*2**8~IK5*Q~AK9*R*one*1*0~SE*8*0001~GE*1*7~IEA*1*000000007~");

        var acknowledgment = Assert.Single(result.Transactions);
        Assert.Contains(result.Errors, e => e.SegmentId == "IK3" && e.Message.Contains("outside an AK2 loop"));
        Assert.Contains(result.Errors, e => e.SegmentId == "IK4" && e.Message.Contains("without an IK3"));
        Assert.Contains(result.Errors, e => e.SegmentId == "AK9" && e.ElementPosition == 2 && e.Message.Contains("'one' is not a whole number"));
        Assert.Equal(AcknowledgmentOutcome.Rejected, acknowledgment.Outcome);
    }
}
