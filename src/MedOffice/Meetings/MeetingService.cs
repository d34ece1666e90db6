using System.Globalization;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Meetings;

/// <summary>One attendee of a meeting: a staff user, a provider's calendar, or both when the user is that provider.</summary>
public sealed record MeetingAttendee(int? UserId, int? ProviderResourceId);

/// <summary>
/// A request to hold a meeting at <see cref="LocalStartTime"/> (local time at the location) on <see cref="Date"/>, or on
/// every date of <see cref="Rule"/> (whose first date must be <see cref="Date"/>).
/// </summary>
public sealed record ScheduleMeeting(
    string? Title,
    int LocationId,
    int? RoomResourceId,
    DateOnly Date,
    TimeOnly LocalStartTime,
    int DurationMinutes,
    IReadOnlyList<MeetingAttendee> Attendees,
    RecurrenceRule? Rule = null,
    string? Description = null);

/// <summary>One occurrence: its local date and time and what is in its way (nothing, when it fits).</summary>
public sealed record MeetingOccurrence(DateOnly LocalDate, TimeOnly LocalTime, IReadOnlyList<string> Conflicts)
{
    public bool Fits => Conflicts.Count == 0;

    public override string ToString() =>
        $"{LocalDate.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)} {LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture)}: "
        + (Fits ? "free" : string.Join("; ", Conflicts));
}

/// <summary>
/// What scheduling a meeting did. A meeting is held on all its dates or not at all: when any occurrence collides with a
/// booking or block of the room or a provider attendee, nothing is stored and <see cref="Occurrences"/> says which and why.
/// </summary>
public sealed record MeetingReport(int? MeetingId, IReadOnlyList<MeetingOccurrence> Occurrences)
{
    public bool Scheduled => MeetingId is not null;
    public IReadOnlyList<MeetingOccurrence> Conflicts => Occurrences.Where(o => !o.Fits).ToList();
}

/// <summary>
/// Staff meetings: scheduled by writing a Meeting block on the room and each provider attendee for every occurrence, so
/// <see cref="BookingService"/> refuses patients then; cancelled by removing the blocks still ahead.
/// </summary>
public sealed class MeetingService(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public const int MaxDurationMinutes = 720;

    public async Task<Result<MeetingReport>> ScheduleAsync(ScheduleMeeting request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            errors.Add(new(nameof(ScheduleMeeting.Title), "Give the meeting a title of up to 200 characters."));
        }
        if (request.Description is { Length: > 1000 })
        {
            errors.Add(new(nameof(ScheduleMeeting.Description), "Keep the description to 1000 characters."));
        }
        if (request.DurationMinutes is < 5 or > MaxDurationMinutes)
        {
            errors.Add(new(nameof(ScheduleMeeting.DurationMinutes), $"A meeting lasts 5 to {MaxDurationMinutes} minutes."));
        }
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == request.LocationId, cancellationToken);
        if (location is null)
        {
            errors.Add(new(nameof(ScheduleMeeting.LocationId), "Choose a location."));
        }
        SchedulableResource? room = null;
        if (request.RoomResourceId is { } roomId)
        {
            room = await db.SchedulableResources.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == roomId && r.Kind == ResourceKinds.Room && r.IsActive, cancellationToken);
            if (room is null)
            {
                errors.Add(new(nameof(ScheduleMeeting.RoomResourceId), "Choose a room (or none)."));
            }
        }
        var attendees = (request.Attendees ?? []).Distinct().ToList();
        if (attendees.Count == 0)
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "Invite at least one person."));
        }
        var userIds = attendees.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).Distinct().ToList();
        var providerIds = attendees.Where(a => a.ProviderResourceId is not null).Select(a => a.ProviderResourceId!.Value).Distinct().ToList();
        if (attendees.Any(a => a.UserId is null && a.ProviderResourceId is null))
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "Each attendee is a staff member or a provider."));
        }
        if (await db.Users.CountAsync(u => userIds.Contains(u.Id) && u.IsActive, cancellationToken) != userIds.Count)
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "One of the staff invited is not an active user."));
        }
        var providers = await db.SchedulableResources.AsNoTracking()
            .Where(r => providerIds.Contains(r.Id) && r.Kind == ResourceKinds.Provider && r.IsActive).ToListAsync(cancellationToken);
        if (providers.Count != providerIds.Count)
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "One of the providers invited is not an active provider calendar."));
        }
        if (request.Rule is { } rule)
        {
            errors.AddRange(rule.Validate());
            if (rule.FirstDate != request.Date)
            {
                errors.Add(new(nameof(ScheduleMeeting.Date), "A repeating meeting starts on the date of its first occurrence."));
            }
        }
        if (location is not null && LocalTimes.ToUtc(request.Date.ToDateTime(request.LocalStartTime), location.TimeZoneId) is { } firstStart
            && firstStart < time.GetUtcNow().UtcDateTime.AddMinutes(-5))
        {
            errors.Add(new(nameof(ScheduleMeeting.Date), "That time has passed."));
        }
        if (errors.Count > 0)
        {
            return Result<MeetingReport>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var meeting = new StaffMeeting
        {
            CalendarUid = $"meeting-{Guid.NewGuid():N}@medoffice",
            Title = title!,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            LocationId = location!.Id,
            RoomResourceId = room?.Id,
            FirstDate = request.Date,
            LocalStartTime = request.LocalStartTime,
            DurationMinutes = request.DurationMinutes,
            OrganizerUserId = actor.UserId,
            OrganizerName = actor.UserName.Length <= 128 ? actor.UserName : actor.UserName[..128],
            CreatedAt = now,
            UpdatedAt = now,
            Attendees = attendees.Select(a => new StaffMeetingAttendee { UserId = a.UserId, ProviderResourceId = a.ProviderResourceId }).ToList(),
        };
        meeting.SetRule(request.Rule);
        var blocked = (room is null ? providers : providers.Prepend(room)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The meeting row goes first: on SQLite that takes the write lock before anything is checked.
        db.StaffMeetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        var occurrences = await CheckAsync(meeting, location, blocked, cancellationToken);
        if (occurrences.Any(o => !o.Occurrence.Fits))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<MeetingReport>.Ok(new MeetingReport(null, occurrences.Select(o => o.Occurrence).ToList()));
        }
        var blocks = occurrences.SelectMany(o => blocked.Select(resource => new ScheduleBlock
        {
            ResourceId = resource.Id,
            LocationId = location.Id,
            StartsAt = o.StartsAt!.Value,
            EndsAt = o.StartsAt.Value.AddMinutes(meeting.DurationMinutes),
            Kind = BlockKinds.Meeting,
            Reason = meeting.Title,
        })).ToList();
        db.ScheduleBlocks.AddRange(blocks);
        await db.SaveChangesAsync(cancellationToken);
        db.StaffMeetingBlocks.AddRange(blocks.Select(b => new StaffMeetingBlock { MeetingId = meeting.Id, ScheduleBlockId = b.Id }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule,
            Detail: $"meeting {meeting.Id} \"{meeting.Title}\" scheduled: {occurrences.Count} occurrence(s) from {meeting.FirstDate:yyyy-MM-dd} "
                + $"{meeting.LocalStartTime:HH:mm} local, blocking {string.Join(", ", blocked.Select(r => r.Name))}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<MeetingReport>.Ok(new MeetingReport(meeting.Id, occurrences.Select(o => o.Occurrence).ToList()));
    }

    /// <summary>
    /// Cancels a meeting: the blocks still ahead are removed (the ones past stay, as a record of what the time was used
    /// for) and the invitation's sequence goes up so calendar apps take the cancellation. Null when there is no such meeting.
    /// </summary>
    public async Task<Result<StaffMeeting>?> CancelAsync(int meetingId, Actor actor, CancellationToken cancellationToken = default)
    {
        var meeting = await db.StaffMeetings.FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }
        if (meeting.CancelledAt is not null)
        {
            return Result<StaffMeeting>.Fail("Meeting", "This meeting is already cancelled.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        meeting.CancelledAt = now;
        meeting.UpdatedAt = now;
        meeting.Sequence++;
        await db.SaveChangesAsync(cancellationToken);
        var ahead = db.StaffMeetingBlocks.Where(l => l.MeetingId == meetingId).Select(l => l.ScheduleBlockId);
        var removed = await db.ScheduleBlocks.Where(b => ahead.Contains(b.Id) && b.EndsAt > now).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Delete, AuditCategories.Schedule,
            Detail: $"meeting {meeting.Id} \"{meeting.Title}\" cancelled: {removed} block(s) removed"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<StaffMeeting>.Ok(meeting);
    }

    private sealed record Checked(MeetingOccurrence Occurrence, DateTime? StartsAt);

    private async Task<List<Checked>> CheckAsync(StaffMeeting meeting, Practice.Location location, List<SchedulableResource> resources,
        CancellationToken cancellationToken)
    {
        var planned = meeting.Dates().Select(date =>
        {
            var local = date.ToDateTime(meeting.LocalStartTime);
            return (Date: date, StartsAt: LocalTimes.ToUtc(local, location.TimeZoneId));
        }).ToList();
        var starts = planned.Where(p => p.StartsAt is not null).Select(p => p.StartsAt!.Value).ToList();
        if (starts.Count == 0)
        {
            return planned.Select(p => new Checked(new MeetingOccurrence(p.Date, meeting.LocalStartTime, [SpringForward(p.Date, location.Name)]), null)).ToList();
        }
        var from = starts.Min();
        var to = starts.Max().AddMinutes(meeting.DurationMinutes);
        var ids = resources.Select(r => r.Id).ToList();
        var blocks = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => ((b.ResourceId != null && ids.Contains(b.ResourceId.Value)) || (b.ResourceId == null && b.LocationId == location.Id))
                && b.StartsAt < to && from < b.EndsAt)
            .ToListAsync(cancellationToken);
        var bookings = await db.ResourceBookings.AsNoTracking()
            .Where(b => b.IsActive && ids.Contains(b.ResourceId) && b.StartsAt < to && from < b.EndsAt)
            .ToListAsync(cancellationToken);

        var result = new List<Checked>();
        foreach (var (date, startsAt) in planned)
        {
            if (startsAt is not { } start)
            {
                result.Add(new Checked(new MeetingOccurrence(date, meeting.LocalStartTime, [SpringForward(date, location.Name)]), null));
                continue;
            }
            var end = start.AddMinutes(meeting.DurationMinutes);
            var conflicts = new List<string>();
            foreach (var block in blocks.Where(b => b.ResourceId is null && b.StartsAt < end && start < b.EndsAt))
            {
                conflicts.Add($"{location.Name} is closed then ({block.Reason ?? block.Kind})");
            }
            foreach (var resource in resources)
            {
                if (blocks.FirstOrDefault(b => b.ResourceId == resource.Id && b.StartsAt < end && start < b.EndsAt) is { } block)
                {
                    conflicts.Add($"{resource.Name} is blocked then ({block.Reason ?? block.Kind})");
                }
                if (bookings.Any(b => b.ResourceId == resource.Id && b.StartsAt < end && start < b.EndsAt))
                {
                    conflicts.Add($"{resource.Name} is booked for a patient then");
                }
            }
            result.Add(new Checked(new MeetingOccurrence(date, meeting.LocalStartTime, conflicts), start));
        }
        return result;
    }

    private static string SpringForward(DateOnly date, string locationName) =>
        $"that time does not exist on {date:yyyy-MM-dd} at {locationName}: the clocks spring forward then";
}
