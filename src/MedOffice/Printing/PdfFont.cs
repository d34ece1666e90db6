namespace MedOffice.Printing;

/// <summary>
/// The standard PDF fonts MedOffice prints with. Every PDF reader has them, so nothing is embedded and no font file is
/// needed on the server; text is WinAnsi (see <see cref="WinAnsi"/>).
/// </summary>
public enum PdfFont
{
    Helvetica,
    HelveticaBold,
    Courier,
}

/// <summary>Text measurement in the standard fonts, in points, of the text as it will print (folded to WinAnsi).</summary>
public static class PdfFontMetrics
{
    private const char Ellipsis = '…';
    private const byte EllipsisCode = 0x85;

    /// <summary>The PostScript name the PDF refers to the font by.</summary>
    public static string BaseFontName(PdfFont font) => font switch
    {
        PdfFont.Helvetica => "Helvetica",
        PdfFont.HelveticaBold => "Helvetica-Bold",
        PdfFont.Courier => "Courier",
        _ => throw new ArgumentOutOfRangeException(nameof(font), font, null),
    };

    /// <summary>The advance width of one WinAnsi code, per 1000 em.</summary>
    public static int GlyphWidth(PdfFont font, byte code)
    {
        if (code < StandardFontWidths.FirstCode)
        {
            return 0;
        }
        return font switch
        {
            PdfFont.Helvetica => StandardFontWidths.Helvetica[code - StandardFontWidths.FirstCode],
            PdfFont.HelveticaBold => StandardFontWidths.HelveticaBold[code - StandardFontWidths.FirstCode],
            PdfFont.Courier => 600,
            _ => throw new ArgumentOutOfRangeException(nameof(font), font, null),
        };
    }

    /// <summary>The width of the text set in the font at the size (in points).</summary>
    public static double Width(string text, PdfFont font, double size) => Units(WinAnsi.Encode(text), font) * size / 1000;

    /// <summary>The text (folded), cut with an ellipsis where needed to fit the width.</summary>
    public static string Fit(string text, PdfFont font, double size, double width)
    {
        var folded = WinAnsi.Fold(text);
        if (Width(folded, font, size) <= width)
        {
            return folded;
        }
        var limit = width * 1000 / size - GlyphWidth(font, EllipsisCode);
        var length = LengthFitting(folded, font, limit);
        return folded[..length].TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// The text (folded) broken into lines no wider than the width: at spaces where possible, inside a word longer than
    /// a line where not. Line breaks in the text are kept; an empty text has no lines.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, PdfFont font, double size, double width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        if (text.Length == 0)
        {
            return lines;
        }
        var limit = width * 1000 / size;
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = "";
            foreach (var word in WinAnsi.Fold(paragraph).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Units(candidate, font) <= limit)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                {
                    lines.Add(current);
                }
                current = word;
                while (Units(current, font) > limit)
                {
                    // At least one character per line, so a width narrower than a letter still ends.
                    var length = Math.Max(1, LengthFitting(current, font, limit));
                    lines.Add(current[..length]);
                    current = current[length..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    private static int Units(string folded, PdfFont font) => Units(WinAnsi.Encode(folded), font);

    private static int Units(byte[] codes, PdfFont font)
    {
        var units = 0;
        foreach (var code in codes)
        {
            units += GlyphWidth(font, code);
        }
        return units;
    }

    private static int LengthFitting(string folded, PdfFont font, double limit)
    {
        var codes = WinAnsi.Encode(folded);
        var units = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            units += GlyphWidth(font, codes[i]);
            if (units > limit)
            {
                return i;
            }
        }
        return codes.Length;
    }
}
