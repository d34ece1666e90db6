using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.Infrastructure;

namespace MedOffice.Web.Tests.Statements;

public class StatementEndpointTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_patients_statement_is_a_PDF_with_the_patient_due_the_aging_row_and_the_stub_and_only_the_billing_office_gets_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await StatementWebClinic.CreateAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);

        var response = await biller.GetAsync($"/patients/{clinic.PatientId}/statement");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await PdfTools.AssertValidAsync(pdf);
        var text = await PdfTools.TextAsync(pdf);
        foreach (var expected in new[] { "STATEMENT", "Patient due", "$30.00", "Current", "31–60 days", "Amount enclosed", "Account number", "99213", "$130.00", "$80.00" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await biller.GetAsync("/patients/999999/statement")).StatusCode);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync($"/api/statements/runs")).StatusCode);

        // The API generates a run once per date; the second call adds nothing; a bad date names the field.
        var first = await biller.PostAsJsonAsync("/api/statements/runs", new { statementDate = "2026-11-23" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<RunAnswer>())!.Added);
        Assert.Equal(0, (await (await biller.PostAsJsonAsync("/api/statements/runs", new { statementDate = "2026-11-23" })).Content.ReadFromJsonAsync<RunAnswer>())!.Added);
        var bad = await biller.PostAsJsonAsync("/api/statements/runs", new { statementDate = "23/11/2026" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("statementDate", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record RunAnswer(int? RunId, int Added, decimal Total);
}
