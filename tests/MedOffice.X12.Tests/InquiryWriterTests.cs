using System.Globalization;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12.Claims;
using MedOffice.X12.ClaimStatus;
using MedOffice.X12.Eligibility;
using MedOffice.X12.Validation;

namespace MedOffice.X12.Tests;

public class InquiryWriterTests
{
    private static readonly X12Envelope Envelope = new()
    {
        SenderId = "MAINSTCLINIC", ReceiverId = "ACMEHEALTH", InterchangeControlNumber = 501, GroupControlNumber = 501, FirstTransactionControlNumber = 1,
        Created = new DateTime(2024, 3, 4, 7, 30, 0, DateTimeKind.Unspecified),
    };

    private static readonly ProviderWithNpi Clinic = new(new EntityName("MAIN STREET CLINIC"), "1234567893");
    private static readonly Party Acme = new("ACME HEALTH", "ACME01");
    private static readonly InquiredPerson Jane = new("DOE", "JANE", new DateOnly(1980, 3, 7), "F");
    private static readonly InquiredPerson Tommy = new("DOE", "TOMMY", new DateOnly(2015, 6, 1), "M");

    private static EligibilityInquiryBatch Eligibility(params EligibilityInquiry[] inquiries) => new()
    {
        Envelope = Envelope, Reference = "ELIG-20240304", Payer = Acme, Provider = Clinic, TraceOriginator = "9123456789", Inquiries = inquiries,
    };

    private static ClaimStatusInquiryBatch Status(params ClaimStatusInquiry[] claims) => new()
    {
        Envelope = Envelope, Reference = "STAT-20240304", Payer = Acme, InformationReceiver = new Party("MAIN STREET CLINIC", "MAINSTCLINIC"),
        ServiceProvider = Clinic, Claims = claims,
    };

    public static TheoryData<string> GoldenNames() => new(GoldenInquiries.Keys);

    private static readonly Dictionary<string, Func<string>> GoldenInquiries = new()
    {
        ["eligibility-check-in"] = () => EligibilityInquiryWriter.WriteToString(
            Eligibility(new EligibilityInquiry("APPT-1001", "W123456789", Jane, null, new DateOnly(2024, 3, 4), ["30"])), new X12WriterOptions { LineBreakAfterSegment = true }),
        ["eligibility-nightly-batch"] = () => EligibilityInquiryWriter.WriteToString(Eligibility(
            new EligibilityInquiry("APPT-1002", "W123456789", Jane, null, new DateOnly(2024, 3, 5), ["30", "98"]),
            new EligibilityInquiry("APPT-1003", "W123456789", Jane, Tommy, new DateOnly(2024, 3, 5), ["30"])), new X12WriterOptions { LineBreakAfterSegment = true }),
        ["claim-status"] = () => ClaimStatusInquiryWriter.WriteToString(Status(
            new ClaimStatusInquiry("PCN-2001", "W123456789", Jane, null, "PCN-2001", "ACME998877", 185.00m, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 1)),
            new ClaimStatusInquiry("PCN-2002", "W123456789", Jane, Tommy, "PCN-2002", null, 1250.50m, new DateOnly(2024, 2, 5), new DateOnly(2024, 2, 9))),
            new X12WriterOptions { LineBreakAfterSegment = true }),
    };

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Written_inquiries_match_their_golden_files_and_pass_the_validator(string name)
    {
        var text = GoldenInquiries[name]();

        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.True(Assert.Single(report.Transactions).CheckedAgainstGuide);
        Golden.AssertMatches(name + ".x12", text);
    }

    [Fact]
    public void Eligibility_inquiry_round_trips_through_its_trace_numbers()
    {
        var text = EligibilityInquiryWriter.WriteToString(Eligibility(new EligibilityInquiry("APPT-7", "W1", Jane, Tommy, new DateOnly(2024, 3, 5), ["30"])));

        Assert.Contains("HL*3*2*22*1~NM1*IL*1*DOE*JANE****MI*W1~HL*4*3*23*0~TRN*1*APPT-7*9123456789~NM1*03*1*DOE*TOMMY~DMG*D8*20150601*M~DTP*291*D8*20240305~EQ*30~", text);
    }

    [Fact]
    public void Invalid_inquiries_are_refused_before_anything_is_written()
    {
        var badNpi = Eligibility(new EligibilityInquiry("A", "W1", Jane, null, new DateOnly(2024, 3, 5), ["30"])) with { Provider = Clinic with { Npi = "1234567890" } };
        var noServiceType = Eligibility(new EligibilityInquiry("A", "W1", Jane, null, new DateOnly(2024, 3, 5), []));
        var backwards = Status(new ClaimStatusInquiry("T", "W1", Jane, null, "PCN-9", null, 10m, new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 1)));

        Assert.Contains("NPI '1234567890' fails its check digit", Assert.Throws<ArgumentException>(() => EligibilityInquiryWriter.WriteToString(badNpi)).Message);
        Assert.Contains("Inquiry A: give 1 to 99 service type codes", Assert.Throws<ArgumentException>(() => EligibilityInquiryWriter.WriteToString(noServiceType)).Message);
        Assert.Contains("Claim PCN-9: the last date of service is before the first", Assert.Throws<ArgumentException>(() => ClaimStatusInquiryWriter.WriteToString(backwards)).Message);
    }

    [Fact]
    public void Inquiries_whose_envelope_an_ISA_cannot_hold_are_refused()
    {
        var inquiry = new EligibilityInquiry("A", "W1", Jane, null, new DateOnly(2024, 3, 5), ["30"]);
        var claim = new ClaimStatusInquiry("T", "W1", Jane, null, "PCN-9", null, 10m, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1));
        var longSender = Eligibility(inquiry) with { Envelope = Envelope with { SenderId = "MAIN STREET CLINIC OF SPRING" } };
        var negativeGroup = Eligibility(inquiry) with { Envelope = Envelope with { GroupControlNumber = -5 } };
        var statusLongReceiver = Status(claim) with { Envelope = Envelope with { ReceiverId = "ACME HEALTH PLAN OF ILLINOIS" } };
        var statusNegativeGroup = Status(claim) with { Envelope = Envelope with { GroupControlNumber = -5 } };

        Assert.Contains("ISA sender and receiver identifiers must be 1 to 15 characters", Assert.Throws<ArgumentException>(() => EligibilityInquiryWriter.WriteToString(longSender)).Message);
        Assert.Contains("The group control number must be 1 to 999,999,999", Assert.Throws<ArgumentException>(() => EligibilityInquiryWriter.WriteToString(negativeGroup)).Message);
        Assert.Contains("ISA sender and receiver identifiers must be 1 to 15 characters", Assert.Throws<ArgumentException>(() => ClaimStatusInquiryWriter.WriteToString(statusLongReceiver)).Message);
        Assert.Contains("The group control number must be 1 to 999,999,999", Assert.Throws<ArgumentException>(() => ClaimStatusInquiryWriter.WriteToString(statusNegativeGroup)).Message);
    }

    [Fact]
    public void Claim_status_requests_need_a_payer_and_a_trace_number_per_claim()
    {
        var claim = new ClaimStatusInquiry("T", "W1", Jane, null, "PCN-9", null, 10m, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1));
        var noPayerId = Status(claim) with { Payer = new Party("ACME HEALTH", "") };
        var sameTrace = Status(claim, claim with { PatientControlNumber = "PCN-10" });

        Assert.Contains("The payer needs a name and a payer id", Assert.Throws<ArgumentException>(() => ClaimStatusInquiryWriter.WriteToString(noPayerId)).Message);
        Assert.Contains("Each claim needs its own trace number", Assert.Throws<ArgumentException>(() => ClaimStatusInquiryWriter.WriteToString(sameTrace)).Message);
    }

    [Fact]
    public void Claim_status_service_ranges_are_written_in_iso_digits_whatever_the_culture()
    {
        var claim = new ClaimStatusInquiry("T", "W1", Jane, null, "PCN-9", null, 10m, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 5));
        var text = InCulture("th-TH", () => ClaimStatusInquiryWriter.WriteToString(Status(claim)));

        Assert.Contains("DTP*472*RD8*20240301-20240305~", text);
    }

    internal static T InCulture<T>(string name, Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("linuxforhealth-x12/270_005010X279A1/subscriber-health-benefit-check.270")]
    [InlineData("linuxforhealth-x12/270_005010X279A1/dependent-health-benefit-check.270")]
    [InlineData("linuxforhealth-x12/276_005010X212/claim-level-status.276")]
    [InlineData("linuxforhealth-x12/276_005010X212/provider-level-status.276")]
    public void TR3_example_inquiries_pass_the_schema(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var report = X12Validator.Validate(stream);

        Assert.True(report.Transactions[0].CheckedAgainstGuide);
        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public void Validator_explains_a_270_missing_its_subscriber_name()
    {
        var text = EligibilityInquiryWriter.WriteToString(Eligibility(new EligibilityInquiry("APPT-1", "W1", Jane, null, new DateOnly(2024, 3, 5), ["30"])))
            .Replace("NM1*IL*1*DOE*JANE****MI*W1~", "", StringComparison.Ordinal).Replace("SE*13*", "SE*12*", StringComparison.Ordinal);

        var report = X12Validator.Validate(text);

        Assert.Contains(report.Errors, e => e.Code == X12ErrorCode.MissingLoop && e.Message.Contains("missing its required loop 2100C (Subscriber Name)"));
        _ = CultureInfo.InvariantCulture;
    }
}
