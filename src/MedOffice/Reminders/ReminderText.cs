using System.Globalization;
using MedOffice.Practice;
using MedOffice.Scheduling;

namespace MedOffice.Reminders;

/// <summary>
/// What a reminder says: the date, local time and place only. No patient name, provider or visit type: a message can be
/// read by whoever sees the phone or mailbox, and the link page shows no more than the message.
/// </summary>
public static class ReminderText
{
    /// <summary>Stands in the stored body for the link; the processor fills it in at send time.</summary>
    public const string LinkPlaceholder = "{reminder-link}";
    public const string Subject = "Appointment reminder";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Date(DateTime local) => local.ToString("dddd, MMMM d, yyyy", English);

    public static string Time(DateTime local) => local.ToString("h:mm tt", English);

    public static string Address(Location location) => $"{location.AddressLine1}, {location.City}, {location.State} {location.PostalCode}";

    public static string Body(string channel, DateTime startsAtUtc, Location location)
    {
        var local = LocalTimes.ToLocal(startsAtUtc, location.TimeZoneId);
        if (channel == MessageChannels.Sms)
        {
            return $"Reminder: appointment {local.ToString("ddd MMM d", English)} at {Time(local)}, {location.Name}, {location.AddressLine1}, {location.City}. "
                + $"Confirm or cancel: {LinkPlaceholder}";
        }
        return $"""
            This is a reminder of your appointment:

              Date:     {Date(local)}
              Time:     {Time(local)}
              Location: {location.Name}, {Address(location)}

            Confirm: {LinkPlaceholder}?action=confirm
            Cancel:  {LinkPlaceholder}?action=cancel

            The link works until the appointment starts.
            """;
    }

    public static string WithLink(string body, Uri link) => body.Replace(LinkPlaceholder, link.AbsoluteUri, StringComparison.Ordinal);
}
