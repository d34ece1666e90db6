using System.Globalization;
using System.Text;

namespace MedOffice.Patients;

/// <summary>Search keys for names: a plain lower-case letters-only form, and American Soundex of it.</summary>
public static class NameKeys
{
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        if (name.Any(char.IsSurrogate))
        {
            // A lone surrogate half (possible through a JSON "\ud800" escape) makes Normalize throw; no surrogate
            // decomposes to an ASCII letter, so dropping them all changes no key.
            name = new string(name.Where(c => !char.IsSurrogate(c)).ToArray());
        }
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    /// <summary>American Soundex (letter + 3 digits) of an already normalized name; "" for an empty one.</summary>
    public static string Soundex(string normalized)
    {
        if (normalized.Length == 0)
        {
            return "";
        }
        Span<char> code = ['0', '0', '0', '0'];
        code[0] = char.ToUpperInvariant(normalized[0]);
        var lastDigit = Digit(normalized[0]);
        var position = 1;
        for (var i = 1; i < normalized.Length && position < 4; i++)
        {
            var c = normalized[i];
            var digit = Digit(c);
            if (digit != '0' && digit != lastDigit)
            {
                code[position++] = digit;
            }
            // H and W do not separate letters with the same code; vowels do.
            if (c is not 'h' and not 'w')
            {
                lastDigit = digit;
            }
        }
        return new string(code);
    }

    private static char Digit(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };
}
