using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Practice;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Statements;

/// <summary>
/// The front desk's clinic with one visit of the insured patient on the ledger as an 835 leaves it: 130.00 charged,
/// 80.00 paid, 20.00 contractual, 30.00 moved to the patient.
/// </summary>
public sealed record StatementWebClinic(DeskClinic Desk, int PatientId)
{
    public static async Task<StatementWebClinic> CreateAsync(TestApp app)
    {
        var desk = await DeskClinic.CreateAsync(app);
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var provider = new Provider
        {
            OrganizationId = (await db.Organizations.FirstAsync()).Id, FirstName = "Ana", LastName = "Ferreira", Credentials = "MD",
            Npi = Npi.FromNineDigits("123456789").Value,
        };
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sheet = new ChargeSheet
        {
            PatientId = desk.InsuredPatientId, LocationId = desk.LocationId, DateOfService = DateOnly.FromDateTime(now).AddDays(-10), RenderingProviderId = provider.Id,
            PlaceOfServiceCode = "11", Status = ChargeSheetStatuses.Released, CreatedAt = now, CreatedBy = "biller", ReleasedAt = now, ReleasedBy = "biller",
            Diagnoses = [new ChargeDiagnosis { Sequence = 1, Code = "I10" }],
            Lines = [new ChargeLine { LineNumber = 1, ProcedureCode = "99213", Amount = 130m, DiagnosisPointers = "1" }],
        };
        db.ChargeSheets.Add(sheet);
        await db.SaveChangesAsync();
        var ledger = new PatientLedger(db, app.Clock);
        var line = sheet.Lines[0].Id;
        (string Kind, string Side, decimal Amount)[] entries =
        [
            (LedgerKinds.Charge, LedgerSides.Insurance, 130m), (LedgerKinds.InsurancePayment, LedgerSides.Insurance, -80m),
            (LedgerKinds.ContractualAdjustment, LedgerSides.Insurance, -20m), (LedgerKinds.TransferToPatient, LedgerSides.Insurance, -30m),
            (LedgerKinds.TransferToPatient, LedgerSides.Patient, 30m),
        ];
        foreach (var (kind, side, amount) in entries)
        {
            ledger.Post(new LedgerEntry
            {
                PatientId = desk.InsuredPatientId, ChargeLineId = line, Kind = kind, Side = side, Amount = amount,
                IdempotencyKey = kind == LedgerKinds.Charge ? PatientLedger.ChargeKey(line) : $"test:{line}:{kind}:{side}", PostedBy = "test",
            });
        }
        await db.SaveChangesAsync();
        return new StatementWebClinic(desk, desk.InsuredPatientId);
    }
}
