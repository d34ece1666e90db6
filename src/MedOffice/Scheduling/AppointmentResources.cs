using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

public sealed record HeldResource(int AppointmentId, int ResourceId, string Name, bool IsActive);

/// <summary>Who and what an appointment is with: its provider, its room.</summary>
public static class AppointmentResources
{
    /// <summary>
    /// The resources of one kind booked for these appointments; per appointment those it still holds come first, then the
    /// latest booked: a cancelled or no-show visit has released its bookings, and what it last had is still who it was with.
    /// </summary>
    public static async Task<ILookup<int, HeldResource>> OfKindAsync(MedOfficeDb db, IReadOnlyCollection<int> appointmentIds, string kind,
        CancellationToken cancellationToken = default)
    {
        var held = await (
                from b in db.ResourceBookings.AsNoTracking()
                where appointmentIds.Contains(b.AppointmentId)
                join r in db.SchedulableResources.AsNoTracking() on b.ResourceId equals r.Id
                where r.Kind == kind
                orderby b.IsActive descending, b.Id descending
                select new HeldResource(b.AppointmentId, r.Id, r.Name, b.IsActive))
            .ToListAsync(cancellationToken);
        return held.ToLookup(h => h.AppointmentId);
    }

    /// <summary>The appointment's resource of one kind (see <see cref="OfKindAsync"/>), or null when it has none.</summary>
    public static async Task<HeldResource?> OfKindAsync(MedOfficeDb db, int appointmentId, string kind, CancellationToken cancellationToken = default) =>
        (await OfKindAsync(db, [appointmentId], kind, cancellationToken))[appointmentId].FirstOrDefault();
}
