using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace MedOffice.Web.Tests.DaySheets;

/// <summary>
/// The text a PDF shows, read back with PDFsharp's own parser: the strings of each Tj/TJ mapped to Unicode through
/// the current font's ToUnicode CMap (PDFsharp writes glyph ids, so the raw content stream holds no readable names).
/// </summary>
public static partial class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            var maps = new Dictionary<string, Dictionary<int, string>>();
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                var font = fonts!.Elements.GetDictionary(name);
                var toUnicode = font?.Elements.GetDictionary("/ToUnicode");
                maps[name] = toUnicode?.Stream is { } cmap ? ParseCMap(Encoding.Latin1.GetString(cmap.UnfilteredValue)) : [];
            }
            var text = new StringBuilder();
            var current = new Dictionary<int, string>();
            Walk(ContentReader.ReadContent(page), text, ref current, maps);
            pages.Add(text.ToString());
        }
        return pages;
    }

    private static void Walk(CSequence sequence, StringBuilder text, ref Dictionary<int, string> current, Dictionary<string, Dictionary<int, string>> maps)
    {
        foreach (var item in sequence)
        {
            if (item is not COperator op)
            {
                continue;
            }
            switch (op.OpCode.Name)
            {
                case "Tf" when op.Operands.Count > 0 && op.Operands[0] is CName font:
                    current = maps.GetValueOrDefault(font.Name) ?? [];
                    break;
                case "Tj" or "'" or "\"":
                    foreach (var s in op.Operands.OfType<CString>())
                    {
                        text.Append(Decode(s.Value, current));
                    }
                    text.Append('\n');
                    break;
                case "TJ":
                    foreach (var array in op.Operands.OfType<CArray>())
                    {
                        foreach (var s in array.OfType<CString>())
                        {
                            text.Append(Decode(s.Value, current));
                        }
                    }
                    text.Append('\n');
                    break;
            }
        }
    }

    private static string Decode(string raw, Dictionary<int, string> map)
    {
        if (map.Count == 0)
        {
            return raw;
        }
        var output = new StringBuilder();
        for (var i = 0; i + 1 < raw.Length; i += 2)
        {
            var code = (raw[i] << 8) | raw[i + 1];
            output.Append(map.GetValueOrDefault(code, "?"));
        }
        return output.ToString();
    }

    private static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChar().Matches(cmap))
        {
            foreach (Match pair in HexPair().Matches(block.Groups[1].Value))
            {
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
            }
        }
        foreach (Match block in BfRange().Matches(cmap))
        {
            foreach (Match range in HexRange().Matches(block.Groups[1].Value))
            {
                var from = Hex(range.Groups[1].Value);
                var to = Hex(range.Groups[2].Value);
                var first = Hex(range.Groups[3].Value);
                for (var code = from; code <= to; code++)
                {
                    map[code] = char.ConvertFromUtf32(first + code - from);
                }
            }
        }
        return map;
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex)
    {
        var chars = new StringBuilder();
        for (var i = 0; i + 3 < hex.Length; i += 4)
        {
            chars.Append((char)Hex(hex.Substring(i, 4)));
        }
        return chars.ToString();
    }

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexRange();
}
