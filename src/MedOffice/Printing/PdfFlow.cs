namespace MedOffice.Printing;

/// <summary>
/// Where the next row of a report goes as it runs down the pages: <see cref="Y"/> on <see cref="Page"/>, and a new page
/// when the next block would not fit above <see cref="Bottom"/>. A new page gets its continuation heading from
/// <c>continuePage</c>, which draws it and returns where the rows go on; later pages may have another bottom (the
/// statement's first page stops above its payment stub).
/// <code>
/// var flow = new PdfFlow(pdf, page, y, page.Height - 60, next => DrawHeadings(next));
/// foreach (var row in rows) { flow.Need(12); flow.Page.Text(36, flow.Y, row, PdfFont.Helvetica, 9); flow.Y += 12; }
/// </code>
/// </summary>
public sealed class PdfFlow(PdfDocumentBuilder pdf, PdfPage page, double y, double bottom, Func<PdfPage, double> continuePage, double? laterBottom = null)
{
    private readonly double _laterBottom = laterBottom ?? bottom;

    public PdfPage Page { get; private set; } = page;

    public double Y { get; set; } = y;

    public double Bottom { get; private set; } = bottom;

    /// <summary>Starts a new page unless a block this high fits between <see cref="Y"/> and the bottom.</summary>
    public PdfFlow Need(double height)
    {
        if (Y + height > Bottom)
        {
            Page = pdf.AddPage();
            Bottom = _laterBottom;
            Y = continuePage(Page);
        }
        return this;
    }
}
