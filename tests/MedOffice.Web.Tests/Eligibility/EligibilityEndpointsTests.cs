using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Eligibility;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Eligibility;

public class EligibilityEndpointsTests
{
    private const string Summary = "Active · GOLD 123 PLAN · plan from 01/01/2006 · office visit copay $10 · deductible left $450 of $1,500 · out-of-pocket left $2,100 · coinsurance 20%";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_check_asked_by_the_api_and_answered_by_the_clearinghouse_shows_in_words_on_the_check_in_form_and_the_patient_page(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        await using var exchange = await EligibilityExchange.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        int coverageId;
        await using (var db = app.NewDb())
        {
            coverageId = await db.Coverages.Where(c => c.PatientId == clinic.InsuredPatientId).Select(c => c.Id).SingleAsync();
        }
        var before = WebUtility.HtmlDecode(await desk.GetStringAsync($"/frontdesk?location={clinic.LocationId}"));
        Assert.Contains("Eligibility, primary (Acme Health):</strong> No check yet", before, StringComparison.Ordinal);

        var asked = await desk.PostAsJsonAsync("/api/eligibility/checks", new { CoverageIds = new[] { coverageId }, ServiceDate = "2026-11-23" });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Single(Directory.GetFiles(exchange.Outbound, "270-*.x12"));
        var waiting = WebUtility.HtmlDecode(await desk.GetStringAsync($"/frontdesk?location={clinic.LocationId}"));
        Assert.Contains("Eligibility, primary (Acme Health):</strong> Asked today for 11/23/2026: waiting for the payer's answer", waiting, StringComparison.Ordinal);

        await exchange.AnswerAsync(app);
        var collected = await desk.PostAsJsonAsync("/api/clearinghouse/collect", new { });
        Assert.Equal(HttpStatusCode.OK, collected.StatusCode);
        Assert.Contains("1 eligibility answers (1 answered)", await collected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await desk.GetStringAsync($"/frontdesk?location={clinic.LocationId}"));
        Assert.Contains($"Eligibility, primary (Acme Health):</strong> {Summary}", page, StringComparison.Ordinal);
        var patient = WebUtility.HtmlDecode(await desk.GetStringAsync($"/patients/{clinic.InsuredPatientId}"));
        Assert.Contains(Summary, patient, StringComparison.Ordinal);
        var rows = await desk.GetFromJsonAsync<List<EligibilityRow>>($"/api/eligibility/checks?patientId={clinic.InsuredPatientId}");
        var row = Assert.Single(rows!);
        Assert.Equal((EligibilityStatuses.Answered, Summary), (row.Status, row.Summary));

        // A clinician reads the answer on the patient page but does not ask payers.
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync("/api/eligibility/checks", new { CoverageIds = new[] { coverageId } })).StatusCode);
        var seen = WebUtility.HtmlDecode(await clinician.GetStringAsync($"/patients/{clinic.InsuredPatientId}"));
        Assert.Contains(Summary, seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Check eligibility now", seen, StringComparison.Ordinal);
    }
}
