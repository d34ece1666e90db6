using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MedOffice.Reminders;

/// <summary>
/// How reminders go out. Read from configuration (environment variables in production): MEDOFFICE_SMTP_HOST / _PORT /
/// _FROM / _USER / _PASSWORD / _SSL for e-mail; MEDOFFICE_SMS_EMAIL_DOMAIN (an e-mail-to-SMS carrier gateway) or
/// MEDOFFICE_SMS_HTTP_URL (+ _TOKEN) for text messages; MEDOFFICE_PUBLIC_URL for the links; MEDOFFICE_REMINDERS_INTERVAL_SECONDS.
/// </summary>
public sealed record ReminderOptions
{
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 25;
    public string SmtpFrom { get; init; } = "reminders@localhost";
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }
    public bool SmtpSsl { get; init; }
    /// <summary>E-mail-to-SMS: a text to 3125550123 is mailed to 3125550123@this-domain through the SMTP server above.</summary>
    public string? SmsEmailDomain { get; init; }
    public Uri? SmsHttpUrl { get; init; }
    public string? SmsHttpToken { get; init; }
    /// <summary>The address patients reach the office at, for the confirm/cancel links.</summary>
    public Uri PublicUrl { get; init; } = new("http://localhost:5080/");
    /// <summary>How often the background worker schedules and sends; zero turns the worker off.</summary>
    public TimeSpan WorkerInterval { get; init; } = TimeSpan.FromSeconds(60);
    public int BatchSize { get; init; } = 20;
    public int MaxAttempts { get; init; } = 5;
    /// <summary>How long a claimed message is held; must exceed <see cref="SendTimeout"/> by a wide margin.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>First retry after this; each further retry waits twice as long.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Reminders are written this far ahead of their send time.</summary>
    public TimeSpan Lookahead { get; init; } = TimeSpan.FromDays(1);
    /// <summary>A reminder whose time passed longer ago than this when first seen (a visit booked late) is not sent late.</summary>
    public TimeSpan LateGrace { get; init; } = TimeSpan.FromMinutes(30);

    public bool EmailEnabled => !string.IsNullOrWhiteSpace(SmtpHost);
    public bool SmsEnabled => SmsHttpUrl is not null || (EmailEnabled && !string.IsNullOrWhiteSpace(SmsEmailDomain));
    public bool WorkerEnabled => WorkerInterval > TimeSpan.Zero && (EmailEnabled || SmsEnabled);

    public static ReminderOptions FromConfiguration(IConfiguration? configuration)
    {
        string? Value(string key) => configuration?[key] is { Length: > 0 } value ? value.Trim() : null;
        int Number(string key, int fallback) => int.TryParse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var defaults = new ReminderOptions();
        return defaults with
        {
            SmtpHost = Value("MEDOFFICE_SMTP_HOST"),
            SmtpPort = Number("MEDOFFICE_SMTP_PORT", defaults.SmtpPort),
            SmtpFrom = Value("MEDOFFICE_SMTP_FROM") ?? defaults.SmtpFrom,
            SmtpUser = Value("MEDOFFICE_SMTP_USER"),
            SmtpPassword = Value("MEDOFFICE_SMTP_PASSWORD"),
            SmtpSsl = string.Equals(Value("MEDOFFICE_SMTP_SSL"), "true", StringComparison.OrdinalIgnoreCase),
            SmsEmailDomain = Value("MEDOFFICE_SMS_EMAIL_DOMAIN"),
            SmsHttpUrl = Value("MEDOFFICE_SMS_HTTP_URL") is { } url ? new Uri(url) : null,
            SmsHttpToken = Value("MEDOFFICE_SMS_HTTP_TOKEN"),
            PublicUrl = Value("MEDOFFICE_PUBLIC_URL") is { } publicUrl ? new Uri(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/") : defaults.PublicUrl,
            WorkerInterval = TimeSpan.FromSeconds(Number("MEDOFFICE_REMINDERS_INTERVAL_SECONDS", (int)defaults.WorkerInterval.TotalSeconds)),
        };
    }
}
