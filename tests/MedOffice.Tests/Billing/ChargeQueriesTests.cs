using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Billing;

public class ChargeQueriesTests
{
    private static readonly MedOffice.Security.Actor Biller = BillingClinic.Biller;

    private static ChargeSheet Sheet(BillingClinic clinic, int locationId, DateOnly dateOfService) => new()
    {
        PatientId = clinic.Clinic.Patient.Id, LocationId = locationId, DateOfService = dateOfService, RenderingProviderId = clinic.Alvarez.Id,
        PlaceOfServiceCode = "11", CreatedAt = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), CreatedBy = "biller",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_drafts_age_counts_from_the_date_at_its_location_not_in_UTC(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await BillingClinic.CreateAsync(office);
        var guam = new Location
        {
            OrganizationId = clinic.Clinic.Location.OrganizationId, Name = "Hagåtña", AddressLine1 = "1 Marine Corps Dr", City = "Hagatna", State = "GU",
            PostalCode = "96910", TimeZoneId = "Pacific/Guam",
        };
        office.Db.Locations.Add(guam);
        await office.Db.SaveChangesAsync();
        var chicago = Sheet(clinic, clinic.Clinic.Location.Id, new DateOnly(2026, 3, 9));
        var hagatna = Sheet(clinic, guam.Id, new DateOnly(2026, 3, 10));
        office.Db.ChargeSheets.AddRange(chicago, hagatna);
        await office.Db.SaveChangesAsync();
        // 02:00 UTC on the 17th: still the evening of the 16th in Chicago, already midday of the 17th on Guam.
        office.Clock.Advance(TimeSpan.FromHours(11));

        var review = clinic.Queries();
        var week = await review.ToReviewAsync(7, null, Biller);
        Assert.Equal([(chicago.Id, 7), (hagatna.Id, 7)], week.Select(r => (r.Id, r.AgeDays)));
        Assert.Empty(await review.ToReviewAsync(8, null, Biller));
        Assert.Equal([(hagatna.Id, 7), (chicago.Id, 7)], (await review.ForPatientAsync(clinic.Clinic.Patient.Id, Biller)).Select(r => (r.Id, r.AgeDays)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_patients_charges_list_the_latest_500_newest_first(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await BillingClinic.CreateAsync(office);
        var first = new DateOnly(2024, 1, 1);
        office.Db.ChargeSheets.AddRange(Enumerable.Range(0, 501).Select(i => Sheet(clinic, clinic.Clinic.Location.Id, first.AddDays(i))));
        await office.Db.SaveChangesAsync();

        var rows = await clinic.Queries().ForPatientAsync(clinic.Clinic.Patient.Id, Biller);

        Assert.Equal(500, rows.Count);
        Assert.Equal((first.AddDays(500), first.AddDays(1)), (rows[0].DateOfService, rows[^1].DateOfService));
    }
}
