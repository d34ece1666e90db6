using System.Globalization;
using System.Text.RegularExpressions;
using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Billing;

/// <summary>Everything the charge sheet editor shows besides the sheet: names, choices, fees, and what this user may do.</summary>
public sealed partial record ChargeScreen(
    ChargeSheet Sheet,
    string PatientName,
    string? VisitType,
    IReadOnlyList<Provider> Providers,
    IReadOnlyList<PlaceOfService> Places,
    IReadOnlyDictionary<int, DiagnosisCodeInfo?> DiagnosisNames,
    IReadOnlyDictionary<string, string> ProcedureNames,
    IReadOnlyDictionary<int, decimal?> FeeByLine,
    int? ReplacedById,
    bool CanWrite,
    bool CanRelease)
{
    public bool IsDraft => Sheet.Status == ChargeSheetStatuses.Draft;

    public string ProviderName(int id) => Providers.FirstOrDefault(p => p.Id == id)?.FullName ?? "";

    public static async Task<ChargeScreen> LoadAsync(ChargeSheet sheet, MedOfficeDb db, DiagnosisCodes diagnoses, FeeSchedules fees, ChargeRules rules,
        IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == sheet.PatientId)
            .Select(p => p.LegalLastName + ", " + p.LegalFirstName).FirstOrDefaultAsync() ?? "";
        var visitType = sheet.AppointmentId is { } appointmentId
            ? await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
                .Join(db.AppointmentTypes, a => a.AppointmentTypeId, t => t.Id, (a, t) => t.Name).FirstOrDefaultAsync()
            : null;
        var providers = await db.Providers.AsNoTracking().Where(p => p.IsActive || p.Id == sheet.RenderingProviderId).OrderBy(p => p.LastName).ToListAsync();
        var places = await db.PlacesOfService.AsNoTracking().OrderBy(p => p.Code).ToListAsync();
        var checks = await diagnoses.CheckManyAsync(sheet.Diagnoses.Select(d => d.Code).ToList(), sheet.DateOfService);
        var names = sheet.Diagnoses.Zip(checks).ToDictionary(p => p.First.Sequence, p => p.Second.Code);
        var codes = sheet.Lines.Select(l => l.ProcedureCode).Distinct().ToList();
        var procedures = await db.BillingCodes.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.ShortDescription);
        var payerId = sheet.Lines.Count > 0 ? await rules.PrimaryPayerAsync(sheet.PatientId, sheet.DateOfService) : null;
        var quotes = await fees.FeesForAsync(sheet.Lines.Select(l => (l.ProcedureCode, l.Modifiers)).ToList(), payerId, sheet.DateOfService);
        var feeByLine = sheet.Lines.Zip(quotes).ToDictionary(p => p.First.LineNumber, p => p.Second?.Fee);
        var replacedBy = await db.ChargeSheets.AsNoTracking().Where(s => s.ReplacesChargeSheetId == sheet.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        return new ChargeScreen(sheet, patient, visitType, providers, places, names, procedures, feeByLine, replacedBy,
            (await authorization.AuthorizeAsync(user, Policies.ChargesWrite)).Succeeded,
            (await authorization.AuthorizeAsync(user, Policies.ChargesRelease)).Succeeded);
    }

    /// <summary>A field as the service names it ("Lines[1].DiagnosisPointers") in the words of the page ("Line 2, diagnosis pointers").</summary>
    public static string FieldLabel(string field)
    {
        var match = FieldPattern().Match(field);
        if (!match.Success)
        {
            return Words(field);
        }
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
        var what = match.Groups[1].Value == "Lines" ? "Line" : "Diagnosis";
        return match.Groups[3].Success ? $"{what} {number}, {Words(match.Groups[3].Value)}" : $"{what} {number}";
    }

    private static string Words(string name) => name switch
    {
        "DiagnosisPointers" => "diagnosis pointers",
        "ProcedureCode" => "procedure code",
        "RenderingProviderId" => "rendering provider",
        "PlaceOfServiceCode" => "place of service",
        "ReferringProviderNpi" => "referring provider's NPI",
        "ReferringProviderLastName" => "referring provider's name",
        "AppointmentId" => "visit",
        "Status" => "status",
        _ => name.ToLowerInvariant(),
    };

    [GeneratedRegex(@"^(Lines|Diagnoses)\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex FieldPattern();
}
