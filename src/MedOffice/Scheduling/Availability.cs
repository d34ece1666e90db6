using MedOffice.Data;
using MedOffice.Practice;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

/// <summary>Whether a resource can be booked for a time: inside its working hours there, not blocked, not already booked.</summary>
public sealed class Availability(MedOfficeDb db)
{
    public Task<List<SchedulableResource>> CandidatesAsync(int locationId, string kind, string? category, CancellationToken cancellationToken) =>
        db.SchedulableResources.AsNoTracking()
            .Where(r => r.IsActive && r.Kind == kind && (category == null || r.Category == category)
                && (r.LocationId == locationId || db.WorkingHours.Any(w => w.ResourceId == r.Id && w.LocationId == locationId)))
            .OrderBy(r => r.Name)
            .ToListAsync(cancellationToken);

    /// <summary>Null when free; otherwise the reason, in words for the front desk.</summary>
    public async Task<string?> WhyUnavailableAsync(SchedulableResource resource, Location location, DateTime from, DateTime to, int? excludeAppointmentId,
        CancellationToken cancellationToken)
    {
        var localFrom = LocalTimes.ToLocal(from, location.TimeZoneId);
        var localTo = LocalTimes.ToLocal(to, location.TimeZoneId);
        var day = DateOnly.FromDateTime(localFrom);
        if (DateOnly.FromDateTime(localTo.AddTicks(-1)) != day)
        {
            return $"{resource.Name} cannot be booked across midnight";
        }
        var hours = await db.WorkingHours.AsNoTracking()
            .Where(w => w.ResourceId == resource.Id && w.LocationId == location.Id && w.DayOfWeek == localFrom.DayOfWeek
                && (w.EffectiveFrom == null || w.EffectiveFrom <= day) && (w.EffectiveUntil == null || w.EffectiveUntil >= day))
            .ToListAsync(cancellationToken);
        var startTime = TimeOnly.FromDateTime(localFrom);
        var endTime = TimeOnly.FromDateTime(localTo);
        var endsAtMidnight = localTo.TimeOfDay == TimeSpan.Zero && localTo > localFrom;
        if (!hours.Any(h => h.StartsAt <= startTime && (endsAtMidnight ? h.EndsAt == TimeOnly.MaxValue : h.EndsAt >= endTime)))
        {
            return $"{resource.Name} does not work at {location.Name} then";
        }
        var blocked = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => (b.ResourceId == resource.Id || (b.ResourceId == null && b.LocationId == location.Id)) && b.StartsAt < to && from < b.EndsAt)
            .Select(b => new { b.Kind, b.Reason })
            .FirstOrDefaultAsync(cancellationToken);
        if (blocked is not null)
        {
            return $"{resource.Name} is blocked then ({blocked.Reason ?? blocked.Kind})";
        }
        var booked = await db.ResourceBookings.AsNoTracking()
            .AnyAsync(b => b.ResourceId == resource.Id && b.IsActive && b.StartsAt < to && from < b.EndsAt
                && (excludeAppointmentId == null || b.AppointmentId != excludeAppointmentId), cancellationToken);
        return booked ? $"{resource.Name} is already booked then" : null;
    }
}
