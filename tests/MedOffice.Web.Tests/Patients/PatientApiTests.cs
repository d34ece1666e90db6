using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Patients;

public class PatientApiTests
{
    // A real 1x1 PNG, as a scanner or phone camera would send (signature, IHDR, IDAT, IEND).
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Registering_reading_and_editing_a_patient_are_each_audited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);

        var response = await desk.PostAsJsonAsync("/api/patients", Patient("Ada", "Lovelace", "1985-12-10"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<Created>())!;
        Assert.Matches("^[0-9]{8}$", created.Mrn);
        Assert.Equal($"/api/patients/{created.Id}", response.Headers.Location!.OriginalString);

        var read = await desk.GetFromJsonAsync<JsonElement>($"/api/patients/{created.Id}");
        Assert.Equal(created.Mrn, read.GetProperty("mrn").GetString());
        Assert.Equal("Lovelace", read.GetProperty("details").GetProperty("legalLastName").GetString());
        Assert.Equal("1985-12-10", read.GetProperty("details").GetProperty("dateOfBirth").GetString());

        var edited = Patient("Ada", "King", "1985-12-10");
        Assert.Equal(HttpStatusCode.NoContent, (await desk.PutAsJsonAsync($"/api/patients/{created.Id}", edited)).StatusCode);
        var reread = await desk.GetFromJsonAsync<JsonElement>($"/api/patients/{created.Id}");
        Assert.Equal("King", reread.GetProperty("details").GetProperty("legalLastName").GetString());

        await using var db = app.NewDb();
        var trail = await db.AuditEvents.Where(a => a.PatientId == created.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "read", "update", "read"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal(TestApp.UserFor(Roles.FrontDesk), a.UserName));
        Assert.All(trail, a => Assert.Equal("success", a.Outcome));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_invalid_field_is_refused_by_name_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        // The test clock's today is 2026-11-23.
        var cases = new (string Field, string Property, object? Value)[]
        {
            ("DateOfBirth", "DateOfBirth", "2027-01-01"),
            ("MobilePhone", "MobilePhone", "555-12"),
            ("Email", "Email", "ada.example.com"),
            ("PostalCode", "PostalCode", "1234"),
            ("LegalLastName", "LegalLastName", ""),
        };
        foreach (var (field, property, value) in cases)
        {
            var body = Patient("Ada", "Lovelace", "1985-12-10");
            body[property] = value;
            var response = await desk.PostAsJsonAsync("/api/patients", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = await ErrorsAsync(response);
            Assert.True(errors.ContainsKey(field), $"{property}={value}: expected an error for {field}, got {string.Join(", ", errors.Keys)}");
            Assert.NotEmpty(errors[field]);
        }

        // A date that does not exist cannot even be read: the caller is told why, and it is not a server failure.
        var malformed = await desk.PostAsync("/api/patients", new StringContent(
            """{"legalFirstName":"Ada","legalLastName":"Lovelace","dateOfBirth":"1990-02-30","sexAtBirth":"F"}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType!.MediaType);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'dateOfBirth'", detail, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", detail, StringComparison.Ordinal);

        await using var db = app.NewDb();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.Action == "create" && a.Category == "demographics"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_likely_duplicate_is_flagged_and_registers_only_when_acknowledged(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var first = await RegisterAsync(desk, "John", "Smith", "1980-03-14");

        var again = await desk.PostAsJsonAsync("/api/patients", Patient("Jon", "Smith", "1980-03-14"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var warning = Assert.Single((await ErrorsAsync(again))["PossibleDuplicates"]);
        Assert.Contains(first.Mrn, warning);
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.Patients.CountAsync());
        }

        var acknowledged = await desk.PostAsJsonAsync("/api/patients?acknowledgeDuplicates=true", Patient("Jon", "Smith", "1980-03-14"));
        Assert.Equal(HttpStatusCode.Created, acknowledged.StatusCode);
        await using (var db = app.NewDb())
        {
            Assert.Equal(2, await db.Patients.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Search_finds_a_patient_despite_typos_and_is_audited(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var john = await RegisterAsync(desk, "John", "Smith", "1980-03-14");
        await RegisterAsync(desk, "Mary", "Okafor", "1992-07-01");

        var hits = await desk.GetFromJsonAsync<JsonElement>("/api/patients?q=jon%20smth");
        var ids = hits.EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(john.Id, ids);
        Assert.Equal(john.Id, ids[0]);
        Assert.DoesNotContain(hits.EnumerateArray(), h => h.GetProperty("name").GetString()!.Contains("Okafor", StringComparison.Ordinal));

        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "query" && a.UserName == TestApp.UserFor(Roles.FrontDesk)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Coverage_without_the_member_id_its_payer_requires_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var patient = await RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");

        var missing = await desk.PostAsJsonAsync($"/api/patients/{patient.Id}/coverages", Coverage(app.PayerId, memberId: null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("member ID", Assert.Single((await ErrorsAsync(missing))["MemberId"]));
        await using (var db = app.NewDb())
        {
            Assert.Equal(0, await db.Coverages.CountAsync());
        }

        // A payer that issues no member IDs takes the coverage without one; the other takes it with one.
        Assert.Equal(HttpStatusCode.Created,
            (await desk.PostAsJsonAsync($"/api/patients/{patient.Id}/coverages", Coverage(app.PayerWithoutMemberIdId, memberId: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await desk.PostAsJsonAsync($"/api/patients/{patient.Id}/coverages", Coverage(app.PayerId, "XJH123456789", priority: 2))).StatusCode);

        var view = await desk.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.Id}");
        var memberIds = view.GetProperty("coverages").EnumerateArray().Select(c => c.GetProperty("memberId").GetString()).ToList();
        Assert.Equal(2, memberIds.Count);
        Assert.Contains("XJH123456789", memberIds);
        await using var check = app.NewDb();
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.PatientId == patient.Id && a.Action == "create" && a.Category == "insurance"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_card_image_comes_back_byte_for_byte_and_a_non_image_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var patient = await RegisterAsync(desk, "Ada", "Lovelace", "1985-12-10");
        var coverageId = await AddCoverageAsync(desk, patient.Id, app.PayerId);
        var cardUrl = $"/api/patients/{patient.Id}/coverages/{coverageId}/card/front";

        // A multipart post is a form post: without the antiforgery token a forged cross-site upload would work.
        var forged = await desk.PostAsync(cardUrl, FilePart(Png, "card.png", "image/png"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (_, token) = await Antiforgery.PageWithTokenAsync(desk, $"/patients/{patient.Id}");

        var upload = await desk.PostAsync(cardUrl, FilePart(Png, "card.png", "image/png", token));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var image = await desk.GetAsync(cardUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());

        var text = await desk.PostAsync($"/api/patients/{patient.Id}/coverages/{coverageId}/card/back",
            FilePart("not a picture"u8.ToArray(), "notes.txt", "text/plain", token));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("JPEG, PNG or PDF", Assert.Single((await ErrorsAsync(text))["File"]));
        // Claiming to be a PNG is not enough: the content is checked.
        var disguised = await desk.PostAsync($"/api/patients/{patient.Id}/coverages/{coverageId}/card/back",
            FilePart("not a picture"u8.ToArray(), "card.png", "image/png", token));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.True((await ErrorsAsync(disguised)).ContainsKey("File"));
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/api/patients/{patient.Id}/coverages/{coverageId}/card/back")).StatusCode);

        await using var db = app.NewDb();
        Assert.Equal(1, await db.StoredFiles.CountAsync());
        var trail = await db.AuditEvents.Where(a => a.PatientId == patient.Id && a.Category == "insurance").Select(a => a.Action).ToListAsync();
        Assert.Contains("update", trail);
        Assert.Contains("read", trail);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_office_manager_merges_a_duplicate_and_the_front_desk_may_not(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var survivor = await RegisterAsync(desk, "John", "Smith", "1980-03-14");
        var duplicate = await RegisterAsync(desk, "Jon", "Smyth", "1980-03-14", acknowledgeDuplicates: true);
        var coverageId = await AddCoverageAsync(desk, duplicate.Id, app.PayerId);

        var refused = await desk.PostAsJsonAsync($"/api/patients/{survivor.Id}/merge", new { MergedPatientId = duplicate.Id });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using (var db = app.NewDb())
        {
            Assert.Equal(duplicate.Id, (await db.Coverages.SingleAsync(c => c.Id == coverageId)).PatientId);
            Assert.Null((await db.Patients.SingleAsync(p => p.Id == duplicate.Id)).MergedIntoPatientId);
        }

        var manager = await app.SignedInClientAsync(Roles.OfficeManager);
        var merged = await manager.PostAsJsonAsync($"/api/patients/{survivor.Id}/merge", new { MergedPatientId = duplicate.Id });
        Assert.Equal(HttpStatusCode.NoContent, merged.StatusCode);

        var view = await manager.GetFromJsonAsync<JsonElement>($"/api/patients/{survivor.Id}");
        Assert.Equal(coverageId, Assert.Single(view.GetProperty("coverages").EnumerateArray()).GetProperty("id").GetInt32());
        var old = await manager.GetFromJsonAsync<JsonElement>($"/api/patients/{duplicate.Id}");
        Assert.Equal(survivor.Id, old.GetProperty("mergedIntoPatientId").GetInt32());
        Assert.Empty(old.GetProperty("coverages").EnumerateArray());

        await using var check = app.NewDb();
        Assert.True(await check.AuditEvents.AnyAsync(a => a.PatientId == survivor.Id && a.Action == "merge" && a.UserName == TestApp.UserFor(Roles.OfficeManager)));
        Assert.True(await check.AuditEvents.AnyAsync(a => a.PatientId == duplicate.Id && a.Action == "merge"));
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Action == "merge" && a.UserName == TestApp.UserFor(Roles.FrontDesk)));
    }

    internal sealed record Created(int Id, string Mrn);

    internal static Dictionary<string, object?> Patient(string first, string last, string dateOfBirth) => new()
    {
        ["LegalFirstName"] = first,
        ["LegalLastName"] = last,
        ["DateOfBirth"] = dateOfBirth,
        ["SexAtBirth"] = "F",
        ["MobilePhone"] = "(555) 201-3344",
        ["Email"] = "patient@example.com",
        ["PostalCode"] = "78701",
        ["State"] = "TX",
    };

    internal static async Task<Created> RegisterAsync(HttpClient client, string first, string last, string dateOfBirth, bool acknowledgeDuplicates = false)
    {
        var body = Patient(first, last, dateOfBirth);
        body["MobilePhone"] = null;
        var response = await client.PostAsJsonAsync($"/api/patients?acknowledgeDuplicates={acknowledgeDuplicates.ToString().ToLowerInvariant()}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>())!;
    }

    private static object Coverage(int payerId, string? memberId, int priority = 1) => new
    {
        PayerId = payerId,
        MemberId = memberId,
        Priority = priority,
        SubscriberRelationship = "18",
        EffectiveOn = "2026-01-01",
    };

    private static async Task<int> AddCoverageAsync(HttpClient client, int patientId, int payerId)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patientId}/coverages", Coverage(payerId, "ACM" + patientId + "0099"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static MultipartFormDataContent FilePart(byte[] bytes, string fileName, string contentType, string? antiforgeryToken = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (antiforgeryToken is not null)
        {
            form.Add(new StringContent(antiforgeryToken), Antiforgery.FieldName);
        }
        return form;
    }

    internal static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
