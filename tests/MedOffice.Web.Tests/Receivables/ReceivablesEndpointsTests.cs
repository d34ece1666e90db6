using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;

namespace MedOffice.Web.Tests.Receivables;

public class ReceivablesEndpointsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_aging_CSVs_give_each_payer_and_patient_by_bucket_with_totals_and_a_bad_day_is_refused_by_name(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await ReceivablesWebClinic.CreateAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);

        var byPatient = await biller.GetAsync("/receivables/aging-by-patient.csv?asOf=2026-11-23");
        Assert.Equal(HttpStatusCode.OK, byPatient.StatusCode);
        Assert.Equal("text/csv", byPatient.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            [
                "Patient id,Patient,0-30,31-60,61-90,91-120,120+,Unapplied credit,Total",
                $"{clinic.PatientId},\"Valdez, Ines\",0.00,80.00,0.00,0.00,0.00,0.00,80.00",
                ",Total,0.00,80.00,0.00,0.00,0.00,0.00,80.00",
            ],
            (await byPatient.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        var byPayer = await (await biller.GetAsync("/receivables/aging-by-payer.csv")).Content.ReadAsStringAsync();
        Assert.Equal(
            ["Payer id,Payer,0-30,31-60,61-90,91-120,120+,Total", ",Not yet billed,120.00,0.00,0.00,0.00,0.00,120.00", ",Total,120.00,0.00,0.00,0.00,0.00,120.00"],
            byPayer.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        var bad = await biller.GetAsync("/api/receivables/aging?asOf=11/23/2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"asOf\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/api/receivables/aging")).StatusCode);
        // Sent to collections through the API: the account's status and the patient's A/R page carry the flag.
        var referred = await biller.PostAsJsonAsync($"/api/receivables/collections/{clinic.PatientId}", new { AgencyName = "Acme Recovery", WriteOff = false });
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        var account = await biller.GetFromJsonAsync<JsonElement>($"/api/receivables/patients/{clinic.PatientId}/account");
        Assert.True(account.GetProperty("referredToCollections").GetBoolean());
        Assert.Equal(80m, account.GetProperty("patientDue").GetDecimal());
        Assert.Contains("In collections: sent to Acme Recovery", await biller.GetStringAsync($"/receivables/patients/{clinic.PatientId}"), StringComparison.Ordinal);
        var again = await biller.PostAsJsonAsync($"/api/receivables/collections/{clinic.PatientId}", new { AgencyName = "Acme Recovery", WriteOff = false });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        await using var db = app.NewDb();
        Assert.Contains(db.AuditEvents, a => a.Action == AuditActions.Export && a.Detail.StartsWith("A/R aging by patient CSV", StringComparison.Ordinal));
    }
}
