using MedOffice.Scheduling;

namespace MedOffice.Web.Scheduling;

/// <summary>What the setup pages' forms post; each turns into the same request the API takes.</summary>
public sealed class ResourceForm
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }
    public int LocationId { get; set; }

    public SaveResource ToRequest() => new(Kind, Name, Category, LocationId);
}

public sealed class BlockForm
{
    public int? ResourceId { get; set; }
    public int? LocationId { get; set; }
    public string? LocalStart { get; set; }
    public string? LocalEnd { get; set; }
    public string? Kind { get; set; }
    public string? Reason { get; set; }

    // A resource's block takes its home location's time; the location chosen is for a whole-location closure.
    public AddBlock ToRequest() => new(ResourceId, ResourceId is null ? LocationId : null, LocalStart, LocalEnd, Kind, Reason);
}

public sealed class AppointmentTypeForm
{
    public string? Name { get; set; }
    public int DurationMinutes { get; set; } = 20;
    public string? Color { get; set; } = "#2f80ed";
    /// <summary>One per line: "Kind" or "Kind Category", e.g. "Provider" and "Room Exam".</summary>
    public string? Requirements { get; set; } = "Provider\nRoom Exam";

    public SaveAppointmentType ToRequest() => new(Name, DurationMinutes, Color,
        (Requirements ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => new RequirementRequest(parts[0], parts.Length > 1 ? parts[1] : null)).ToList());
}

/// <summary>A weekday's hours as the manager thinks of them: a morning span and an optional second span after a break.</summary>
public sealed class WeekForm
{
    public int LocationId { get; set; }
    public List<DayForm> Days { get; set; } = [];

    public SetWorkingHours ToRequest() => new(LocationId, Days
        .SelectMany(d => new[] { (d.Day, From: d.From, To: d.To), (d.Day, From: d.From2, To: d.To2) })
        .Where(s => !string.IsNullOrWhiteSpace(s.From) || !string.IsNullOrWhiteSpace(s.To))
        .Select(s => new WorkingHoursRow(s.Day, s.From, s.To)).ToList());
}

public sealed class DayForm
{
    public string Day { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public string? From2 { get; set; }
    public string? To2 { get; set; }
}
