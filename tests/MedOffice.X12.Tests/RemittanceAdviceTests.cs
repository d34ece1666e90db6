using MedOffice.X12.Remittance;

namespace MedOffice.X12.Tests;

public class RemittanceAdviceTests
{
    public static TheoryData<string> Remittances() => CorpusByKind.Files("835");

    private static RemittanceAdvice ReadOne(string text)
    {
        var result = RemittanceAdvice.Read(text);
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        return Assert.Single(result.Transactions);
    }

    /// <summary>Corpus 835s that do not balance, and why (each checked by hand against its segments).</summary>
    private static readonly Dictionary<string, string[]> KnownImbalances = new()
    {
        // SVC*HC*24599.00*1766.50*187.50: the composite HC:24599 was split into elements, shifting charge and paid by one.
        ["linuxforhealth-x12/835_005010X221A1/tertiary-payment.835"] = ["Claim 0001000054 line 1 (): charge 24599.00 − paid 1766.50 = 22832.50, but its adjustments add up to 1579.00; difference 21253.50."],
        // A vendor's "custom" sample: the line pays 34.00 but CLP04 says 0, and CLP03 69.87 is not the line's 541.00.
        ["edifabric-x12net/835_Custom835.txt"] =
        [
            "BPR02 payment 34.00 should equal the claims' payments 0.00 minus the provider adjustments 0.00 = 0.00; difference 34.00.",
            "Claim 9999999: charge 69.87 − paid 0.00 = 69.87, but its adjustments (claim and lines) add up to 507.00; difference -437.13.",
        ],
    };

    [Theory]
    [MemberData(nameof(Remittances))]
    public void Every_corpus_835_is_read_with_its_claims_and_balances_or_its_imbalance_is_known(string file)
    {
        using var stream = File.OpenRead(Corpus.File(file));
        var result = RemittanceAdvice.Read(stream);

        var advice = Assert.Single(result.Transactions);
        Assert.NotEmpty(advice.Claims);
        Assert.NotNull(advice.Payer);
        Assert.NotEmpty(advice.TraceNumber);
        Assert.All(advice.Claims, c => Assert.NotEmpty(c.PatientControlNumber));
        Assert.Equal(KnownImbalances.GetValueOrDefault(file, []), advice.Balance.Differences.Select(d => d.Message));
    }

    [Fact]
    public void TR3_example_with_a_split_SVC01_composite_is_reported_at_the_SVC()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/835_005010X221A1/tertiary-payment.835"));
        var result = RemittanceAdvice.Read(stream);

        Assert.Contains(result.Errors, e => e.SegmentId == "SVC" && e.ElementPosition == 1 && e.Message.Contains("SVC01 'HC' has no procedure code"));
    }

    [Fact]
    public void Managed_care_remittance_reads_payment_payer_claims_lines_and_adjustments()
    {
        using var stream = File.OpenRead(Corpus.File("linuxforhealth-x12/835_005010X221A1/managed-care.835"));
        var result = RemittanceAdvice.Read(stream);
        var advice = Assert.Single(result.Transactions);
        Assert.Contains(result.Errors, e => e.SegmentId == "BPR" && e.Message == "BPR16 '20002316' is not a date in the form CCYYMMDD; it was left out.");

        Assert.Equal(945.00m, advice.PaymentAmount);
        Assert.Equal("ACH", advice.PaymentMethod);
        Assert.Null(advice.PaymentDate); // BPR16 '20002316' has month 23: reported, not guessed.
        Assert.Equal("7170066655", advice.TraceNumber);
        Assert.Equal("RUSHMORE LIFE", advice.Payer!.LastOrOrganizationName);
        Assert.Equal(("ACME MEDICAL CENTER", "XX", "5544667733"), (advice.Payee!.LastOrOrganizationName, advice.Payee.IdQualifier, advice.Payee.Id));
        Assert.Equal("777667755", advice.PayeeTaxId);

        var claim = advice.Claims[0];
        Assert.Equal(("5554555444", "1", 800.00m, 450.00m, 300.00m, "94060555410000"),
            (claim.PatientControlNumber, claim.StatusCode, claim.ChargeAmount, claim.PaidAmount, claim.PatientResponsibility, claim.PayerClaimControlNumber));
        Assert.Equal("Processed as primary", claim.StatusDescription);
        Assert.Equal("BUDD", claim.Patient!.LastOrOrganizationName);
        var claimAdjustment = Assert.Single(claim.Adjustments);
        Assert.Equal(("CO", "A2", 50.00m), (claimAdjustment.Group, claimAdjustment.ReasonCode, claimAdjustment.Amount));

        var line = Assert.Single(claim.ServiceLines);
        Assert.Equal(("HC", "99211", 800.00m, 500.00m), (line.ProcedureQualifier, line.ProcedureCode, line.ChargeAmount, line.PaidAmount));
        Assert.Equal(new DateRange(new DateOnly(2002, 3, 1), new DateOnly(2002, 3, 4)), line.ServiceDate);
        Assert.Equal("PR-1 300.00: Deductible (Patient responsibility (bill the patient))", Assert.Single(line.Adjustments).ToString());
        Assert.Equal(300.00m, claim.PatientResponsibilityFromAdjustments);
    }

    [Fact]
    public void Professional_remittance_reads_modifiers_allowed_amounts_and_remark_codes()
    {
        using var stream = File.OpenRead(Corpus.File("herophilus-assets/835_Sample_Professional_Claims_only-w_payment.2014.txt"));
        var advice = Assert.Single(RemittanceAdvice.Read(stream).Transactions);

        Assert.Equal(3, advice.Claims.Count);
        var first = advice.Claims[0].ServiceLines[0];
        Assert.Equal(("V2020-RB", 6m, 1m), (first.Procedure, first.AllowedAmount, first.Units));
        var denied = advice.Claims[2].ServiceLines[2];
        Assert.Equal(("N206", "251"), (Assert.Single(denied.RemarkCodes), Assert.Single(denied.Adjustments).ReasonCode));
        Assert.Equal(new DateRange(new DateOnly(2013, 9, 17), new DateOnly(2013, 9, 17)), advice.Claims[2].ServiceLines[1].ServiceDate);
    }

    private const string Envelope = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *240105*1200*^*00501*000000001*0*P*:~GS*HP*PAYER*CLINIC*20240105*1200*1*X*005010X221A1~ST*835*0001~";
    private const string Trailer = "GE*1*1~IEA*1*000000001~";

    private static string Remittance(string body, int segments) => $"{Envelope}{body}SE*{segments}*0001~{Trailer}";

    [Fact]
    public void Reversal_and_correction_interest_and_provider_adjustments_balance()
    {
        // The payer takes back 100.00 paid on claim A (reversal), pays it again as 120.00 with 2.00 interest,
        // recovers an old overpayment of 10.00 (WO) and pays 1.50 provider-level interest (L6, negative).
        var advice = ReadOne(Remittance(
            "BPR*I*11.50*C*CHK************20240105~TRN*1*CHK1001*1999999999~N1*PR*ACME HEALTH~REF*2U*ACME01~N1*PE*MAIN STREET CLINIC*XX*1234567893~LX*1~" +
            "CLP*A*22*-150*-100**12*PCN9*11*1~CAS*CO*45*-50~" +
            "CLP*A*1*150*120*10*12*PCN9*11*7~CAS*CO*45*20~CAS*PR*3*10~AMT*I*2~" +
            "CLP*B*4*80*0**12*PCN10*11*1~SVC*HC:99213:25*80*0**1~DTM*472*20231220~CAS*CO*50*80~REF*6R*LINE-7~LQ*HE*M127~" +
            "PLB*1234567893*20241231*WO:PCN3*10*L6*-1.5~", 21));

        Assert.Equal("ACME01", advice.PayerId);
        Assert.True(advice.Claims[0].IsReversal);
        Assert.Equal("Reversal of a previous payment", advice.Claims[0].StatusDescription);
        Assert.Equal(2m, advice.Claims[1].Interest);
        Assert.Equal(10m, advice.Claims[1].PatientResponsibilityFromAdjustments);
        Assert.True(advice.Claims[2].IsDenied);
        var line = Assert.Single(advice.Claims[2].ServiceLines);
        Assert.Equal(("99213-25", "LINE-7", "M127"), (line.Procedure, line.LineItemControlNumber, Assert.Single(line.RemarkCodes)));
        Assert.Equal("Not medically necessary in the payer's view", line.Adjustments[0].ReasonDescription);
        Assert.Equal(["WO", "L6"], advice.ProviderAdjustments.Select(a => a.ReasonCode));
        Assert.Equal(("PCN3", "Overpayment recovery"), (advice.ProviderAdjustments[0].Reference, advice.ProviderAdjustments[0].ReasonDescription));
        Assert.Equal(1.5m, advice.ProviderInterest);
        Assert.True(advice.Balance.IsBalanced, advice.Balance.ToString());
    }

    [Fact]
    public void Imbalances_are_stated_to_the_cent_at_each_level()
    {
        var advice = ReadOne(Remittance(
            "BPR*I*100*C*ACH************20240105~TRN*1*EFT1*1999999999~N1*PR*ACME HEALTH~N1*PE*MAIN STREET CLINIC*XX*1234567893~" +
            "CLP*A*1*200*90.01**12*PCN1~SVC*HC:99214*200*90.01~CAS*CO*45*100~", 9));

        var differences = advice.Balance.Differences;
        Assert.Equal(["payment", "claim", "line"], differences.Select(d => d.Level));
        Assert.Equal("BPR02 payment 100.00 should equal the claims' payments 90.01 minus the provider adjustments 0.00 = 90.01; difference 9.99.", differences[0].Message);
        Assert.Equal("Claim A: charge 200.00 − paid 90.01 = 109.99, but its adjustments (claim and lines) add up to 100.00; difference 9.99.", differences[1].Message);
        Assert.Equal(9.99m, differences[2].Difference);
    }

    [Fact]
    public void Unreadable_amounts_and_misplaced_segments_are_reported_with_their_segment()
    {
        var result = RemittanceAdvice.Read(Remittance(
            "BPR*I*12,50*C*ACH************2024010~TRN*1*EFT1~SVC*HC:99213*10*5~CAS*CO*45*5~N1*PR*ACME~CLP**1*X*0~N1*PE*LATE~", 9));

        var advice = Assert.Single(result.Transactions);
        Assert.Equal(0m, advice.PaymentAmount);
        Assert.Contains(result.Errors, e => e.SegmentId == "BPR" && e.ElementPosition == 2 && e.Message.Contains("'12,50' is not an amount"));
        Assert.Contains(result.Errors, e => e.SegmentId == "BPR" && e.ElementPosition == 16 && e.TransactionSegmentNumber == 2);
        Assert.Contains(result.Errors, e => e.SegmentId == "SVC" && e.Message.Contains("before any CLP"));
        Assert.Contains(result.Errors, e => e.SegmentId == "CLP" && e.Message.Contains("CLP01 (the patient control number) is empty"));
        Assert.Contains(result.Errors, e => e.SegmentId == "N1" && e.Message.Contains("after the first claim"));
    }

    [Fact]
    public void Other_transaction_sets_are_skipped_with_a_warning()
    {
        using var stream = File.OpenRead(Corpus.File("herophilus-assets/999_Sample_Accepted.txt"));
        var result = RemittanceAdvice.Read(stream);

        Assert.Empty(result.Transactions);
        Assert.Contains(result.Errors, e => e.Severity == X12Severity.Warning && e.Message.Contains("Transaction set 999 is not a 835"));
    }
}
