using System.Globalization;
using System.Text.RegularExpressions;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Tests.Remittance;
using MedOffice.Web.Tests.Billing;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedOffice.Tests.Remittance.Era;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

/// <summary>
/// The money path in, as the billing office and the desk live it: the primary's 835 is imported and posted, its denial
/// waits in the worklist, the secondary claim is made, the secondary's 835 leaves the coinsurance to the patient, her
/// statement says so, she pays at the desk, and the A/R aging follows every step.
/// </summary>
public sealed class MoneyJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_835_posts_a_denial_and_a_secondary_claim_then_the_statement_shows_what_the_patient_pays_at_the_desk(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await ChargeClinic.CreateAsync(app);
        var folder = Directory.CreateTempSubdirectory("medoffice-money-").FullName;
        try
        {
            var (claimNumber, lines) = await SendClaimAsync(app, clinic, folder);
            var (office, ekg) = (lines[0], lines[1]);
            // Acme allows 75 of the 95 visit and leaves 20 coinsurance; it denies the EKG as not medically necessary.
            var primaryEra = Path.Combine(folder, "acme.835");
            await File.WriteAllTextAsync(primaryEra, Build("ACME0001", [new EraClaim(claimNumber, "1", office.Amount + ekg.Amount, 55m, 20m, "ACM-CLM-1",
                [
                    new EraLine(office.ProcedureCode, "", office.Amount, 55m, office.Id, Co("45", office.Amount - 75m), Pr("2", 20m)),
                    new EraLine(ekg.ProcedureCode, "", ekg.Amount, 0m, ekg.Id, Co("50", ekg.Amount)),
                ])]));

            await using var session = await BrowserSession.OpenAsync(chromium, app);
            string secondaryNumber = "";
            await session.RunAsync(async page =>
            {
                await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);
                await page.GotoAsync("/receivables?tab=payer");
                await Expect(page.Locator("#insurance-total")).ToHaveTextAsync(Money(office.Amount + ekg.Amount));
                await Expect(page.Locator("#patient-total")).ToHaveTextAsync(Money(0m));

                // The primary's 835: posted, the EKG's denial in the worklist with what to do next, the secondary claim made.
                await page.GotoAsync("/remittances");
                await page.Locator("#remittance-file").SetInputFilesAsync(primaryEra);
                await page.Locator("#import-remittance").ClickAsync();
                var done = page.Locator("#remittance-done");
                await Expect(done).ToContainTextAsync("Matched 1: paid 1");
                await Expect(done).ToContainTextAsync(new Regex(@"Secondary claims made: \S+S1\."));
                secondaryNumber = Regex.Match(await done.InnerTextAsync(), @"Secondary claims made: (\S+)\.").Groups[1].Value;
                await page.GotoAsync("/remittances");
                var denial = page.Locator($".denials tr[data-claim='{claimNumber}']");
                await Expect(denial).ToContainTextAsync("CO-50");
                await Expect(denial).ToContainTextAsync(ekg.ProcedureCode);
                await session.ShotAsync("primary-posted-denial");

                await page.GotoAsync("/claims");
                await Expect(page.Locator($"tr[data-claim='{secondaryNumber}']").First).ToBeVisibleAsync();

                // With the secondary: 20 of coinsurance is still insurance's, nothing is the patient's yet.
                await page.GotoAsync("/receivables?tab=payer");
                await Expect(page.Locator("#insurance-total")).ToHaveTextAsync(Money(20m));
                await Expect(page.Locator("#patient-total")).ToHaveTextAsync(Money(0m));
            });

            // The secondary pays nothing: the coinsurance is the patient's.
            var secondaryLines = await SecondaryLinesAsync(app, secondaryNumber);
            var countyEra = Path.Combine(folder, "county.835");
            await File.WriteAllTextAsync(countyEra, Build("CNTY0001", [new EraClaim(secondaryNumber, "2", secondaryLines.Sum(l => l.Amount), 0m, 20m, "CNTY-1",
                secondaryLines.Select(l => l.Id == office.Id
                    ? new EraLine(l.ProcedureCode, "", l.Amount, 0m, l.Id, Oa("23", l.Amount - 20m), Pr("1", 20m))
                    : new EraLine(l.ProcedureCode, "", l.Amount, 0m, l.Id, Oa("23", l.Amount))).ToArray())]));

            await session.RunAsync(async page =>
            {
                await page.GotoAsync("/remittances");
                await page.Locator("#remittance-file").SetInputFilesAsync(countyEra);
                await page.Locator("#import-remittance").ClickAsync();
                await Expect(page.Locator("#remittance-done")).ToContainTextAsync("Matched 1");
                await page.GotoAsync("/receivables?tab=patient");
                await Expect(page.Locator("#insurance-total")).ToHaveTextAsync(Money(0m));
                await Expect(page.Locator("#patient-total")).ToHaveTextAsync(Money(20m));
                await Expect(page.Locator($"#aging-by-patient tr[data-patient-id='{clinic.PatientId}']")).ToContainTextAsync(Money(20m));

                // Her statement: the visit, what insurance paid and adjusted, 20.00 due.
                var statement = await page.APIRequest.GetAsync($"/patients/{clinic.PatientId}/statement");
                Assert.Equal(200, statement.Status);
                var text = await PdfTools.TextAsync(await statement.BodyAsync());
                Assert.Contains("Marchetti", text, StringComparison.Ordinal);
                Assert.Contains("20.00", text, StringComparison.Ordinal);
                Assert.Contains("55.00", text, StringComparison.Ordinal);
                await session.SignOutAsync();

                // She pays at the desk.
                await session.SignInAsync(TestApp.UserFor(Roles.FrontDesk), TestApp.Password);
                await page.GotoAsync($"/patients/{clinic.PatientId}/account");
                await Expect(page.Locator("#patient-balance")).ToContainTextAsync(Money(20m));
                await page.Locator("#payment-amount").FillAsync("20.00");
                await page.Locator("#payment-method").SelectOptionAsync("Cash");
                await page.Locator("#post-payment").ClickAsync();
                await Expect(page.Locator("#payment-done")).ToContainTextAsync("Payment of " + Money(20m) + " posted");
                await Expect(page.Locator("#patient-balance")).ToContainTextAsync(Money(0m));
                var receipt = await page.APIRequest.GetAsync(await page.Locator("#receipt-link").GetAttributeAsync("href") ?? "");
                Assert.Contains("20.00", await PdfTools.TextAsync(await receipt.BodyAsync()), StringComparison.Ordinal);
                await session.ShotAsync("paid-at-desk");
                await session.SignOutAsync();

                await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);
                await page.GotoAsync("/receivables?tab=patient");
                await Expect(page.Locator("#patient-total")).ToHaveTextAsync(Money(0m));
                await Expect(page.Locator("#grand-total")).ToHaveTextAsync(Money(0m));
                await session.ShotAsync("aging-after-payment");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Money(decimal amount) => amount.ToString("C", CultureInfo.GetCultureInfo("en-US"));

    /// <summary>Billing set up, the checked-out visit charged (office visit and an EKG), secondary coverage added, the claim sent.</summary>
    private static async Task<(string ClaimNumber, List<ChargeLine> Lines)> SendClaimAsync(TestApp app, ChargeClinic clinic, string folder)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MedOfficeDb>();
        var organization = await db.Organizations.FirstAsync();
        organization.TaxId = "362345678";
        organization.BillingNpi = MedOffice.Practice.Npi.FromNineDigits("112233445").Value;
        organization.BillingTaxonomyCode = "261QP2300X";
        organization.BillingAddressLine1 = "5 River Rd";
        organization.BillingCity = "Chicago";
        organization.BillingState = "IL";
        organization.BillingPostalCode = "606071234";
        organization.BillingPhone = "3125550100";
        db.Clearinghouses.Add(new Clearinghouse
        {
            Name = "Lakeside", SubmitterId = "RIVERSIDE01", ReceiverId = "LAKESIDE", ContactName = "Blake Biller", ContactPhone = "312-555-0100",
            OutboundFolder = Path.Combine(folder, "out"), InboundFolder = Path.Combine(folder, "in"),
        });
        var patient = await db.Patients.SingleAsync(p => p.Id == clinic.PatientId);
        (patient.AddressLine1, patient.City, patient.State, patient.PostalCode) = ("12 Elm St", "Chicago", "IL", "60614");
        await db.SaveChangesAsync();
        var actor = Actor.System("test");
        var secondary = await services.GetRequiredService<PatientRegistry>().AddCoverageAsync(clinic.PatientId, new CoverageDetails
        {
            PayerId = app.PayerWithoutMemberIdId, MemberId = "CTY445566", Priority = CoveragePriorities.Secondary, EffectiveOn = new DateOnly(2026, 1, 1),
        }, actor);
        Assert.True(secondary!.Succeeded, string.Join("; ", secondary.Errors));

        var appointment = await db.Appointments.SingleAsync(a => a.Id == clinic.AppointmentId);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sheet = new ChargeSheet
        {
            PatientId = clinic.PatientId, AppointmentId = clinic.AppointmentId, LocationId = appointment.LocationId, DateOfService = new DateOnly(2026, 11, 23),
            RenderingProviderId = clinic.ProviderId, PlaceOfServiceCode = "11", Status = ChargeSheetStatuses.Released, CreatedAt = now, CreatedBy = "biller",
            ReleasedAt = now, ReleasedBy = "biller",
            Diagnoses = [new ChargeDiagnosis { Sequence = 1, Code = "I10" }],
            Lines =
            [
                new ChargeLine { LineNumber = 1, ProcedureCode = "99213", Amount = 95m, DiagnosisPointers = "1", Modifier1 = "", Modifier2 = "" },
                new ChargeLine { LineNumber = 2, ProcedureCode = "93000", Amount = 65m, DiagnosisPointers = "1", Modifier1 = "", Modifier2 = "" },
            ],
        };
        db.ChargeSheets.Add(sheet);
        await db.SaveChangesAsync();
        var batch = await services.GetRequiredService<ClaimBatches>().CreateAsync(actor);
        Assert.True(batch.Succeeded, string.Join("; ", batch.Errors));
        var claim = await db.Claims.AsNoTracking().SingleAsync(c => c.ChargeSheetId == sheet.Id);
        Assert.Equal(ClaimStatuses.Sent, claim.Status);
        return (claim.ClaimNumber, sheet.Lines.OrderBy(l => l.LineNumber).ToList());
    }

    private static async Task<List<ChargeLine>> SecondaryLinesAsync(TestApp app, string claimNumber)
    {
        await using var db = app.NewDb();
        var claim = await db.Claims.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.ClaimNumber == claimNumber);
        var ids = claim.Lines.Select(l => l.ChargeLineId).ToList();
        return await db.ChargeLines.AsNoTracking().Where(l => ids.Contains(l.Id)).OrderBy(l => l.LineNumber).ToListAsync();
    }
}
