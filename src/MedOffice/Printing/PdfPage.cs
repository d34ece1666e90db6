using System.Globalization;
using System.Text;

namespace MedOffice.Printing;

/// <summary>A page size in points (1/72 inch), portrait; <see cref="Landscape"/> turns it.</summary>
public readonly record struct PdfPageSize(double Width, double Height)
{
    public static PdfPageSize Letter { get; } = new(612, 792);

    public static PdfPageSize A4 { get; } = new(595.276, 841.89);

    public PdfPageSize Landscape => Width > Height ? this : new(Height, Width);
}

/// <summary>
/// One page to draw on. Units are points; the origin is the top-left corner of the page and y grows downwards, as on
/// paper (the writer turns that into PDF's bottom-left origin). Text is placed by its baseline: <c>Text(x, y, ...)</c>
/// starts the text at x with its baseline at y, so 12-point text whose top should touch y = 100 goes at about y = 109.
/// Grey levels run from 0 (black) to 1 (white). Drawing methods return the page so calls can be chained (TextBox
/// returns the height it took).
/// </summary>
public sealed class PdfPage
{
    private readonly StringBuilder _content = new();
    private readonly HashSet<PdfFont> _fonts = [];

    internal PdfPage(PdfPageSize size)
    {
        if (!(size.Width > 0 && size.Height > 0 && double.IsFinite(size.Width) && double.IsFinite(size.Height)))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A page has a positive width and height.");
        }
        Size = size;
    }

    public PdfPageSize Size { get; }

    public double Width => Size.Width;

    public double Height => Size.Height;

    internal string Content => _content.ToString();

    internal IReadOnlySet<PdfFont> Fonts => _fonts;

    /// <summary>Text starting at x, baseline at y. Characters outside WinAnsi are folded (see <see cref="WinAnsi"/>).</summary>
    public PdfPage Text(double x, double y, string text, PdfFont font, double size)
    {
        CheckSize(size);
        var codes = WinAnsi.Encode(text);
        if (codes.Length == 0)
        {
            return this;
        }
        var place = Numbers(size, x, Height - y);
        _fonts.Add(font);
        _content.Append("BT /").Append(ResourceName(font)).Append(' ').Append(place[0]).Append(" Tf ").Append(place[1]).Append(' ').Append(place[2]).Append(" Td ");
        AppendString(_content, codes);
        _content.Append(" Tj ET\n");
        return this;
    }

    /// <summary>Text ending at x (money columns), baseline at y.</summary>
    public PdfPage TextRight(double x, double y, string text, PdfFont font, double size) =>
        Text(x - PdfFontMetrics.Width(text, font, size), y, text, font, size);

    /// <summary>Text centred on x, baseline at y.</summary>
    public PdfPage TextCentered(double x, double y, string text, PdfFont font, double size) =>
        Text(x - PdfFontMetrics.Width(text, font, size) / 2, y, text, font, size);

    /// <summary>
    /// Text wrapped to a width (see <see cref="PdfFontMetrics.Wrap"/>), the first baseline at y and one line every
    /// lineHeight points (1.2 × size unless given). Returns the height the lines take: lines × lineHeight.
    /// </summary>
    public double TextBox(double x, double y, double width, string text, PdfFont font, double size, double? lineHeight = null)
    {
        CheckSize(size);
        var step = lineHeight ?? size * 1.2;
        var lines = PdfFontMetrics.Wrap(text, font, size, width);
        for (var i = 0; i < lines.Count; i++)
        {
            Text(x, y + i * step, lines[i], font, size);
        }
        return lines.Count * step;
    }

    /// <summary>
    /// The foot line of a report page, in 7.5-point Helvetica with its baseline <paramref name="fromBottom"/> points above
    /// the bottom edge: <paramref name="left"/> at the left margin, and at the right margin <paramref name="right"/>
    /// followed by " · Page n of m" (or only "Page n of m"). For <see cref="PdfDocumentBuilder.EveryPage"/>.
    /// </summary>
    public PdfPage Footer(double margin, double fromBottom, string? left, string? right, int number, int count)
    {
        var y = Height - fromBottom;
        if (left is not null)
        {
            Text(margin, y, left, PdfFont.Helvetica, 7.5);
        }
        var pageOf = PdfDocumentBuilder.PageOf(number, count);
        return TextRight(Width - margin, y, right is null ? pageOf : $"{right} · {pageOf}", PdfFont.Helvetica, 7.5);
    }

    /// <summary>A straight line from (x1, y1) to (x2, y2).</summary>
    public PdfPage Line(double x1, double y1, double x2, double y2, double thickness = 0.5, double grey = 0)
    {
        CheckGrey(grey);
        var numbers = Numbers(grey, thickness, x1, Height - y1, x2, Height - y2);
        _content.Append("q ").Append(numbers[0]).Append(" G ").Append(numbers[1]).Append(" w ")
            .Append(numbers[2]).Append(' ').Append(numbers[3]).Append(" m ").Append(numbers[4]).Append(' ').Append(numbers[5]).Append(" l S Q\n");
        return this;
    }

    /// <summary>A filled rectangle with its top-left corner at (x, y).</summary>
    public PdfPage FillRectangle(double x, double y, double width, double height, double grey)
    {
        CheckGrey(grey);
        var numbers = Numbers(grey, x, Height - y - height, width, height);
        _content.Append("q ").Append(numbers[0]).Append(" g ").Append(string.Join(' ', numbers[1..])).Append(" re f Q\n");
        return this;
    }

    /// <summary>The outline of a rectangle with its top-left corner at (x, y).</summary>
    public PdfPage StrokeRectangle(double x, double y, double width, double height, double thickness = 0.5, double grey = 0)
    {
        CheckGrey(grey);
        var numbers = Numbers(grey, thickness, x, Height - y - height, width, height);
        _content.Append("q ").Append(numbers[0]).Append(" G ").Append(numbers[1]).Append(" w ").Append(string.Join(' ', numbers[2..])).Append(" re S Q\n");
        return this;
    }

    /// <summary>The resource name a font has on every page (/F1, /F2, ...).</summary>
    internal static string ResourceName(PdfFont font) => "F" + ((int)font + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends a PDF literal string: ( ) \ escaped, every byte outside printable ASCII as an octal escape.</summary>
    internal static void AppendString(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        output.Append('(');
        foreach (var b in bytes)
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                output.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or > 0x7E)
            {
                output.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                output.Append((char)b);
            }
        }
        output.Append(')');
    }

    /// <summary>A number as PDF writes it: invariant, no exponent, at most three decimals.</summary>
    internal static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Coordinates and sizes are finite numbers.");
        }
        var rounded = Math.Round(value, 3);
        return rounded == 0 ? "0" : rounded.ToString("0.###", CultureInfo.InvariantCulture);
    }

    // Every number is formatted (and checked) before anything is appended, so a bad argument leaves the page as it was.
    private static string[] Numbers(params ReadOnlySpan<double> values)
    {
        var numbers = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            numbers[i] = Number(values[i]);
        }
        return numbers;
    }

    private static void CheckSize(double size)
    {
        if (!(size > 0 && double.IsFinite(size)))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A font size is a positive number of points.");
        }
    }

    private static void CheckGrey(double grey)
    {
        if (grey is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(grey), grey, "A grey level runs from 0 (black) to 1 (white).");
        }
    }
}
