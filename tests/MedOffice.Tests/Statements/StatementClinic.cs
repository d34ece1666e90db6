using MedOffice.Claims;
using MedOffice.Ledger;
using MedOffice.Patients;
using MedOffice.Statements;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Remittance;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Tests.Remittance.Era;

namespace MedOffice.Tests.Statements;

/// <summary>The claims clinic with statement runs: claims are sent, paid by 835 with a patient share, and billed to guarantors.</summary>
public static class StatementClinic
{
    public static StatementRuns Runs(this ClaimClinic clinic) =>
        new(clinic.Office.Db, new Guarantors(clinic.Office.Db), new StatementBuilder(clinic.Office.Db), clinic.Office.Audit, clinic.Office.Clock);

    /// <summary>A child of the clinic's patient (Odette Marchetti), who names her as guarantor the way the desk types it, insured by Aetna.</summary>
    public static async Task<Patient> AddChildAsync(this ClaimClinic clinic, string first = "Luca")
    {
        var details = TestOffice.Adult(first, "Marchetti", new DateOnly(2014, 9, 1));
        details.GuarantorRelationship = GuarantorRelationships.Parent;
        details.GuarantorName = "MARCHETTI, Odette M.";
        details.GuarantorDateOfBirth = clinic.Patient.DateOfBirth;
        var registered = await clinic.Office.Registry.RegisterAsync(details, acknowledgeDuplicates: true, TestOffice.FrontDesk);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        var child = await clinic.AddressAsync(registered.Value!);
        await clinic.Office.AddCoverageAsync(child.Id, clinic.Aetna, "W987654321");
        return child;
    }

    /// <summary>An adult patient with what a claim needs (address, sex), insured by Aetna.</summary>
    public static async Task<Patient> AddInsuredAsync(this ClaimClinic clinic, string first, string last, DateOnly dateOfBirth, string memberId)
    {
        var patient = await clinic.AddressAsync(await clinic.Office.RegisterAsync(first, last, dateOfBirth));
        await clinic.Office.AddCoverageAsync(patient.Id, clinic.Aetna, memberId);
        return patient;
    }

    private static async Task<Patient> AddressAsync(this ClaimClinic clinic, Patient patient)
    {
        var tracked = await clinic.Office.Db.Patients.SingleAsync(p => p.Id == patient.Id);
        (tracked.AddressLine1, tracked.City, tracked.State, tracked.PostalCode, tracked.SexAtBirth) = ("12 Elm St", "Springfield", "IL", "62704", SexesAtBirth.Male);
        await clinic.Office.Db.SaveChangesAsync();
        return tracked;
    }

    /// <summary>Releases one visit for the patient, sends it and posts an 835 paying it with the given patient responsibility (deductible).</summary>
    public static async Task<Claim> BillAndRemitAsync(this ClaimClinic clinic, int patientId, string code, decimal charge, decimal paid, decimal patientShare,
        string trace, DateOnly? dateOfService = null)
    {
        var sheet = await clinic.ReleaseAsync(["I10"], [(code, "", charge, "1")], patientId: patientId, dateOfService: dateOfService);
        var batch = await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        Assert.True(batch.Succeeded, string.Join("; ", batch.Errors));
        Claim claim;
        await using (var db = clinic.Office.NewContext())
        {
            claim = await db.Claims.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.ChargeSheetId == sheet.Id && c.PayerSequence == "P");
        }
        var contractual = charge - paid - patientShare;
        var era = Build(trace, [new EraClaim(claim.ClaimNumber, "1", charge, paid, patientShare, $"PCN-{trace}",
            [new EraLine(code, "", charge, paid, claim.Lines[0].ChargeLineId, Co("45", contractual), Pr("1", patientShare))])]);
        await clinic.ImportOkAsync(era, $"{trace}.835");
        return claim;
    }

    /// <summary>The patient pays at the desk, posted on the line as the payments feature posts it.</summary>
    public static async Task PayAtDeskAsync(this ClaimClinic clinic, Claim claim, decimal amount, string key)
    {
        await using var db = clinic.Office.NewContext();
        new PatientLedger(db, clinic.Office.Clock).Post(new LedgerEntry
        {
            PatientId = claim.PatientId, ChargeLineId = claim.Lines[0].ChargeLineId, Kind = LedgerKinds.PatientPayment, Side = LedgerSides.Patient,
            Amount = -amount, IdempotencyKey = key, PostedBy = "frontdesk",
        });
        await db.SaveChangesAsync();
    }
}
