using System.Globalization;
using MedOffice.Scheduling;

namespace MedOffice.Web.Scheduling;

/// <summary>
/// Booking one opening from the list: the visit, and the opening chosen (the pressed button's value, see <see cref="Encode"/>),
/// so exactly the resources shown are the ones booked.
/// </summary>
public sealed class BookOpeningForm
{
    public int PatientId { get; set; }
    public int AppointmentTypeId { get; set; }
    public int LocationId { get; set; }
    public string? Opening { get; set; }

    /// <summary>"yyyy-MM-ddTHH:mm|provider|resource,resource": the local start and the resources of one opening.</summary>
    public static string Encode(Opening opening) =>
        $"{LocalFormats.Format(opening.LocalStart)}|{opening.ProviderResourceId?.ToString(CultureInfo.InvariantCulture)}|" +
        string.Join(",", opening.Resources.Where(r => r.Kind != ResourceKinds.Provider).Select(r => r.ResourceId.ToString(CultureInfo.InvariantCulture)).Distinct());

    public BookAppointment? ToRequest()
    {
        var parts = (Opening ?? "").Split('|');
        if (parts.Length != 3 || !LocalFormats.TryParseDateTime(parts[0], out var localStart))
        {
            return null;
        }
        int? provider = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        var resources = new List<int>();
        foreach (var id in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                return null;
            }
            resources.Add(r);
        }
        return new BookAppointment(PatientId, AppointmentTypeId, LocationId, localStart, provider, resources);
    }
}

/// <summary>The "book as a series" form: weekly (or every N weeks) on chosen weekdays, until a date or a number of times.</summary>
public sealed class SeriesForm
{
    public int PatientId { get; set; }
    public int AppointmentTypeId { get; set; }
    public int LocationId { get; set; }
    /// <summary>A select's "any provider" posts an empty value.</summary>
    public string? ProviderResourceId { get; set; }
    public string? FirstDate { get; set; }
    public string? LocalTime { get; set; }
    public int Interval { get; set; } = 1;
    public bool Monday { get; set; }
    public bool Tuesday { get; set; }
    public bool Wednesday { get; set; }
    public bool Thursday { get; set; }
    public bool Friday { get; set; }
    public bool Saturday { get; set; }
    public bool Sunday { get; set; }
    public string? UntilDate { get; set; }
    public string? Count { get; set; }
    public bool RequireAll { get; set; }

    public IReadOnlyList<string> Weekdays =>
        new (bool On, DayOfWeek Day)[]
        {
            (Monday, DayOfWeek.Monday), (Tuesday, DayOfWeek.Tuesday), (Wednesday, DayOfWeek.Wednesday), (Thursday, DayOfWeek.Thursday),
            (Friday, DayOfWeek.Friday), (Saturday, DayOfWeek.Saturday), (Sunday, DayOfWeek.Sunday),
        }.Where(d => d.On).Select(d => d.Day.ToString()).ToList();

    public bool IsChecked(DayOfWeek day) => Weekdays.Contains(day.ToString());

    /// <summary>The same request the API takes; an unreadable count is left for the API's parsing to name.</summary>
    public BookSeriesRequest ToRequest() => new(PatientId, AppointmentTypeId, LocationId, LocalTime, SeriesFrequencies.Weekly, Interval, Weekdays, FirstDate,
        string.IsNullOrWhiteSpace(UntilDate) ? null : UntilDate,
        int.TryParse(Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null,
        int.TryParse(ProviderResourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var provider) ? provider : null, RequireAll: RequireAll);
}

/// <summary>Putting a patient on the waitlist from the waitlist page.</summary>
public sealed class WaitlistForm
{
    public string? PatientId { get; set; }
    public int AppointmentTypeId { get; set; }
    public int LocationId { get; set; }
    public string? ProviderResourceId { get; set; }
    public string? EarliestDate { get; set; }
    public string? LatestDate { get; set; }
    public string? PartOfDay { get; set; }
    public string? Note { get; set; }
}

/// <summary>A row button on the waitlist page: "offer:ID", "book:ID" or "remove:ID", and the freed appointment for offer and book.</summary>
public sealed class WaitlistActionForm
{
    public string? Action { get; set; }
    public int? AppointmentId { get; set; }

    public (string Verb, int EntryId)? Parse() =>
        (Action ?? "").Split(':') is [var verb, var id] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var entryId)
            ? (verb, entryId)
            : null;
}
