using System.Globalization;
using System.Text;
using MedOffice.Scheduling;
using NodaTime;

namespace MedOffice.Calendar;

/// <summary>A calendar user: a URI (mailto: when an e-mail address is known) and the name shown for it.</summary>
public sealed record CalendarAddress(string Uri, string? CommonName);

/// <summary>
/// One VEVENT. Times are UTC instants; with <see cref="TimeZoneId"/> they are written as local times in that zone (with
/// a VTIMEZONE), which a recurring event needs so that 09:00 stays 09:00 local across daylight-saving changes.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTime StartsAtUtc, DateTime EndsAtUtc, string Summary)
{
    public string? Description { get; init; }
    public string? Location { get; init; }
    public int Sequence { get; init; }
    /// <summary>CONFIRMED, TENTATIVE or CANCELLED.</summary>
    public string? Status { get; init; }
    public string? TimeZoneId { get; init; }
    /// <summary>The value of an RRULE, e.g. "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=10" (see <see cref="ICalendarWriter.RecurrenceRule"/>).</summary>
    public string? RecurrenceRule { get; init; }
    public CalendarAddress? Organizer { get; init; }
    public IReadOnlyList<CalendarAddress> Attendees { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>A VCALENDAR: an invitation (METHOD:REQUEST or CANCEL) or a published feed (no method).</summary>
public sealed record CalendarDocument(IReadOnlyList<CalendarEvent> Events)
{
    public string? Method { get; init; }
    /// <summary>The name calendar apps show for a subscribed feed (X-WR-CALNAME).</summary>
    public string? Name { get; init; }
}

/// <summary>
/// Writes iCalendar (RFC 5545) text: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
/// TEXT values escaped, instants in UTC with Z, local times with TZID and a VTIMEZONE built from the tz database.
/// Pure: no database, no clock (DTSTAMP is passed in).
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//MedOffice//MedOffice Calendar//EN";
    private const int MaxLineOctets = 75;

    public static string Write(CalendarDocument document, DateTime stampUtc)
    {
        var output = new StringBuilder();
        void Line(string line) => output.Append(Fold(line)).Append("\r\n");

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:" + ProductId);
        Line("CALSCALE:GREGORIAN");
        if (document.Method is { } method)
        {
            Line("METHOD:" + method);
        }
        if (document.Name is { } name)
        {
            Line("X-WR-CALNAME:" + EscapeText(name));
        }
        foreach (var zone in document.Events.Where(e => e.TimeZoneId is not null).GroupBy(e => e.TimeZoneId!))
        {
            WriteTimeZone(Line, zone.Key, zone.Min(e => e.StartsAtUtc), zone.Max(e => e.RecurrenceRule is null ? e.EndsAtUtc : e.EndsAtUtc.AddYears(2)));
        }
        foreach (var calendarEvent in document.Events)
        {
            WriteEvent(Line, calendarEvent, stampUtc);
        }
        Line("END:VCALENDAR");
        return output.ToString();
    }

    private static void WriteEvent(Action<string> line, CalendarEvent e, DateTime stampUtc)
    {
        line("BEGIN:VEVENT");
        line("UID:" + EscapeText(e.Uid));
        line("DTSTAMP:" + Utc(stampUtc));
        if (e.TimeZoneId is { } zone)
        {
            line($"DTSTART;TZID={ParameterValue(zone)}:{Local(e.StartsAtUtc, zone)}");
            line($"DTEND;TZID={ParameterValue(zone)}:{Local(e.EndsAtUtc, zone)}");
        }
        else
        {
            line("DTSTART:" + Utc(e.StartsAtUtc));
            line("DTEND:" + Utc(e.EndsAtUtc));
        }
        if (e.RecurrenceRule is { } rule)
        {
            line("RRULE:" + rule);
        }
        line("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        line("SUMMARY:" + EscapeText(e.Summary));
        if (e.Description is { Length: > 0 } description)
        {
            line("DESCRIPTION:" + EscapeText(description));
        }
        if (e.Location is { Length: > 0 } location)
        {
            line("LOCATION:" + EscapeText(location));
        }
        if (e.Status is { } status)
        {
            line("STATUS:" + status);
        }
        if (e.Categories.Count > 0)
        {
            line("CATEGORIES:" + string.Join(",", e.Categories.Select(EscapeText)));
        }
        if (e.Organizer is { } organizer)
        {
            line("ORGANIZER" + CommonName(organizer) + ":" + organizer.Uri);
        }
        foreach (var attendee in e.Attendees)
        {
            line("ATTENDEE" + CommonName(attendee) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:" + attendee.Uri);
        }
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }

    /// <summary>
    /// A VTIMEZONE listing every offset change of the zone around the events' span, each as its own observance
    /// (DTSTART in the local time before the change, as RFC 5545 3.6.5 says), so no client has to know the zone's rules.
    /// </summary>
    private static void WriteTimeZone(Action<string> line, string timeZoneId, DateTime fromUtc, DateTime untilUtc)
    {
        var zone = LocalTimes.Zone(timeZoneId);
        var from = Instant.FromDateTimeUtc(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc)).Minus(Duration.FromDays(366));
        var until = Instant.FromDateTimeUtc(DateTime.SpecifyKind(untilUtc, DateTimeKind.Utc)).Plus(Duration.FromDays(366));
        line("BEGIN:VTIMEZONE");
        line("TZID:" + timeZoneId);
        var intervals = zone.GetZoneIntervals(from, until).ToList();
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var offsetFrom = i > 0 ? intervals[i - 1].WallOffset : interval.WallOffset;
            var start = interval.HasStart && interval.Start > from ? interval.Start : from;
            var kind = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            line("BEGIN:" + kind);
            line("DTSTART:" + start.WithOffset(offsetFrom).LocalDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
            line("TZOFFSETFROM:" + FormatOffset(offsetFrom));
            line("TZOFFSETTO:" + FormatOffset(interval.WallOffset));
            if (interval.Name is { Length: > 0 } abbreviation)
            {
                line("TZNAME:" + EscapeText(abbreviation));
            }
            line("END:" + kind);
        }
        line("END:VTIMEZONE");
    }

    /// <summary>
    /// The RRULE for a scheduling rule. Weeks start on Monday (WKST=MO) as in <see cref="Scheduling.RecurrenceRule"/>; a
    /// month without the first date's day has no occurrence in both. An end date becomes UNTIL at the last occurrence's start.
    /// </summary>
    public static string RecurrenceRule(RecurrenceRule rule, DateTime? lastStartUtc)
    {
        var parts = new List<string>
        {
            "FREQ=" + rule.Frequency switch
            {
                SeriesFrequencies.Daily => "DAILY",
                SeriesFrequencies.Weekly => "WEEKLY",
                SeriesFrequencies.MonthlyByDate => "MONTHLY",
                _ => throw new ArgumentException($"Unknown frequency '{rule.Frequency}'.", nameof(rule)),
            },
            "INTERVAL=" + rule.Interval.ToString(CultureInfo.InvariantCulture),
        };
        if (rule.Frequency == SeriesFrequencies.Weekly)
        {
            var days = rule.Weekdays.Count > 0 ? rule.Weekdays : [rule.FirstDate.DayOfWeek];
            parts.Add("BYDAY=" + string.Join(",", days.Distinct().OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()[..2].ToUpperInvariant())));
            parts.Add("WKST=MO");
        }
        if (rule.Frequency == SeriesFrequencies.MonthlyByDate)
        {
            parts.Add("BYMONTHDAY=" + rule.FirstDate.Day.ToString(CultureInfo.InvariantCulture));
        }
        if (rule.Count is { } count)
        {
            parts.Add("COUNT=" + count.ToString(CultureInfo.InvariantCulture));
        }
        else if (lastStartUtc is { } last)
        {
            parts.Add("UNTIL=" + Utc(last));
        }
        return string.Join(";", parts);
    }

    /// <summary>TEXT escaping (RFC 5545 3.3.11): backslash, semicolon and comma are escaped, any line break becomes \n.</summary>
    public static string EscapeText(string text)
    {
        var output = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': output.Append(@"\\"); break;
                case ';': output.Append(@"\;"); break;
                case ',': output.Append(@"\,"); break;
                case '\r':
                    output.Append(@"\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n': output.Append(@"\n"); break;
                // Other control characters are not allowed in TEXT; a tab is.
                case < ' ' and not '\t': break;
                case '\u007f': break;
                default: output.Append(c); break;
            }
        }
        return output.ToString();
    }

    /// <summary>
    /// Splits a content line into lines of at most 75 octets of UTF-8; each continuation starts with one space (which
    /// counts toward its 75). A character (or surrogate pair) is never cut in two.
    /// </summary>
    public static string Fold(string line)
    {
        if (Encoding.UTF8.GetByteCount(line) <= MaxLineOctets)
        {
            return line;
        }
        var output = new StringBuilder(line.Length + line.Length / 70 * 3);
        var octets = 0;
        var limit = MaxLineOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
            }
            output.Append(line, i, width);
            octets += size;
            i += width - 1;
        }
        return output.ToString();
    }

    private static string CommonName(CalendarAddress address) =>
        address.CommonName is { Length: > 0 } name ? ";CN=" + ParameterValue(name) : "";

    /// <summary>A parameter value: quoted when it holds : ; or , (a double quote cannot appear in one at all).</summary>
    private static string ParameterValue(string value)
    {
        var clean = new string(value.Where(c => c >= ' ' && c != '"' && c != '\u007f').ToArray());
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    private static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc, string timeZoneId) =>
        LocalTimes.ToLocal(utc, timeZoneId).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string FormatOffset(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        var text = $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}";
        return seconds % 60 == 0 ? text : text + $"{seconds % 60:00}";
    }
}
