using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.FrontDesk;

/// <summary>
/// Waiting times at a location over a range of days, overall, per provider and per day, from the desk's visit log:
/// arrival to rooming (the wait patients feel), rooming to the provider coming in, and arrival to check-out. Only waits
/// that ended count (a patient still in the waiting room has no wait yet). Aggregates only: no patient appears.
/// </summary>
public sealed class WaitingTimes(MedOfficeDb db, FrontDeskService desk)
{
    /// <summary>The longest range one report covers; a quarter keeps the read bounded.</summary>
    public const int MaxDays = 92;

    /// <summary>Seen "on time" when roomed within this many minutes of arriving.</summary>
    public const int OnTimeMinutes = 15;

    public async Task<Result<WaitingTimesReport>?> ReportAsync(int locationId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            return Result<WaitingTimesReport>.Fail("To", "The last day comes before the first.");
        }
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return Result<WaitingTimesReport>.Fail("To", $"Choose at most {MaxDays} days.");
        }
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        if (location is null)
        {
            return null;
        }
        var visits = await desk.VisitsAsync(location, from, to, cancellationToken);
        var byProvider = visits.GroupBy(v => v.ProviderName ?? "No provider")
            .Select(g => Summarize(g.Key, g.ToList())).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var byDay = visits.GroupBy(v => DateOnly.FromDateTime(v.ScheduledAt))
            .Select(g => Summarize(g.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), g.ToList()))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return Result<WaitingTimesReport>.Ok(new WaitingTimesReport(
            location.Id, location.Name, location.TimeZoneId, from, to, Summarize("All visits", visits), byProvider, byDay));
    }

    private static WaitingTimesRow Summarize(string name, IReadOnlyList<VisitRow> visits)
    {
        var arrived = visits.Where(v => v.ArrivedAt is not null).ToList();
        var waits = arrived.Where(v => v.RoomedAt is not null).Select(v => v.WaitMinutes!.Value).Order().ToList();
        var roomWaits = arrived.Where(v => v.ProviderInAt is not null).Select(v => v.RoomWaitMinutes!.Value).Order().ToList();
        var stays = arrived.Where(v => v.CheckedOutAt is not null).Select(v => v.VisitMinutes!.Value).Order().ToList();
        return new WaitingTimesRow(
            name,
            Scheduled: visits.Count(v => !v.IsWalkIn),
            Arrived: arrived.Count,
            WalkIns: visits.Count(v => v.IsWalkIn),
            NoShows: visits.Count(v => v.Stage == VisitStage.NoShow),
            MedianWait: Percentile(waits, 0.5),
            AverageWait: waits.Count == 0 ? null : Math.Round(waits.Average(), 1),
            Wait90th: Percentile(waits, 0.9),
            LongestWait: waits.Count == 0 ? null : waits[^1],
            RoomedOnTimePercent: waits.Count == 0 ? null : Math.Round(100.0 * waits.Count(w => w <= OnTimeMinutes) / waits.Count, 1),
            MedianRoomWait: Percentile(roomWaits, 0.5),
            MedianVisit: Percentile(stays, 0.5));
    }

    /// <summary>Nearest-rank percentile of sorted whole minutes (null when there are none).</summary>
    internal static int? Percentile(IReadOnlyList<int> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Waits in whole minutes; null where no visit got that far.</summary>
public sealed record WaitingTimesRow(
    string Name, int Scheduled, int Arrived, int WalkIns, int NoShows,
    int? MedianWait, double? AverageWait, int? Wait90th, int? LongestWait, double? RoomedOnTimePercent,
    int? MedianRoomWait, int? MedianVisit);

public sealed record WaitingTimesReport(
    int LocationId, string LocationName, string TimeZoneId, DateOnly From, DateOnly To,
    WaitingTimesRow Total, IReadOnlyList<WaitingTimesRow> ByProvider, IReadOnlyList<WaitingTimesRow> ByDay);
