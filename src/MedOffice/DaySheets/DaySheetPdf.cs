using System.Globalization;
using MedOffice.Printing;

namespace MedOffice.DaySheets;

/// <summary>
/// Draws a day sheet on US Letter, landscape: practice, location and provider on top, then one row per visit (notes
/// wrap), the column headings repeated on every page, and "Page n of m" with a confidentiality line at the foot.
/// </summary>
public static class DaySheetPdf
{
    private const double Margin = 36;
    private const double LineHeight = 12;
    private const double TextSize = 9;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private static readonly (string Heading, double Width)[] Columns =
    [
        ("Time", 70), ("Patient", 150), ("Date of birth", 70), ("Visit type", 100), ("Room", 70), ("Status", 60), ("Note", 0),
    ];

    public static byte[] Render(DaySheet sheet, DateTime printedAtLocal, string printedBy, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder($"Day sheet {sheet.ProviderName} {sheet.Date.ToString("yyyy-MM-dd", Culture)}", time,
            PdfPageSize.Letter.Landscape);
        var page = pdf.AddPage();
        var width = page.Width - 2 * Margin;
        var x = new double[Columns.Length];
        x[0] = Margin;
        for (var i = 1; i < Columns.Length; i++)
        {
            x[i] = x[i - 1] + Columns[i - 1].Width;
        }
        var noteWidth = Margin + width - x[^1] - 4;

        var flow = new PdfFlow(pdf, page, Header(page, sheet, x, width, first: true), page.Height - Margin - 24, next => Header(next, sheet, x, width, first: false));
        if (sheet.Rows.Count == 0)
        {
            page.Text(Margin + 2, flow.Y + 10, "No visits booked.", PdfFont.Helvetica, TextSize);
        }
        foreach (var row in sheet.Rows)
        {
            var noteLines = PdfFontMetrics.Wrap(row.Note ?? "", PdfFont.Helvetica, TextSize, noteWidth);
            var height = Math.Max(1, noteLines.Count) * LineHeight + 4;
            flow.Need(height);
            var (rowPage, y) = (flow.Page, flow.Y);
            string[] cells =
            [
                $"{row.LocalStart.ToString("HH:mm", Culture)}–{row.LocalEnd.ToString("HH:mm", Culture)}",
                row.PatientName,
                row.DateOfBirth.ToString("MM/dd/yyyy", Culture),
                row.AppointmentType,
                row.Room ?? "",
                row.Status,
            ];
            for (var i = 0; i < cells.Length; i++)
            {
                var font = i == 1 ? PdfFont.HelveticaBold : PdfFont.Helvetica;
                rowPage.Text(x[i] + 2, y + 10, PdfFontMetrics.Fit(cells[i], font, TextSize, Columns[i].Width - 4), font, TextSize);
            }
            for (var line = 0; line < noteLines.Count; line++)
            {
                rowPage.Text(x[^1] + 2, y + 10 + line * LineHeight, noteLines[line], PdfFont.Helvetica, TextSize);
            }
            flow.Y += height;
            rowPage.Line(Margin, flow.Y - 1, Margin + width, flow.Y - 1, grey: 0.8);
        }

        pdf.EveryPage((footer, number, count) => footer.Footer(Margin, Margin, "Confidential: contains protected health information. Shred after use.",
            $"Printed {printedAtLocal.ToString("yyyy-MM-dd HH:mm", Culture)} by {printedBy}", number, count));
        return pdf.ToArray();
    }

    /// <summary>Draws the page's heading and the column headings; returns where the first row goes.</summary>
    private static double Header(PdfPage page, DaySheet sheet, double[] x, double width, bool first)
    {
        var y = Margin;
        if (first)
        {
            page.Text(Margin, y + 9, sheet.PracticeName, PdfFont.HelveticaBold, TextSize);
            page.Text(Margin, y + 21, $"{sheet.LocationName} · {sheet.LocationAddress}", PdfFont.Helvetica, TextSize);
            y += 30;
            page.Text(Margin, y + 16, $"Day sheet: {sheet.ProviderName}", PdfFont.HelveticaBold, 16);
            page.Text(Margin, y + 30, sheet.Date.ToString("dddd, MMMM d, yyyy", Culture), PdfFont.HelveticaBold, TextSize);
            y += 42;
        }
        else
        {
            page.Text(Margin, y + 9, $"Day sheet: {sheet.ProviderName}, {sheet.Date.ToString("yyyy-MM-dd", Culture)} (continued)", PdfFont.HelveticaBold, TextSize);
            y += 18;
        }
        page.FillRectangle(Margin, y, width, LineHeight + 4, grey: 0.83);
        for (var i = 0; i < Columns.Length; i++)
        {
            page.Text(x[i] + 2, y + 11, Columns[i].Heading, PdfFont.HelveticaBold, TextSize);
        }
        return y + LineHeight + 6;
    }
}
