using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;

namespace MedOffice.Tests.Billing;

/// <summary>The scheduling test clinic with its providers linked to NPIs and the small billing code sets loaded.</summary>
public sealed class BillingClinic
{
    public static readonly Actor Biller = BillingCodes.Biller;

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
        await BillingCodes.LoadAsync(db, office.Clock);
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
