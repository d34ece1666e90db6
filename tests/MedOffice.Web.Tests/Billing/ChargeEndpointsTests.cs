using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Billing;

public class ChargeEndpointsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_API_enters_a_visits_charges_refuses_by_field_releases_and_replaces(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await ChargeClinic.CreateAsync(app);
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);

        var started = await clinician.PostAsJsonAsync($"/api/charges/visits/{clinic.AppointmentId}", new { });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var sheet = (await started.Content.ReadFromJsonAsync<ChargeSheet>())!;
        // The superbill's 99213 at Acme's fee (the patient's primary), on the visit's local date.
        Assert.Equal((new DateOnly(2026, 11, 23), "11", clinic.ProviderId), (sheet.DateOfService, sheet.PlaceOfServiceCode, sheet.RenderingProviderId));
        Assert.Equal([("99213", 95m)], sheet.Lines.Select(l => (l.ProcedureCode, l.Amount)));

        var refused = await clinician.PutAsJsonAsync($"/api/charges/{sheet.Id}", new
        {
            diagnoses = new[] { "I10", "E11" },
            lines = new object[] { new { procedureCode = "99213", diagnosisPointers = "1" }, new { procedureCode = "99213", modifiers = new[] { "ZZ" }, diagnosisPointers = "1,5" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["Diagnoses[1]", "Lines[1].Modifiers", "Lines[1].DiagnosisPointers"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Pointer 5 points past the 2 diagnoses on this sheet.", errors.GetProperty("Lines[1].DiagnosisPointers")[0].GetString());

        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/charges/{sheet.Id}/diagnoses", new { code = "I10" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PutAsJsonAsync($"/api/charges/{sheet.Id}/lines/1", new { procedureCode = "99213", modifiers = new[] { "25" }, diagnosisPointers = "1" })).StatusCode);
        var added = await clinician.PostAsJsonAsync($"/api/charges/{sheet.Id}/lines", new { procedureCode = "93000", units = 1, diagnosisPointers = "1" });
        Assert.Equal([95m, 65m], (await added.Content.ReadFromJsonAsync<ChargeSheet>())!.Lines.Select(l => l.Amount));
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync($"/api/charges/{sheet.Id}/release", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync($"/api/charges/{sheet.Id}")).StatusCode);

        var review = await biller.GetFromJsonAsync<List<ChargeSheetSummary>>("/api/charges?olderThanDays=0");
        Assert.Equal([(sheet.Id, "Marchetti, Odette", 160m)], review!.Select(r => (r.Id, r.PatientName, r.Total)));
        Assert.Equal(HttpStatusCode.OK, (await biller.PostAsJsonAsync($"/api/charges/{sheet.Id}/release", new { })).StatusCode);
        var frozen = await clinician.PostAsJsonAsync($"/api/charges/{sheet.Id}/diagnoses", new { code = "J06.9" });
        Assert.Equal(HttpStatusCode.BadRequest, frozen.StatusCode);
        Assert.Contains("released charges are corrected by voiding and replacing", await frozen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var replaced = await biller.PostAsJsonAsync($"/api/charges/{sheet.Id}/replace", new { reason = "Add modifier 59" });
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        var copy = (await replaced.Content.ReadFromJsonAsync<ChargeSheet>())!;
        Assert.Equal((ChargeSheetStatuses.Draft, sheet.Id, 2), (copy.Status, copy.ReplacesChargeSheetId, copy.Lines.Count));
        var history = await biller.GetFromJsonAsync<List<ChargeSheetSummary>>($"/api/charges/patients/{clinic.PatientId}");
        Assert.Equal([(copy.Id, ChargeSheetStatuses.Draft), (sheet.Id, ChargeSheetStatuses.Voided)], history!.Select(h => (h.Id, h.Status)));
        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.PatientId == clinic.PatientId && a.Category == AuditCategories.Billing && a.Detail == $"charge sheet {copy.Id} replaces {sheet.Id}"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_charge_page_starts_a_sheet_and_its_forms_answer_htmx_with_the_editor_and_plain_posts_with_a_redirect(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await ChargeClinic.CreateAsync(app);
        var biller = await app.SignedInClientAsync(Roles.Biller);

        var (visitPage, token) = await Antiforgery.PageWithTokenAsync(biller, $"/charges/visit/{clinic.AppointmentId}");
        Assert.Contains("No charges have been entered for it yet.", visitPage, StringComparison.Ordinal);
        var start = await biller.PostAsync($"/charges/visit/{clinic.AppointmentId}/start", Form(token));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var sheetUrl = start.Headers.Location!.OriginalString;
        var sheetId = int.Parse(sheetUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var (page, _) = await Antiforgery.PageWithTokenAsync(biller, $"/charges/visit/{clinic.AppointmentId}");
        Assert.Contains("id=\"sheet-status\">Draft", page, StringComparison.Ordinal);

        var header = await HtmxAsync(biller, $"/charges/{sheetId}/diagnoses", token, ("code", "E11"));
        Assert.Contains("data-field=\"Diagnoses[0]\"><strong>Diagnosis 1:</strong> E11 (Type 2 diabetes mellitus) is a category header, not billable",
            WebUtility.HtmlDecode(header), StringComparison.Ordinal);
        var added = await HtmxAsync(biller, $"/charges/{sheetId}/diagnoses", token, ("code", "I10"));
        Assert.Contains("Added I10.", added, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"diagnosis\" data-code=\"I10\">", added, StringComparison.Ordinal);
        var pastEnd = await HtmxAsync(biller, $"/charges/{sheetId}/lines", token, ("code", "93000"), ("pointers", "1,5"), ("units", "1"));
        Assert.Contains("data-field=\"Lines[1].DiagnosisPointers\"><strong>Line 2, diagnosis pointers:</strong> Pointer 5 points past the 1 diagnosis on this sheet.",
            pastEnd, StringComparison.Ordinal);
        Assert.Contains("Saved line 1.", await HtmxAsync(biller, $"/charges/{sheetId}/lines/1", token, ("code", "99213"), ("pointers", "1"), ("units", "1"), ("modifiers", "25")), StringComparison.Ordinal);

        var released = await biller.PostAsync($"/charges/{sheetId}/release", Form(token));
        Assert.Equal($"/charges/{sheetId}?done=Released%20to%20billing.", released.Headers.Location!.OriginalString);
        Assert.Contains("id=\"sheet-status\">Released to billing", await biller.GetStringAsync(released.Headers.Location.OriginalString), StringComparison.Ordinal);
        var frozen = await biller.PostAsync($"/charges/{sheetId}/lines", Form(token, ("code", "93000"), ("pointers", "1")));
        Assert.Contains(Uri.EscapeDataString(ChargeEntry.FrozenMessage), frozen.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var replace = new HttpRequestMessage(HttpMethod.Post, $"/charges/{sheetId}/replace") { Content = Form(token, ("reason", "Wrong modifier")) };
        replace.Headers.Add("HX-Request", "true");
        var replaced = await biller.SendAsync(replace);
        await using (var db = app.NewDb())
        {
            var copy = await db.ChargeSheets.SingleAsync(s => s.ReplacesChargeSheetId == sheetId);
            Assert.StartsWith($"/charges/{copy.Id}?done=", replaced.Headers.GetValues("HX-Redirect").Single(), StringComparison.Ordinal);
        }

        // The clinician enters but does not release: the page offers no release button, and the post is refused.
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var (clinicianPage, clinicianToken) = await Antiforgery.PageWithTokenAsync(clinician, $"/charges/visit/{clinic.AppointmentId}");
        Assert.DoesNotContain("id=\"release\"", clinicianPage, StringComparison.Ordinal);
        var notAllowed = await clinician.PostAsync($"/charges/{sheetId}/release", Form(clinicianToken));
        Assert.Equal("/denied", notAllowed.Headers.Location!.AbsolutePath);
        Assert.Contains("Marchetti, Odette", await biller.GetStringAsync("/charges"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Fee_schedule_pages_create_price_and_load_a_file_refusing_a_bad_one_whole(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/billing/fees");

        var created = await biller.PostAsync("/billing/fees", Form(token, ("name", "Acme 2027"), ("payerId", app.PayerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("effectiveFrom", "2027-01-01")));
        var schedulePage = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/billing/fees/", schedulePage, StringComparison.Ordinal);
        var id = int.Parse(schedulePage.Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var overlap = await biller.PostAsync("/billing/fees", Form(token, ("name", "Acme again"), ("payerId", app.PayerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("effectiveFrom", "2027-01-01")));
        Assert.Contains("This overlaps \"Acme 2027\" (from 2027-01-01)", WebUtility.HtmlDecode(await biller.GetStringAsync(overlap.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        var priced = await biller.PostAsync($"/billing/fees/{id}/entries", Form(token, ("code", "99213"), ("fee", "101.50"), ("expectedAllowed", "88")));
        Assert.Contains("<td>99213</td><td></td><td>$101.50</td><td>$88.00</td>", await biller.GetStringAsync(priced.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var bad = await biller.PostAsync($"/api/fee-schedules/{id}/import", Upload("fees.csv", "code,modifier,fee,expected allowed\n99214,,150,\n99215,,x,\n", token));
        Assert.Contains("fees.csv was not loaded: Line 3: the fee 'x' is not an amount like 125.00.", WebUtility.HtmlDecode(await biller.GetStringAsync(bad.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var good = await biller.PostAsync($"/api/fee-schedules/{id}/import", Upload("fees.csv", "code,modifier,fee,expected allowed\n99214,,150,\n93000,26,22.50,18\n", token));
        Assert.Contains("2 fees loaded from fees.csv.", await biller.GetStringAsync(good.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var quote = await biller.GetFromJsonAsync<FeeQuote>($"/api/fee-schedules/fee?code=93000&modifier=26&payerId={app.PayerId}&date=2027-02-01");
        Assert.Equal((22.50m, 18m, "Acme 2027"), (quote!.Fee, quote.ExpectedAllowed, quote.ScheduleName));

        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var (page, clinicianToken) = await Antiforgery.PageWithTokenAsync(clinician, $"/billing/fees/{id}");
        Assert.DoesNotContain("id=\"import-fees\"", page, StringComparison.Ordinal);
        Assert.Equal("/denied", (await clinician.PostAsync($"/billing/fees/{id}/entries", Form(clinicianToken, ("code", "99213"), ("fee", "1")))).Headers.Location!.AbsolutePath);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(Antiforgery.FieldName, token)));

    private static async Task<string> HtmxAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Form(token, fields) };
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static MultipartFormDataContent Upload(string fileName, string text, string token) => new()
    {
        { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName },
        { new StringContent(token), Antiforgery.FieldName },
        { new StringContent("page"), "returnTo" },
    };
}
