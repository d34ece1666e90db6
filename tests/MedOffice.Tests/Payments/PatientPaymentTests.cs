using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Payments;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Tests.Remittance;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Payments;

public class PatientPaymentTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_payment_pays_the_oldest_visit_first_and_keeps_the_rest_as_credit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        var newer = await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 3, 12), 80m);
        var older = await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 2, 20), 100m, 20m);

        var posted = await clinic.PayAsync(patient, 150m);

        Assert.Equal(150m, posted.Amount);
        Assert.Equal(150m, posted.AppliedToVisits);
        Assert.Equal(0m, posted.UnappliedCredit);
        var ledger = clinic.Ledger();
        Assert.Equal(LedgerBalance.Zero, await ledger.LineBalanceAsync(older.Lines[0].Id));
        Assert.Equal(LedgerBalance.Zero, await ledger.LineBalanceAsync(older.Lines[1].Id));
        Assert.Equal(new LedgerBalance(0m, 50m), await ledger.LineBalanceAsync(newer.Lines[0].Id));

        var second = await clinic.PayAsync(patient, 70m);
        Assert.Equal(50m, second.AppliedToVisits);
        Assert.Equal(20m, second.UnappliedCredit);
        var account = (await clinic.Accounts().AccountAsync(patient, TestOffice.FrontDesk))!;
        Assert.Equal(0m, account.PatientDueOnVisits);
        Assert.Equal(20m, account.UnappliedCredit);
        Assert.Equal(-20m, (await ledger.PatientBalanceAsync(patient)).PatientDue);
        Assert.Equal(["R-000001", "R-000002"], account.Payments.Select(p => p.ReceiptNumber).Order());
        await using var db = office.NewContext();
        Assert.Equal(3, await db.LedgerEntries.CountAsync(e => e.PaymentId == posted.PaymentId));
        await clinic.AssertBalancesAreSumsAsync(patient);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_copay_taken_before_the_visit_is_charged_is_credit_until_applied(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        var copay = await clinic.PayAsync(patient, 30m, PaymentMethods.Card, "4242 auth 839201", PaymentContexts.CheckIn);
        Assert.Equal(30m, copay.UnappliedCredit);

        var visit = await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 3, 16), 125m);
        var applied = await clinic.Payments().ApplyCreditAsync(patient, TestOffice.FrontDesk);
        var again = await clinic.Payments().ApplyCreditAsync(patient, TestOffice.FrontDesk);

        Assert.Equal(30m, applied);
        Assert.Equal(0m, again);
        Assert.Equal(new LedgerBalance(0m, 95m), await clinic.Ledger().LineBalanceAsync(visit.Lines[0].Id));
        Assert.Equal(0m, await clinic.Payments().CreditAsync(patient));
        await clinic.AssertBalancesAreSumsAsync(patient);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_insured_visit_stays_with_insurance_and_the_copay_stays_credit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await clinic.ReleaseAsync(["I10"], [("99213", "", 140m, "1")]);
        var copay = await clinic.PayAsync(clinic.Patient.Id, 25m, context: PaymentContexts.CheckIn);

        Assert.Equal(25m, copay.UnappliedCredit);
        var account = (await clinic.Accounts().AccountAsync(clinic.Patient.Id, TestOffice.FrontDesk))!;
        Assert.Equal(140m, account.InsuranceDue);
        Assert.Equal(0m, account.PatientDueOnVisits);
        Assert.Equal(25m, account.UnappliedCredit);
        Assert.Single(account.OpenVisits);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_full_card_number_is_refused_and_nothing_is_posted(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        foreach (var reference in new[] { "4111 1111 1111 1111", "4111-1111-1111-1111", "auth 5500000000000004" })
        {
            var result = (await clinic.Payments().PostAsync(new TakePayment(patient, 40m, PaymentMethods.Card, reference, PaymentContexts.CheckOut,
                IdempotencyKey: Guid.NewGuid().ToString()), TestOffice.FrontDesk))!;
            var error = Assert.Single(result.Errors);
            Assert.Equal("reference", error.Field);
            Assert.Contains("full card number", error.Message, StringComparison.Ordinal);
        }
        var missing = (await clinic.Payments().PostAsync(new TakePayment(patient, null, "Barter", null, null), TestOffice.FrontDesk))!;
        Assert.Equal(["amount", "context", "idempotencyKey", "method"], missing.Errors.Select(e => e.Field).Order());
        await using var db = office.NewContext();
        Assert.False(await db.Payments.AnyAsync());
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.PatientId == patient));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_same_key_posts_once_and_a_different_request_with_it_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        var first = await clinic.PayAsync(patient, 45m, PaymentMethods.Check, "1207", key: "desk-key-1");
        var again = await clinic.PayAsync(patient, 45m, PaymentMethods.Check, "1207", key: "desk-key-1");

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.ReceiptNumber, again.ReceiptNumber);
        var different = (await clinic.Payments().PostAsync(new TakePayment(patient, 54m, PaymentMethods.Check, "1207", PaymentContexts.CheckOut,
            IdempotencyKey: "desk-key-1"), TestOffice.FrontDesk))!;
        Assert.Equal(PaymentRules.IdempotencyField, Assert.Single(different.Errors).Field);
        await using var db = office.NewContext();
        Assert.Equal(1, await db.Payments.CountAsync());
        Assert.Equal(45m, await clinic.Payments().CreditAsync(patient));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_simultaneous_posts_with_one_key_make_one_payment(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        async Task<PostedPayment> PostAsync()
        {
            await using var db = office.NewContext();
            var payments = new PatientPayments(db, new PatientLedger(db, office.Clock), new MedOffice.Security.AuditTrail(db, office.Clock), office.Clock);
            var result = (await payments.PostAsync(new TakePayment(patient, 30m, PaymentMethods.Cash, null, PaymentContexts.CheckIn, IdempotencyKey: "double-click"),
                TestOffice.FrontDesk))!;
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            return result.Value!;
        }

        var both = await Task.WhenAll(PostAsync(), PostAsync());

        Assert.Equal(both[0].PaymentId, both[1].PaymentId);
        Assert.Single(both, p => p.Replayed);
        await using var check = office.NewContext();
        Assert.Equal(1, await check.Payments.CountAsync());
        Assert.Equal(30m, await clinic.Payments().CreditAsync(patient));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_refund_larger_than_the_credit_is_refused_naming_both_amounts(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 3, 2), 60m);
        await clinic.PayAsync(patient, 100m);

        var tooMuch = (await clinic.Payments().RefundAsync(new RefundCredit(patient, 50m, PaymentMethods.Check, "5001", "overpaid", IdempotencyKey: "r1"),
            ClaimClinic.Biller))!;
        var error = Assert.Single(tooMuch.Errors);
        Assert.Equal("amount", error.Field);
        Assert.Contains("$50.00", error.Message, StringComparison.Ordinal);
        Assert.Contains("$40.00", error.Message, StringComparison.Ordinal);

        var refund = (await clinic.Payments().RefundAsync(new RefundCredit(patient, 40m, PaymentMethods.Check, "5001", "overpaid", IdempotencyKey: "r2"),
            ClaimClinic.Biller))!;
        Assert.True(refund.Succeeded, string.Join("; ", refund.Errors));
        Assert.Equal(0m, refund.Value!.CreditLeft);
        var replay = (await clinic.Payments().RefundAsync(new RefundCredit(patient, 40m, PaymentMethods.Check, "5001", "overpaid", IdempotencyKey: "r2"),
            ClaimClinic.Biller))!;
        Assert.True(replay.Value!.Replayed);
        Assert.Equal(LedgerBalance.Zero, await clinic.Ledger().PatientBalanceAsync(patient));
        await using var db = office.NewContext();
        Assert.Equal(1, await db.Refunds.CountAsync());
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PatientId == patient && a.Detail.StartsWith("refund")));
        await clinic.AssertBalancesAreSumsAsync(patient);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_receipt_shows_the_payment_what_it_paid_and_the_balance_left(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync("Receiptson");
        await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 3, 2), 90m, 35m);
        var posted = await clinic.PayAsync(patient, 100m, PaymentMethods.Check, "3321");

        var printed = (await clinic.Accounts().PrintReceiptAsync(posted.PaymentId, ClaimClinic.Biller))!.Value;
        await PdfTools.AssertValidAsync(printed.Pdf);
        var text = await PdfTools.TextAsync(printed.Pdf);
        Assert.Contains("Riverside Family Medicine", text, StringComparison.Ordinal);
        Assert.Contains("Receipt R-000001", text, StringComparison.Ordinal);
        Assert.Contains("Receiptson, Sam", text, StringComparison.Ordinal);
        Assert.Contains("$100.00", text, StringComparison.Ordinal);
        Assert.Contains("Check · 3321", text, StringComparison.Ordinal);
        Assert.Contains("03/02/2026 · 99213", text, StringComparison.Ordinal);
        Assert.Matches(@"Remaining balance\s+\$25\.00", text);
    }
}
