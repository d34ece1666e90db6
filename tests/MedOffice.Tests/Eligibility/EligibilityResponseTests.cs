using MedOffice.Data;
using MedOffice.Eligibility;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Eligibility;

/// <summary>Payers' 271s from published samples, pointed at our questions, collected from the inbound folder.</summary>
public class EligibilityResponseTests
{
    private static readonly DateOnly Tomorrow = new(2026, 3, 17);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_corpus_271_answering_our_trace_becomes_the_plain_summary(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var check = (await desk.Requests().RequestAsync([clinic.Primary.Id], Tomorrow, TestOffice.FrontDesk)).Value!.Checks[0];
        await clinic.DropInboundAsync("271-answer.x12",
            X12Samples.Subscriber271(check.TraceNumber, "841610001", "123456789", X12Samples.DeductibleAndCoinsurance));
        office.Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await desk.Inbox().CollectAsync();

        Assert.Equal("271-answer.x12: 271: 1 eligibility answers (1 answered).", Assert.Single(outcome.Summaries));
        await using var db = office.NewContext();
        var answered = await db.EligibilityChecks.SingleAsync();
        Assert.Equal(EligibilityStatuses.Answered, answered.Status);
        Assert.Equal(office.Clock.GetUtcNow().UtcDateTime, answered.AnsweredAt);
        Assert.Equal((true, "GOLD 123 PLAN", new DateOnly(2006, 1, 1), (DateOnly?)null), (answered.IsActive, answered.PlanName, answered.PlanBegin, answered.PlanEnd));
        // In network wins: $10, not the $30 out of network; the in-network deductible, not the out-of-network one.
        Assert.Equal((10m, 1500m, 450m, 2100m, 20m), (answered.OfficeVisitCopay, answered.Deductible, answered.DeductibleRemaining, answered.OutOfPocketRemaining, answered.CoinsurancePercent));
        Assert.Equal("Active · GOLD 123 PLAN · plan from 01/01/2006 · office visit copay $10 · deductible left $450 of $1,500 · out-of-pocket left $2,100 · coinsurance 20%",
            EligibilityText.Describe(answered, office.Clock.GetUtcNow().UtcDateTime).Text);
        var benefits = BenefitSummary.Lines(answered);
        Assert.Contains(benefits, b => b.Information == "Copay" && b.Description.StartsWith("$30.00 per visit, out of network — Medical care, Chiropractic, Dental care,", StringComparison.Ordinal));
        Assert.Contains(benefits, b => b.Information == "Primary care provider");
        Assert.Equal("271-answer.x12", await desk.Queries().ResponseFileAsync(answered));

        // A second delivery of the same file changes nothing.
        await clinic.DropInboundAsync("271-answer-again.x12",
            X12Samples.Subscriber271(check.TraceNumber, "841610001", "123456789", X12Samples.DeductibleAndCoinsurance));
        var again = await desk.Inbox().CollectAsync();
        Assert.Equal((0, 1), (again.Read, again.Skipped));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_271_for_a_dependent_without_our_trace_is_matched_by_member_id_and_payer(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var child = await desk.AddDependentAsync(memberId: "123456789");
        await desk.Requests().RequestAsync([child.Id], Tomorrow, TestOffice.FrontDesk);
        // The sample answers for MARY, dependent of JOHN SMITH (member 123456789), with a trace of the clearinghouse's own.
        await clinic.DropInboundAsync("271-dependent.x12", X12Samples.Edit(X12Samples.Read("linuxforhealth-x12/271_005010X279A1/dependent-health-benefit-check.271"),
            s => X12Samples.Replace(s, "NM1*PR*", $"NM1*PR*2*ABC COMPANY*****PI*{clinic.Aetna.PayerIdentifier}")));

        await desk.Inbox().CollectAsync();

        await using var db = office.NewContext();
        var answered = await db.EligibilityChecks.SingleAsync();
        Assert.Equal((EligibilityStatuses.Answered, true, 10m), (answered.Status, answered.IsActive, answered.OfficeVisitCopay));
        var latest = await desk.Queries().LatestByCoverageAsync([child.PatientId]);
        Assert.Equal(answered.Id, latest[child.Id].Id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Refusals_are_said_in_words_for_the_person_and_for_the_whole_request(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var first = (await desk.Requests().RequestAsync([clinic.Primary.Id], Tomorrow, TestOffice.FrontDesk)).Value!;
        var second = (await desk.Requests().RequestAsync([clinic.Primary.Id], Tomorrow.AddDays(1), TestOffice.FrontDesk)).Value!;

        // The payer does not know the member ID asked about (AAA in the subscriber loop, instead of benefits).
        await clinic.DropInboundAsync("271-not-found.x12", X12Samples.Edit(X12Samples.Subscriber271(first.Checks[0].TraceNumber, "841610001", "W123456789"),
            s => X12Samples.Insert(s.Where(x => !x.StartsWith("EB*", StringComparison.Ordinal) && !x.StartsWith("L", StringComparison.Ordinal)
                && !x.StartsWith("NM1*P3", StringComparison.Ordinal)), "SE*", "AAA*Y**72*C")));
        // linuxforhealth's error sample: the provider is not eligible for inquiries, refused before any person.
        var interchange = second.Checks[0].InterchangeControlNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await clinic.DropInboundAsync("271-provider.x12", X12Samples.Edit(X12Samples.Read("linuxforhealth-x12/271_005010X279A1/subscriber-health-benefit-check-error.271"),
            s => X12Samples.Replace(X12Samples.Replace(s, "BHT*", $"BHT*0022*11*{interchange}*20260316*1000"),
                "NM1*PR*", $"NM1*PR*2*AETNA*****PI*{clinic.Aetna.PayerIdentifier}")));

        await desk.Inbox().CollectAsync();

        await using var db = office.NewContext();
        var checks = await db.EligibilityChecks.OrderBy(c => c.Id).ToListAsync();
        var now = office.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(EligibilityStatuses.Rejected, checks[0].Status);
        var notFound = EligibilityText.Describe(checks[0], now);
        Assert.Equal((EligibilityTone.Bad, "Not active: Subscriber/member ID invalid or missing (72). Please correct and resubmit."), (notFound.Tone, notFound.Text));
        Assert.Equal(EligibilityStatuses.Failed, checks[1].Status);
        Assert.Equal("Could not check: The payer could not answer: Provider not eligible for inquiries (50). Resubmission not allowed.",
            EligibilityText.Describe(checks[1], now).Text);
    }
}
