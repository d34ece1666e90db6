using System.Diagnostics.CodeAnalysis;

namespace MedOffice.Coding;

/// <summary>
/// An ICD-10-CM code in its stored form: upper case, no dot, 3 to 7 characters — a letter, a digit, then letters or
/// digits (e.g. E1122). <see cref="Display"/> puts the dot back after the third character (E11.22).
/// </summary>
public readonly record struct IcdCode
{
    private IcdCode(string value) => Value = value;

    public string Value { get; }

    public string Display => Format(Value);

    /// <summary>A stored code (E1122) as people write it (E11.22).</summary>
    public static string Format(string storedCode) => storedCode.Length > 3 ? $"{storedCode[..3]}.{storedCode[3..]}" : storedCode;

    public override string ToString() => Display;

    public static bool TryParse(string? text, [NotNullWhen(true)] out IcdCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim().ToUpperInvariant();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        // The dot, when written, sits after the category (three characters) and only once.
        if (dot >= 0 && (dot != 3 || trimmed.IndexOf('.', dot + 1) >= 0 || trimmed.Length == 4))
        {
            return false;
        }
        var bare = dot >= 0 ? trimmed.Remove(dot, 1) : trimmed;
        if (bare.Length is < 3 or > 7 || !char.IsAsciiLetterUpper(bare[0]) || !char.IsAsciiDigit(bare[1])
            || !bare.Skip(2).All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }
        code = new IcdCode(bare);
        return true;
    }

    /// <summary>The US federal fiscal year a date of service falls in (FY2019 runs 2018-10-01 to 2019-09-30): ICD-10-CM changes each October.</summary>
    public static int FiscalYearOf(DateOnly dateOfService) => dateOfService.Month >= 10 ? dateOfService.Year + 1 : dateOfService.Year;
}

/// <summary>
/// A procedure code as a claim carries it: CPT (five digits; Category II four digits + F, Category III + T, PLA + U)
/// or HCPCS Level II (a letter A–V and four digits).
/// </summary>
public readonly record struct ProcedureCode
{
    private ProcedureCode(string value, string system) => (Value, CodeSystem) = (value, system);

    public string Value { get; }

    /// <summary><see cref="ProcedureCodeSystems.Cpt"/> or <see cref="ProcedureCodeSystems.Hcpcs"/>.</summary>
    public string CodeSystem { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ProcedureCode? code)
    {
        code = null;
        var value = text?.Trim().ToUpperInvariant();
        if (value is not { Length: 5 })
        {
            return false;
        }
        if (value.All(char.IsAsciiDigit) || (value[..4].All(char.IsAsciiDigit) && value[4] is 'F' or 'T' or 'U'))
        {
            code = new ProcedureCode(value, ProcedureCodeSystems.Cpt);
            return true;
        }
        if (value[0] is >= 'A' and <= 'V' && value[1..].All(char.IsAsciiDigit))
        {
            code = new ProcedureCode(value, ProcedureCodeSystems.Hcpcs);
            return true;
        }
        return false;
    }
}

public static class ProcedureCodeSystems
{
    public const string Cpt = "CPT";
    public const string Hcpcs = "HCPCS";
}

/// <summary>
/// A Health Care Provider Taxonomy code (NUCC): ten characters, three digits, six letters or digits, and a final X
/// (e.g. 207Q00000X, family medicine).
/// </summary>
public readonly record struct TaxonomyCode
{
    private TaxonomyCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out TaxonomyCode? code)
    {
        code = null;
        var value = text?.Trim().ToUpperInvariant();
        if (value is not { Length: 10 } || !value[..3].All(char.IsAsciiDigit) || !value[3..9].All(char.IsAsciiLetterOrDigit) || value[9] != 'X')
        {
            return false;
        }
        code = new TaxonomyCode(value);
        return true;
    }
}

/// <summary>A procedure modifier: two letters or digits (25, 59, TC, LT).</summary>
public static class Modifiers
{
    public static bool IsWellFormed(string? text) => text is { Length: 2 } && text.All(char.IsAsciiLetterOrDigit);
}
