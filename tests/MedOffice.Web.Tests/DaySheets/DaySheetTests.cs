using System.Net;
using System.Text;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.DaySheets;

public class DaySheetTests
{
    // PDFsharp 6.5 is AGPL-3.0 and will not draw until a licence is chosen. The app leaves that choice to the practice
    // (printing answers 503 until then); these tests take the AGPL for the test process only, to check what is drawn.
    public DaySheetTests() => PdfSharp.PdfSharpLicense.SetAgplLicense();

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_providers_day_sheet_is_a_PDF_listing_the_visits_and_is_audited_as_printed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var client = await app.SignedInClientAsync(Roles.Clinician);

        var response = await client.GetAsync($"/schedule/daysheet?resource={clinic.ProviderResourceId}&date=2026-11-23");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        SaveArtifact(pdf, $"daysheet-{provider}.pdf");
        var text = string.Join("\n", PdfText.Pages(pdf));
        Assert.Contains("Day sheet: Dr. Ferreira", text, StringComparison.Ordinal);
        Assert.Contains("Test Family Practice", text, StringComparison.Ordinal);
        Assert.Contains("Riverside", text, StringComparison.Ordinal);
        Assert.Contains("Marchetti, Odette", text, StringComparison.Ordinal);
        Assert.Contains("09:00", text, StringComparison.Ordinal);
        Assert.Contains("09:20", text, StringComparison.Ordinal);
        Assert.Contains("06/14/1979", text, StringComparison.Ordinal);
        Assert.Contains("Office visit", text, StringComparison.Ordinal);
        // The other provider's patient is not on this sheet.
        Assert.DoesNotContain("Lapsewood", text, StringComparison.Ordinal);

        await using var db = app.NewDb();
        var printed = await db.AuditEvents.Where(a => a.Action == AuditActions.Print).ToListAsync();
        var row = Assert.Single(printed);
        Assert.Equal(AuditCategories.Schedule, row.Category);
        Assert.Equal(clinic.InsuredPatientId, row.PatientId);
        Assert.Equal(TestApp.UserFor(Roles.Clinician), row.UserName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_day_sheet_needs_a_provider_and_a_date(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var client = await app.SignedInClientAsync(Roles.FrontDesk);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/schedule/daysheet?resource=1&date=23/11/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/schedule/daysheet?resource={clinic.Exam1Id}&date=2026-11-23")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/schedule/daysheet?resource=999&date=2026-11-23")).StatusCode);
        var empty = await client.GetAsync($"/schedule/daysheet?resource={clinic.ProviderResourceId}&date=2026-11-24");
        Assert.Contains("No visits booked.", string.Join("", PdfText.Pages(await empty.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
    }

    private static void SaveArtifact(byte[] pdf, string name)
    {
        var directory = Environment.GetEnvironmentVariable("MEDOFFICE_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "medoffice-artifacts");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name), pdf);
    }
}
