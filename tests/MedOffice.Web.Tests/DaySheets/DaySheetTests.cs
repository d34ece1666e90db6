using System.Net;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.DaySheets;

public class DaySheetTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_providers_day_sheet_is_a_PDF_listing_the_visits_in_time_order_and_is_audited_as_printed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        // Booked after the 09:00 visit but earlier in the day: the sheet goes by time, not by booking.
        await BookEarlyVisitAsync(app, clinic, "Fasting since midnight (lab work) \\ bring insurance card");
        var client = await app.SignedInClientAsync(Roles.Clinician);

        var response = await client.GetAsync($"/schedule/daysheet?resource={clinic.ProviderResourceId}&date=2026-11-23");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        SaveArtifact(pdf, $"daysheet-{provider}.pdf");
        await PdfTools.AssertValidAsync(pdf);
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("Day sheet: Dr. Ferreira", text, StringComparison.Ordinal);
        Assert.Contains("Test Family Practice", text, StringComparison.Ordinal);
        Assert.Contains("Riverside · 5 River Rd, Chicago, IL 60607", text, StringComparison.Ordinal);
        Assert.Contains("Monday, November 23, 2026", text, StringComparison.Ordinal);
        Assert.Contains("08:00–08:20", text, StringComparison.Ordinal);
        Assert.Contains("09:00–09:20", text, StringComparison.Ordinal);
        Assert.Contains("06/14/1979", text, StringComparison.Ordinal);
        Assert.Contains("Office visit", text, StringComparison.Ordinal);
        Assert.Contains("Exam 1", text, StringComparison.Ordinal);
        Assert.Contains("Fasting since midnight (lab work) \\ bring", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", text, StringComparison.Ordinal);
        var early = text.IndexOf("Wanderley, Wanda", StringComparison.Ordinal);
        var nine = text.IndexOf("Marchetti, Odette", StringComparison.Ordinal);
        Assert.True(early >= 0 && nine > early, text);
        // The other provider's patient is not on this sheet.
        Assert.DoesNotContain("Lapsewood", text, StringComparison.Ordinal);
        var info = await PdfTools.InfoAsync(pdf);
        Assert.Equal("Day sheet Dr. Ferreira 2026-11-23", info["Title"]);
        Assert.Equal("2026-11-23T15:00:00Z", info["CreationDate"]);

        await using var db = app.NewDb();
        var printed = await db.AuditEvents.Where(a => a.Action == AuditActions.Print).ToListAsync();
        Assert.Equal([clinic.InsuredPatientId, clinic.WalkInPatientId], printed.Select(p => p.PatientId).Order());
        Assert.All(printed, row => Assert.Equal((AuditCategories.Schedule, TestApp.UserFor(Roles.Clinician)), (row.Category, row.UserName)));
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
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("No visits booked.", await PdfTools.TextAsync(await empty.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    /// <summary>
    /// Books the walk-in patient with the clinic's provider at 08:00 on the clinic's day, as if the day before (08:00 has
    /// passed on the app's clock), after the 09:00 visit was booked.
    /// </summary>
    internal static async Task BookEarlyVisitAsync(TestApp app, DeskClinic clinic, string note)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        app.Clock.Advance(TimeSpan.FromDays(-1));
        try
        {
            var early = await booking.BookAsync(new BookAppointment(clinic.WalkInPatientId, clinic.VisitTypeId, clinic.LocationId,
                new DateTime(2026, 11, 23, 8, 0, 0), clinic.ProviderResourceId, Note: note), Actor.System("test"));
            Assert.True(early.Succeeded, string.Join("; ", early.Errors));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
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
