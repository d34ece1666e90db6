using MedOffice.Meetings;
using MedOffice.Scheduling;

namespace MedOffice.Web.Meetings;

/// <summary>A meeting's recurrence in words, for the pages.</summary>
public static class MeetingText
{
    public static string Repeats(StaffMeeting meeting)
    {
        if (meeting.Rule is not { } rule)
        {
            return "once";
        }
        var every = rule.Interval == 1 ? "every" : $"every {rule.Interval}";
        var unit = rule.Frequency switch
        {
            SeriesFrequencies.Daily => rule.Interval == 1 ? "day" : "days",
            SeriesFrequencies.Weekly => (rule.Interval == 1 ? "week" : "weeks")
                + (rule.Weekdays.Count > 0 ? " on " + string.Join(", ", rule.Weekdays.OrderBy(d => ((int)d + 6) % 7)) : ""),
            _ => (rule.Interval == 1 ? "month" : "months") + $" on the {rule.FirstDate.Day}.",
        };
        var end = rule.Count is { } count ? $", {count} times" : $", until {rule.UntilDate:yyyy-MM-dd}";
        return $"{every} {unit}{end}";
    }
}
