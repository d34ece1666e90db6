using System.Globalization;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12.Claims;
using MedOffice.X12.Validation;
using static MedOffice.X12.Tests.SampleClaims;

namespace MedOffice.X12.Tests;

public class ProfessionalClaimWriterTests
{
    public static TheoryData<string> GoldenNames() => new(GoldenBatches.Keys);

    /// <summary>Each golden file: one situation a practice meets, written with fixed control numbers and time.</summary>
    private static readonly Dictionary<string, Func<ProfessionalClaimBatch>> GoldenBatches = new()
    {
        ["primary-referring"] = () => Batch(Clinic(JaneWithAcme(OfficeVisit()))),
        ["dependent-rendering"] = () => Batch(Clinic(JaneWithAcme() with { Dependents = [new Dependent(Tommy, "19", [ChildVisit])] })),
        ["secondary-claim-level-cob"] = () => Batch(Clinic(WalterSecondary(SecondaryAfterClaimLevelPayment))),
        ["secondary-line-level-cob"] = () => Batch(Clinic(WalterSecondary(SecondaryAfterLineLevelPayment))),
        ["replacement-and-void"] = () => Batch(Clinic(JaneWithAcme(Replacement, VoidedClaim))),
    };

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Written_batches_match_their_golden_files_and_pass_the_validator(string name)
    {
        var text = ProfessionalClaimWriter.WriteToString(GoldenBatches[name](), new ProfessionalClaimWriterOptions { LineBreakAfterSegment = true });

        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal("837 Professional 005010X222A1", Assert.Single(report.Transactions).Description);
        Golden.AssertMatches(name + ".x12", text);
    }

    [Fact]
    public void Service_date_ranges_are_written_in_iso_digits_under_a_buddhist_calendar_culture()
    {
        var visit = OfficeVisit() with { Lines = [Line("97110", 120m, 1) with { ServiceDate = new DateOnly(2024, 3, 1), ServiceDateTo = new DateOnly(2024, 3, 5) }] };
        var text = InquiryWriterTests.InCulture("th-TH", () => ProfessionalClaimWriter.WriteToString(Batch(Clinic(JaneWithAcme(visit)))));

        Assert.Contains("DTP*472*RD8*20240301-20240305~", text);
        Assert.True(X12Validator.Validate(text).IsValid);
    }

    [Fact]
    public void A_varied_batch_of_many_claims_passes_the_validator_with_consistent_envelopes()
    {
        var subscribers = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            JaneWithAcme(OfficeVisit($"A{i}"), Replacement with { PatientControlNumber = $"R{i}" }) with { MemberId = $"ACM{i:D6}" },
            JaneWithAcme() with { MemberId = $"DEP{i:D6}", Dependents = [new Dependent(Tommy, "19", [ChildVisit with { PatientControlNumber = $"C{i}" }])] },
            WalterSecondary(SecondaryAfterClaimLevelPayment with { PatientControlNumber = $"S{i}" }, SecondaryAfterLineLevelPayment with { PatientControlNumber = $"L{i}" }),
        }).ToArray();
        var batch = Batch(Clinic(subscribers), Clinic(JaneWithAcme(VoidedClaim)) with { Name = new EntityName("DOE", "JOHN"), Npi = "1336183052" });
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var result = ProfessionalClaimWriter.Write(batch, output, new ProfessionalClaimWriterOptions { MaxClaimsPerTransaction = 20 });

        var report = X12Validator.Validate(output.ToString());
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(61, result.ClaimCount);
        Assert.Equal(61, report.Transactions.Sum(t => t.ClaimCount));
        Assert.Equal(result.TransactionControlNumbers, report.Transactions.Select(t => t.ControlNumber));
        Assert.All(report.Transactions, t => Assert.InRange(t.ClaimCount, 1, 20));
        Assert.Equal("000001201", result.InterchangeControlNumber);
    }

    [Fact]
    public void Other_delimiters_are_honoured_and_read_back()
    {
        var delimiters = new X12Delimiters('|', '>', '!', '\n');
        var text = ProfessionalClaimWriter.WriteToString(Batch(Clinic(JaneWithAcme(OfficeVisit()))), new ProfessionalClaimWriterOptions { Delimiters = delimiters });

        Assert.StartsWith("ISA|00|", text, StringComparison.Ordinal);
        Assert.Contains("CLM|RFM-1001|175.5|||11>B>1|Y|A|Y|Y\n", text, StringComparison.Ordinal);
        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
    }

    [Fact]
    public void The_ISA_is_exactly_106_characters_with_padded_fixed_width_fields()
    {
        var text = ProfessionalClaimWriter.WriteToString(Batch(Clinic(JaneWithAcme(OfficeVisit()))));
        var isa = text[..text.IndexOf('~', StringComparison.Ordinal)];

        Assert.Equal(105, isa.Length);
        Assert.Equal("ISA*00*          *00*          *ZZ*RIVERSIDEFM    *ZZ*CLEARINGHOUSE  *240315*1430*^*00501*000001201*0*T*:", isa);
    }

    [Fact]
    public void Unbalanced_coordination_of_benefits_is_refused_before_anything_is_written()
    {
        var claim = SecondaryAfterClaimLevelPayment with
        {
            OtherPayers = [SecondaryAfterClaimLevelPayment.OtherPayers[0] with { PaidAmount = 100m }],
        };
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        var error = Assert.Throws<ArgumentException>(() => ProfessionalClaimWriter.Write(Batch(Clinic(WalterSecondary(claim))), output));

        Assert.Contains("Claim RFM-1003 other payer 00882: paid 100.00, but the claim charge 200.00 minus all its adjustments 87.52 is 112.48", error.Message);
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData("NPI")]
    [InlineData("pointer")]
    [InlineData("replacement")]
    [InlineData("delimiter")]
    public void Claims_that_would_break_the_guide_are_refused(string fault)
    {
        var claim = fault switch
        {
            "NPI" => OfficeVisit() with { ReferringProvider = Referring with { Npi = "1234567890" } },
            "pointer" => OfficeVisit() with { Lines = [Line("99213", 50m, 3)] },
            "replacement" => OfficeVisit() with { Frequency = ClaimFrequency.Replacement },
            _ => OfficeVisit("RFM*1"),
        };

        Assert.Throws<ArgumentException>(() => ProfessionalClaimWriter.WriteToString(Batch(Clinic(JaneWithAcme(claim)))));
    }

    [Fact]
    public void The_validator_catches_a_claim_total_that_differs_from_its_lines()
    {
        var text = ProfessionalClaimWriter.WriteToString(Batch(Clinic(JaneWithAcme(OfficeVisit())))).Replace("CLM*RFM-1001*175.5*", "CLM*RFM-1001*150*", StringComparison.Ordinal);

        var report = X12Validator.Validate(text);

        var error = Assert.Single(report.Errors);
        Assert.Equal(X12ErrorCode.AmountsDoNotBalance, error.Code);
        Assert.Equal("Loop 2300 CLM02 total 150.00 of claim RFM-1001 does not equal the sum of its service lines (SV102) 175.50.", error.Message);
    }
}
