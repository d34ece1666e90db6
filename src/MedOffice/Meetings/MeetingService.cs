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
/// Staff meetings: scheduled by writing a Meeting block on the room and each provider attendee (invited by calendar, or
/// a user linked to a provider calendar) for every occurrence, so <see cref="BookingService"/> refuses patients then;
/// changed by moving those blocks; cancelled by removing the blocks still ahead. Every step e-mails the attendees who
/// have an address an .ics invitation through the outbox, in the same transaction (<see cref="MeetingInvitations"/>).
/// </summary>
public sealed class MeetingService(MedOfficeDb db, AuditTrail audit, MeetingInvitations invitations, TimeProvider time)
{
    public const int MaxDurationMinutes = 720;

    public async Task<Result<MeetingReport>> ScheduleAsync(ScheduleMeeting request, Actor actor, CancellationToken cancellationToken = default)
    {
        var planned = await PlanAsync(request, cancellationToken);
        if (!planned.Succeeded)
        {
            return Result<MeetingReport>.Fail(planned.Errors);
        }
        var plan = planned.Value!;
        var now = time.GetUtcNow().UtcDateTime;
        var meeting = new StaffMeeting
        {
            CalendarUid = $"meeting-{Guid.NewGuid():N}@medoffice",
            Title = "",
            OrganizerUserId = actor.UserId,
            OrganizerName = actor.UserName.Length <= 128 ? actor.UserName : actor.UserName[..128],
            CreatedAt = now,
        };
        plan.ApplyTo(meeting, now);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The meeting row goes first: on SQLite that takes the write lock before anything is checked.
        db.StaffMeetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        var occurrences = await CheckAsync(meeting, plan.Location, plan.Blocked, cancellationToken);
        if (occurrences.Any(o => !o.Occurrence.Fits))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<MeetingReport>.Ok(new MeetingReport(null, occurrences.Select(o => o.Occurrence).ToList()));
        }
        await BlockAsync(meeting, plan, occurrences, cancellationToken);
        var mailed = await invitations.EnqueueAsync((await invitations.LoadAsync(meeting.Id, cancellationToken))!, [], cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule,
            Detail: $"meeting {meeting.Id} \"{meeting.Title}\" scheduled: {Describe(meeting, occurrences, plan)}; {mailed} invitation(s) to e-mail"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<MeetingReport>.Ok(new MeetingReport(meeting.Id, occurrences.Select(o => o.Occurrence).ToList()));
    }

    /// <summary>
    /// Changes a meeting (title, time, room, attendees, recurrence) as a whole: the blocks still ahead are moved to the new
    /// times, or nothing changes when any new occurrence collides. Attendees get an updated invitation (a higher
    /// SEQUENCE, the same UID) and anyone taken off it a cancellation. The first occurrence must still be ahead, as when
    /// scheduling. Null when there is no such meeting.
    /// </summary>
    public async Task<Result<MeetingReport>?> ChangeAsync(int meetingId, ScheduleMeeting request, Actor actor, CancellationToken cancellationToken = default)
    {
        var meeting = await db.StaffMeetings.Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }
        if (meeting.CancelledAt is not null)
        {
            return Result<MeetingReport>.Fail("Meeting", "This meeting is cancelled; schedule a new one.");
        }
        var planned = await PlanAsync(request, cancellationToken);
        if (!planned.Succeeded)
        {
            return Result<MeetingReport>.Fail(planned.Errors);
        }
        var plan = planned.Value!;
        var before = (await invitations.LoadAsync(meetingId, cancellationToken))!;
        var was = Signature(meeting);
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        plan.ApplyTo(meeting, now);
        var changed = Signature(meeting) != was;
        if (changed)
        {
            meeting.Sequence++;
        }
        await db.SaveChangesAsync(cancellationToken);
        // Its own blocks ahead are freed first, so the new times are checked against everything else only.
        var freed = await RemoveBlocksAheadAsync(meetingId, now, cancellationToken);
        var occurrences = await CheckAsync(meeting, plan.Location, plan.Blocked, cancellationToken);
        if (occurrences.Any(o => !o.Occurrence.Fits))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<MeetingReport>.Ok(new MeetingReport(null, occurrences.Select(o => o.Occurrence).ToList()));
        }
        await BlockAsync(meeting, plan, occurrences, cancellationToken);
        var mailed = 0;
        if (changed)
        {
            var after = (await invitations.LoadAsync(meetingId, cancellationToken))!;
            var removed = before.Invitees.Where(i => i.UserId is { } userId && after.Invitees.All(a => a.UserId != userId)).ToList();
            mailed = await invitations.EnqueueAsync(after, removed, cancellationToken);
        }
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule,
            Detail: $"meeting {meeting.Id} \"{meeting.Title}\" {(changed ? "changed" : "saved unchanged")}: {Describe(meeting, occurrences, plan)} "
                + $"({freed} block(s) ahead replaced); {mailed} invitation(s) to e-mail"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<MeetingReport>.Ok(new MeetingReport(meeting.Id, occurrences.Select(o => o.Occurrence).ToList()));
    }

    /// <summary>
    /// Cancels a meeting: the blocks still ahead are removed (the ones past stay, as a record of what the time was used
    /// for), the invitation's sequence goes up so calendar apps take the cancellation, and attendees are e-mailed a
    /// CANCEL. Null when there is no such meeting.
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
        var removed = await RemoveBlocksAheadAsync(meetingId, now, cancellationToken);
        var mailed = await invitations.EnqueueAsync((await invitations.LoadAsync(meetingId, cancellationToken))!, [], cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Delete, AuditCategories.Schedule,
            Detail: $"meeting {meeting.Id} \"{meeting.Title}\" cancelled: {removed} block(s) removed; {mailed} cancellation(s) to e-mail"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<StaffMeeting>.Ok(meeting);
    }

    /// <summary>A checked request: what the meeting will be and which calendars (room, providers) it blocks.</summary>
    private sealed record Plan(ScheduleMeeting Request, string Title, Practice.Location Location, SchedulableResource? Room,
        List<StaffMeetingAttendee> Attendees, List<SchedulableResource> Blocked)
    {
        public void ApplyTo(StaffMeeting meeting, DateTime now)
        {
            meeting.Title = Title;
            meeting.Description = string.IsNullOrWhiteSpace(Request.Description) ? null : Request.Description.Trim();
            meeting.LocationId = Location.Id;
            meeting.RoomResourceId = Room?.Id;
            meeting.FirstDate = Request.Date;
            meeting.LocalStartTime = Request.LocalStartTime;
            meeting.DurationMinutes = Request.DurationMinutes;
            meeting.SetRule(Request.Rule);
            meeting.UpdatedAt = now;
            // Rows that stay keep their ids; the others go (the relationship is required, so EF deletes the orphans).
            meeting.Attendees.RemoveAll(a => !Attendees.Any(n => n.UserId == a.UserId && n.ProviderResourceId == a.ProviderResourceId));
            meeting.Attendees.AddRange(Attendees.Where(n => !meeting.Attendees.Any(a => a.UserId == n.UserId && a.ProviderResourceId == n.ProviderResourceId)));
        }
    }

    /// <summary>
    /// Checks a request and works out whom it blocks: the room, each provider invited by calendar, and the provider
    /// calendar of each user linked to one (that user and that calendar become one attendee).
    /// </summary>
    private async Task<Result<Plan>> PlanAsync(ScheduleMeeting request, CancellationToken cancellationToken)
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
        var requested = (request.Attendees ?? []).Distinct().ToList();
        if (requested.Count == 0)
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "Invite at least one person."));
        }
        if (requested.Any(a => a.UserId is null && a.ProviderResourceId is null))
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "Each attendee is a staff member or a provider."));
        }
        var userIds = requested.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).Distinct().ToList();
        var providerIds = requested.Where(a => a.ProviderResourceId is not null).Select(a => a.ProviderResourceId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.ProviderResourceId }).ToListAsync(cancellationToken);
        if (users.Count != userIds.Count)
        {
            errors.Add(new(nameof(ScheduleMeeting.Attendees), "One of the staff invited is not an active user."));
        }
        var linkedIds = users.Where(u => u.ProviderResourceId is not null).Select(u => u.ProviderResourceId!.Value).ToList();
        var providers = await db.SchedulableResources.AsNoTracking()
            .Where(r => (providerIds.Contains(r.Id) || linkedIds.Contains(r.Id)) && r.Kind == ResourceKinds.Provider && r.IsActive)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        if (!providerIds.All(id => providers.Any(p => p.Id == id)))
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
            return Result<Plan>.Fail(errors);
        }

        // An inactive provider calendar takes no bookings, so a user linked to one is invited without blocking it.
        var attendees = users
            .Select(u => new StaffMeetingAttendee { UserId = u.Id, ProviderResourceId = providers.Any(p => p.Id == u.ProviderResourceId) ? u.ProviderResourceId : null })
            .Concat(providerIds.Where(id => !linkedIds.Contains(id)).Select(id => new StaffMeetingAttendee { ProviderResourceId = id }))
            .ToList();
        var blocked = (room is null ? providers : providers.Prepend(room)).ToList();
        return Result<Plan>.Ok(new Plan(request, title!, location!, room, attendees, blocked));
    }

    /// <summary>Writes the Meeting blocks of every occurrence on every calendar the meeting blocks, linked to the meeting.</summary>
    private async Task BlockAsync(StaffMeeting meeting, Plan plan, List<Checked> occurrences, CancellationToken cancellationToken)
    {
        var blocks = occurrences.SelectMany(o => plan.Blocked.Select(resource => new ScheduleBlock
        {
            ResourceId = resource.Id,
            LocationId = plan.Location.Id,
            StartsAt = o.StartsAt!.Value,
            EndsAt = o.StartsAt.Value.AddMinutes(meeting.DurationMinutes),
            Kind = BlockKinds.Meeting,
            Reason = meeting.Title,
        })).ToList();
        db.ScheduleBlocks.AddRange(blocks);
        await db.SaveChangesAsync(cancellationToken);
        db.StaffMeetingBlocks.AddRange(blocks.Select(b => new StaffMeetingBlock { MeetingId = meeting.Id, ScheduleBlockId = b.Id }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<int> RemoveBlocksAheadAsync(int meetingId, DateTime now, CancellationToken cancellationToken)
    {
        var linked = db.StaffMeetingBlocks.Where(l => l.MeetingId == meetingId).Select(l => l.ScheduleBlockId);
        return db.ScheduleBlocks.Where(b => linked.Contains(b.Id) && b.EndsAt > now).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Describe(StaffMeeting meeting, List<Checked> occurrences, Plan plan) =>
        $"{occurrences.Count} occurrence(s) from {meeting.FirstDate:yyyy-MM-dd} {meeting.LocalStartTime:HH:mm} local, "
        + $"blocking {string.Join(", ", plan.Blocked.Select(r => r.Name))}";

    /// <summary>What an invitation shows; a change to any of it is a new version (SEQUENCE) for the attendees.</summary>
    private static string Signature(StaffMeeting m) => string.Join("|", m.Title, m.Description, m.LocationId, m.RoomResourceId, m.FirstDate,
        m.LocalStartTime, m.DurationMinutes, m.Frequency, m.Interval, m.Weekdays, m.UntilDate, m.Count,
        string.Join(",", m.Attendees.Select(a => $"{a.UserId}/{a.ProviderResourceId}").Order(StringComparer.Ordinal)));

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
