using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MedOffice.DaySheets;

/// <summary>
/// Draws a day sheet on US Letter, landscape: practice, location and provider on top, then one row per visit (notes
/// wrap), the column headings repeated on every page, and "page n of m" with a confidentiality line at the foot.
/// </summary>
public static class DaySheetPdf
{
    /// <summary>
    /// Why printing is off until someone decides the PDF library's licence. PDFsharp 6.5 (the only version the package
    /// registry holds) is AGPL-3.0-only and refuses to make a document until the host calls
    /// PdfSharpLicense.SetAgplLicense() (accepting the AGPL for the whole application) or LoadLicense(key) with a
    /// commercial key. That is the practice's legal decision, so MedOffice never makes it silently.
    /// </summary>
    public const string LicenceMissing =
        "PDF printing is not enabled: the PDF library (PDFsharp 6.5, AGPL-3.0) needs a licence decision by whoever runs "
        + "MedOffice (PdfSharpLicense.SetAgplLicense() or a commercial key via PdfSharpLicense.LoadLicense).";

    /// <summary>Whether PDFsharp will make documents (its own check is internal, so a document is tried).</summary>
    public static bool IsLicensed
    {
        get
        {
            try
            {
                using var probe = new PdfDocument();
                return true;
            }
            catch (PdfSharp.License.PdfSharpLicenseException)
            {
                return false;
            }
        }
    }

    private const double Margin = 36;
    private const double LineHeight = 12;

    private static readonly (string Heading, double Width)[] Columns =
    [
        ("Time", 70), ("Patient", 150), ("Date of birth", 70), ("Visit type", 100), ("Room", 70), ("Status", 60), ("Note", 0),
    ];

    public static byte[] Render(DaySheet sheet, DateTime printedAtLocal, string printedBy)
    {
        if (!IsLicensed)
        {
            throw new InvalidOperationException(LicenceMissing);
        }
        SystemFontResolver.EnsureInstalled();
        var culture = CultureInfo.InvariantCulture;
        using var document = new PdfDocument();
        document.Info.Title = $"Day sheet {sheet.ProviderName} {sheet.Date.ToString("yyyy-MM-dd", culture)}";
        document.Info.Creator = "MedOffice";
        var title = new XFont(SystemFontResolver.FamilyName, 16, XFontStyleEx.Bold);
        var bold = new XFont(SystemFontResolver.FamilyName, 9, XFontStyleEx.Bold);
        var regular = new XFont(SystemFontResolver.FamilyName, 9, XFontStyleEx.Regular);
        var small = new XFont(SystemFontResolver.FamilyName, 7.5, XFontStyleEx.Regular);

        PdfPage page = null!;
        XGraphics graphics = null!;
        double y = 0;
        double width = 0;
        double[] x = [];

        void NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PageSize.Letter;
            page.Orientation = PageOrientation.Landscape;
            graphics = XGraphics.FromPdfPage(page);
            width = page.Width.Point - 2 * Margin;
            var left = Margin;
            x = Columns.Select(c =>
            {
                var at = left;
                left += c.Width;
                return at;
            }).ToArray();
            y = Margin;
            if (document.PageCount == 1)
            {
                graphics.DrawString(sheet.PracticeName, bold, XBrushes.Black, Margin, y + 9);
                graphics.DrawString($"{sheet.LocationName} · {sheet.LocationAddress}", regular, XBrushes.Black, Margin, y + 21);
                y += 30;
                graphics.DrawString($"Day sheet: {sheet.ProviderName}", title, XBrushes.Black, Margin, y + 16);
                graphics.DrawString(sheet.Date.ToString("dddd, MMMM d, yyyy", culture), bold, XBrushes.Black, Margin, y + 30);
                y += 42;
            }
            else
            {
                graphics.DrawString($"Day sheet: {sheet.ProviderName}, {sheet.Date.ToString("yyyy-MM-dd", culture)} (continued)", bold, XBrushes.Black, Margin, y + 9);
                y += 18;
            }
            graphics.DrawRectangle(XBrushes.LightGray, Margin, y, width, LineHeight + 4);
            for (var i = 0; i < Columns.Length; i++)
            {
                graphics.DrawString(Columns[i].Heading, bold, XBrushes.Black, x[i] + 2, y + 11);
            }
            y += LineHeight + 6;
        }

        NewPage();
        var bottom = page.Height.Point - Margin - 24;
        if (sheet.Rows.Count == 0)
        {
            graphics.DrawString("No visits booked.", regular, XBrushes.Black, Margin + 2, y + 10);
        }
        foreach (var row in sheet.Rows)
        {
            var noteWidth = Margin + width - x[^1] - 4;
            var noteLines = Wrap(graphics, row.Note ?? "", regular, noteWidth);
            var height = Math.Max(1, noteLines.Count) * LineHeight + 4;
            if (y + height > bottom)
            {
                NewPage();
            }
            string[] cells =
            [
                $"{row.LocalStart.ToString("HH:mm", culture)}–{row.LocalEnd.ToString("HH:mm", culture)}",
                row.PatientName,
                row.DateOfBirth.ToString("MM/dd/yyyy", culture),
                row.AppointmentType,
                row.Room ?? "",
                row.Status,
            ];
            for (var i = 0; i < cells.Length; i++)
            {
                graphics.DrawString(Fit(graphics, cells[i], i == 1 ? bold : regular, Columns[i].Width - 4), i == 1 ? bold : regular, XBrushes.Black, x[i] + 2, y + 10);
            }
            for (var line = 0; line < noteLines.Count; line++)
            {
                graphics.DrawString(noteLines[line], regular, XBrushes.Black, x[^1] + 2, y + 10 + line * LineHeight);
            }
            y += height;
            graphics.DrawLine(XPens.LightGray, Margin, y - 1, Margin + width, y - 1);
        }
        graphics.Dispose();

        for (var i = 0; i < document.PageCount; i++)
        {
            var each = document.Pages[i];
            using var footer = XGraphics.FromPdfPage(each, XGraphicsPdfPageOptions.Append);
            var footY = each.Height.Point - Margin;
            footer.DrawString("Confidential: contains protected health information. Shred after use.", small, XBrushes.Black, Margin, footY);
            var right = $"Printed {printedAtLocal.ToString("yyyy-MM-dd HH:mm", culture)} by {printedBy} · page {i + 1} of {document.PageCount}";
            footer.DrawString(right, small, XBrushes.Black, each.Width.Point - Margin - footer.MeasureString(right, small).Width, footY);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The text cut with an ellipsis to fit a column.</summary>
    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        var length = text.Length;
        while (length > 0 && graphics.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }
        return text[..length] + "…";
    }

    /// <summary>Word wrap to a width; a word longer than the width is cut.</summary>
    private static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                {
                    lines.Add(current);
                }
                current = Fit(graphics, word, font, width);
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
        }
        return lines;
    }
}
