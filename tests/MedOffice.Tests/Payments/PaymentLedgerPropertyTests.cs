using FsCheck;
using FsCheck.Fluent;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Payments;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Remittance;

namespace MedOffice.Tests.Payments;

/// <summary>
/// Random sequences of self-pay visits, patient payments, credit applications, refunds (some too large) and retried payment
/// keys, posted to the real database: after every step each line's balance, the unapplied credit and the patient's balance
/// equal an independent model (money goes to the oldest date of service first), and the balances stay sums of the entries.
/// </summary>
public class PaymentLedgerPropertyTests
{
    private enum Step { Visit, Payment, ApplyCredit, Refund, RetryPayment }

    private sealed record Operation(Step Step, decimal Amount, int DaysAgo);

    private static readonly Gen<Operation> Operations =
        from step in Gen.Elements(Enum.GetValues<Step>())
        from cents in Gen.Choose(1, 30000)
        from days in Gen.Choose(0, 40)
        select new Operation(step, cents / 100m, days);

    private sealed record ModelLine(DateOnly DateOfService, int SheetId, int LineNumber, int LineId)
    {
        public decimal Due { get; set; }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Payments_credit_and_refunds_keep_every_balance_equal_to_the_model(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var payments = clinic.Payments();
        var ledger = clinic.Ledger();
        var sequences = Gen.Sample(Gen.ListOf(Operations, 10), 10, 6);
        for (var s = 0; s < sequences.Length; s++)
        {
            var patient = await clinic.SelfPayPatientAsync($"Prop{s}");
            var lines = new List<ModelLine>();
            var credit = 0m;
            string? lastKey = null;
            decimal lastAmount = 0;
            foreach (var operation in sequences[s])
            {
                switch (operation.Step)
                {
                    case Step.Visit:
                        var sheet = await clinic.SelfPayVisitAsync(patient, ClaimClinic.Visit.AddDays(-operation.DaysAgo), operation.Amount, 15m);
                        await payments.EnsureChargesAsync(patient, TestOffice.FrontDesk);
                        lines.AddRange(sheet.Lines.Select(l => new ModelLine(sheet.DateOfService, sheet.Id, l.LineNumber, l.Id) { Due = l.Amount }));
                        break;
                    case Step.Payment:
                        lastKey = Guid.NewGuid().ToString();
                        lastAmount = operation.Amount;
                        await clinic.PayAsync(patient, operation.Amount, key: lastKey);
                        credit = Spend(lines, credit + operation.Amount);
                        break;
                    case Step.RetryPayment when lastKey is not null:
                        Assert.True((await clinic.PayAsync(patient, lastAmount, key: lastKey)).Replayed);
                        break;
                    case Step.ApplyCredit:
                        await payments.ApplyCreditAsync(patient, TestOffice.FrontDesk);
                        credit = Spend(lines, credit);
                        break;
                    case Step.Refund:
                        var refund = (await payments.RefundAsync(new RefundCredit(patient, operation.Amount, PaymentMethods.Cash, null, "property test",
                            IdempotencyKey: Guid.NewGuid().ToString()), ClaimClinic.Biller))!;
                        Assert.Equal(operation.Amount <= credit, refund.Succeeded);
                        credit -= refund.Succeeded ? operation.Amount : 0m;
                        break;
                }
                office.Db.ChangeTracker.Clear();
                foreach (var line in lines)
                {
                    Assert.Equal(new LedgerBalance(0m, line.Due), await ledger.LineBalanceAsync(line.LineId));
                }
                Assert.Equal(credit, await payments.CreditAsync(patient));
                Assert.Equal(new LedgerBalance(0m, lines.Sum(l => l.Due) - credit), await ledger.PatientBalanceAsync(patient));
            }
            await clinic.AssertBalancesAreSumsAsync(patient);
        }
    }

    /// <summary>Pays the open lines oldest first out of <paramref name="money"/>; returns what is left over as credit.</summary>
    private static decimal Spend(List<ModelLine> lines, decimal money)
    {
        foreach (var line in lines.OrderBy(l => l.DateOfService).ThenBy(l => l.SheetId).ThenBy(l => l.LineNumber))
        {
            var paid = Math.Min(money, line.Due);
            line.Due -= paid;
            money -= paid;
        }
        return money;
    }
}
