using System.Net;
using System.Text;
using System.Text.Json;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Tests.Remittance.Era;

namespace MedOffice.Web.Tests.Remittance;

/// <summary>The billing office uploads an 835 on /remittances or through /api/remittances and sees what was posted, or why not.</summary>
public class RemittanceEndpointsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Uploading_an_835_on_the_page_posts_it_and_shows_the_summary_and_the_remittance(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var claim = await SentClaimAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/remittances");

        var posted = await biller.PostAsync("/remittances/import", Upload("aetna.835", Paying(claim, "CHK1001"), token));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await biller.GetStringAsync(posted.Headers.Location);
        Assert.Contains("Matched 1: paid 1, adjusted 1, denied 0, reversed 0.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var list = await biller.GetStringAsync("/remittances");
        Assert.Contains("CHK1001", list, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(-80m, (await db.LedgerEntries.Where(e => e.ClaimId == claim.Id && e.Kind == "InsurancePayment").ToListAsync()).Sum(e => e.Amount));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Uploading_an_835_to_the_api_answers_with_the_summary_and_lists_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var claim = await SentClaimAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/remittances");

        var posted = await biller.PostAsync("/api/remittances", Upload("aetna.835", Paying(claim, "CHK1002"), token));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var summary = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal(1, summary.RootElement.GetProperty("matched").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("paid").GetInt32());
        Assert.Equal(80m, summary.RootElement.GetProperty("paymentAmount").GetDecimal());
        var remittanceId = summary.RootElement.GetProperty("remittanceIds")[0].GetInt32();
        var one = await biller.GetStringAsync($"/api/remittances/{remittanceId}");
        Assert.Contains("CHK1002", one, StringComparison.Ordinal);
        Assert.Contains("CHK1002", await biller.GetStringAsync("/api/remittances"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_835_that_does_not_balance_is_refused_with_the_difference_and_nothing_is_posted(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var claim = await SentClaimAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/remittances");
        var shortPaid = Build("CHK1003", [ClaimPaid(claim)], payment: 79.90m);

        var api = await biller.PostAsync("/api/remittances", Upload("short.835", shortPaid, token));
        var form = await biller.PostAsync("/remittances/import", Upload("short.835", shortPaid, token));

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadAsStringAsync();
        Assert.Contains("does not balance, so nothing was posted", problem, StringComparison.Ordinal);
        Assert.Contains("difference -0.10.", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var page = WebUtility.HtmlDecode(await biller.GetStringAsync(form.Headers.Location));
        Assert.Contains("difference -0.10.", page, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal((0, 0), (await db.Remittances.CountAsync(), await db.LedgerEntries.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_that_is_not_an_835_is_refused_saying_so(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/remittances");
        const string Statement = "Patient,Amount\nMarchetti,120.00\n";

        var api = await biller.PostAsync("/api/remittances", Upload("statement.csv", Statement, token));
        var form = await biller.PostAsync("/remittances/import", Upload("statement.csv", Statement, token));

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("statement.csv is not an 835 MedOffice can read", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await biller.GetStringAsync(form.Headers.Location));
        Assert.Contains("statement.csv is not an 835 MedOffice can read", page, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Remittances.CountAsync());
    }

    private static string Paying(Claim claim, string trace) => Build(trace, [ClaimPaid(claim)]);

    private static MedOffice.Tests.Remittance.EraClaim ClaimPaid(Claim claim) =>
        new(claim.ClaimNumber, "1", 120m, 80m, 20m, "P" + claim.Id, [new("99213", "", 120m, 80m, claim.Lines[0].ChargeLineId, Co("45", 20m), Pr("2", 20m))]);

    private static MultipartFormDataContent Upload(string fileName, string text, string token) => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName },
        { new StringContent(token), Antiforgery.FieldName },
    };

    /// <summary>A released 99213 for $120 and its primary claim, sent to the app's payer (as the claims feature leaves it).</summary>
    private static async Task<Claim> SentClaimAsync(TestApp app)
    {
        await using var db = app.NewDb();
        var organization = await db.Organizations.FirstAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Main Street", AddressLine1 = "100 Main St", City = "Springfield", State = "IL", PostalCode = "62701",
            TimeZoneId = "America/Chicago",
        };
        var doctor = new Provider { OrganizationId = organization.Id, FirstName = "Ana", LastName = "Ferreira", Npi = Npi.FromNineDigits("198765432").Value };
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var patient = new Patient
        {
            Mrn = "40000001", LegalFirstName = "Odette", LegalLastName = "Marchetti", SexAtBirth = SexesAtBirth.Female, DateOfBirth = new DateOnly(1968, 4, 2),
            CreatedAt = now, UpdatedAt = now,
        };
        patient.RefreshSearchKeys();
        db.AddRange(location, doctor, patient);
        await db.SaveChangesAsync();
        var coverage = new Coverage
        {
            PatientId = patient.Id, PayerId = app.PayerId, MemberId = "W123456789", SubscriberFirstName = "Odette", SubscriberLastName = "Marchetti",
            SubscriberDateOfBirth = new DateOnly(1968, 4, 2), SubscriberSex = "F", EffectiveOn = new DateOnly(2026, 1, 1), CreatedAt = now, UpdatedAt = now,
        };
        var sheet = new ChargeSheet
        {
            PatientId = patient.Id, LocationId = location.Id, DateOfService = new DateOnly(2026, 11, 10), RenderingProviderId = doctor.Id, PlaceOfServiceCode = "11",
            Status = ChargeSheetStatuses.Released, CreatedAt = now, CreatedBy = "biller", ReleasedAt = now, ReleasedBy = "biller",
            Diagnoses = [new ChargeDiagnosis { Sequence = 1, Code = "I10" }],
            Lines = [new ChargeLine { LineNumber = 1, ProcedureCode = "99213", Amount = 120m, DiagnosisPointers = "1" }],
        };
        db.AddRange(coverage, sheet);
        await db.SaveChangesAsync();
        var claim = new Claim
        {
            ClaimNumber = "WEB" + sheet.Id, ChargeSheetId = sheet.Id, PatientId = patient.Id, CoverageId = coverage.Id, PayerId = app.PayerId, PayerSequence = "P",
            DateOfService = sheet.DateOfService, TotalCharge = 120m, Status = ClaimStatuses.Sent, CreatedAt = now, UpdatedAt = now,
            Lines = [new ClaimLine { LineNumber = 1, ChargeLineId = sheet.Lines[0].Id, ProcedureCode = "99213", Units = 1, Amount = 120m, DiagnosisPointers = "1" }],
        };
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return claim;
    }
}
