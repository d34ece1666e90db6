using System.Globalization;

namespace MedOffice.X12.Remittance;

/// <summary>
/// The 835's balancing rules (TR3 section 1.10.2), each difference stated to the cent:
/// the payment, BPR02 = Σ CLP04 − Σ PLB amounts; each claim, CLP03 − CLP04 = Σ CAS of the claim and its lines;
/// each service line, SVC02 − SVC03 = Σ CAS of the line.
/// </summary>
/// <param name="Differences">Every rule that does not hold; empty when the remittance balances.</param>
public sealed record RemittanceBalance(IReadOnlyList<BalanceDifference> Differences)
{
    /// <summary>Whether every rule holds to the cent.</summary>
    public bool IsBalanced => Differences.Count == 0;

    /// <summary>"Balances." or one line per difference.</summary>
    public override string ToString() => IsBalanced ? "Balances." : string.Join(Environment.NewLine, Differences.Select(d => d.Message));

    internal static RemittanceBalance Check(RemittanceAdvice advice)
    {
        var differences = new List<BalanceDifference>();
        var paid = advice.Claims.Sum(c => c.PaidAmount);
        var providerAdjustments = advice.ProviderAdjustments.Sum(a => a.Amount);
        Compare(differences, "payment", null, null, advice.PaymentAmount, paid - providerAdjustments, () =>
            $"BPR02 payment {Money(advice.PaymentAmount)} should equal the claims' payments {Money(paid)} minus the provider adjustments {Money(providerAdjustments)} = {Money(paid - providerAdjustments)}");
        foreach (var claim in advice.Claims)
        {
            var adjusted = claim.AllAdjustments.Sum(a => a.Amount);
            Compare(differences, "claim", claim.PatientControlNumber, null, claim.ChargeAmount - claim.PaidAmount, adjusted, () =>
                $"Claim {claim.PatientControlNumber}: charge {Money(claim.ChargeAmount)} − paid {Money(claim.PaidAmount)} = {Money(claim.ChargeAmount - claim.PaidAmount)}, but its adjustments (claim and lines) add up to {Money(adjusted)}");
            for (var i = 0; i < claim.ServiceLines.Count; i++)
            {
                var line = claim.ServiceLines[i];
                var lineAdjusted = line.Adjustments.Sum(a => a.Amount);
                Compare(differences, "line", claim.PatientControlNumber, i + 1, line.ChargeAmount - line.PaidAmount, lineAdjusted, () =>
                    $"Claim {claim.PatientControlNumber} line {i + 1} ({line.Procedure}): charge {Money(line.ChargeAmount)} − paid {Money(line.PaidAmount)} = {Money(line.ChargeAmount - line.PaidAmount)}, but its adjustments add up to {Money(lineAdjusted)}");
            }
        }
        return new RemittanceBalance(differences);
    }

    private static void Compare(List<BalanceDifference> differences, string level, string? claim, int? line, decimal expected, decimal actual, Func<string> what)
    {
        if (expected != actual)
        {
            differences.Add(new BalanceDifference(level, claim, line, expected, actual, $"{what()}; difference {Money(expected - actual)}."));
        }
    }

    internal static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>One balancing rule that does not hold.</summary>
/// <param name="Level"><c>payment</c>, <c>claim</c> or <c>line</c>.</param>
/// <param name="PatientControlNumber">The claim's CLP01, for claim and line differences.</param>
/// <param name="LineNumber">The line's 1-based position in its claim, for line differences.</param>
/// <param name="Expected">What the left side of the rule comes to (BPR02; charge − paid).</param>
/// <param name="Actual">What the right side comes to (payments − PLB; the adjustments).</param>
/// <param name="Message">The difference in words, to the cent.</param>
public sealed record BalanceDifference(string Level, string? PatientControlNumber, int? LineNumber, decimal Expected, decimal Actual, string Message)
{
    /// <summary><see cref="Expected"/> − <see cref="Actual"/>.</summary>
    public decimal Difference => Expected - Actual;
}
