using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.FrontDesk;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Billing;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Billing;

/// <summary>
/// The front desk's test clinic with billing set up: Dr. Ferreira linked to an NPI, small FY2027 code sets (the app's
/// clock stands in November 2026), the office's fees and Acme's, a superbill of 99213 for the visit type, and the
/// insured patient's 09:00 visit checked out.
/// </summary>
public sealed record ChargeClinic(DeskClinic Desk, int ProviderId, int AppointmentId, int PatientId)
{
    public static async Task<ChargeClinic> CreateAsync(TestApp app)
    {
        var desk = await DeskClinic.CreateAsync(app);
        await using var scope = app.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MedOfficeDb>();
        var provider = new Provider
        {
            OrganizationId = (await db.Organizations.FirstAsync()).Id, FirstName = "Ana", LastName = "Ferreira", Credentials = "MD",
            Npi = Npi.FromNineDigits("123456789").Value, TaxonomyCode = "207Q00000X",
        };
        db.Providers.Add(provider);
        await db.SaveChangesAsync();
        (await db.SchedulableResources.SingleAsync(r => r.Id == desk.ProviderResourceId)).ProviderId = provider.Id;
        await db.SaveChangesAsync();
        await BillingCodes.LoadAsync(db, app.Clock, fiscalYear: 2027);

        var actor = Actor.System("test");
        var fees = services.GetRequiredService<FeeSchedules>();
        var office = await fees.CreateAsync(new SaveFeeSchedule("Office 2026", null, new DateOnly(2026, 1, 1), null), actor);
        var acme = await fees.CreateAsync(new SaveFeeSchedule("Acme 2026", app.PayerId, new DateOnly(2026, 1, 1), null), actor);
        Assert.True(office.Succeeded && acme.Succeeded);
        Assert.True((await fees.SaveEntryAsync(office.Value!.Id, new SaveFeeEntry("99213", null, 130m, null), actor))!.Succeeded);
        Assert.True((await fees.SaveEntryAsync(office.Value.Id, new SaveFeeEntry("93000", null, 65m, null), actor))!.Succeeded);
        Assert.True((await fees.SaveEntryAsync(acme.Value!.Id, new SaveFeeEntry("99213", null, 95m, 80m), actor))!.Succeeded);
        Assert.True((await services.GetRequiredService<Superbills>().SetAsync(desk.VisitTypeId, [new("99213", null, 1)], actor))!.Succeeded);

        var frontDesk = services.GetRequiredService<FrontDeskService>();
        var visit = desk.InsuredAppointmentId;
        Assert.True((await frontDesk.CheckInAsync(visit, new CheckIn(true, true, []), actor))!.Succeeded);
        Assert.True((await frontDesk.RoomAsync(visit, null, actor))!.Succeeded);
        Assert.True((await frontDesk.CheckOutAsync(visit, null, actor))!.Succeeded);
        return new ChargeClinic(desk, provider.Id, visit, desk.InsuredPatientId);
    }
}
