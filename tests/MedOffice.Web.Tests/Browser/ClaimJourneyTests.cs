using System.Text.RegularExpressions;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Billing;
using MedOffice.Web.Tests.Infrastructure;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedOffice.Web.Tests.Browser;

/// <summary>
/// The money path out, as the biller lives it: set up billing, charge a visit, let the scrubber catch what is missing,
/// fix it, send the 837P batch, and read the clearinghouse's 999 and the payer's 277CA back into the claims.
/// </summary>
public sealed class ClaimJourneyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Visit_to_charges_to_a_scrubbed_batch_and_back_through_999_and_277CA(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, kestrel: true);
        var clinic = await ChargeClinic.CreateAsync(app);
        var exchange = Directory.CreateTempSubdirectory("medoffice-exchange-").FullName;
        try
        {
            await using var session = await BrowserSession.OpenAsync(chromium, app);
            await session.RunAsync(async page =>
            {
                await session.SignInAsync(TestApp.UserFor(Roles.Biller), TestApp.Password);

                // Billing provider and clearinghouse, set up once; a five-digit billing ZIP is refused by name.
                await page.GotoAsync("/claims/setup");
                var billing = page.Locator("#billing-form");
                await billing.Locator("[name='Billing.BillingNpi']").FillAsync(MedOffice.Practice.Npi.FromNineDigits("112233445").Value);
                await billing.Locator("[name='Billing.TaxId']").FillAsync("74-1234567");
                await billing.Locator("[name='Billing.BillingTaxonomyCode']").FillAsync("261QP2300X");
                await billing.Locator("[name='Billing.BillingAddressLine1']").FillAsync("5 River Rd");
                await billing.Locator("[name='Billing.BillingCity']").FillAsync("Chicago");
                await billing.Locator("[name='Billing.BillingState']").FillAsync("IL");
                await billing.Locator("[name='Billing.BillingPostalCode']").FillAsync("60607");
                await billing.GetByRole(AriaRole.Button).ClickAsync();
                await Expect(page.Locator("[data-field='BillingPostalCode']")).ToContainTextAsync("all nine digits (ZIP+4)");
                await page.Locator("#billing-form [name='Billing.BillingPostalCode']").FillAsync("60607-1234");
                await page.Locator("#billing-form").GetByRole(AriaRole.Button).ClickAsync();
                await Expect(page.Locator("#setup-done")).ToHaveTextAsync("Billing provider saved.");
                var house = page.Locator("#clearinghouse-form");
                await house.Locator("[name='House.Name']").FillAsync("Lakeside Clearinghouse");
                await house.Locator("[name='House.SubmitterId']").FillAsync("RIVERSIDE01");
                await house.Locator("[name='House.ReceiverId']").FillAsync("LAKESIDE");
                await house.Locator("[name='House.ContactName']").FillAsync("Blake Biller");
                await house.Locator("[name='House.ContactPhone']").FillAsync("312-555-0100");
                await house.Locator("[name='House.OutboundFolder']").FillAsync(Path.Combine(exchange, "outbound"));
                await house.Locator("[name='House.InboundFolder']").FillAsync(Path.Combine(exchange, "inbound"));
                await house.GetByRole(AriaRole.Button).ClickAsync();
                await Expect(page.Locator("#setup-done")).ToHaveTextAsync("Clearinghouse saved.");
                await session.ShotAsync("claims-setup");

                // Charges for the checked-out visit: the superbill's office visit, a diagnosis found by words, released.
                await page.GotoAsync($"/charges/visit/{clinic.AppointmentId}");
                await page.Locator("#start-charges").ClickAsync();
                await page.Locator("#dx-search").PressSequentiallyAsync("hypertension", new() { Delay = 20 });
                await page.Locator("#dx-results li[data-code='I10']").ClickAsync();
                await Expect(page.Locator("tr.diagnosis[data-code='I10']")).ToBeVisibleAsync();
                await page.Locator("tr.line[data-line='1'] input[name='pointers']").FillAsync("1");
                await page.Locator("tr.line[data-line='1']").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
                await Expect(page.Locator("#charges-done")).ToHaveTextAsync("Saved line 1.");
                await page.Locator("#release").ClickAsync();
                await Expect(page.Locator("#sheet-status")).ToHaveTextAsync("Released to billing");

                // The scrubber holds the claim: the patient's address never made it into her record.
                await page.GotoAsync("/claims");
                await page.Locator("#create-batch").ClickAsync();
                await Expect(page.Locator("#claims-error")).ToContainTextAsync("No claim is ready to send: 1 wait for corrections (see the worklist).");
                var held = page.Locator("#worklist tbody tr").First;
                await Expect(held).ToContainTextAsync("Patient.AddressLine1: The patient's street address is missing, and Acme Health needs it on the claim.");
                await session.ShotAsync("worklist-planted-error");
                await held.GetByRole(AriaRole.Link).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex(@"/claims/\d+$"));
                var claimUrl = page.Url;
                await Expect(page.Locator("#findings [data-field='Patient.PostalCode']")).ToContainTextAsync("The patient's ZIP code is missing");

                // Fixed at the source, the patient's record; scrubbed again, the claim is ready.
                await page.GotoAsync($"/patients/{clinic.PatientId}/edit");
                await page.Locator("#line1").FillAsync("12 Elm St");
                await page.Locator("#city").FillAsync("Chicago");
                await page.Locator("#state").FillAsync("IL");
                await page.Locator("#zip").FillAsync("60614");
                await page.Locator("#save").ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex($"/patients/{clinic.PatientId}"));
                await page.GotoAsync(claimUrl);
                await page.Locator("#scrub-again").ClickAsync();
                await Expect(page.Locator("#claim-status")).ToHaveTextAsync(ClaimStatuses.Ready);
                await Expect(page.Locator("#findings")).ToHaveCountAsync(0);

                await page.GotoAsync("/claims");
                await page.Locator("#create-batch").ClickAsync();
                await Expect(page.Locator("#claims-done")).ToContainTextAsync("Batch 1 sent: 1 claims in 837P-");
                await session.ShotAsync("batch-sent");
            });

            // The file is at the clearinghouse's door, valid against the implementation guide.
            var file = Assert.Single(Directory.GetFiles(Path.Combine(exchange, "outbound")));
            Assert.True(X12Validator.Validate(await File.ReadAllTextAsync(file)).IsValid);
            int group;
            string claimNumber;
            await using (var db = app.NewDb())
            {
                group = (await db.ClaimBatches.SingleAsync()).GroupControlNumber;
                claimNumber = (await db.Claims.SingleAsync()).ClaimNumber;
            }
            // The clearinghouse answers: a 999 for the file, the payer's 277CA for the claim.
            Directory.CreateDirectory(Path.Combine(exchange, "inbound"));
            await File.WriteAllTextAsync(Path.Combine(exchange, "inbound", "999.x12"), ClearinghouseSamples.ImplementationAcknowledgment(group));
            await File.WriteAllTextAsync(Path.Combine(exchange, "inbound", "277ca.x12"), ClearinghouseSamples.ClaimAccepted(claimNumber));

            await session.RunAsync(async page =>
            {
                await page.GotoAsync("/claims");
                await page.Locator("#collect-responses").ClickAsync();
                await Expect(page.Locator("#claims-done")).ToContainTextAsync("2 files read.");
                await Expect(page.Locator("#claims-done")).ToContainTextAsync("277CA: 1 claims accepted, 0 rejected.");
                await Expect(page.Locator($"#claims-ready tr[data-claim='{claimNumber}']")).ToContainTextAsync(ClaimStatuses.Accepted);
                await Expect(page.Locator("#batches tbody tr").First).ToContainTextAsync("Accepted: 999: Accepted");
                await Expect(page.Locator("[data-status='Accepted']")).ToHaveTextAsync("Accepted: 1");
                await session.ShotAsync("acknowledged");
            });
        }
        finally
        {
            Directory.Delete(exchange, recursive: true);
        }
    }
}
