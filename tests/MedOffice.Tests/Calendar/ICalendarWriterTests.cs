using System.Text;
using MedOffice.Calendar;
using MedOffice.Scheduling;

namespace MedOffice.Tests.Calendar;

public class ICalendarWriterTests
{
    private static readonly DateTime Stamp = new(2026, 3, 16, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Every_line_ends_with_CRLF_and_is_at_most_75_octets()
    {
        var text = ICalendarWriter.Write(new CalendarDocument([Sample(new string('x', 300) + " naïve café 日本語 😀 " + new string('y', 200))]), Stamp);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text.Split("\r\n")[..^1])
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
        }
    }

    [Fact]
    public void Folding_never_splits_a_character_and_unfolds_to_the_original()
    {
        var original = "SUMMARY:" + string.Concat(Enumerable.Repeat("é日😀a", 60));
        var folded = ICalendarWriter.Fold(original);
        Assert.Contains("\r\n ", folded, StringComparison.Ordinal);
        foreach (var line in folded.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75);
            // A cut surrogate pair or UTF-8 sequence would not survive a strict round trip.
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            Assert.Equal(line, strict.GetString(strict.GetBytes(line)));
            Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]));
        }
        Assert.Equal(original, Unfold(folded));
        Assert.Equal("SHORT:line", ICalendarWriter.Fold("SHORT:line"));
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_76_is()
    {
        var exactly = "X:" + new string('a', 73);
        Assert.Equal(exactly, ICalendarWriter.Fold(exactly));
        var folded = ICalendarWriter.Fold(exactly + "b");
        Assert.Equal(exactly + "\r\n b", folded);
    }

    [Theory]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a;b,c", @"a\;b\,c")]
    [InlineData("line1\nline2\r\nline3\rline4", @"line1\nline2\nline3\nline4")]
    [InlineData("tab\tkept, bell\u0007 dropped", "tab\tkept\\, bell dropped")]
    [InlineData("colon: stays", "colon: stays")]
    public void Text_is_escaped(string input, string expected) => Assert.Equal(expected, ICalendarWriter.EscapeText(input));

    [Fact]
    public void A_written_invitation_reads_back_to_what_was_written()
    {
        var summary = "Staff meeting; budget, Q2 \\ plans\nbring laptops";
        var calendarEvent = Sample(summary) with
        {
            Organizer = new CalendarAddress("urn:x-medoffice:user:manager", "Pat Manager"),
            Attendees = [new CalendarAddress("mailto:a@example.org", "Alvarez, Dr. Ana"), new CalendarAddress("urn:x-medoffice:user:desk", "Desk")],
            Sequence = 2,
        };
        var text = ICalendarWriter.Write(new CalendarDocument([calendarEvent]) { Method = "REQUEST" }, Stamp);
        var lines = Parse(text);

        Assert.Equal(("BEGIN", "", "VCALENDAR"), lines[0]);
        Assert.Equal(("END", "", "VCALENDAR"), lines[^1]);
        Assert.Contains(("VERSION", "", "2.0"), lines);
        Assert.Contains(("METHOD", "", "REQUEST"), lines);
        Assert.Single(lines, l => l.Name == "PRODID");
        var vevent = Between(lines, "VEVENT");
        Assert.Equal("uid-1@medoffice", Value(vevent, "UID"));
        Assert.Equal("20260316T150000Z", Value(vevent, "DTSTAMP"));
        Assert.Equal("20260320T170000Z", Value(vevent, "DTSTART"));
        Assert.Equal("20260320T180000Z", Value(vevent, "DTEND"));
        Assert.Equal("2", Value(vevent, "SEQUENCE"));
        Assert.Equal(summary, Unescape(Value(vevent, "SUMMARY")));
        var attendee = vevent.First(l => l.Name == "ATTENDEE");
        Assert.Contains("CN=\"Alvarez, Dr. Ana\"", attendee.Parameters, StringComparison.Ordinal);
        Assert.Equal("mailto:a@example.org", attendee.Value);
        Assert.Equal("urn:x-medoffice:user:manager", vevent.First(l => l.Name == "ORGANIZER").Value);
        // Balanced components.
        Assert.Equal(lines.Count(l => l.Name == "BEGIN"), lines.Count(l => l.Name == "END"));
    }

    [Fact]
    public void A_local_time_event_carries_a_VTIMEZONE_with_both_DST_changes_and_a_TZID_start()
    {
        var start = LocalTimes.ToUtc(new DateTime(2026, 3, 3, 9, 0, 0), "America/Chicago")!.Value;
        var rule = new RecurrenceRule(SeriesFrequencies.Weekly, 1, [DayOfWeek.Tuesday], new DateOnly(2026, 3, 3), null, 6);
        var calendarEvent = new CalendarEvent("weekly@medoffice", start, start.AddHours(1), "Huddle")
        {
            TimeZoneId = "America/Chicago",
            RecurrenceRule = ICalendarWriter.RecurrenceRule(rule, null),
        };
        var lines = Parse(ICalendarWriter.Write(new CalendarDocument([calendarEvent]), Stamp));
        var zone = Between(lines, "VTIMEZONE");
        Assert.Equal("America/Chicago", Value(zone, "TZID"));
        Assert.Contains(zone, l => l.Name == "BEGIN" && l.Value == "DAYLIGHT");
        Assert.Contains(zone, l => l.Name == "BEGIN" && l.Value == "STANDARD");
        // The spring-forward of 2026: 02:00 CST on March 8 becomes 03:00 CDT.
        Assert.Contains(("DTSTART", "", "20260308T020000"), zone);
        Assert.Contains(("TZOFFSETTO", "", "-0500"), zone);
        var vevent = Between(lines, "VEVENT");
        var dtstart = vevent.Single(l => l.Name == "DTSTART");
        Assert.Equal(";TZID=America/Chicago", dtstart.Parameters);
        Assert.Equal("20260303T090000", dtstart.Value);
        Assert.Equal("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;COUNT=6", Value(vevent, "RRULE"));
    }

    [Fact]
    public void Recurrence_rules_map_to_RRULE()
    {
        Assert.Equal("FREQ=DAILY;INTERVAL=2;UNTIL=20260401T140000Z", ICalendarWriter.RecurrenceRule(
            new RecurrenceRule(SeriesFrequencies.Daily, 2, [], new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 1), null),
            new DateTime(2026, 4, 1, 14, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31;COUNT=3", ICalendarWriter.RecurrenceRule(
            new RecurrenceRule(SeriesFrequencies.MonthlyByDate, 1, [], new DateOnly(2026, 1, 31), null, 3), null));
        Assert.Equal("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,SU;WKST=MO;COUNT=4", ICalendarWriter.RecurrenceRule(
            new RecurrenceRule(SeriesFrequencies.Weekly, 2, [DayOfWeek.Sunday, DayOfWeek.Wednesday, DayOfWeek.Monday], new DateOnly(2026, 3, 2), null, 4), null));
    }

    private static CalendarEvent Sample(string summary) =>
        new("uid-1@medoffice", new DateTime(2026, 3, 20, 17, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 20, 18, 0, 0, DateTimeKind.Utc), summary)
        {
            Description = "Line one\nLine two; with, punctuation",
            Location = "Conference room, Lakeview",
        };

    // A small reader for the tests: unfold, then split each content line into name, parameters and value.
    internal static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);

    internal static List<(string Name, string Parameters, string Value)> Parse(string text)
    {
        var result = new List<(string, string, string)>();
        foreach (var line in Unfold(text).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var inQuotes = false;
            var colon = -1;
            for (var i = 0; i < line.Length && colon < 0; i++)
            {
                if (line[i] == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (line[i] == ':' && !inQuotes)
                {
                    colon = i;
                }
            }
            Assert.True(colon > 0, $"not a content line: {line}");
            var head = line[..colon];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            result.Add(semicolon < 0 ? (head, "", line[(colon + 1)..]) : (head[..semicolon], head[semicolon..], line[(colon + 1)..]));
        }
        return result;
    }

    internal static List<(string Name, string Parameters, string Value)> Between(List<(string Name, string Parameters, string Value)> lines, string component)
    {
        var start = lines.FindIndex(l => l.Name == "BEGIN" && l.Value == component);
        var end = lines.FindIndex(start, l => l.Name == "END" && l.Value == component);
        Assert.True(start >= 0 && end > start, $"no {component}");
        return lines[start..(end + 1)];
    }

    internal static string Value(List<(string Name, string Parameters, string Value)> lines, string name) => lines.First(l => l.Name == name).Value;

    internal static string Unescape(string value)
    {
        var output = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                output.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                output.Append(value[i]);
            }
        }
        return output.ToString();
    }
}
