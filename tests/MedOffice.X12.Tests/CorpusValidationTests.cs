using MedOffice.X12.Validation;

namespace MedOffice.X12.Tests;

public class CorpusValidationTests
{
    private static X12ValidationReport Check(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        return X12Validator.Validate(stream);
    }

    [Theory]
    [MemberData(nameof(CorpusReadTests.Files), MemberType = typeof(CorpusReadTests))]
    public void Every_corpus_file_is_identified_or_refused_with_a_positioned_error(string file)
    {
        var report = Check(file);

        if (report.Transactions.Count == 0)
        {
            Assert.True(Corpus.IsBrokenOnPurpose(file), report.ToString());
            Assert.Contains(report.Errors, e => e.ByteOffset >= 0 && e.Severity == X12Severity.Error);
            return;
        }
        Assert.All(report.Transactions, t => Assert.DoesNotContain("unknown", t.Description, StringComparison.Ordinal));
        if (Corpus.IsBrokenOnPurpose(file) && file.Contains("837", StringComparison.Ordinal))
        {
            Assert.False(report.IsValid);
        }
        Assert.All(report.Errors, e => Assert.True(e.SegmentNumber >= 0 && e.Message.Length > 10, e.ToString()));
    }

    [Theory]
    [InlineData("linuxforhealth-x12/837_005010X222A2/demo.example1.837", "837 Professional 005010X222A2")]
    [InlineData("imsweb-x12-parser/837_5010/x12_valid.txt", "837 Professional 005010X222A1")]
    [InlineData("edifabric-x12net/837I_InstitutionalClaim.txt", "837 Institutional 005010X223A2")]
    [InlineData("linuxforhealth-x12/835_005010X221A1/managed-care.835", "835 Payment/Remittance Advice 005010X221A1")]
    [InlineData("herophilus-assets/277CA_Sample_Accepted.txt", "277CA Claim Acknowledgment 005010X214")]
    [InlineData("herophilus-assets/999_Sample_Rejected.txt", "999 Implementation Acknowledgment 005010X231A1")]
    [InlineData("linuxforhealth-x12/270_005010X279A1/subscriber-health-benefit-check.270", "270 Eligibility Inquiry 005010X279A1")]
    [InlineData("linuxforhealth-x12/277_005010X212/claim-level-status.277", "277 Claim Status Response 005010X212")]
    public void Transactions_are_named_by_set_and_guide(string file, string description) =>
        Assert.Equal(description, Check(file).Transactions[0].Description);

    [Theory]
    [MemberData(nameof(CorpusReadTests.Files), MemberType = typeof(CorpusReadTests))]
    public void Identify_names_the_first_transaction_as_validation_does(string file)
    {
        var first = Check(file).Transactions.FirstOrDefault();

        var identified = X12Validator.Identify(File.ReadAllText(Corpus.File(file)));

        Assert.Equal(Key(first), Key(identified));
    }

    private static string Key(X12TransactionSummary? t) =>
        t is null ? "none" : $"{t.TransactionSetId}|{t.ImplementationReference}|{t.ControlNumber}|{t.Description}|{t.ByteOffset}";

    [Theory]
    [InlineData("")]
    [InlineData("Dear billing office, please call us.")]
    [InlineData("ISA*00*")]
    public void Identify_finds_nothing_in_text_that_is_not_X12(string text) => Assert.Null(X12Validator.Identify(text));

    [Fact]
    public void Parser_valid_file_with_split_HI_composites_is_explained()
    {
        var report = Check("imsweb-x12-parser/837_5010/x12_valid.txt");

        var hi = report.Errors.First(e => e.Code == X12ErrorCode.InvalidComposite);
        Assert.Equal("HI", hi.SegmentId);
        Assert.Equal("2300", hi.Loop);
        Assert.Contains("HI01 holds only the qualifier 'BK' and HI02 holds '8901'", hi.Message);
        Assert.Contains("(BK:8901)", hi.Message);
    }

    [Fact]
    public void Parser_valid_file_with_a_wrong_SE_count_is_reported_at_the_SE()
    {
        var report = Check("imsweb-x12-parser/837_5010/x12_complex.txt");

        var counts = report.Errors.Where(e => e.Code == X12ErrorCode.CountMismatch).ToList();
        Assert.Contains(counts, e => e.SegmentId == "SE" && e.Message.Contains("SE01 says transaction set 987654 has 25 segments, but it has 147"));
        Assert.Contains(counts, e => e.SegmentId == "GE" && e.Message.Contains("GE01 says group 1 holds 1 transaction sets, but it holds 2"));
        Assert.Equal(2, report.Transactions.Count);
    }

    [Fact]
    public void Parser_valid_files_break_the_guide_in_ways_a_payer_would_reject()
    {
        var report = Check("imsweb-x12-parser/837_5010/x12_valid.txt");

        Assert.Contains(report.Errors, e => e.SegmentId == "ISA" && e.Message.Contains("ISA11 is 'U'"));
        Assert.Contains(report.Errors, e => e.Code == X12ErrorCode.InvalidNpi && e.Loop == "2010AA" && e.Message.Contains("'1234567890'"));
        Assert.Contains(report.Errors, e => e.Code == X12ErrorCode.AmountsDoNotBalance && e.Message.Contains("CLM02 total 500.00 of claim A37YH556 does not equal the sum of its service lines (SV102) 12.25"));
        Assert.Contains(report.Errors, e => e.Code == X12ErrorCode.HierarchyError && e.Message.Contains("HL01 is '2', already used by an earlier HL"));
    }

    [Fact]
    public void TR3_example_with_the_wrong_component_separator_is_explained()
    {
        var report = Check("linuxforhealth-x12/837_005010X222A2/demo.example6.837");

        Assert.Contains(report.Errors, e => e.SegmentId == "CLM" && e.Message.Contains("'11>B>1' separates its components with '>', but this interchange declares ':'"));
    }

    [Fact]
    public void TR3_secondary_claim_balances_and_its_old_4010_amount_qualifier_is_caught()
    {
        var balanced = Check("linuxforhealth-x12/837_005010X222A2/demo.cob.example3.B.837");
        var old = Check("linuxforhealth-x12/837_005010X222A2/demo.cob.example4.837");

        Assert.DoesNotContain(balanced.Errors, e => e.Code == X12ErrorCode.AmountsDoNotBalance);
        Assert.Contains(old.Errors, e => e.SegmentId == "AMT" && e.Message.Contains("'F2' is not allowed in loop 2320"));
    }

    [Fact]
    public void Deliberately_broken_files_point_at_the_broken_segment()
    {
        var identifiers = Check("imsweb-x12-parser/837_5010/x12_bad_segment_identifier.txt");
        var firstLine = Check("imsweb-x12-parser/837_5010/x12_bad_first_line.txt");
        var noIsa = Check("imsweb-x12-parser/837_5010/x12_no_isa_line.txt");

        Assert.Contains(identifiers.Errors, e => e.Code == X12ErrorCode.InvalidSegmentId && e.SegmentNumber == 11 && e.Message.Contains("'Nd4'"));
        Assert.Contains(firstLine.Errors, e => e.Code == X12ErrorCode.InvalidInterchangeHeader && e.Message.Contains("ISA02 is 9 characters wide"));
        Assert.Equal(X12ErrorCode.MissingInterchangeHeader, Assert.Single(noIsa.Errors).Code);
    }

    [Fact]
    public void Acknowledgments_are_checked_by_their_envelopes()
    {
        var report = Check("imsweb-x12-parser/837_5010/x12_999_accepted.txt");

        Assert.Contains(report.Errors, e => e.Code == X12ErrorCode.ControlNumberMismatch && e.Message.Contains("IEA02 '000000001' does not match ISA13 '000000286'"));
        Assert.True(report.Transactions[0].CheckedAgainstGuide);
    }

    public static TheoryData<string> Responses() =>
        new(new[] { "835", "999", "277", "271", "270", "276" }.SelectMany(kind => CorpusByKind.Paths(kind)).Distinct().Order(StringComparer.Ordinal));

    /// <summary>Implementation-guide findings in corpus files of the response and inquiry kinds, each checked by hand.</summary>
    private static readonly Dictionary<string, string[]> KnownGuideFindings = new()
    {
        // TR3 examples transcribed with '>' inside SVC01 while their ISA16 declares ':'.
        ["linuxforhealth-x12/835_005010X221A1/cob-contractural-adjustment.835"] =
            ["segment 21 (SVC, transaction segment 19, byte 630): Loop 2110 SVC01 'HC>55669' separates its components with '>', but this interchange declares ':' as the component separator (ISA16)."],
        ["linuxforhealth-x12/835_005010X221A1/secondary-payment.835"] =
        [
            "segment 29 (SVC, transaction segment 27, byte 846): Loop 2110 SVC01 'HC>12345>26' separates its components with '>', but this interchange declares ':' as the component separator (ISA16).",
            "segment 34 (SVC, transaction segment 32, byte 947): Loop 2110 SVC01 'HC>66543>26' separates its components with '>', but this interchange declares ':' as the component separator (ISA16).",
        ],
        // SVC*HC*24599.00*…: the composite split into elements (see RemittanceAdviceTests).
        ["linuxforhealth-x12/835_005010X221A1/tertiary-payment.835"] = ["segment 20 (SVC, transaction segment 18, byte 614): Loop 2110 SVC01-2 is required but empty."],
        ["edifabric-x12net/835_Custom835.txt"] =
            ["segment 24 (SVC, transaction segment 22, byte 713): Loop 2110 SVC01-1 'MY_CUSTOM_CODE' is not one of the codes allowed here (AD, ER, HC, HP, IV, N4, N6, NU, UI, WK)."],
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void Response_and_inquiry_files_are_checked_against_their_guide_with_only_known_findings(string file)
    {
        var report = Check(file);

        // A 4010 file (x270.txt) is identified and its envelope checked, but there is no 4010 guide to check it against.
        Assert.All(report.Transactions, t => Assert.Equal(t.ImplementationReference.StartsWith("00501", StringComparison.Ordinal), t.CheckedAgainstGuide));
        var findings = report.Errors.Where(e => e.Loop is not null && e.Severity == X12Severity.Error).Select(e => e.ToString()).ToList();
        Assert.Equal(KnownGuideFindings.GetValueOrDefault(file, []), findings);
    }
}
