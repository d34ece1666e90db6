using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Scheduling;

public static class SeriesFrequencies
{
    public const string Daily = "Daily";
    public const string Weekly = "Weekly";
    /// <summary>On the first date's day of the month; a month without that day (the 31st in June) has no occurrence.</summary>
    public const string MonthlyByDate = "MonthlyByDate";
    public static readonly IReadOnlyList<string> All = [Daily, Weekly, MonthlyByDate];
}

/// <summary>
/// How a series repeats, in the location's local calendar: every <see cref="Interval"/> days, weeks (on the given
/// weekdays) or months (on the first date's day), from <see cref="FirstDate"/> until a date or for a number of times.
/// Dates only: the time of day is the series', and stays the same local time across daylight-saving changes.
/// </summary>
public sealed record RecurrenceRule(string Frequency, int Interval, IReadOnlyList<DayOfWeek> Weekdays, DateOnly FirstDate, DateOnly? UntilDate, int? Count)
{
    public const int MaxOccurrences = 200;
    public const int MaxInterval = 52;

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!SeriesFrequencies.All.Contains(Frequency))
        {
            errors.Add(new(nameof(Frequency), "Choose daily, weekly or monthly."));
        }
        if (Interval is < 1 or > MaxInterval)
        {
            errors.Add(new(nameof(Interval), $"Repeat every 1 to {MaxInterval}."));
        }
        if (UntilDate is null == Count is null)
        {
            errors.Add(new(nameof(Count), "End the series either on a date or after a number of times."));
        }
        if (Count is < 1 or > MaxOccurrences)
        {
            errors.Add(new(nameof(Count), $"A series has 1 to {MaxOccurrences} occurrences."));
        }
        if (UntilDate < FirstDate)
        {
            errors.Add(new(nameof(UntilDate), "The series cannot end before it starts."));
        }
        if (UntilDate > FirstDate.AddYears(2))
        {
            errors.Add(new(nameof(UntilDate), "A series may run for at most two years."));
        }
        if (Frequency != SeriesFrequencies.Weekly && Weekdays.Count > 0)
        {
            errors.Add(new(nameof(Weekdays), "Weekdays are chosen only for a weekly series."));
        }
        return errors;
    }

    /// <summary>The local dates of the series, in order. Call <see cref="Validate"/> first.</summary>
    public IEnumerable<DateOnly> Dates()
    {
        var produced = 0;
        foreach (var date in Candidates())
        {
            if ((UntilDate is { } until && date > until) || (Count is { } count && produced >= count) || produced >= MaxOccurrences)
            {
                yield break;
            }
            produced++;
            yield return date;
        }
    }

    private IEnumerable<DateOnly> Candidates()
    {
        switch (Frequency)
        {
            case SeriesFrequencies.Daily:
                for (var date = FirstDate; ; date = date.AddDays(Interval))
                {
                    yield return date;
                }
            case SeriesFrequencies.Weekly:
                var days = (Weekdays.Count > 0 ? Weekdays : [FirstDate.DayOfWeek]).Distinct().OrderBy(MondayFirst).ToList();
                // Weeks run Monday to Sunday; "every 2nd week" counts from the week holding the first date.
                for (var monday = FirstDate.AddDays(-MondayFirst(FirstDate.DayOfWeek)); ; monday = monday.AddDays(7 * Interval))
                {
                    foreach (var day in days)
                    {
                        var date = monday.AddDays(MondayFirst(day));
                        if (date >= FirstDate)
                        {
                            yield return date;
                        }
                    }
                }
            case SeriesFrequencies.MonthlyByDate:
                for (var months = 0; ; months += Interval)
                {
                    var month = FirstDate.AddMonths(months);
                    if (month.Day == FirstDate.Day)
                    {
                        yield return month;
                    }
                    else if (months > 12 * 50)
                    {
                        yield break;
                    }
                }
            default:
                yield break;
        }
    }

    private static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The rule with every date moved by some days: weekdays turn with them.</summary>
    public RecurrenceRule ShiftedBy(int days) => days == 0 ? this : this with
    {
        FirstDate = FirstDate.AddDays(days),
        UntilDate = UntilDate?.AddDays(days),
        Weekdays = Weekdays.Select(d => (DayOfWeek)(((int)d + days % 7 + 7) % 7)).ToList(),
    };
}

/// <summary>
/// A recurring visit (weekly physical therapy, every second Tuesday). Each occurrence is a real <see cref="Appointment"/>
/// row carrying this series' id; the rule here says how they were laid out, the rows say what is booked.
/// </summary>
public sealed class AppointmentSeries
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int LocationId { get; set; }
    public int AppointmentTypeId { get; set; }
    public int? ProviderResourceId { get; set; }
    public required string Frequency { get; set; }
    public int Interval { get; set; } = 1;
    /// <summary>For a weekly series: the weekdays, e.g. "Tuesday,Thursday". Empty: the first date's weekday.</summary>
    public string Weekdays { get; set; } = "";
    public TimeOnly LocalStartTime { get; set; }
    public DateOnly FirstDate { get; set; }
    public DateOnly? UntilDate { get; set; }
    public int? Count { get; set; }
    public string? Note { get; set; }
    /// <summary>When split for "this and following", the series the later part came from.</summary>
    public int? ContinuesSeriesId { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public RecurrenceRule Rule => new(Frequency, Interval, ParseWeekdays(Weekdays), FirstDate, UntilDate, Count);

    public void SetRule(RecurrenceRule rule)
    {
        Frequency = rule.Frequency;
        Interval = rule.Interval;
        Weekdays = string.Join(",", rule.Weekdays.Distinct().Order());
        FirstDate = rule.FirstDate;
        UntilDate = rule.UntilDate;
        Count = rule.Count;
    }

    private static List<DayOfWeek> ParseWeekdays(string weekdays) =>
        weekdays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<DayOfWeek>).ToList();
}

internal sealed class AppointmentSeriesConfiguration : IEntityTypeConfiguration<AppointmentSeries>
{
    public void Configure(EntityTypeBuilder<AppointmentSeries> builder)
    {
        builder.ToTable("AppointmentSeries", t =>
        {
            t.HasCheckConstraint("CK_AppointmentSeries_Frequency", "\"Frequency\" IN ('Daily','Weekly','MonthlyByDate')");
            t.HasCheckConstraint("CK_AppointmentSeries_Interval", "\"Interval\" BETWEEN 1 AND 52");
            t.HasCheckConstraint("CK_AppointmentSeries_End", "\"UntilDate\" IS NOT NULL OR \"Count\" IS NOT NULL");
            t.HasCheckConstraint("CK_AppointmentSeries_Count", "\"Count\" IS NULL OR \"Count\" BETWEEN 1 AND 200");
        });
        builder.Property(s => s.Frequency).HasMaxLength(16);
        builder.Property(s => s.Weekdays).HasMaxLength(80);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.HasIndex(s => new { s.PatientId, s.FirstDate });
        builder.HasIndex(s => s.ContinuesSeriesId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentType>().WithMany().HasForeignKey(s => s.AppointmentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(s => s.ProviderResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentSeries>().WithMany().HasForeignKey(s => s.ContinuesSeriesId).OnDelete(DeleteBehavior.Restrict);
    }
}
