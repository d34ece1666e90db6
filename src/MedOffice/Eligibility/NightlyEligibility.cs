using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedOffice.Eligibility;

public sealed record NightlyOutcome(DateOnly ForDate, bool AlreadyRan, int Asked, int CheckedRecently, IReadOnlyList<string> NotAsked,
    IReadOnlyList<string> Files, IReadOnlyList<FieldError> Errors)
{
    public string Summary => AlreadyRan
        ? $"Tomorrow ({ForDate:MM/dd/yyyy}) was already checked tonight."
        : $"Appointments of {ForDate:MM/dd/yyyy}: {Asked} coverages asked{(Files.Count > 0 ? $" ({string.Join(", ", Files)})" : "")}, "
          + $"{CheckedRecently} checked recently and skipped{(NotAsked.Count > 0 ? $", {NotAsked.Count} cannot be asked ({string.Join("; ", NotAsked.Take(3))})" : "")}."
          + (Errors.Count > 0 ? " Not sent: " + string.Join(" ", Errors.Take(3).Select(e => e.Message)) : "");
}

/// <summary>
/// The night before: every coverage (primary and secondary) of tomorrow's booked appointments at every location is
/// asked about in one 270 file, except coverages checked within the last few days. The scheduled run claims its day
/// first (a unique row per date), so it runs once however many nodes or ticks try; the button runs it again at will.
/// </summary>
public sealed class NightlyEligibility(MedOfficeDb db, EligibilityRequests requests, EligibilityOptions options, TimeProvider time)
{
    public static readonly Actor Nightly = Actor.System("nightly eligibility");

    /// <summary>The office's today: the date at its first location.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default)
    {
        var zone = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
        return LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, zone);
    }

    /// <param name="oncePerDay">The scheduled run: does nothing when tomorrow was already run.</param>
    public async Task<NightlyOutcome> RunAsync(Actor actor, bool oncePerDay, IClearinghouseTransport? transport = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var forDate = (await TodayAsync(cancellationToken)).AddDays(1);
        var run = await db.EligibilityRuns.FirstOrDefaultAsync(r => r.ForDate == forDate, cancellationToken);
        if (run is not null && oncePerDay)
        {
            return new NightlyOutcome(forDate, true, 0, 0, [], [], []);
        }
        if (run is null)
        {
            run = new EligibilityRun { ForDate = forDate, StartedAt = now, StartedBy = actor.UserName.Limit(64) };
            db.EligibilityRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (oncePerDay)
            {
                // Another node claimed the day a moment ago.
                db.ChangeTracker.Clear();
                return new NightlyOutcome(forDate, true, 0, 0, [], [], []);
            }
        }

        var coverages = await CoveragesOfAsync(forDate, cancellationToken);
        var since = now.AddDays(-options.RecheckDays);
        var ids = coverages.Select(c => c.Id).ToList();
        var recent = (await db.EligibilityChecks.AsNoTracking()
            .Where(c => ids.Contains(c.CoverageId) && c.RequestedAt >= since && c.Status != EligibilityStatuses.Failed)
            .Select(c => c.CoverageId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var notAsked = coverages.Where(c => !recent.Contains(c.Id) && EligibilityRequests.Unaskable(c) is not null)
            .Select(c => $"coverage {c.Id}: {EligibilityRequests.Unaskable(c)}").ToList();
        var toAsk = coverages.Where(c => !recent.Contains(c.Id) && EligibilityRequests.Unaskable(c) is null).Select(c => c.Id).ToList();
        var (asked, files, errors) = (0, new List<string>(), new List<FieldError>());
        foreach (var chunk in toAsk.Chunk(EligibilityRequests.MaxPerFile))
        {
            var sent = await requests.RequestAsync(chunk, forDate, actor, transport, cancellationToken);
            if (!sent.Succeeded)
            {
                errors.AddRange(sent.Errors);
                break;
            }
            asked += sent.Value!.Checks.Count;
            files.Add(sent.Value.FileName);
        }
        var outcome = new NightlyOutcome(forDate, false, asked, recent.Count, notAsked, files, errors);
        run.CheckCount += asked;
        run.Summary = outcome.Summary.Limit(1000);
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>Primary and secondary coverages, active on the day, of patients with a booked visit that day at any location.</summary>
    private async Task<List<Coverage>> CoveragesOfAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var locations = await db.Locations.AsNoTracking().Select(l => new { l.Id, l.TimeZoneId }).ToListAsync(cancellationToken);
        var patientIds = new HashSet<int>();
        foreach (var location in locations)
        {
            // Midnight to midnight at the location; a zone whose day starts inside a DST gap starts at the gap's end.
            var zone = LocalTimes.Zone(location.TimeZoneId);
            var date = new LocalDate(day.Year, day.Month, day.Day);
            var (from, to) = (zone.AtStartOfDay(date).ToDateTimeUtc(), zone.AtStartOfDay(date.PlusDays(1)).ToDateTimeUtc());
            patientIds.UnionWith(await db.Appointments.AsNoTracking()
                .Where(a => a.LocationId == location.Id && a.Status == AppointmentStatuses.Booked && a.StartsAt >= from && a.StartsAt < to)
                .Select(a => a.PatientId).Distinct().ToListAsync(cancellationToken));
        }
        var ids = patientIds.ToList();
        var coverages = await db.Coverages.AsNoTracking().Include(c => c.Payer)
            .Where(c => ids.Contains(c.PatientId) && (c.Priority == CoveragePriorities.Primary || c.Priority == CoveragePriorities.Secondary))
            .OrderBy(c => c.PatientId).ThenBy(c => c.Priority).ToListAsync(cancellationToken);
        return coverages.Where(c => c.IsActiveOn(day)).ToList();
    }

}
