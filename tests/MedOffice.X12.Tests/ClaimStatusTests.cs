using MedOffice.X12.ClaimStatus;

namespace MedOffice.X12.Tests;

public class ClaimStatusTests
{
    public static TheoryData<string> ClaimAcknowledgments() => CorpusByKind.Files("277", "X214");

    public static TheoryData<string> StatusResponses() => CorpusByKind.Files("277", "X212");

    [Theory]
    [MemberData(nameof(ClaimAcknowledgments))]
    public void Every_corpus_277CA_gives_each_claim_an_outcome_and_a_reason(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var result = ClaimAcknowledgment.Read(stream);

        var acknowledgment = Assert.Single(result.Transactions);
        Assert.NotEmpty(acknowledgment.Claims);
        Assert.All(acknowledgment.Claims, c =>
        {
            Assert.NotEmpty(c.PatientControlNumber);
            Assert.NotEmpty(c.Statuses);
            Assert.DoesNotContain("not in MedOffice's table", c.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(file.Contains("ejected", StringComparison.Ordinal), acknowledgment.RejectedClaims.Any());
    }

    [Fact]
    public void Rejected_277CA_claim_lands_with_its_reason_in_words()
    {
        using var stream = File.OpenRead(Corpus.File("herophilus-assets/277CA_Sample_Rejected.txt"));
        var acknowledgment = Assert.Single(ClaimAcknowledgment.Read(stream).Transactions);

        Assert.Equal(("NYSDOH", new DateOnly(2011, 3, 11)), (acknowledgment.InformationSource!.LastOrOrganizationName, acknowledgment.ReceivedDate));
        var batch = acknowledgment.Levels[0];
        Assert.Equal(("receiver", "11200001", 1m, 199.14m), (batch.Level, batch.TraceNumber, batch.AcceptedCount, batch.AcceptedAmount));
        Assert.Equal("Received (not yet accepted for adjudication): Accepted for processing (A1:20)", batch.Statuses[0].ToString());
        var claim = Assert.Single(acknowledgment.RejectedClaims);
        Assert.Same(claim, acknowledgment.Find("3920394930203"));
        Assert.Equal(("1107000000001120", "731", 199.14m), (claim.PayerClaimControlNumber, claim.BillType, claim.ChargeAmount));
        Assert.Equal("Rejected for invalid information: Entity's National Provider Identifier (NPI) — Billing provider (A7:562:85)", claim.Reason);
        Assert.Equal(("CLILNAME", "PROVLNAME"), (claim.Patient!.LastOrOrganizationName, claim.Provider!.LastOrOrganizationName));
        Assert.Equal(new DateOnly(2009, 3, 11), claim.ServiceDates!.Value.From);
    }

    [Fact]
    public void Status_response_gives_pending_paid_and_denied_claims_with_amounts_and_lines()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/277_005010X212/claim-level-status.277"));
        var response = Assert.Single(ClaimStatusResponse.Read(stream).Transactions);

        Assert.Equal("ABC INSURANCE", response.Payer!.LastOrOrganizationName);
        Assert.Equal(["ABCXYZ1", "ABCXYZ2", "ABCXYC3"], response.Claims.Select(c => c.PatientControlNumber));
        var pending = response.Claims[0];
        Assert.Equal((ClaimStatusOutcome.Pending, "05347006051", 8513.88m), (pending.Outcome, pending.PayerClaimControlNumber, pending.ChargeAmount));
        Assert.Equal(new DateRange(new DateOnly(2005, 8, 31), new DateOnly(2005, 9, 6)), pending.ServiceDates);
        var paid = response.Claims[1];
        Assert.Equal((ClaimStatusOutcome.Finalized, 7599.00m, "Finalized: adjudication complete, no further action"), (paid.Outcome, paid.PaidAmount, paid.Statuses[0].CategoryDescription));
        var denied = response.Claims[2];
        Assert.Equal(("JOSEPH", "MANN", "MA345678"), (denied.Patient!.FirstName, denied.Subscriber!.LastOrOrganizationName, denied.PatientAccountNumber));
        Assert.Equal("Finalized: denied: Entity not eligible for benefits on the dates of service — Patient (F2:88:QC)", denied.Reason);
        var line = Assert.Single(denied.ServiceLines);
        Assert.Equal(("HC:99203", 150.00m, 0m, new DateOnly(2005, 5, 1)), (line.Procedure, line.ChargeAmount, line.PaidAmount, line.ServiceDate!.Value.From));
        Assert.Equal(ClaimStatusOutcome.Finalized, Assert.Single(line.Statuses).Outcome);
    }

    [Theory]
    [MemberData(nameof(StatusResponses))]
    public void Every_corpus_277_status_response_is_read_without_errors(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var result = ClaimStatusResponse.Read(stream);

        Assert.DoesNotContain(result.Errors, e => e.Severity == X12Severity.Error && e.SegmentId is "STC" or "TRN" or "SVC" or "DTP");
        var response = Assert.Single(result.Transactions);
        Assert.NotEmpty(response.Claims.SelectMany(c => c.Statuses).Concat(response.Levels.SelectMany(l => l.Statuses)));
    }

    [Fact]
    public void Status_response_refusing_the_whole_inquiry_says_so_at_the_receiver_level()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/277_005010X212/information-receiver-level-status.277"));
        var response = Assert.Single(ClaimStatusResponse.Read(stream).Transactions);

        Assert.Empty(response.Claims);
        var status = Assert.Single(Assert.Single(response.Levels).Statuses);
        Assert.Equal((ClaimStatusOutcome.Rejected, "Response not possible: error in the submitted data"), (status.Outcome, status.CategoryDescription));
    }

    [Fact]
    public void Status_before_the_claim_trace_and_unreadable_amounts_are_reported()
    {
        var result = ClaimAcknowledgment.Read(
            "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLINIC         *240105*1200*^*00501*000000009*0*P*:~" +
            "GS*HN*CLEARINGHOUSE*CLINIC*20240105*1200*9*X*005010X214~ST*277*0001*005010X214~BHT*0085*08*B1*20240105*1200*TH~" +
            "HL*1**20*1~NM1*PR*2*ACME*****PI*ACME01~HL*2*1*21*1~NM1*41*2*CLINIC*****46*CLINIC~TRN*2*BATCH1~STC*A1:19*20240105*WQ*100~" +
            "HL*3*2*19*1~NM1*85*2*CLINIC*****XX*1234567893~HL*4*3*PT~NM1*QC*1*DOE*JANE****MI*M1~STC*A7:21*20240105*U*abc~" +
            "TRN*2*PCN-1~STC*A6:35:QC*20240105*U*abc~SE*16*0001~GE*1*9~IEA*1*000000009~");

        Assert.Contains(result.Errors, e => e.SegmentId == "STC" && e.TransactionSegmentNumber == 13 && e.Message.Contains("before the claim's TRN"));
        Assert.Contains(result.Errors, e => e.SegmentId == "STC" && e.ElementPosition == 4 && e.Message.Contains("'abc' is not an amount"));
        var claim = Assert.Single(Assert.Single(result.Transactions).RejectedClaims);
        Assert.Equal("Rejected for missing information: Claim not found — Patient (A6:35:QC)", claim.Reason);
    }
}
