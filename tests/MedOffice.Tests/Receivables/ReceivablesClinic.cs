using MedOffice.Billing;
using MedOffice.Ledger;
using MedOffice.Receivables;
using MedOffice.Security;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Remittance;

namespace MedOffice.Tests.Receivables;

/// <summary>The claims clinic with the receivables services, real users for the four-eyes rule, and a quick way to make a patient owe.</summary>
public static class ReceivablesClinic
{
    public static AgingQueries Aging(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Office.Audit, clinic.Office.Clock);

    public static WriteOffs WriteOffs(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Aging(), clinic.Ledger(), clinic.Office.Audit, clinic.Office.Clock);

    public static Collections Collections(this ClaimClinic clinic) =>
        new(clinic.Office.Db, clinic.Aging(), clinic.WriteOffs(), clinic.Office.Audit, clinic.Office.Clock);

    /// <summary>A signed-up user holding one role, as the actor the app would make of them.</summary>
    public static async Task<Actor> UserAsync(this ClaimClinic clinic, string userName, string role)
    {
        var created = await clinic.Office.Accounts.CreateAsync(userName, userName, "correct-horse-battery", [role], Actor.System("test"));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return new Actor(created.Value!.Id, userName, "10.0.0.20");
    }

    /// <summary>A released one-line visit whose whole charge the payer left to the patient (charge, then a PR transfer).</summary>
    public static async Task<ChargeSheet> PatientOwesAsync(this ClaimClinic clinic, int patientId, DateOnly dateOfService, decimal amount)
    {
        var sheet = await clinic.ReleaseAsync(["I10"], [("99213", "", amount, "1")], patientId: patientId, dateOfService: dateOfService);
        var line = sheet.Lines[0].Id;
        var ledger = clinic.Ledger();
        ledger.Post(new LedgerEntry { PatientId = patientId, ChargeLineId = line, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance, Amount = amount,
            IdempotencyKey = PatientLedger.ChargeKey(line), PostedBy = "test" });
        ledger.Post(new LedgerEntry { PatientId = patientId, ChargeLineId = line, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Insurance, Amount = -amount,
            IdempotencyKey = $"test:{line}:ins", PostedBy = "test" });
        ledger.Post(new LedgerEntry { PatientId = patientId, ChargeLineId = line, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Patient, Amount = amount,
            IdempotencyKey = $"test:{line}:pat", PostedBy = "test" });
        await clinic.Office.Db.SaveChangesAsync();
        clinic.Office.Db.ChangeTracker.Clear();
        return sheet;
    }

    /// <summary>A payment at the desk, on a line or (line null) as unapplied credit.</summary>
    public static async Task PatientPaysAsync(this ClaimClinic clinic, int patientId, int? chargeLineId, decimal amount, string key)
    {
        clinic.Ledger().Post(new LedgerEntry { PatientId = patientId, ChargeLineId = chargeLineId, Kind = LedgerKinds.PatientPayment, Side = LedgerSides.Patient,
            Amount = -amount, IdempotencyKey = key, PostedBy = "test" });
        await clinic.Office.Db.SaveChangesAsync();
        clinic.Office.Db.ChangeTracker.Clear();
    }
}
