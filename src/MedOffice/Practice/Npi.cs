using System.Diagnostics.CodeAnalysis;

namespace MedOffice.Practice;

/// <summary>
/// A National Provider Identifier: ten digits whose last is a Luhn check digit computed over "80840" + the first nine
/// (CMS NPI check-digit algorithm).
/// </summary>
public readonly record struct Npi
{
    private Npi(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Npi? npi)
    {
        npi = null;
        if (text is null || text.Length != 10 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        if (CheckDigit(text[..9]) != text[9] - '0')
        {
            return false;
        }
        npi = new Npi(text);
        return true;
    }

    public static Npi Parse(string text) =>
        TryParse(text, out var npi) ? npi.Value : throw new FormatException($"'{text}' is not a valid NPI (10 digits with a Luhn check digit).");

    /// <summary>Makes a valid NPI from nine digits by appending the check digit (used for demo data).</summary>
    public static Npi FromNineDigits(string nineDigits) => Parse(nineDigits + CheckDigit(nineDigits));

    private static int CheckDigit(string nineDigits)
    {
        // Luhn over the 80840 prefix: the constant 24 stands for the prefix's contribution.
        var sum = 24;
        for (var i = 0; i < 9; i++)
        {
            var digit = nineDigits[8 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - (sum % 10)) % 10;
    }

    public override string ToString() => Value;
}
