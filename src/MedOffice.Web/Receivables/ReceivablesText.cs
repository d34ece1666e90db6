using System.Globalization;

namespace MedOffice.Web.Receivables;

/// <summary>How the receivables pages read an as-of day .</summary>
public static class ReceivablesText
{
    /// <summary>Empty means today (day null, true); a yyyy-MM-dd day is read; anything else is false (and day null).</summary>
    public static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        return false;
    }
}
