using System.Globalization;
using System.Text;

namespace MedOffice.Printing;

/// <summary>
/// WinAnsiEncoding (ISO 32000-1, Annex D), the one-byte encoding of text in the standard fonts: ASCII, Latin-1 from
/// 0xA0 and Windows-1252's typographic characters (€ ‘ ’ “ ” – — … • ™ Š Ž Œ) in 0x80–0x9F.
/// Text is folded into it, never refused: a character WinAnsi lacks loses its accents ("Nguyễn" → "Nguyen",
/// "Dvořák" → "Dvorak"), takes its compatibility form ("ﬁ" → "fi", full-width "Ａ" → "A"), a few letters with no
/// decomposition take their base letter ("Łukasz" → "Lukasz", "đ" → "d"), and anything else (CJK, emoji, Cyrillic)
/// prints as one "?" per character as the reader sees it. Tabs and line breaks become spaces; other control and
/// invisible format characters (zero-width space, soft hyphen, lone surrogate halves) are dropped or become "?".
/// </summary>
public static class WinAnsi
{
    // 0x80–0x9F; '\0' marks the five codes WinAnsi leaves unused.
    private const string Windows1252High = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

    private static readonly Dictionary<char, byte> HighCodes = Windows1252High
        .Select((character, index) => (character, code: (byte)(0x80 + index)))
        .Where(pair => pair.character != '\0')
        .ToDictionary(pair => pair.character, pair => pair.code);

    // Letters Unicode does not decompose, and punctuation whose compatibility form is not in WinAnsi either.
    private static readonly Dictionary<char, string> Substitutes = new()
    {
        ['Ł'] = "L", ['ł'] = "l", ['Đ'] = "D", ['đ'] = "d", ['Ħ'] = "H", ['ħ'] = "h", ['ı'] = "i", ['Ŧ'] = "T", ['ŧ'] = "t",
        ['Ɗ'] = "D", ['ɗ'] = "d", ['Ŋ'] = "N", ['ŋ'] = "n", ['ĸ'] = "k", ['ſ'] = "s",
        ['‐'] = "-", ['‑'] = "-", ['‒'] = "-", ['−'] = "-", ['―'] = "—", ['′'] = "'", ['″'] = "\"", ['⁄'] = "/",
    };

    /// <summary>The text as it will print: every character of the result is one WinAnsi code.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPrintable(text))
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        // Normalizing refuses lone surrogate halves, so they are replaced first.
        var elements = StringInfo.GetTextElementEnumerator(WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormC));
        while (elements.MoveNext())
        {
            AppendFolded(output, elements.GetTextElement());
        }
        return output.ToString();
    }

    /// <summary>The WinAnsi bytes of <see cref="Fold"/>(text).</summary>
    public static byte[] Encode(string text)
    {
        var folded = Fold(text);
        var bytes = new byte[folded.Length];
        for (var i = 0; i < folded.Length; i++)
        {
            bytes[i] = CodeOf(folded[i]);
        }
        return bytes;
    }

    /// <summary>Whether the character has a WinAnsi code (and is not a control or invisible character).</summary>
    public static bool CanEncode(char character) =>
        character is (>= ' ' and <= '~') or (>= '\u00A0' and <= '\u00FF' and not '\u00AD') || HighCodes.ContainsKey(character);

    private static byte CodeOf(char character) => character <= '\u00FF' ? (byte)character : HighCodes[character];

    private static bool IsPrintable(string text)
    {
        foreach (var character in text)
        {
            if (!CanEncode(character))
            {
                return false;
            }
        }
        return true;
    }

    private static void AppendFolded(StringBuilder output, string element)
    {
        if (element.Length == 1 && CanEncode(element[0]))
        {
            output.Append(element);
            return;
        }
        var first = element[0];
        if (char.IsWhiteSpace(first))
        {
            output.Append(' ');
            return;
        }
        if (char.IsControl(first) || CharUnicodeInfo.GetUnicodeCategory(first) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark)
        {
            return;
        }
        // Accents off: the base letters of the canonical decomposition, then of the compatibility one.
        foreach (var form in (ReadOnlySpan<NormalizationForm>)[NormalizationForm.FormD, NormalizationForm.FormKD])
        {
            var bases = string.Concat(element.Normalize(form).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));
            if (bases.Length > 0 && IsPrintable(bases))
            {
                output.Append(bases);
                return;
            }
            if (bases.Length > 0 && Substitutes.TryGetValue(bases[0], out var substitute) && IsPrintable(bases[1..]))
            {
                output.Append(substitute).Append(bases[1..]);
                return;
            }
        }
        output.Append('?');
    }

    private static string WithoutLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '?';
            }
        }
        return new string(chars);
    }
}
