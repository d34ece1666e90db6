using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Receivables;

/// <summary>
/// An office with money owed (the app's clock stands at 2026-11-23, 10:00 in New York): Ines Valdez owes 80.00 from a visit
/// 45 days ago that the payer left to her, and a visit of 5 days ago worth 120.00 is released but not billed yet.
/// </summary>
public sealed record ReceivablesWebClinic(int PatientId, string PatientName, int OwedSheetId)
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static async Task<ReceivablesWebClinic> CreateAsync(TestApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var organization = await db.Organizations.FirstAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Harbor St", AddressLine1 = "1 Harbor St", City = "Boston", State = "MA", PostalCode = "02110",
            TimeZoneId = "America/New_York",
        };
        var doctor = new Provider { OrganizationId = organization.Id, FirstName = "Ana", LastName = "Ferreira", Npi = Npi.FromNineDigits("123456789").Value };
        db.AddRange(location, doctor);
        await db.SaveChangesAsync();
        var registered = await scope.ServiceProvider.GetRequiredService<PatientRegistry>()
            .RegisterAsync(TestOffice.Adult("Ines", "Valdez", new DateOnly(1979, 9, 14)), acknowledgeDuplicates: true, Actor.System("test"));
        var patient = registered.Value!;

        ChargeSheet Sheet(DateOnly dateOfService, decimal amount) => new()
        {
            PatientId = patient.Id, LocationId = location.Id, DateOfService = dateOfService, RenderingProviderId = doctor.Id, PlaceOfServiceCode = "11",
            Status = ChargeSheetStatuses.Released, CreatedAt = app.Clock.GetUtcNow().UtcDateTime, CreatedBy = "test", ReleasedAt = app.Clock.GetUtcNow().UtcDateTime,
            ReleasedBy = "test", Diagnoses = [new ChargeDiagnosis { Sequence = 1, Code = "I10" }],
            Lines = [new ChargeLine { LineNumber = 1, ProcedureCode = "99213", Amount = amount, DiagnosisPointers = "1" }],
        };
        var owed = Sheet(Today.AddDays(-45), 80m);
        db.ChargeSheets.AddRange(owed, Sheet(Today.AddDays(-5), 120m));
        await db.SaveChangesAsync();
        var line = owed.Lines[0].Id;
        var ledger = scope.ServiceProvider.GetRequiredService<PatientLedger>();
        ledger.Post(new LedgerEntry { PatientId = patient.Id, ChargeLineId = line, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance, Amount = 80m,
            IdempotencyKey = PatientLedger.ChargeKey(line), PostedBy = "test" });
        ledger.Post(new LedgerEntry { PatientId = patient.Id, ChargeLineId = line, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Insurance, Amount = -80m,
            IdempotencyKey = $"test:{line}:ins", PostedBy = "test" });
        ledger.Post(new LedgerEntry { PatientId = patient.Id, ChargeLineId = line, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Patient, Amount = 80m,
            IdempotencyKey = $"test:{line}:pat", PostedBy = "test" });
        await db.SaveChangesAsync();
        return new ReceivablesWebClinic(patient.Id, "Valdez, Ines", owed.Id);
    }
}
