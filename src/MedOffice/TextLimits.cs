namespace MedOffice;

/// <summary>Text as it meets column lengths and claim formats: cut to a column's length, or reduced to its digits.</summary>
public static class TextLimits
{
    /// <summary>The text, cut to at most <paramref name="length"/> characters (for columns with a maximum length).</summary>
    public static string Limit(this string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>Only the ASCII digits of the text ("78701-1234" → "787011234"); empty for null.</summary>
    public static string DigitsOnly(this string? value) => new((value ?? "").Where(char.IsAsciiDigit).ToArray());
}
