using FsCheck;
using FsCheck.Fluent;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Remittance;

/// <summary>
/// Random sequences of payments, adjustments, transfers to the patient, reversals and retried postings on a three-line
/// claim, posted to the real database: after every step the ledger's line, claim and patient balances equal an
/// independent running model to the cent, and a retried idempotency key adds nothing.
/// </summary>
public class LedgerPropertyTests
{
    private enum Step { Payment, Contractual, Other, Transfer, ReverseAll, Retry }

    private sealed record Operation(Step Step, int Line, decimal Amount);

    private static readonly Gen<Operation> Operations =
        from step in Gen.Elements(Enum.GetValues<Step>())
        from line in Gen.Choose(0, 2)
        from cents in Gen.Choose(-500, 20000)
        select new Operation(step, line, cents == 0 ? 0.01m : cents / 100m);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Balances_always_equal_the_sum_of_the_entries_and_never_drift_by_a_cent(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var ledger = clinic.Ledger();
        var patientTotal = LedgerBalance.Zero;
        var sequences = Gen.Sample(Gen.ListOf(Operations, 12), 12, 10);
        for (var s = 0; s < sequences.Length; s++)
        {
            var sheet = await clinic.ReleaseAsync(["I10"], [("99213", "", 120.10m, "1"), ("93000", "", 65.35m, "1"), ("36415", "", 15m, "1")],
                dateOfService: ClaimClinic.Visit.AddDays(-s));
            var claim = (await clinic.Maker().MakePrimaryAsync(sheet.Id)).Value!;
            await ledger.EnsureChargesAsync(claim, "test");
            await office.Db.SaveChangesAsync();
            var charges = claim.Lines.OrderBy(l => l.LineNumber).Select(l => new LedgerBalance(l.Amount, 0m)).ToArray();
            var model = charges.ToArray();
            patientTotal = new LedgerBalance(patientTotal.InsuranceDue + charges.Sum(c => c.InsuranceDue), patientTotal.PatientDue);
            string? lastKey = null;
            foreach (var (operation, n) in sequences[s].Select((o, n) => (o, n)))
            {
                var line = claim.Lines.OrderBy(l => l.LineNumber).ElementAt(operation.Line);
                var before = model.Select(m => m).ToArray();
                LedgerEntry Entry(string kind, string side, decimal amount, string suffix) => new()
                {
                    PatientId = claim.PatientId, ChargeLineId = line.ChargeLineId, ClaimId = claim.Id, PayerId = claim.PayerId, Kind = kind, Side = side,
                    Amount = amount, IdempotencyKey = $"prop:{claim.Id}:{n}:{suffix}", PostedBy = "test",
                };
                var i = operation.Line;
                switch (operation.Step)
                {
                    case Step.Payment or Step.Contractual or Step.Other:
                        var kind = operation.Step switch { Step.Payment => LedgerKinds.InsurancePayment, Step.Contractual => LedgerKinds.ContractualAdjustment, _ => LedgerKinds.OtherAdjustment };
                        lastKey = ledger.Post(Entry(kind, LedgerSides.Insurance, -operation.Amount, "x")).IdempotencyKey;
                        model[i] = model[i] with { InsuranceDue = model[i].InsuranceDue - operation.Amount };
                        break;
                    case Step.Transfer:
                        ledger.Post(Entry(LedgerKinds.TransferToPatient, LedgerSides.Insurance, -operation.Amount, "ins"));
                        lastKey = ledger.Post(Entry(LedgerKinds.TransferToPatient, LedgerSides.Patient, operation.Amount, "pat")).IdempotencyKey;
                        model[i] = new LedgerBalance(model[i].InsuranceDue - operation.Amount, model[i].PatientDue + operation.Amount);
                        break;
                    case Step.ReverseAll:
                        await ledger.ReverseClaimAsync(claim.Id, null, $"prop:{claim.Id}:{n}", "test");
                        model = charges.ToArray();
                        break;
                    case Step.Retry when lastKey is not null:
                        office.Db.LedgerEntries.Add(new LedgerEntry
                        {
                            PatientId = claim.PatientId, Kind = LedgerKinds.OtherAdjustment, Side = LedgerSides.Insurance, Amount = -1m, IdempotencyKey = lastKey, PostedBy = "test",
                        });
                        await Assert.ThrowsAsync<DbUpdateException>(() => office.Db.SaveChangesAsync());
                        office.Db.ChangeTracker.Clear();
                        break;
                }
                await office.Db.SaveChangesAsync();
                patientTotal = new LedgerBalance(
                    patientTotal.InsuranceDue + model.Sum(m => m.InsuranceDue) - before.Sum(m => m.InsuranceDue),
                    patientTotal.PatientDue + model.Sum(m => m.PatientDue) - before.Sum(m => m.PatientDue));
                for (var k = 0; k < 3; k++)
                {
                    Assert.Equal(model[k], await ledger.LineBalanceAsync(claim.Lines.OrderBy(l => l.LineNumber).ElementAt(k).ChargeLineId));
                }
                Assert.Equal(new LedgerBalance(model.Sum(m => m.InsuranceDue), model.Sum(m => m.PatientDue)), await ledger.ClaimBalanceAsync(claim.Id));
                Assert.Equal(patientTotal, await ledger.PatientBalanceAsync(claim.PatientId));
            }
        }
        await clinic.AssertBalancesAreSumsAsync(clinic.Patient.Id);
    }
}
