using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Claims;

public class ClearinghouseInboxTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_999_accepts_the_batch_and_a_277CA_accepts_one_claim_and_rejects_the_other_with_the_reason(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var first = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")]);
        var second = await clinic.ReleaseAsync(["J029"], [("99213", "", 120m, "1"), ("87880", "", 30m, "1")], dateOfService: ClaimClinic.Visit.AddDays(1));
        var batch = (await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Value!.Batch;
        var (firstNumber, secondNumber) = ($"{first.Id:D6}P1", $"{second.Id:D6}P1");

        await clinic.DropInboundAsync("999-accepted.x12", ClearinghouseSamples.ImplementationAcknowledgment(batch.GroupControlNumber));
        var rejected = ClearinghouseSamples.ClaimRejected(secondNumber);
        await clinic.DropInboundAsync("277ca-1.x12", ClearinghouseSamples.ClaimAccepted(firstNumber));
        await clinic.DropInboundAsync("277ca-2.x12", rejected);

        var outcome = await clinic.Inbox().CollectAsync();

        Assert.Equal(3, outcome.Read);
        await using var db = office.NewContext();
        var storedBatch = await db.ClaimBatches.SingleAsync();
        Assert.Equal(ClaimBatchStatuses.Accepted, storedBatch.Status);
        Assert.StartsWith("999: Accepted", storedBatch.AcknowledgmentNote, StringComparison.Ordinal);
        var claims = await db.Claims.ToDictionaryAsync(c => c.ClaimNumber);
        Assert.Equal(ClaimStatuses.Accepted, claims[firstNumber].Status);
        Assert.Equal(ClaimStatuses.Rejected, claims[secondNumber].Status);
        Assert.Equal("1107000000001120", claims[secondNumber].PayerClaimNumber);
        Assert.StartsWith("Rejected by the payer: ", claims[secondNumber].StatusReason, StringComparison.Ordinal);
        Assert.Contains("(A7:562:85)", claims[secondNumber].StatusReason, StringComparison.Ordinal);
        // The files moved out of the way, and are logged once.
        Assert.Empty(Directory.GetFiles(clinic.Inbound));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(clinic.Inbound, "processed")).Length);
        Assert.Equal(3, await db.ClearinghouseFiles.CountAsync());

        // The same 277CA delivered again is recognised and changes nothing.
        await clinic.DropInboundAsync("277ca-2-again.x12", rejected);
        var again = await clinic.Inbox().CollectAsync();
        Assert.Equal((0, 1), (again.Read, again.Skipped));
        Assert.Equal(3, await db.ClearinghouseFiles.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_rejecting_999_sends_the_batch_back_to_the_worklist_and_junk_is_logged_not_applied(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")]);
        var batch = (await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Value!.Batch;
        await clinic.DropInboundAsync("999-rejected.x12", ClearinghouseSamples.ImplementationAcknowledgment(batch.GroupControlNumber, accepted: false));
        await clinic.DropInboundAsync("notes.txt", "Dear office, your files are late.");

        var outcome = await clinic.Inbox().CollectAsync();

        Assert.Equal(2, outcome.Read);
        await using var db = office.NewContext();
        Assert.Equal(ClaimBatchStatuses.Rejected, (await db.ClaimBatches.SingleAsync()).Status);
        var claim = await db.Claims.SingleAsync();
        Assert.Equal(ClaimStatuses.Rejected, claim.Status);
        Assert.StartsWith($"The clearinghouse rejected batch {batch.Id}:", claim.StatusReason, StringComparison.Ordinal);
        Assert.Contains(outcome.Summaries, s => s.StartsWith("notes.txt: Not an X12 file MedOffice can read; left for a person to look at.", StringComparison.Ordinal));
        // A rejected claim waits for a person: the next batch leaves it; once the biller scrubs it again it goes out.
        var waiting = await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        Assert.Equal("No claim is waiting to be sent.", waiting.Errors[0].Message);
        Assert.Empty(await clinic.Scrubber().ScrubAsync(claim.Id) ?? []);
        var resent = await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        Assert.True(resent.Succeeded, string.Join("; ", resent.Errors));
        Assert.Equal([claim.ClaimNumber], resent.Value!.ClaimNumbers);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_no_handler_takes_goes_to_unhandled_unlogged_so_a_later_handler_still_reads_it(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await clinic.DropInboundAsync("era.835", ClearinghouseSamples.Sample("835_Sample_Professional_Claims_only-w_payment.2014.txt"));
        await clinic.DropInboundAsync("notes.txt", "Dear office, your files are late.");

        var outcome = await clinic.Inbox().CollectAsync();

        Assert.Equal(2, outcome.Read);
        Assert.Contains(outcome.Summaries, s => s.StartsWith("era.835: ", StringComparison.Ordinal) && s.EndsWith("Moved to unhandled/, not logged.", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(clinic.Inbound));
        var unhandled = Path.Combine(clinic.Inbound, "unhandled");
        Assert.Equal(["era.835", "notes.txt"], Directory.GetFiles(unhandled).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(clinic.Inbound, "processed")));
        await using var db = office.NewContext();
        Assert.Equal(0, await db.ClearinghouseFiles.CountAsync());

        // Once MedOffice reads 835s, the remittance put back in the inbound folder is read, not skipped as already seen.
        File.Move(Path.Combine(unhandled, "era.835"), Path.Combine(clinic.Inbound, "era.835"));
        var later = await new ClearinghouseInbox(office.Db, [new RemittanceReader()], office.Clock).CollectAsync();
        Assert.Equal((1, 0), (later.Read, later.Skipped));
        Assert.Equal(["era.835: 835 read."], later.Summaries);
        Assert.Equal(1, await db.ClearinghouseFiles.CountAsync());
    }

    private sealed class RemittanceReader : IInboundFileHandler
    {
        public bool Handles(string transactionSetId, string implementationReference) => transactionSetId == "835";

        public Task<string> HandleAsync(string content, CancellationToken cancellationToken) => Task.FromResult("835 read.");
    }
}
