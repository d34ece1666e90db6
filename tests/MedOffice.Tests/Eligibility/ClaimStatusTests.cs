using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Eligibility;

/// <summary>276 claim status inquiries and the 277 (X212) answers, from linuxforhealth's sample pointed at our claims.</summary>
public class ClaimStatusTests
{
    private static readonly (string, string, decimal, string)[] OfficeVisit = [("99213", "", 120m, "1")];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_valid_276_asks_about_claims_the_payer_has_held_too_long_and_not_again_that_week(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var sheet = await clinic.ReleaseAsync(["I10"], OfficeVisit);
        var batch = (await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Value!;
        var number = $"{sheet.Id:D6}P1";

        var tooSoon = await desk.StatusInquiries().RequestAsync(null, ClaimClinic.Biller);
        Assert.Equal("No claim has been with its payer for more than 21 days without an answer.", Assert.Single(tooSoon.Errors).Message);

        office.Clock.Advance(TimeSpan.FromDays(22));
        var asked = await desk.StatusInquiries().RequestAsync(null, ClaimClinic.Biller);

        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors));
        Assert.Equal([number], asked.Value!.ClaimNumbers);
        var file = Path.Combine(clinic.Outbound, asked.Value.FileName);
        Assert.Equal(new[] { batch.FileName, asked.Value.FileName }.Order(), Directory.GetFiles(clinic.Outbound).Select(Path.GetFileName).Order());
        var text = await File.ReadAllTextAsync(file);
        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal("276 Claim Status Request", Assert.Single(report.Transactions).Description.Split(" 005")[0]);
        Assert.Contains($"NM1*41*2*Riverside Family Medicine*****46*RIVERSIDE01~", text, StringComparison.Ordinal);
        Assert.Contains($"NM1*IL*1*Marchetti*Odette****MI*W123456789~TRN*1*{number}~REF*EJ*{number}~AMT*T3*120~DTP*472*D8*20260310~", text, StringComparison.Ordinal);
        await using (var db = office.NewContext())
        {
            var history = await db.ClaimEvents.Where(e => e.Source == "276").SingleAsync();
            Assert.Equal(($"Status asked of the payer in {asked.Value.FileName}.", ClaimStatuses.Sent), (history.Detail, history.Status));
        }

        // Asked this week: not due again; asked by hand, it goes.
        Assert.False((await desk.StatusInquiries().RequestAsync(null, ClaimClinic.Biller)).Succeeded);
        await using (var db = office.NewContext())
        {
            var byHand = await desk.StatusInquiries().RequestAsync([await db.Claims.Select(c => c.Id).SingleAsync()], ClaimClinic.Biller);
            Assert.True(byHand.Succeeded, string.Join("; ", byHand.Errors));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_corpus_277_records_each_claims_status_in_words_and_moves_a_claim_only_when_its_standing_changes(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var sheets = new List<int>();
        for (var day = 0; day < 4; day++)
        {
            sheets.Add((await clinic.ReleaseAsync(["I10"], OfficeVisit, dateOfService: ClaimClinic.Visit.AddDays(day))).Id);
        }
        await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        var (pending, finalized, denied, lost) = ($"{sheets[0]:D6}P1", $"{sheets[1]:D6}P1", $"{sheets[2]:D6}P1", $"{sheets[3]:D6}P1");
        // The payer's 277CA already accepted the claim it later denies.
        await office.Db.Claims.Where(c => c.ClaimNumber == denied).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ClaimStatuses.Accepted));
        office.Db.ChangeTracker.Clear();
        var sample = X12Samples.Read("linuxforhealth-x12/277_005010X212/claim-level-status.277");
        await clinic.DropInboundAsync("277-status.x12", X12Samples.Edit(sample, s => s.Select(x => x
            .Replace("TRN*2*ABCXYZ1", $"TRN*2*{pending}", StringComparison.Ordinal)
            .Replace("TRN*2*ABCXYZ2", $"TRN*2*{finalized}", StringComparison.Ordinal)
            .Replace("TRN*2*ABCXYC3", $"TRN*2*{denied}", StringComparison.Ordinal))));
        // The same sample, as a payer that never received a claim (A4, not found) would send it.
        await clinic.DropInboundAsync("277-lost.x12", X12Samples.Edit(sample, s => s.Select(x => x
            .Replace("TRN*2*ABCXYZ1", $"TRN*2*{lost}", StringComparison.Ordinal)
            .Replace("STC*P3:317", "STC*A4:35", StringComparison.Ordinal))));

        var outcome = await desk.Inbox().CollectAsync();

        Assert.Contains("277-status.x12: 277: 3 claim statuses (2 changed a claim's status, 1 recorded).", outcome.Summaries);
        await using var db = office.NewContext();
        var claims = await db.Claims.ToDictionaryAsync(c => c.ClaimNumber);
        var events = (await db.ClaimEvents.Where(e => e.Source == "277").ToListAsync()).ToLookup(e => e.ClaimId);
        // Pending at the payer: it has the claim, so a sent claim is now accepted.
        Assert.Equal(ClaimStatuses.Accepted, claims[pending].Status);
        Assert.Equal("05347006051", claims[pending].PayerClaimNumber);
        Assert.StartsWith("Payer: Pending: information requested from the provider: ", Assert.Single(events[claims[pending].Id]).Detail, StringComparison.Ordinal);
        // Finalized and paid: the amount is in the history; the claim waits for its 835.
        Assert.Equal(ClaimStatuses.Accepted, claims[finalized].Status);
        Assert.Equal("Payer: Finalized: adjudication complete, no further action: Adjudicated, awaiting the payment cycle (F0:3); paid $7,599.00; payer's claim number 0529675341",
            Assert.Single(events[claims[finalized].Id]).Detail);
        // Denied, already accepted: the status stays, the reason is in the history.
        Assert.Equal(ClaimStatuses.Accepted, claims[denied].Status);
        var denial = Assert.Single(events[claims[denied].Id]);
        Assert.Equal(ClaimStatuses.Accepted, denial.Status);
        Assert.StartsWith("Payer: Finalized: denied: Entity not eligible for benefits on the dates of service — Patient (F2:88:QC)", denial.Detail, StringComparison.Ordinal);
        Assert.Equal("051681010827", claims[denied].PayerClaimNumber);
        // Not found at the payer: back to the worklist, with the reason.
        Assert.Equal(ClaimStatuses.Rejected, claims[lost].Status);
        Assert.StartsWith("Payer: Not found: Claim not found (A4:35)", claims[lost].StatusReason, StringComparison.Ordinal);
    }
}
