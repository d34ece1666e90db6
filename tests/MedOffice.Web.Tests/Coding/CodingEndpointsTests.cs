using System.Net;
using System.Net.Http.Json;
using System.Text;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Coding;

public class CodingEndpointsTests
{
    private const string Fy2024 =
        "code\tbillable\tshort_desc\tlong_desc\n" +
        "E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\n" +
        "E1122\t1\tType 2 diabetes w diabetic chronic kidney disease\tType 2 diabetes mellitus with diabetic chronic kidney disease\n" +
        "E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\n" +
        "I10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n" +
        "J069\t1\tAcute upper respiratory infection, unspecified\tAcute upper respiratory infection, unspecified\n";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_biller_loads_a_year_and_anyone_searches_and_checks_codes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);

        // Uploads are form posts under a signed-in cookie, so they carry the antiforgery token like the page's form.
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/coding");
        var loaded = await biller.PostAsync("/api/codes/import/icd10cm", Upload("icd10cm_fy2024.tsv", Fy2024, token));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Equal(5, (await loaded.Content.ReadFromJsonAsync<CodeImportSummary>())!.Rows);
        var (_, deskToken) = await Antiforgery.PageWithTokenAsync(desk, "/coding");
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsync("/api/codes/import/icd10cm", Upload("icd10cm_fy2024.tsv", Fy2024, deskToken))).StatusCode);

        var found = await desk.GetFromJsonAsync<DiagnosisSearchResult>("/api/codes/diagnoses?q=diabetes%20kidney&date=2024-03-01");
        Assert.Equal(("E11.22", 2024), (found!.Codes[0].Display, found.FiscalYear));
        var check = await desk.GetFromJsonAsync<DiagnosisCheck>("/api/codes/diagnoses/check?code=E11&date=2024-03-01");
        Assert.Equal("E11 (Type 2 diabetes mellitus) is a category header, not billable: code it to the full depth, e.g. E11.22, E11.9.", check!.Problem);
        var fragment = await desk.GetStringAsync("/coding/search?kind=diagnoses&q=hypertension&date=2024-03-01");
        Assert.Contains("<li data-code=\"I10\" class=\"billable\"><strong>I10</strong> Essential (primary) hypertension", fragment, StringComparison.Ordinal);

        // The office's CPT list: typed in, then offered and accepted.
        Assert.Equal(HttpStatusCode.OK, (await biller.PostAsJsonAsync("/api/codes/cpt", new { code = "99213", description = "Office visit, established, low" })).StatusCode);
        var refused = await biller.PostAsJsonAsync("/api/codes/cpt", new { code = "9921", description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'9921' is not a CPT code", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await desk.GetFromJsonAsync<ProcedureCheck>("/api/codes/procedures/check?code=99213"))!.IsBillable);
        Assert.Contains("<strong>99213</strong>", await desk.GetStringAsync("/coding/search?kind=procedures&q=office%20visit"), StringComparison.Ordinal);
        var places = await desk.GetFromJsonAsync<List<PlaceOfService>>("/api/codes/places-of-service");
        Assert.Contains(places!, p => p is { Code: "11", Name: "Office" });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_coding_page_loads_a_file_and_a_bad_file_is_refused_with_its_lines(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/coding");

        var bad = await biller.PostAsync("/api/codes/import/icd10cm", Upload("icd10cm_fy2024.tsv", Fy2024 + "9XX\t1\tbad\tbad\n", token, "/coding"));
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        var page = await biller.GetStringAsync(bad.Headers.Location!.OriginalString);
        Assert.Contains("icd10cm_fy2024.tsv was not loaded: Line 7: expected code, billable (0 or 1), short and long description separated by tabs.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.DiagnosisCodes.CountAsync());
        }

        var cpt = await biller.PostAsync("/coding/cpt", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "99214", ["description"] = "Office visit, established, moderate", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("CPT 99214 saved: Office visit, established, moderate", WebUtility.HtmlDecode(await biller.GetStringAsync(cpt.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var badCpt = await biller.PostAsync("/coding/cpt", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "9921", ["description"] = "x", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("'9921' is not a CPT code", WebUtility.HtmlDecode(await biller.GetStringAsync(badCpt.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        var good = await biller.PostAsync("/api/codes/import/icd10cm", Upload("icd10cm_fy2024.tsv", Fy2024, token, "/coding"));
        var after = WebUtility.HtmlDecode(await biller.GetStringAsync(good.Headers.Location!.OriginalString));
        Assert.Contains("5 ICD10CM codes (2024) loaded from icd10cm_fy2024.tsv.", after, StringComparison.Ordinal);
        Assert.Contains("<td>ICD10CM</td><td>2024</td><td>5</td><td>icd10cm_fy2024.tsv</td>", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_providers_favourites_come_first_and_fill_an_empty_search(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var (_, token) = await Antiforgery.PageWithTokenAsync(biller, "/coding");
        Assert.True((await biller.PostAsync("/api/codes/import/icd10cm", Upload("icd10cm_fy2024.tsv", Fy2024, token))).IsSuccessStatusCode);
        int providerId;
        await using (var db = app.NewDb())
        {
            var doctor = new Provider { FirstName = "Ana", LastName = "Ferreira", Credentials = "MD", Npi = Npi.FromNineDigits("123456789").Value, OrganizationId = (await db.Organizations.FirstAsync()).Id };
            db.Providers.Add(doctor);
            await db.SaveChangesAsync();
            providerId = doctor.Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync("/api/codes/favorites", new { providerId, kind = CodeKinds.Icd10Cm, code = "e11.22" })).StatusCode);
        var refused = await clinician.PostAsJsonAsync("/api/codes/favorites", new { providerId, kind = CodeKinds.Icd10Cm, code = "E1.9" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var mine = await clinician.GetFromJsonAsync<DiagnosisSearchResult>($"/api/codes/diagnoses?date=2024-03-01&providerId={providerId}");
        Assert.Equal(["E11.22"], mine!.Codes.Select(c => c.Display));
        // Without favourites the shortest billable wording comes first (E11.9); for this provider the favourite does.
        var anyone = await clinician.GetFromJsonAsync<DiagnosisSearchResult>("/api/codes/diagnoses?q=type%202%20diabetes&date=2024-03-01");
        Assert.Equal(["E11.9", "E11.22", "E11"], anyone!.Codes.Select(c => c.Display));
        var search = await clinician.GetFromJsonAsync<DiagnosisSearchResult>($"/api/codes/diagnoses?q=type%202%20diabetes&date=2024-03-01&providerId={providerId}");
        Assert.Equal(["E11.22", "E11.9", "E11"], search!.Codes.Select(c => c.Display));
    }

    private static MultipartFormDataContent Upload(string fileName, string text, string? token = null, string? returnTo = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName } };
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }
        if (returnTo is not null)
        {
            form.Add(new StringContent(returnTo), "returnTo");
        }
        return form;
    }
}
