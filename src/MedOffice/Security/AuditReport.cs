using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Security;

/// <summary>Filters of the audit report. Dates are whole UTC days, inclusive.</summary>
public sealed record AuditFilter(
    string? UserName = null,
    int? PatientId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Action = null,
    string Sort = "time-desc");

/// <summary>The audit report: the trail filtered and sorted for administrators and the privacy officer.</summary>
public sealed class AuditReport(MedOfficeDb db)
{
    public const int PageSize = 100;
    public static readonly IReadOnlyList<string> Sorts = ["time-desc", "time-asc", "user", "patient", "action"];

    public IQueryable<AuditEvent> Query(AuditFilter filter)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var name = filter.UserName.Trim();
            query = query.Where(a => a.UserName == name);
        }
        if (filter.PatientId is { } patientId)
        {
            query = query.Where(a => a.PatientId == patientId);
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.OccurredAt < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }
        return filter.Sort switch
        {
            "time-asc" => query.OrderBy(a => a.Id),
            "user" => query.OrderBy(a => a.UserName).ThenByDescending(a => a.Id),
            "patient" => query.OrderBy(a => a.PatientId).ThenByDescending(a => a.Id),
            "action" => query.OrderBy(a => a.Action).ThenByDescending(a => a.Id),
            _ => query.OrderByDescending(a => a.Id),
        };
    }

    public Task<List<AuditEvent>> PageAsync(AuditFilter filter, int page, CancellationToken cancellationToken = default) =>
        Query(filter).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
}
