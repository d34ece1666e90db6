using MedOffice.X12.Eligibility;

namespace MedOffice.X12.Tests;

public class EligibilityResponseTests
{
    public static TheoryData<string> Responses() => CorpusByKind.Files("271");

    [Theory]
    [MemberData(nameof(Responses))]
    public void Every_corpus_271_answers_for_someone_or_says_why_not(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var response = Assert.Single(EligibilityResponse.Read(stream).Transactions);

        Assert.NotNull(response.Payer);
        Assert.True(response.Members.Count > 0 || response.Rejections.Count > 0);
        Assert.All(response.Members.SelectMany(m => m.Benefits).SelectMany(b => b.ServiceTypeCodes), code => Assert.True(EligibilityCodes.IsKnownServiceType(code), code));
        Assert.All(response.Members.Where(m => m.Benefits.Count > 0), m => Assert.True(m.IsActive));
    }

    [Fact]
    public void Subscriber_response_becomes_a_plain_summary()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/271_005010X279A1/subscriber-health-benefit-check.271"));
        var response = Assert.Single(EligibilityResponse.Read(stream).Transactions);

        var member = Assert.Single(response.Members);
        Assert.Same(member, response.Find("93175-012547"));
        Assert.Equal(("123456789", new DateOnly(1963, 5, 19), "GOLD 123 PLAN"), (member.Person!.Id, member.BirthDate, member.PlanName));
        Assert.Equal("JONES", member.Benefits[1].RelatedEntities[0].LastOrOrganizationName);
        Assert.Equal(
            "JOHN SMITH: coverage ACTIVE\n" +
            "  Plan: GOLD 123 PLAN\n" +
            "  Plan dates: 2006-01-01 to open\n" +
            "  Copay: $10.00 per visit, in network — Medical care, Chiropractic, Dental care, Hospital, Emergency services, Pharmacy, Professional (physician) visit, office, Vision (optometry), Mental health, Urgent care\n" +
            "  Copay: $30.00 per visit, out of network — Medical care, Chiropractic, Dental care, Hospital, Emergency services, Pharmacy, Professional (physician) visit, office, Vision (optometry), Mental health, Urgent care\n",
            member.Summary.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Dependent_is_answered_under_the_subscriber()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/271_005010X279A1/dependent-health-benefit-check.271"));
        var response = Assert.Single(EligibilityResponse.Read(stream).Transactions);

        var dependent = Assert.Single(response.Members, m => m.IsDependent);
        Assert.Equal(("MARY", "JOHN", "F"), (dependent.Person!.FirstName, dependent.Subscriber!.FirstName, dependent.Gender));
        Assert.Equal(2, dependent.Copays.Count());
    }

    [Fact]
    public void Refused_inquiry_gives_the_reason_and_what_to_do()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/271_005010X279A1/subscriber-health-benefit-check-error.271"));
        var response = Assert.Single(EligibilityResponse.Read(stream).Transactions);

        Assert.Empty(response.Members);
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(("provider", "Provider not eligible for inquiries (50). Resubmission not allowed."), (rejection.Level, rejection.ToString()));
    }

    private const string Header =
        "ISA*00*          *00*          *ZZ*ACME           *ZZ*CLINIC         *240105*1200*^*00501*000000011*0*P*:~" +
        "GS*HB*ACME*CLINIC*20240105*1200*11*X*005010X279A1~ST*271*0001*005010X279A1~BHT*0022*11*REQ1*20240105*1200~" +
        "HL*1**20*1~NM1*PR*2*ACME HEALTH*****PI*ACME01~HL*2*1*21*1~NM1*1P*2*MAIN STREET CLINIC*****XX*1234567893~";

    [Fact]
    public void Deductible_remaining_coinsurance_and_plan_period_are_summarised()
    {
        var result = EligibilityResponse.Read(Header +
            "HL*3*2*22*0~TRN*2*CHK-42*9CLINIC~NM1*IL*1*DOE*JANE****MI*W123~DMG*D8*19800307*F~DTP*291*RD8*20240101-20241231~" +
            "EB*1*IND*30*PR*ACME PPO GOLD~EB*C*IND*30***23*1500*****Y~EB*C*IND*30***29*1225.50*****Y~EB*A*IND*98*****.2****Y~" +
            "EB*A*IND*98*****.4****N~EB*G*FAM*30***23*6000~MSG*Includes pharmacy~SE*19*0001~GE*1*11~IEA*1*000000011~");

        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var member = Assert.Single(Assert.Single(result.Transactions).Members);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), (member.PlanDates.Begin!.Value, member.PlanDates.End!.Value));
        Assert.Equal(1225.50m, member.Deductibles.Single(d => d.TimePeriodCode == "29").Amount);
        Assert.Equal(
            "JANE DOE: coverage ACTIVE\n" +
            "  Plan: ACME PPO GOLD\n" +
            "  Plan dates: 2024-01-01 to 2024-12-31\n" +
            "  Coinsurance: 20%, individual, in network — Professional (physician) visit, office\n" +
            "  Coinsurance: 40%, individual, out of network — Professional (physician) visit, office\n" +
            "  Deductible: $1500.00 per calendar year, individual, in network — Health benefit plan coverage\n" +
            "  Deductible: $1225.50 remaining, individual, in network — Health benefit plan coverage\n" +
            "  Out-of-pocket: $6000.00 per calendar year, family — Health benefit plan coverage\n",
            member.Summary.ReplaceLineEndings("\n"));
        Assert.Equal(["Includes pharmacy"], member.OutOfPocket.Single().Messages);
    }

    [Fact]
    public void Inactive_member_and_member_not_found_are_told_apart()
    {
        var result = EligibilityResponse.Read(Header +
            "HL*3*2*22*0~TRN*2*CHK-1*9CLINIC~NM1*IL*1*ROE*RICHARD****MI*W9~EB*6**30~" +
            "HL*4*2*22*0~TRN*2*CHK-2*9CLINIC~NM1*IL*1*POE*EDGAR****MI*BAD~AAA*Y**72*C~EB*X~SE*15*0001~GE*1*11~IEA*1*000000011~");

        var response = Assert.Single(result.Transactions);
        Assert.Equal(false, response.Find("CHK-1")!.IsActive);
        var notFound = response.Find("CHK-2")!;
        Assert.Null(notFound.IsActive);
        Assert.Equal("Subscriber/member ID invalid or missing (72). Please correct and resubmit.", Assert.Single(notFound.Rejections).ToString());
        Assert.StartsWith("EDGAR POE: coverage not stated\n  Not answered: Subscriber/member ID", notFound.Summary.ReplaceLineEndings("\n"));
    }
}
