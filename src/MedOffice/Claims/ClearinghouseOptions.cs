using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MedOffice.Claims;

/// <summary>
/// The exchange with the clearinghouse, from configuration: MEDOFFICE_CLEARINGHOUSE_POLL_SECONDS (how often its answers
/// are collected, default 300; 0 turns collection off), MEDOFFICE_CLAIM_STATUS_AFTER_DAYS (claims with the payer this
/// long get a status inquiry, default 21).
/// </summary>
public sealed record ClearinghouseOptions
{
    /// <summary>How often the inbox is collected; zero when collection is off.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(5);
    public int ClaimStatusAfterDays { get; init; } = 21;

    public static ClearinghouseOptions FromConfiguration(IConfiguration? configuration)
    {
        int? Number(string key) => int.TryParse(configuration?[key]?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var defaults = new ClearinghouseOptions();
        return defaults with
        {
            PollInterval = Number("MEDOFFICE_CLEARINGHOUSE_POLL_SECONDS") is { } seconds ? TimeSpan.FromSeconds(Math.Max(seconds, 0)) : defaults.PollInterval,
            ClaimStatusAfterDays = Number("MEDOFFICE_CLAIM_STATUS_AFTER_DAYS") is { } days and >= 0 and <= 3650 ? days : defaults.ClaimStatusAfterDays,
        };
    }
}
