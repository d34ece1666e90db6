using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

/// <summary>
/// The office manager's changes to what can be booked: resources, weekly hours, blocks and visit types. The API and the
/// setup pages both come here, so a form and a JSON call are refused for the same reasons in the same words.
/// </summary>
public sealed partial class ScheduleSetup(MedOfficeDb db, AuditTrail audit)
{
    public async Task<Result<SchedulableResource>> CreateResourceAsync(SaveResource request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = await CheckResourceAsync(request, null, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<SchedulableResource>.Fail(errors);
        }
        var resource = new SchedulableResource { Kind = request.Kind!, Name = request.Name!.Trim() };
        Apply(resource, request);
        db.SchedulableResources.Add(resource);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Create, $"resource {resource.Id} {resource.Kind} \"{resource.Name}\" added", cancellationToken);
        return Result<SchedulableResource>.Ok(resource);
    }

    public async Task<Result<SchedulableResource>?> UpdateResourceAsync(int id, SaveResource request, Actor actor, CancellationToken cancellationToken = default)
    {
        var resource = await db.SchedulableResources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return null;
        }
        var errors = await CheckResourceAsync(request, id, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<SchedulableResource>.Fail(errors);
        }
        resource.Kind = request.Kind!;
        resource.Name = request.Name!.Trim();
        Apply(resource, request);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Update, $"resource {resource.Id} \"{resource.Name}\" changed", cancellationToken);
        return Result<SchedulableResource>.Ok(resource);
    }

    /// <summary>Deactivated resources are no longer offered for new bookings; their existing bookings stay.</summary>
    public async Task<bool> DeactivateResourceAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var resource = await db.SchedulableResources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return false;
        }
        resource.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Update, $"resource {resource.Id} \"{resource.Name}\" deactivated", cancellationToken);
        return true;
    }

    public async Task<Result<List<WorkingHours>>?> SetWorkingHoursAsync(int resourceId, SetWorkingHours request, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var resource = await db.SchedulableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null)
        {
            return null;
        }
        var errors = new List<FieldError>();
        if (!await db.Locations.AnyAsync(l => l.Id == request.LocationId, cancellationToken))
        {
            errors.Add(new(nameof(SetWorkingHours.LocationId), "Choose the location these hours are at."));
        }
        var rows = new List<WorkingHours>();
        var hours = request.Hours ?? [];
        for (var i = 0; i < hours.Count; i++)
        {
            var row = hours[i];
            var field = $"Hours[{i}]";
            if (row is null)
            {
                errors.Add(new(field, "Each row needs a day, a start and an end."));
                continue;
            }
            var ok = true;
            if (!LocalFormats.TryParseDay(row.DayOfWeek, out var day))
            {
                errors.Add(new($"{field}.DayOfWeek", "Name the weekday in English, e.g. Monday."));
                ok = false;
            }
            if (!LocalFormats.TryParseTime(row.StartsAt, out var startsAt) || startsAt == TimeOnly.MaxValue)
            {
                errors.Add(new($"{field}.StartsAt", "Write the start as HH:mm, e.g. 08:00."));
                ok = false;
            }
            if (!LocalFormats.TryParseTime(row.EndsAt, out var endsAt))
            {
                errors.Add(new($"{field}.EndsAt", "Write the end as HH:mm, e.g. 17:00 (24:00 for midnight)."));
                ok = false;
            }
            if (ok && endsAt <= startsAt)
            {
                errors.Add(new($"{field}.EndsAt", $"The end ({row.EndsAt}) must be after the start ({row.StartsAt})."));
                ok = false;
            }
            if (row.EffectiveFrom is { } from && row.EffectiveUntil is { } until && until < from)
            {
                errors.Add(new($"{field}.EffectiveUntil", "The last day must not be before the first day."));
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            var clash = rows.FindIndex(r => r.DayOfWeek == day && r.StartsAt < endsAt && startsAt < r.EndsAt
                && (r.EffectiveFrom ?? DateOnly.MinValue) <= (row.EffectiveUntil ?? DateOnly.MaxValue)
                && (row.EffectiveFrom ?? DateOnly.MinValue) <= (r.EffectiveUntil ?? DateOnly.MaxValue));
            if (clash >= 0)
            {
                errors.Add(new($"{field}.StartsAt",
                    $"{day} {row.StartsAt}–{row.EndsAt} overlaps {LocalFormats.Format(rows[clash].StartsAt)}–{LocalFormats.Format(rows[clash].EndsAt)} on the same day."));
                continue;
            }
            rows.Add(new WorkingHours
            {
                ResourceId = resourceId, LocationId = request.LocationId, DayOfWeek = day, StartsAt = startsAt, EndsAt = endsAt,
                EffectiveFrom = row.EffectiveFrom, EffectiveUntil = row.EffectiveUntil,
            });
        }
        if (errors.Count > 0)
        {
            return Result<List<WorkingHours>>.Fail(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.WorkingHours.RemoveRange(await db.WorkingHours.Where(w => w.ResourceId == resourceId && w.LocationId == request.LocationId).ToListAsync(cancellationToken));
        db.WorkingHours.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Update,
            $"weekly hours of resource {resourceId} \"{resource.Name}\" at location {request.LocationId} set: {rows.Count} spans", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<List<WorkingHours>>.Ok(rows);
    }

    public async Task<Result<ScheduleBlock>> AddBlockAsync(AddBlock request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var resource = request.ResourceId is { } resourceId
            ? await db.SchedulableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken)
            : null;
        if (request.ResourceId is not null && resource is null)
        {
            errors.Add(new(nameof(AddBlock.ResourceId), "No such resource."));
        }
        // A resource's block is read in its home location's time unless another location is named; a location block needs the location.
        var locationId = request.LocationId ?? resource?.LocationId;
        var location = locationId is { } l ? await db.Locations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == l, cancellationToken) : null;
        if (request.ResourceId is null && request.LocationId is null)
        {
            errors.Add(new(nameof(AddBlock.LocationId), "Choose a resource or a whole location to block."));
        }
        else if (request.LocationId is not null && location is null)
        {
            errors.Add(new(nameof(AddBlock.LocationId), "No such location."));
        }
        if (request.Kind is null || !BlockKinds.All.Contains(request.Kind))
        {
            errors.Add(new(nameof(AddBlock.Kind), $"Choose what the block is: {string.Join(", ", BlockKinds.All)}."));
        }
        if (request.Reason is { Length: > 200 })
        {
            errors.Add(new(nameof(AddBlock.Reason), "Keep the reason to 200 characters."));
        }
        var startOk = LocalFormats.TryParseDateTime(request.LocalStart, out var localStart);
        var endOk = LocalFormats.TryParseDateTime(request.LocalEnd, out var localEnd);
        if (!startOk)
        {
            errors.Add(new(nameof(AddBlock.LocalStart), "Write the start as yyyy-MM-ddTHH:mm (local time at the location)."));
        }
        if (!endOk)
        {
            errors.Add(new(nameof(AddBlock.LocalEnd), "Write the end as yyyy-MM-ddTHH:mm (local time at the location)."));
        }
        if (startOk && endOk && localEnd <= localStart)
        {
            errors.Add(new(nameof(AddBlock.LocalEnd), "The end must be after the start."));
        }
        if (errors.Count > 0 || location is null)
        {
            return Result<ScheduleBlock>.Fail(errors.Count > 0 ? errors : [new(nameof(AddBlock.LocationId), "No such location.")]);
        }
        // A block is time taken away, so a local time in the spring-forward gap is moved on by the gap (as a wall clock would) rather than refused.
        var startsAt = LocalTimes.ToUtc(localStart, location.TimeZoneId) ?? NextValidUtc(localStart, location.TimeZoneId);
        var endsAt = LocalTimes.ToUtc(localEnd, location.TimeZoneId) ?? NextValidUtc(localEnd, location.TimeZoneId);
        if (endsAt <= startsAt)
        {
            return Result<ScheduleBlock>.Fail(nameof(AddBlock.LocalEnd), "The end must be after the start (the clocks change then).");
        }
        var block = new ScheduleBlock
        {
            ResourceId = request.ResourceId, LocationId = location.Id, StartsAt = startsAt, EndsAt = endsAt, Kind = request.Kind!,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
        };
        db.ScheduleBlocks.Add(block);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Create,
            $"block {block.Id} {block.Kind} for {(resource is null ? $"location {location.Id}" : $"resource {resource.Id}")} {LocalFormats.Format(localStart)}–{LocalFormats.Format(localEnd)} local",
            cancellationToken);
        return Result<ScheduleBlock>.Ok(block);
    }

    public async Task<bool> DeleteBlockAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var block = await db.ScheduleBlocks.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (block is null)
        {
            return false;
        }
        db.ScheduleBlocks.Remove(block);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Delete, $"block {id} {block.Kind} removed", cancellationToken);
        return true;
    }

    public async Task<Result<AppointmentType>> CreateTypeAsync(SaveAppointmentType request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = await CheckTypeAsync(request, null, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<AppointmentType>.Fail(errors);
        }
        var type = new AppointmentType { Name = request.Name!.Trim() };
        Apply(type, request);
        db.AppointmentTypes.Add(type);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Create, $"appointment type {type.Id} \"{type.Name}\" added", cancellationToken);
        return Result<AppointmentType>.Ok(type);
    }

    public async Task<Result<AppointmentType>?> UpdateTypeAsync(int id, SaveAppointmentType request, Actor actor, CancellationToken cancellationToken = default)
    {
        var type = await db.AppointmentTypes.Include(t => t.Requirements).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
        {
            return null;
        }
        var errors = await CheckTypeAsync(request, id, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<AppointmentType>.Fail(errors);
        }
        type.Name = request.Name!.Trim();
        type.Requirements.Clear();
        Apply(type, request);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(actor, AuditActions.Update, $"appointment type {type.Id} \"{type.Name}\" changed", cancellationToken);
        return Result<AppointmentType>.Ok(type);
    }

    private async Task<List<FieldError>> CheckResourceAsync(SaveResource request, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (request.Kind is null || !ResourceKinds.All.Contains(request.Kind))
        {
            errors.Add(new(nameof(SaveResource.Kind), $"Choose a kind: {string.Join(", ", ResourceKinds.All)}."));
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            errors.Add(new(nameof(SaveResource.Name), "Give the resource a name of up to 200 characters."));
        }
        if (request.Category is { Length: > 64 })
        {
            errors.Add(new(nameof(SaveResource.Category), "Keep the category to 64 characters."));
        }
        if (!await db.Locations.AnyAsync(l => l.Id == request.LocationId, cancellationToken))
        {
            errors.Add(new(nameof(SaveResource.LocationId), "Choose the resource's home location."));
        }
        if (request.ProviderId is { } providerId)
        {
            if (request.Kind != ResourceKinds.Provider)
            {
                errors.Add(new(nameof(SaveResource.ProviderId), "Only a Provider resource can stand for a provider."));
            }
            else if (!await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
            {
                errors.Add(new(nameof(SaveResource.ProviderId), "No such provider."));
            }
            else if (await db.SchedulableResources.AnyAsync(r => r.ProviderId == providerId && r.Id != id, cancellationToken))
            {
                errors.Add(new(nameof(SaveResource.ProviderId), "That provider already has a schedule resource."));
            }
        }
        if (request.RoomId is { } roomId)
        {
            if (request.Kind != ResourceKinds.Room)
            {
                errors.Add(new(nameof(SaveResource.RoomId), "Only a Room resource can stand for a room."));
            }
            else if (!await db.Rooms.AnyAsync(r => r.Id == roomId && r.LocationId == request.LocationId, cancellationToken))
            {
                errors.Add(new(nameof(SaveResource.RoomId), "No such room at that location."));
            }
            else if (await db.SchedulableResources.AnyAsync(r => r.RoomId == roomId && r.Id != id, cancellationToken))
            {
                errors.Add(new(nameof(SaveResource.RoomId), "That room already has a schedule resource."));
            }
        }
        return errors;
    }

    private static void Apply(SchedulableResource resource, SaveResource request)
    {
        resource.Category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim();
        resource.LocationId = request.LocationId;
        resource.ProviderId = request.ProviderId;
        resource.RoomId = request.RoomId;
    }

    private async Task<List<FieldError>> CheckTypeAsync(SaveAppointmentType request, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors.Add(new(nameof(SaveAppointmentType.Name), "Give the visit type a name of up to 100 characters."));
        }
        else if (await db.AppointmentTypes.AnyAsync(t => t.Name.ToLower() == name.ToLower() && t.Id != id, cancellationToken))
        {
            errors.Add(new(nameof(SaveAppointmentType.Name), $"There is already a visit type called {name}."));
        }
        if (request.DurationMinutes is < 5 or > 480)
        {
            errors.Add(new(nameof(SaveAppointmentType.DurationMinutes), "The length must be between 5 and 480 minutes."));
        }
        if (request.Color is not null && !HexColor().IsMatch(request.Color))
        {
            errors.Add(new(nameof(SaveAppointmentType.Color), "Write the colour as #rrggbb, e.g. #2f80ed."));
        }
        var requirements = request.Requirements ?? [];
        if (requirements.Count == 0)
        {
            errors.Add(new(nameof(SaveAppointmentType.Requirements), "Say what the visit needs: at least one resource kind (usually a Provider)."));
        }
        for (var i = 0; i < requirements.Count; i++)
        {
            var requirement = requirements[i];
            var field = $"Requirements[{i}]";
            if (requirement?.Kind is null || !ResourceKinds.All.Contains(requirement.Kind))
            {
                errors.Add(new($"{field}.Kind", $"Choose a kind: {string.Join(", ", ResourceKinds.All)}."));
                continue;
            }
            if (requirement.Category is { Length: > 64 })
            {
                errors.Add(new($"{field}.Category", "Keep the category to 64 characters."));
            }
            if (requirement.OffsetMinutes < 0 || requirement.OffsetMinutes >= request.DurationMinutes)
            {
                errors.Add(new($"{field}.OffsetMinutes", "The resource must be needed from a minute within the visit."));
            }
            else if (requirement.DurationMinutes is { } minutes && (minutes < 1 || requirement.OffsetMinutes + minutes > request.DurationMinutes))
            {
                errors.Add(new($"{field}.DurationMinutes", "The resource's part must fit within the visit."));
            }
        }
        return errors;
    }

    private static void Apply(AppointmentType type, SaveAppointmentType request)
    {
        type.DurationMinutes = request.DurationMinutes;
        type.Color = request.Color ?? type.Color;
        type.IsActive = request.IsActive;
        type.Requirements.AddRange((request.Requirements ?? []).Select(r => new AppointmentTypeRequirement
        {
            Kind = r.Kind!, Category = string.IsNullOrWhiteSpace(r.Category) ? null : r.Category.Trim(),
            OffsetMinutes = r.OffsetMinutes, DurationMinutes = r.DurationMinutes,
        }));
    }

    private static DateTime NextValidUtc(DateTime local, string timeZoneId)
    {
        var zone = LocalTimes.Zone(timeZoneId);
        return NodaTime.LocalDateTime.FromDateTime(local).InZone(zone, NodaTime.TimeZones.Resolvers.LenientResolver).ToDateTimeUtc();
    }

    private Task RecordAsync(Actor actor, string action, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(actor, action, AuditCategories.Schedule, Detail: detail), cancellationToken);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
