using MedOffice.DaySheets;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;

namespace MedOffice.Tests.DaySheets;

public class DaySheetPdfTests
{
    [Fact]
    public async Task A_long_day_runs_over_pages_with_the_headings_repeated_and_every_page_numbered()
    {
        var start = new DateTime(2026, 11, 23, 7, 0, 0);
        var rows = Enumerable.Range(0, 60).Select(i => new DaySheetRow(
            start.AddMinutes(10 * i), start.AddMinutes(10 * i + 10), i + 1,
            i switch { 0 => "Wiśniewski, Łukasz", 1 => "Nguyễn, Thị \"Tina\"", 2 => "Müller-Peña, Zoë", _ => $"Patient{i:00}, Test" },
            new DateOnly(1980, 1, 1).AddDays(i), "Office visit", "Exam 1", i % 7 == 0 ? "NoShow" : "Booked",
            i % 5 == 0 ? "Bring the insurance card and the list of current medications (all of them), and fasting since midnight." : null)).ToList();
        var sheet = new DaySheet("Riverside Family Medicine", "Main Street", "1 Main St, Springfield, IL 62701", "Dr. Ferreira",
            new DateOnly(2026, 11, 23), "America/Chicago", rows);

        var pdf = DaySheetPdf.Render(sheet, new DateTime(2026, 11, 23, 6, 30, 0), "frontdesk", TestClock.At(2026, 11, 23));

        await PdfTools.AssertValidAsync(pdf);
        var pages = await PdfTools.PagesAsync(pdf);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.Equal(pages.Count, await PdfTools.PageCountAsync(pdf));
        Assert.Contains("Day sheet: Dr. Ferreira", pages[0], StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
            Assert.Matches(@"Time\s+Patient\s+Date of birth\s+Visit type\s+Room\s+Status\s+Note", pages[i]);
            Assert.Contains("Confidential: contains protected health information.", pages[i], StringComparison.Ordinal);
            if (i > 0)
            {
                Assert.Contains("Day sheet: Dr. Ferreira, 2026-11-23 (continued)", pages[i], StringComparison.Ordinal);
            }
        }
        // Every visit once, in time order, across the pages; names outside WinAnsi lose only their accents.
        var text = string.Join("\n", pages);
        var positions = rows.Select(r => text.IndexOf(r.LocalStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "–", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Wisniewski, Lukasz", text, StringComparison.Ordinal);
        Assert.Contains("Nguyen, Thi \"Tina\"", text, StringComparison.Ordinal);
        Assert.Contains("Müller-Peña, Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Printed 2026-11-23 06:30 by frontdesk", pages[^1], StringComparison.Ordinal);
    }
}
