using MedOffice.Payments;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Remittance;

namespace MedOffice.Tests.Payments;

/// <summary>The claims clinic with the payment services, and a self-pay patient (no coverage) whose visits are theirs to pay.</summary>
public static class PaymentClinic
{
    public static PatientPayments Payments(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Ledger(), clinic.Office.Audit, clinic.Office.Clock);

    public static PatientAccounts Accounts(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Payments(), clinic.Office.Audit, clinic.Office.Clock);

    public static PaymentPlans Plans(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Payments(), clinic.Office.Audit, clinic.Office.Clock);

    public static DayClose DayClose(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Office.Audit, clinic.Office.Clock);

    public static async Task<int> SelfPayPatientAsync(this ClaimClinic clinic, string last = "Selfpay") =>
        (await clinic.Office.RegisterAsync("Sam", last, new DateOnly(1990, 5, 5))).Id;

    /// <summary>A released self-pay visit with one line per amount (99213, 36415, 93000...).</summary>
    public static Task<MedOffice.Billing.ChargeSheet> SelfPayVisitAsync(this ClaimClinic clinic, int patientId, DateOnly dateOfService, params decimal[] amounts) =>
        clinic.ReleaseAsync(["I10"], amounts.Select((a, i) => (new[] { "99213", "36415", "93000" }[i % 3], "", a, "1")).ToArray(), patientId, dateOfService);

    public static async Task<PostedPayment> PayAsync(this ClaimClinic clinic, int patientId, decimal amount, string method = PaymentMethods.Cash,
        string? reference = null, string context = PaymentContexts.CheckOut, string? key = null, DateOnly? receivedOn = null)
    {
        var result = await clinic.Payments().PostAsync(
            new TakePayment(patientId, amount, method, reference, context, ReceivedOn: receivedOn, IdempotencyKey: key ?? Guid.NewGuid().ToString()), TestOfficeActors.Desk);
        Assert.NotNull(result);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        clinic.Office.Db.ChangeTracker.Clear();
        return result.Value!;
    }
}

public static class TestOfficeActors
{
    public static readonly MedOffice.Security.Actor Desk = Infrastructure.TestOffice.FrontDesk;
}
