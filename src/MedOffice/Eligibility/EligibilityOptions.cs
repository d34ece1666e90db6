using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MedOffice.Eligibility;

/// <summary>
/// When the nightly eligibility run happens and what it skips. From configuration: MEDOFFICE_ELIGIBILITY_NIGHTLY_HOUR
/// (local hour 0–23 at the office's first location, default 5; "off" turns the run off), MEDOFFICE_ELIGIBILITY_RECHECK_DAYS
/// (a coverage checked this recently is not asked again, default 3).
/// </summary>
public sealed record EligibilityOptions
{
    /// <summary>The local hour from which the night's run may start; null when the run is off.</summary>
    public int? NightlyHour { get; init; } = 5;
    public int RecheckDays { get; init; } = 3;
    /// <summary>How often the worker looks at the clock.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMinutes(10);

    public static EligibilityOptions FromConfiguration(IConfiguration? configuration)
    {
        string? Value(string key) => configuration?[key] is { Length: > 0 } value ? value.Trim() : null;
        int Number(string key, int fallback, int min, int max) =>
            int.TryParse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : fallback;
        var defaults = new EligibilityOptions();
        return defaults with
        {
            NightlyHour = string.Equals(Value("MEDOFFICE_ELIGIBILITY_NIGHTLY_HOUR"), "off", StringComparison.OrdinalIgnoreCase)
                ? null
                : Number("MEDOFFICE_ELIGIBILITY_NIGHTLY_HOUR", defaults.NightlyHour!.Value, 0, 23),
            RecheckDays = Number("MEDOFFICE_ELIGIBILITY_RECHECK_DAYS", defaults.RecheckDays, 0, 365),
        };
    }
}
