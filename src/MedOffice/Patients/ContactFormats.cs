using System.Globalization;
using System.Net.Mail;

namespace MedOffice.Patients;

/// <summary>Parsing and checking of the contact data staff type at the desk.</summary>
public static class ContactFormats
{
    public static readonly IReadOnlySet<string> UsStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "AL","AK","AZ","AR","CA","CO","CT","DE","DC","FL","GA","HI","ID","IL","IN","IA","KS","KY","LA","ME","MD","MA","MI","MN","MS",
        "MO","MT","NE","NV","NH","NJ","NM","NY","NC","ND","OH","OK","OR","PA","RI","SC","SD","TN","TX","UT","VT","VA","WA","WV","WI","WY",
        "PR","VI","GU","AS","MP","AA","AE","AP",
    };

    /// <summary>
    /// A North American phone number as its ten digits: accepts "(555) 201-3344", "555.201.3344", "+1 555 201 3344".
    /// Area code and exchange may not start with 0 or 1 (NANP).
    /// </summary>
    public static bool TryParsePhone(string? text, out string digits)
    {
        digits = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+')))
        {
            return false;
        }
        var all = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (all.Length == 11 && all[0] == '1')
        {
            all = all[1..];
        }
        if (all.Length != 10 || all[0] is '0' or '1' || all[3] is '0' or '1')
        {
            return false;
        }
        digits = all;
        return true;
    }

    public static string FormatPhone(string? digits) =>
        digits is { Length: 10 } ? $"({digits[..3]}) {digits[3..6]}-{digits[6..]}" : digits ?? "";

    public static bool IsEmail(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 254 || text.Contains(' '))
        {
            return false;
        }
        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');
    }

    /// <summary>US ZIP: 12345 or 12345-6789.</summary>
    public static bool IsZip(string? text) =>
        text is { Length: 5 } && text.All(char.IsAsciiDigit)
        || text is { Length: 10 } && text[5] == '-' && text[..5].All(char.IsAsciiDigit) && text[6..].All(char.IsAsciiDigit);

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "M-d-yyyy", "MM-dd-yyyy", "M.d.yyyy", "MM.dd.yyyy", "MMddyyyy", "M/d/yy", "MM/dd/yy",
    ];

    /// <summary>A date as the front desk types it: 1980-03-07, 3/7/1980, 03-07-1980, 03071980, 3/7/80 (US month-first).</summary>
    public static bool TryParseDate(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        var culture = CultureInfo.InvariantCulture;
        foreach (var format in DateFormats)
        {
            if (DateOnly.TryParseExact(text, format, culture, DateTimeStyles.None, out date))
            {
                if (format.EndsWith("yy", StringComparison.Ordinal) && !format.EndsWith("yyyy", StringComparison.Ordinal) && date > today)
                {
                    // Two-digit years are birth dates in the past: 3/7/45 is 1945, not 2045.
                    date = date.AddYears(-100);
                }
                return true;
            }
        }
        return false;
    }
}
