using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Eligibility;

/// <summary>A check as lists show it: who, which payer and plan, and the answer in words.</summary>
public sealed record EligibilityRow(int Id, int PatientId, string PatientName, int CoverageId, string PayerName, int Priority, DateOnly ServiceDate,
    string Status, DateTime RequestedAtLocal, string RequestedBy, DateTime? AnsweredAt, string TraceNumber, string RequestFile,
    EligibilityTone Tone, string Summary, string When);

/// <summary>One coverage of a patient with its latest eligibility answer in words.</summary>
public sealed record CoverageAnswer(int CoverageId, int Priority, string PayerName, EligibilityLine Line);

public sealed class EligibilityQueries(MedOfficeDb db, TimeProvider time)
{
    /// <summary>
    /// Each patient's coverages with their latest answer: on a day, the primary and secondary active that day (the
    /// check-in form); without one, every coverage (the patient page).
    /// </summary>
    public async Task<Dictionary<int, List<CoverageAnswer>>> AnswersAsync(IReadOnlyCollection<int> patientIds, DateOnly? on,
        CancellationToken cancellationToken = default)
    {
        var ids = patientIds.Distinct().ToList();
        var coverages = await db.Coverages.AsNoTracking().Include(c => c.Payer).Where(c => ids.Contains(c.PatientId))
            .OrderBy(c => c.Priority).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var latest = await LatestByCoverageAsync(ids, cancellationToken);
        return coverages.Where(c => on is not { } day || (c.Priority <= Patients.CoveragePriorities.Secondary && c.IsActiveOn(day)))
            .GroupBy(c => c.PatientId)
            .ToDictionary(g => g.Key, g => g.Select(c => new CoverageAnswer(c.Id, c.Priority, c.Payer?.Name ?? "", Describe(latest.GetValueOrDefault(c.Id)))).ToList());
    }

    /// <summary>The newest check of each of the patient's coverages (answered or not).</summary>
    public async Task<Dictionary<int, EligibilityCheck>> LatestByCoverageAsync(IReadOnlyCollection<int> patientIds, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.Distinct().ToList();
        var checks = await db.EligibilityChecks.AsNoTracking()
            .Where(c => ids.Contains(c.PatientId) && !db.EligibilityChecks.Any(n => n.CoverageId == c.CoverageId && n.Id > c.Id))
            .ToListAsync(cancellationToken);
        return checks.ToDictionary(c => c.CoverageId);
    }

    public EligibilityLine Describe(EligibilityCheck? check) => EligibilityText.Describe(check, time.GetUtcNow().UtcDateTime);

    public async Task<EligibilityCheck?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        await db.EligibilityChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Checks of one patient, or the office's most recent ones, newest first.</summary>
    public async Task<List<EligibilityRow>> ListAsync(int? patientId, string? status, int take = 200, CancellationToken cancellationToken = default)
    {
        var query = db.EligibilityChecks.AsNoTracking();
        if (patientId is { } id)
        {
            query = query.Where(c => c.PatientId == id);
        }
        if (status is { Length: > 0 })
        {
            query = query.Where(c => c.Status == status);
        }
        var zone = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
        var rows = await query.OrderByDescending(c => c.Id).Take(take)
            .Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => new { Check = c, p.LegalFirstName, p.LegalLastName })
            .Join(db.Coverages, x => x.Check.CoverageId, v => v.Id, (x, v) => new { x.Check, x.LegalFirstName, x.LegalLastName, v.Priority, PayerName = v.Payer!.Name })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Check.Id).Select(r =>
        {
            var line = Describe(r.Check);
            return new EligibilityRow(r.Check.Id, r.Check.PatientId, $"{r.LegalLastName}, {r.LegalFirstName}", r.Check.CoverageId, r.PayerName, r.Priority,
                r.Check.ServiceDate, r.Check.Status, Scheduling.LocalTimes.ToLocal(r.Check.RequestedAt, zone), r.Check.RequestedBy, r.Check.AnsweredAt, r.Check.TraceNumber, r.Check.RequestFile,
                line.Tone, line.Text, line.When);
        }).ToList();
    }

    public async Task<List<EligibilityRun>> RunsAsync(CancellationToken cancellationToken = default) =>
        await db.EligibilityRuns.AsNoTracking().OrderByDescending(r => r.ForDate).Take(7).ToListAsync(cancellationToken);

    /// <summary>The name of the 271 file that answered, from the clearinghouse log.</summary>
    public async Task<string?> ResponseFileAsync(EligibilityCheck check, CancellationToken cancellationToken = default) =>
        check.ResponseSha256 is { } hash
            ? await db.ClearinghouseFiles.AsNoTracking().Where(f => f.Sha256 == hash).Select(f => f.FileName).FirstOrDefaultAsync(cancellationToken)
            : null;
}
