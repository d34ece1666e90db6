namespace MedOffice.X12.Validation;

/// <summary>The National Provider Identifier check: 10 digits, the last a Luhn check digit computed with the 80840 prefix.</summary>
public static class Npi
{
    /// <summary>Whether <paramref name="npi"/> (ASCII bytes) is a well-formed NPI.</summary>
    public static bool IsValid(ReadOnlySpan<byte> npi)
    {
        if (npi.Length != 10)
        {
            return false;
        }
        // "80840" contributes 24 to the Luhn sum of the 15-digit number.
        var sum = 24;
        for (var i = 0; i < 10; i++)
        {
            var digit = npi[9 - i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }
            if (i % 2 == 1)
            {
                digit *= 2;
                digit -= digit > 9 ? 9 : 0;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /// <summary>Whether <paramref name="npi"/> is a well-formed NPI.</summary>
    public static bool IsValid(string npi) => npi.Length == 10 && npi.All(char.IsAsciiDigit) && IsValid(System.Text.Encoding.ASCII.GetBytes(npi));

    /// <summary>The check digit that completes the first nine digits of an NPI.</summary>
    /// <exception cref="ArgumentException">When <paramref name="firstNine"/> is not nine digits.</exception>
    public static char CheckDigit(string firstNine)
    {
        if (firstNine.Length != 9 || !firstNine.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An NPI's check digit is computed from its first nine digits.", nameof(firstNine));
        }
        for (var check = '0'; check <= '9'; check++)
        {
            if (IsValid(firstNine + check))
            {
                return check;
            }
        }
        throw new InvalidOperationException("Unreachable: one check digit always fits.");
    }
}
