using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MedOffice.Printing;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Printing;

public class PdfDocumentBuilderTests
{
    private static readonly TestClock Clock = TestClock.At(2026, 11, 23, 15);

    [Fact]
    public async Task A_document_is_valid_PDF_and_gives_back_its_text_accents_and_escapes()
    {
        var pdf = new PdfDocumentBuilder("Statement for Zoë Müller", Clock);
        pdf.AddPage()
            .Text(72, 72, "Café crème, señor Müller: 25 €", PdfFont.Helvetica, 12)
            .Text(72, 100, @"Paid (in part) \ balance ) due (", PdfFont.HelveticaBold, 12)
            .Text(72, 128, "Account 00417", PdfFont.Courier, 10)
            .Line(72, 140, 540, 140)
            .FillRectangle(72, 150, 468, 20, grey: 0.9)
            .StrokeRectangle(72, 150, 468, 20, thickness: 1, grey: 0.3);
        pdf.AddPage(PdfPageSize.A4).Text(72, 72, "Second page", PdfFont.Helvetica, 12);
        var bytes = pdf.ToArray();

        await PdfTools.AssertValidAsync(bytes);
        var pages = await PdfTools.PagesAsync(bytes);
        Assert.Equal(2, pages.Count);
        Assert.Contains("Café crème, señor Müller: 25 €", pages[0], StringComparison.Ordinal);
        Assert.Contains(@"Paid (in part) \ balance ) due (", pages[0], StringComparison.Ordinal);
        Assert.Contains("Account 00417", pages[0], StringComparison.Ordinal);
        Assert.Contains("Second page", pages[1], StringComparison.Ordinal);
        var info = await PdfTools.InfoAsync(bytes);
        Assert.Equal("2", info["Pages"]);
        Assert.Equal("1.7", info["PDF version"]);
        Assert.Equal("Statement for Zoë Müller", info["Title"]);
        Assert.Equal("2026-11-23T15:00:00Z", info["CreationDate"]);
        Assert.StartsWith("612 x 792 pts", info["Page size"], StringComparison.Ordinal);
        // The page content is compressed: the words are not in the file as plain text.
        Assert.DoesNotContain("Second page", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("/FlateDecode", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_sits_where_it_was_put_measured_from_the_top_left_and_right_aligned_text_ends_at_its_x()
    {
        var pdf = new PdfDocumentBuilder("Positions", Clock);
        pdf.AddPage()
            .Text(100, 200, "Left", PdfFont.Helvetica, 10)
            .TextRight(500, 300, "$1,234.56", PdfFont.Helvetica, 10)
            .TextRight(500, 320, "$7.00", PdfFont.HelveticaBold, 10)
            .TextCentered(306, 400, "Centred", PdfFont.Helvetica, 10);
        var words = (await PdfTools.WordsAsync(pdf.ToArray())).ToDictionary(w => w.Word);

        var left = words["Left"];
        Assert.Equal(100, left.Left, 0.5);
        Assert.InRange(200, left.Top, left.Bottom);
        Assert.Equal(500, words["$1,234.56"].Right, 0.5);
        Assert.Equal(500, words["$7.00"].Right, 0.5);
        Assert.InRange(300, words["$1,234.56"].Top, words["$1,234.56"].Bottom);
        Assert.Equal(306, (words["Centred"].Left + words["Centred"].Right) / 2, 0.5);
    }

    [Fact]
    public void Helvetica_widths_are_Adobes()
    {
        Assert.Equal(944, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, (byte)'W'));
        Assert.Equal(222, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, (byte)'i'));
        Assert.Equal(278, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, (byte)' '));
        Assert.Equal(1015, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, (byte)'@'));
        Assert.Equal(556, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, 0x80)); // €
        Assert.Equal(556, PdfFontMetrics.GlyphWidth(PdfFont.Helvetica, 0xE9)); // é
        Assert.Equal(278, PdfFontMetrics.GlyphWidth(PdfFont.HelveticaBold, (byte)'i'));
        Assert.Equal(611, PdfFontMetrics.GlyphWidth(PdfFont.HelveticaBold, (byte)'b'));
        Assert.Equal(600, PdfFontMetrics.GlyphWidth(PdfFont.Courier, (byte)'i'));
        // "Hello" = H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units: 22.78 pt at 10 pt.
        Assert.Equal(22.78, PdfFontMetrics.Width("Hello", PdfFont.Helvetica, 10), 6);
    }

    [Fact]
    public async Task Page_numbers_count_every_page_and_writing_twice_gives_the_same_bytes()
    {
        var pdf = new PdfDocumentBuilder("Numbered", Clock);
        for (var i = 0; i < 3; i++)
        {
            pdf.AddPage().Text(72, 72, $"Body {i + 1}", PdfFont.Helvetica, 12);
        }
        pdf.EveryPage((page, number, count) => page.TextRight(page.Width - 36, page.Height - 36, PdfDocumentBuilder.PageOf(number, count), PdfFont.Helvetica, 8));

        var first = pdf.ToArray();
        Assert.Equal(first, pdf.ToArray());
        var pages = await PdfTools.PagesAsync(first);
        Assert.Equal(3, pages.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"Body {i + 1}", pages[i], StringComparison.Ordinal);
            Assert.Single(pages[i].Split("Page ")[1..]);
            Assert.Contains($"Page {i + 1} of 3", pages[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sections_number_their_own_pages_and_draw_their_own_footer()
    {
        var pdf = new PdfDocumentBuilder("Batch", Clock);
        foreach (var (name, pageCount) in new[] { ("A", 2), ("B", 1) })
        {
            pdf.StartSection((page, number, count) => page.Footer(36, 24, $"Statement {name}", null, number, count));
            for (var i = 0; i < pageCount; i++)
            {
                pdf.AddPage().Text(72, 72, $"Body {name}{i + 1}", PdfFont.Helvetica, 12);
            }
        }

        var pages = await PdfTools.PagesAsync(pdf.ToArray());
        Assert.Equal(3, pages.Count);
        Assert.Contains("Statement A", pages[1], StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", pages[1], StringComparison.Ordinal);
        Assert.Contains("Statement B", pages[2], StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", pages[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_box_wraps_at_spaces_within_its_width_and_keeps_line_breaks()
    {
        const string text = "Bring the insurance card and a list of current medications. Fasting since midnight is needed for the blood work.\nParking: level 2.";
        var pdf = new PdfDocumentBuilder("Wrapped", Clock);
        var height = pdf.AddPage().TextBox(72, 100, 150, text, PdfFont.Helvetica, 10, lineHeight: 12);
        var lines = PdfFontMetrics.Wrap(text, PdfFont.Helvetica, 10, 150);

        Assert.True(lines.Count >= 4, string.Join(" | ", lines));
        Assert.Equal(lines.Count * 12, height);
        Assert.Equal("Parking: level 2.", lines[^1]);
        Assert.All(lines, line => Assert.True(PdfFontMetrics.Width(line, PdfFont.Helvetica, 10) <= 150, line));
        var bytes = pdf.ToArray();
        var words = await PdfTools.WordsAsync(bytes);
        Assert.All(words, w => Assert.True(w.Right <= 72 + 150 + 0.5, $"{w.Word} ends at {w.Right}"));
        var printed = (await PdfTools.PagesAsync(bytes))[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal(lines, printed);
    }

    [Fact]
    public void A_word_longer_than_the_box_is_broken_and_a_cell_too_narrow_gets_an_ellipsis()
    {
        var lines = PdfFontMetrics.Wrap("Pneumonoultramicroscopicsilicovolcanoconiosis", PdfFont.Helvetica, 10, 60);
        Assert.True(lines.Count > 1);
        Assert.Equal("Pneumonoultramicroscopicsilicovolcanoconiosis", string.Concat(lines));
        Assert.All(lines, line => Assert.True(PdfFontMetrics.Width(line, PdfFont.Helvetica, 10) <= 60, line));
        Assert.Empty(PdfFontMetrics.Wrap("", PdfFont.Helvetica, 10, 60));

        var cut = PdfFontMetrics.Fit("Wanderley-Castellanos, Maria Fernanda", PdfFont.HelveticaBold, 9, 100);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith("Wanderley", cut, StringComparison.Ordinal);
        Assert.True(PdfFontMetrics.Width(cut, PdfFont.HelveticaBold, 9) <= 100);
        Assert.Equal("Short", PdfFontMetrics.Fit("Short", PdfFont.HelveticaBold, 9, 100));
    }

    [Theory]
    [InlineData("Łukasz Żółć", "Lukasz Zólc")]
    [InlineData("Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khai")]
    [InlineData("Dvořák", "Dvorák")]
    [InlineData("José Muñoz-Gómez", "José Muñoz-Gómez")]
    [InlineData("Jose\u0301", "José")]
    [InlineData("“Quoted” – ok…", "“Quoted” – ok…")]
    [InlineData("ﬁle Ａ", "file A")]
    [InlineData("東京 😀 Москва", "?? ? ??????")]
    [InlineData("tab\there\r\nline", "tab here line")]
    [InlineData("zero\u200Bwidth soft\u00ADhyphen", "zerowidth softhyphen")]
    public void Text_outside_WinAnsi_is_folded_never_refused(string text, string printed) => Assert.Equal(printed, WinAnsi.Fold(text));

    [Fact]
    public void Lone_surrogate_halves_print_as_a_question_mark()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate intact.
        Assert.Equal("lone ? half ?", WinAnsi.Fold("lone " + '\uD800' + " half " + '\uDC00'));
    }

    [Fact]
    public async Task Folded_names_print_as_folded()
    {
        var pdf = new PdfDocumentBuilder("Łukasz", Clock);
        pdf.AddPage().Text(72, 72, "Łukasz Nguyễn 東京", PdfFont.Helvetica, 12);
        var bytes = pdf.ToArray();
        await PdfTools.AssertValidAsync(bytes);
        Assert.Contains("Lukasz Nguyen ??", await PdfTools.TextAsync(bytes), StringComparison.Ordinal);
        Assert.Equal("Łukasz", (await PdfTools.InfoAsync(bytes))["Title"]);
    }

    [Fact]
    public void Bad_numbers_are_refused_before_anything_is_drawn()
    {
        var page = new PdfDocumentBuilder("Bad", Clock).AddPage();
        Assert.Throws<ArgumentOutOfRangeException>(() => page.Text(double.NaN, 10, "x", PdfFont.Helvetica, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => page.Text(10, 10, "x", PdfFont.Helvetica, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => page.Line(0, 0, double.PositiveInfinity, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => page.FillRectangle(0, 0, 10, 10, grey: 1.5));
        Assert.Throws<InvalidOperationException>(() => new PdfDocumentBuilder("Empty", Clock).ToArray());
    }

    [Property(MaxTest = 2000)]
    public bool Any_text_folds_to_WinAnsi_without_throwing(string? text)
    {
        var folded = WinAnsi.Fold(text ?? "");
        return folded.All(WinAnsi.CanEncode) && WinAnsi.Encode(text ?? "").Length == folded.Length
            && PdfFontMetrics.Width(text ?? "", PdfFont.Helvetica, 10) >= 0;
    }

    [Property(MaxTest = 12)]
    public async Task Any_text_makes_a_valid_PDF(NonNull<string> text, NonNull<string> more)
    {
        var pdf = new PdfDocumentBuilder(text.Get, Clock);
        var page = pdf.AddPage();
        page.Text(36, 72, text.Get, PdfFont.Helvetica, 11).TextRight(576, 90, more.Get, PdfFont.HelveticaBold, 9);
        page.TextBox(36, 120, 200, text.Get + "\n" + more.Get + ")(\\", PdfFont.Courier, 8);
        var bytes = pdf.ToArray();

        await PdfTools.AssertValidAsync(bytes);
        Assert.Equal(1, await PdfTools.PageCountAsync(bytes));
        // What a reader shows is the folded text, word for word.
        var shown = await PdfTools.TextAsync(bytes);
        foreach (var word in WinAnsi.Fold(text.Get).Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(word, shown, StringComparison.Ordinal);
        }
    }
}
