using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MedOffice.Printing;

/// <summary>
/// A PDF 1.7 document (ISO 32000-1) built page by page, in the standard fonts, and written in one go:
/// <code>
/// var pdf = new PdfDocumentBuilder("Day sheet", timeProvider);
/// var page = pdf.AddPage();
/// page.Text(36, 48, "Hello", PdfFont.HelveticaBold, 12);
/// pdf.EveryPage((footer, number, count) => footer.TextRight(576, 770, PdfDocumentBuilder.PageOf(number, count), PdfFont.Helvetica, 8));
/// pdf.WriteTo(stream);
/// </code>
/// Content streams are Flate-compressed; the file has a classic cross-reference table and a trailer whose /ID is a hash of
/// the body, so the same document written at the same instant gives the same bytes. See <see cref="PdfPage"/> for units.
/// </summary>
public sealed class PdfDocumentBuilder(string title, TimeProvider time, PdfPageSize? pageSize = null)
{
    private const string Producer = "MedOffice";
    private readonly List<PdfPage> _pages = [];
    private readonly List<Action<PdfPage, int, int>> _everyPage = [];
    private readonly List<(int FirstPage, Action<PdfPage, int, int>? Draw)> _sections = [];
    private readonly PdfPageSize _pageSize = pageSize ?? PdfPageSize.Letter;

    public string Title { get; } = title ?? throw new ArgumentNullException(nameof(title));

    public IReadOnlyList<PdfPage> Pages => _pages;

    /// <summary>"Page 2 of 3".</summary>
    public static string PageOf(int number, int count) => string.Create(CultureInfo.InvariantCulture, $"Page {number} of {count}");

    /// <summary>A new last page, of the document's page size unless given.</summary>
    public PdfPage AddPage(PdfPageSize? size = null)
    {
        var page = new PdfPage(size ?? _pageSize);
        _pages.Add(page);
        return page;
    }

    /// <summary>
    /// Something drawn on every page when the document is written, when the page count is known: headers and footers
    /// with "Page n of m". The action gets a layer over the page (same size), the page's number from 1, and the count,
    /// both within the page's section (the whole document when there are no sections).
    /// </summary>
    public void EveryPage(Action<PdfPage, int, int> draw) => _everyPage.Add(draw ?? throw new ArgumentNullException(nameof(draw)));

    /// <summary>
    /// Starts a section with the next page added: its pages are numbered on their own (each statement in a batch is
    /// "Page 1 of 2", "Page 2 of 2"), and <paramref name="everyPage"/>, if given, is drawn on each of them only, after
    /// what <see cref="EveryPage"/> draws.
    /// </summary>
    public void StartSection(Action<PdfPage, int, int>? everyPage = null) => _sections.Add((_pages.Count, everyPage));

    public byte[] ToArray()
    {
        using var output = new MemoryStream();
        WriteTo(output);
        return output.ToArray();
    }

    public void WriteTo(Stream stream)
    {
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }
        var pages = _pages.Select((page, index) => Layered(page, index + 1)).ToList();
        var fonts = pages.SelectMany(p => p.Fonts).Distinct().Order().ToList();

        // Object numbers: 1 catalog, 2 page tree, 3 document info, then the fonts, then each page and its content.
        const int catalog = 1, pageTree = 2, info = 3;
        var fontObjects = fonts.Select((font, index) => (font, number: 4 + index)).ToList();
        int PageObject(int index) => 4 + fonts.Count + 2 * index;

        var body = new PdfBody();
        body.Object(catalog, $"<< /Type /Catalog /Pages {pageTree} 0 R >>");
        body.Object(pageTree, $"<< /Type /Pages /Kids [{string.Join(' ', pages.Select((_, i) => $"{PageObject(i)} 0 R"))}] /Count {pages.Count} >>");
        body.Object(info, $"<< /Title {TextString(Title)} /Producer {TextString(Producer)} /CreationDate ({Date(time.GetUtcNow())}) >>");
        foreach (var (font, number) in fontObjects)
        {
            body.Object(number, $"<< /Type /Font /Subtype /Type1 /BaseFont /{PdfFontMetrics.BaseFontName(font)} /Encoding /WinAnsiEncoding >>");
        }
        for (var i = 0; i < pages.Count; i++)
        {
            var (size, content, used) = pages[i];
            var fontResources = string.Join(' ', fontObjects.Where(f => used.Contains(f.font)).Select(f => $"/{PdfPage.ResourceName(f.font)} {f.number} 0 R"));
            body.Object(PageObject(i),
                $"<< /Type /Page /Parent {pageTree} 0 R /MediaBox [0 0 {PdfPage.Number(size.Width)} {PdfPage.Number(size.Height)}] "
                + $"/Resources << /Font << {fontResources} >> >> /Contents {PageObject(i) + 1} 0 R >>");
            body.Stream(PageObject(i) + 1, Deflate(Encoding.ASCII.GetBytes(content)));
        }
        body.Finish(catalog, info, stream);
    }

    private (PdfPageSize Size, string Content, IReadOnlySet<PdfFont> Fonts) Layered(PdfPage page, int number)
    {
        // The page's section is the last one started at or before it; pages before the first section are one of their own.
        var section = _sections.LastOrDefault(s => s.FirstPage < number);
        if (_everyPage.Count == 0 && section.Draw is null)
        {
            return (page.Size, page.Content, page.Fonts);
        }
        var first = section.FirstPage;
        var end = _sections.Where(s => s.FirstPage >= number).Select(s => s.FirstPage).DefaultIfEmpty(_pages.Count).Min();
        var (numberInSection, count) = (number - first, end - first);
        // A fresh layer each time, so writing twice does not draw the footer twice.
        var layer = new PdfPage(page.Size);
        foreach (var draw in _everyPage)
        {
            draw(layer, numberInSection, count);
        }
        section.Draw?.Invoke(layer, numberInSection, count);
        return (page.Size, page.Content + layer.Content, page.Fonts.Union(layer.Fonts).ToHashSet());
    }

    private static byte[] Deflate(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return compressed.ToArray();
    }

    /// <summary>D:YYYYMMDDHHmmSSZ, in UTC.</summary>
    private static string Date(DateTimeOffset instant) =>
        "D:" + instant.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>A text string for the document info: a literal in plain ASCII, else UTF-16BE with a byte-order mark.</summary>
    private static string TextString(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            var literal = new StringBuilder();
            PdfPage.AppendString(literal, Encoding.ASCII.GetBytes(text));
            return literal.ToString();
        }
        // Lone surrogate halves would not survive UTF-16BE; they become U+FFFD.
        return "<FEFF" + Convert.ToHexString(new UnicodeEncoding(bigEndian: true, byteOrderMark: false).GetBytes(text)) + ">";
    }

    /// <summary>The file as it is written: objects with their byte offsets, then the cross-reference table and trailer.</summary>
    private sealed class PdfBody
    {
        private readonly MemoryStream _bytes = new();
        private readonly SortedDictionary<int, long> _offsets = [];

        public PdfBody()
        {
            // The comment of four high bytes tells transfer programs the file is binary (ISO 32000-1, 7.5.2).
            Write("%PDF-1.7\n");
            _bytes.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        }

        public void Object(int number, string dictionary)
        {
            Begin(number);
            Write(dictionary + "\nendobj\n");
        }

        public void Stream(int number, byte[] data)
        {
            Begin(number);
            Write($"<< /Length {data.Length} /Filter /FlateDecode >>\nstream\n");
            _bytes.Write(data);
            Write("\nendstream\nendobj\n");
        }

        public void Finish(int catalog, int info, Stream output)
        {
            var count = _offsets.Count + 1;
            if (_offsets.Keys.Select((number, index) => number != index + 1).Any(gap => gap))
            {
                throw new InvalidOperationException("PDF objects are numbered 1, 2, 3, ... without gaps.");
            }
            var id = Convert.ToHexString(SHA256.HashData(_bytes.GetBuffer().AsSpan(0, (int)_bytes.Length))[..16]);
            var xref = _bytes.Length;
            var table = new StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"xref\n0 {count}\n0000000000 65535 f \n");
            foreach (var offset in _offsets.Values)
            {
                // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, "n", space and line feed.
                table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
            }
            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {count} /Root {catalog} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\n");
            table.Append(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n");
            Write(table.ToString());
            _bytes.Position = 0;
            _bytes.CopyTo(output);
        }

        private void Begin(int number)
        {
            _offsets.Add(number, _bytes.Length);
            Write(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n"));
        }

        private void Write(string ascii) => _bytes.Write(Encoding.ASCII.GetBytes(ascii));
    }
}
