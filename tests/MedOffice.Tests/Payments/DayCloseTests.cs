using MedOffice.Data;
using MedOffice.Payments;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Payments;

public class DayCloseTests
{
    // The test clock: 2026-03-16 15:00 UTC, 10:00 in Chicago (the clinic's location).
    private static readonly DateOnly Today = new(2026, 3, 16);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_deposit_report_totals_by_method_and_closing_shows_the_difference(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync("Drawer");
        await clinic.PayAsync(patient, 20m);
        await clinic.PayAsync(patient, 35.50m);
        await clinic.PayAsync(patient, 120m, PaymentMethods.Check, "1001");
        await clinic.PayAsync(patient, 80m, PaymentMethods.Check, "2002", context: PaymentContexts.Mail);
        await clinic.PayAsync(patient, 60m, PaymentMethods.Card, "last4 4242 auth 77");
        var refund = (await clinic.Payments().RefundAsync(new RefundCredit(patient, 10m, PaymentMethods.Cash, null, "overpaid copay", IdempotencyKey: "cash-back"),
            ClaimClinic.Biller))!;
        Assert.True(refund.Succeeded);

        var report = (await clinic.DayClose().ReportAsync(clinic.Location.Id, Today))!;
        Assert.Equal(55.50m, report.CashTotal);
        Assert.Equal(200m, report.CheckTotal);
        Assert.Equal(60m, report.CardTotal);
        Assert.Equal(["1001", "2002"], report.Checks.Select(c => c.Reference));
        Assert.Equal(10m, report.RefundTotal);
        Assert.Equal(305.50m, report.Net);
        Assert.Equal(245.50m, report.ExpectedDeposit);
        Assert.False(report.IsClosed);

        var closed = await clinic.DayClose().CloseAsync(new CloseDay(clinic.Location.Id, Today, "DS-0316", 240m), ClaimClinic.Biller);
        Assert.True(closed.Succeeded, string.Join("; ", closed.Errors));
        Assert.Equal(-5.50m, closed.Value!.Deposit!.Difference);
        Assert.Equal(5, closed.Value.Payments.Count);
        var twice = await clinic.DayClose().CloseAsync(new CloseDay(clinic.Location.Id, Today, "DS-again", 1m), ClaimClinic.Biller);
        Assert.Contains("already closed by biller", Assert.Single(twice.Errors).Message, StringComparison.Ordinal);

        var pdf = (await clinic.DayClose().PrintAsync(clinic.Location.Id, Today, ClaimClinic.Biller))!;
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("Check 1001 · Drawer, Sam", text, StringComparison.Ordinal);
        Assert.Matches(@"Expected bank deposit.*\$245\.50", text);
        Assert.Matches(@"deposit short by\s+\$5\.50", text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_closed_day_refuses_back_dated_payments_and_later_ones_go_into_the_next_deposit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        await clinic.PayAsync(patient, 15m, receivedOn: Today.AddDays(-1));
        Assert.True((await clinic.DayClose().CloseAsync(new CloseDay(clinic.Location.Id, Today.AddDays(-1), "DS-1", 15m), ClaimClinic.Biller)).Succeeded);

        var backDated = (await clinic.Payments().PostAsync(new TakePayment(patient, 40m, PaymentMethods.Check, "77", PaymentContexts.Mail,
            ReceivedOn: Today.AddDays(-1), IdempotencyKey: "late-check"), TestOffice.FrontDesk))!;
        var error = Assert.Single(backDated.Errors);
        Assert.Equal("receivedOn", error.Field);
        Assert.Contains("is closed", error.Message, StringComparison.Ordinal);

        await clinic.PayAsync(patient, 25m);
        Assert.True((await clinic.DayClose().CloseAsync(new CloseDay(clinic.Location.Id, Today, "DS-2", 25m), ClaimClinic.Biller)).Succeeded);
        // Still today, after the close: the money waits for the next deposit.
        await clinic.PayAsync(patient, 12m);
        var closedToday = (await clinic.DayClose().ReportAsync(clinic.Location.Id, Today))!;
        Assert.Equal(25m, closedToday.PaymentTotal);
        office.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = (await clinic.DayClose().ReportAsync(clinic.Location.Id, Today.AddDays(1)))!;
        Assert.Equal([12m], tomorrow.Payments.Select(p => p.Amount));
        await using var db = office.NewContext();
        Assert.Equal(0m, (await db.Deposits.SingleAsync(d => d.SlipNumber == "DS-2")).DepositedAmount - 25m);
    }
}
