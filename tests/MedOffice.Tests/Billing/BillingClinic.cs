using System.Text;
using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;

namespace MedOffice.Tests.Billing;

/// <summary>
/// Small code sets for charge tests (a handful of FY2026 ICD-10-CM codes, the office's CPT list, three modifiers),
/// loaded through the real importer; and the scheduling test clinic with its providers linked to NPIs.
/// </summary>
public sealed class BillingClinic
{
    public static readonly Actor Biller = new(3, "biller", "10.0.0.9");

    public const string Icd2026 =
        "code\tbillable\tshort_desc\tlong_desc\n" +
        "E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\n" +
        "E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\n" +
        "I10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n" +
        "J069\t1\tAcute upper respiratory infection, unspecified\tAcute upper respiratory infection, unspecified\n" +
        "Z0000\t1\tEncntr for general adult medical exam w/o abnormal findings\tEncounter for general adult medical examination without abnormal findings\n";

    public const string OfficeCpt =
        "code,description\n" +
        "99213,\"Office visit, established patient, low complexity\"\n" +
        "99214,\"Office visit, established patient, moderate complexity\"\n" +
        "36415,Collection of venous blood by venipuncture\n" +
        "93000,\"Electrocardiogram, routine, with interpretation and report\"\n";

    public static async Task LoadCodesAsync(MedOfficeDb db, TimeProvider clock)
    {
        var importer = new CodeSetImporter(db, new AuditTrail(db, clock), clock);
        Assert.True((await importer.ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(Icd2026)), "icd10cm_fy2026.tsv", null, Biller)).Succeeded);
        Assert.True((await importer.ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes(OfficeCpt)), "office-cpt.csv", Biller)).Succeeded);
        foreach (var (code, text) in new[] { ("25", "Significant, separately identifiable E/M"), ("59", "Distinct procedural service"), ("26", "Professional component") })
        {
            Assert.True((await importer.SaveModifierAsync(code, text, Biller)).Succeeded);
        }
    }

    public required ClinicSchedule Clinic { get; init; }
    public required Provider Alvarez { get; init; }
    public required Provider Okafor { get; init; }
    public TestOffice Office => Clinic.Office;

    public static async Task<BillingClinic> CreateAsync(TestOffice office)
    {
        var clinic = await ClinicSchedule.CreateAsync(office);
        var db = office.Db;
        var organization = db.Organizations.Local.First();
        var alvarez = new Provider { OrganizationId = organization.Id, FirstName = "Inés", LastName = "Alvarez", Credentials = "MD", Npi = Npi.FromNineDigits("192837465").Value, TaxonomyCode = "207Q00000X" };
        var okafor = new Provider { OrganizationId = organization.Id, FirstName = "Chidi", LastName = "Okafor", Credentials = "DO", Npi = Npi.FromNineDigits("918273645").Value };
        db.Providers.AddRange(alvarez, okafor);
        await db.SaveChangesAsync();
        clinic.DrAlvarez.ProviderId = alvarez.Id;
        clinic.DrOkafor.ProviderId = okafor.Id;
        await db.SaveChangesAsync();
        await LoadCodesAsync(db, office.Clock);
        return new BillingClinic { Clinic = clinic, Alvarez = alvarez, Okafor = okafor };
    }

    public FeeSchedules Fees() => new(Office.Db, Office.Audit);

    public ChargeEntry Charges()
    {
        var db = Office.Db;
        var fees = Fees();
        var procedures = new ProcedureCodes(db, Office.Audit);
        var rules = new ChargeRules(db, new DiagnosisCodes(db, new DiagnosisIndexCache()), procedures, fees);
        return new ChargeEntry(db, rules, fees, new Superbills(db, procedures, Office.Audit), Office.Audit, Office.Clock);
    }

    public Superbills Superbills() => new(Office.Db, new ProcedureCodes(Office.Db, Office.Audit), Office.Audit);

    public ChargeQueries Queries() => new(Office.Db, Office.Audit, Office.Clock);

    /// <summary>A follow-up booked with Dr. Alvarez at this local time (the clinic is in Chicago).</summary>
    public async Task<Appointment> VisitAsync(DateTime localStart, int? patientId = null, SchedulableResource? provider = null)
    {
        var booked = await Clinic.Booking().BookAsync(Clinic.FollowUpAt(localStart, provider, patientId), ClinicSchedule.Desk);
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors));
        return booked.Value!;
    }

    public async Task<FeeSchedule> ScheduleAsync(string name, int? payerId, DateOnly from, DateOnly? to, params (string Code, string Modifier, decimal Fee)[] entries)
    {
        var fees = Fees();
        var created = await fees.CreateAsync(new SaveFeeSchedule(name, payerId, from, to), Biller);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        foreach (var (code, modifier, fee) in entries)
        {
            var saved = await fees.SaveEntryAsync(created.Value!.Id, new SaveFeeEntry(code, modifier, fee, null), Biller);
            Assert.True(saved is { Succeeded: true }, saved is null ? "no schedule" : string.Join("; ", saved.Errors));
        }
        return created.Value!;
    }
}
