using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedOffice.Scheduling;

/// <summary>
/// A request to book: who, which type, where and when (local wall-clock time at the location). The provider (and any
/// other resource) may be named; resources not named are picked from those free at that time.
/// </summary>
public sealed record BookAppointment(
    int PatientId,
    int AppointmentTypeId,
    int LocationId,
    DateTime LocalStart,
    int? ProviderResourceId = null,
    IReadOnlyList<int>? ResourceIds = null,
    string? Note = null,
    int? DurationMinutes = null);

/// <summary>Books, moves and cancels appointments. All of an appointment's resources are booked together, or none.</summary>
public sealed class BookingService(MedOfficeDb db, Availability availability, AuditTrail audit, TimeProvider time)
{
    public const int NoteLength = 500;
    public const int ReasonLength = 200;
    public const string SlotTaken = "That time was just taken for one of the resources this visit needs. Choose another time.";

    public Task<Result<Appointment>> BookAsync(BookAppointment request, Actor actor, CancellationToken cancellationToken = default) =>
        BookAsync(request, seriesId: null, actor, cancellationToken);

    /// <summary>Books one occurrence of a series; inside a caller's transaction it is a savepoint, so a refused occurrence undoes only itself.</summary>
    internal async Task<Result<Appointment>> BookAsync(BookAppointment request, int? seriesId, Actor actor, CancellationToken cancellationToken)
    {
        if (request.Note is { Length: > NoteLength })
        {
            return Result<Appointment>.Fail(nameof(BookAppointment.Note), $"Keep the note to {NoteLength} characters.");
        }
        var planned = await PlanAsync(request, excludeAppointmentId: null, cancellationToken);
        if (!planned.Succeeded)
        {
            return Result<Appointment>.Fail(planned.Errors);
        }
        var plan = planned.Value!;
        var now = time.GetUtcNow().UtcDateTime;
        var appointment = new Appointment
        {
            PatientId = request.PatientId,
            LocationId = request.LocationId,
            AppointmentTypeId = request.AppointmentTypeId,
            SeriesId = seriesId,
            StartsAt = plan.StartsAt,
            EndsAt = plan.EndsAt,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            Bookings = plan.Bookings.Select(b => new ResourceBooking { ResourceId = b.ResourceId, StartsAt = b.StartsAt, EndsAt = b.EndsAt }).ToList(),
        };
        try
        {
            await using var transaction = await WriteScope.BeginAsync(db, cancellationToken);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync(cancellationToken);
            await RecordAsync(appointment, "booked", $"{plan.Description}", actor, cancellationToken);
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule, appointment.PatientId,
                Detail: $"appointment {appointment.Id} at {request.LocalStart:yyyy-MM-dd HH:mm} local"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsDoubleBooking(exception))
        {
            db.ChangeTracker.Clear();
            return Result<Appointment>.Fail("StartsAt", SlotTaken);
        }
        return Result<Appointment>.Ok(appointment);
    }

    /// <summary>
    /// Moves an appointment to a new local start (and optionally another provider, other named rooms/equipment, or a new
    /// length — a visit keeps its own length unless told otherwise). If any of it cannot be had, nothing changes.
    /// </summary>
    public async Task<Result<Appointment>?> RescheduleAsync(int appointmentId, DateTime newLocalStart, int? providerResourceId, Actor actor,
        CancellationToken cancellationToken = default, int? durationMinutes = null, IReadOnlyList<int>? resourceIds = null)
    {
        var appointment = await db.Appointments.Include(a => a.Bookings).FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        if (appointment.Status is not AppointmentStatuses.Booked)
        {
            return Result<Appointment>.Fail("Status", $"A {appointment.Status.ToLowerInvariant()} appointment cannot be moved.");
        }
        var currentProvider = (await AppointmentResources.OfKindAsync(db, appointment.Id, ResourceKinds.Provider, cancellationToken))?.ResourceId;
        var planned = await PlanAsync(new BookAppointment(appointment.PatientId, appointment.AppointmentTypeId, appointment.LocationId, newLocalStart,
            providerResourceId ?? currentProvider, resourceIds,
            DurationMinutes: durationMinutes ?? (int)(appointment.EndsAt - appointment.StartsAt).TotalMinutes), appointment.Id, cancellationToken);
        if (!planned.Succeeded)
        {
            return Result<Appointment>.Fail(planned.Errors);
        }
        var plan = planned.Value!;
        var from = appointment.StartsAt;
        try
        {
            await using var transaction = await WriteScope.BeginAsync(db, cancellationToken);
            foreach (var booking in appointment.Bookings.Where(b => b.IsActive))
            {
                booking.IsActive = false;
            }
            await db.SaveChangesAsync(cancellationToken);
            appointment.StartsAt = plan.StartsAt;
            appointment.EndsAt = plan.EndsAt;
            appointment.UpdatedAt = time.GetUtcNow().UtcDateTime;
            appointment.Bookings.AddRange(plan.Bookings.Select(b => new ResourceBooking { ResourceId = b.ResourceId, StartsAt = b.StartsAt, EndsAt = b.EndsAt }));
            await db.SaveChangesAsync(cancellationToken);
            await RecordAsync(appointment, "rescheduled", $"from {from:yyyy-MM-dd HH:mm}Z to {plan.StartsAt:yyyy-MM-dd HH:mm}Z; {plan.Description}", actor, cancellationToken);
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, appointment.PatientId,
                Detail: $"appointment {appointment.Id} moved"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsDoubleBooking(exception))
        {
            db.ChangeTracker.Clear();
            return Result<Appointment>.Fail("StartsAt", SlotTaken);
        }
        return Result<Appointment>.Ok(appointment);
    }

    public async Task<Result<Appointment>?> CancelAsync(int appointmentId, string reason, Actor actor, CancellationToken cancellationToken = default) =>
        await CloseAsync(appointmentId, AppointmentStatuses.Cancelled, reason, actor, cancellationToken);

    public async Task<Result<Appointment>?> MarkNoShowAsync(int appointmentId, Actor actor, CancellationToken cancellationToken = default) =>
        await CloseAsync(appointmentId, AppointmentStatuses.NoShow, null, actor, cancellationToken);

    /// <summary>Front-desk progress of a visit: Booked → Arrived → Roomed → CheckedOut.</summary>
    public async Task<Result<Appointment>?> SetStatusAsync(int appointmentId, string status, Actor actor, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        var allowed = (appointment.Status, status) switch
        {
            (AppointmentStatuses.Booked, AppointmentStatuses.Arrived) => true,
            (AppointmentStatuses.Arrived, AppointmentStatuses.Roomed) => true,
            (AppointmentStatuses.Arrived or AppointmentStatuses.Roomed, AppointmentStatuses.CheckedOut) => true,
            _ => false,
        };
        if (!allowed)
        {
            return Result<Appointment>.Fail("Status", $"An appointment that is {appointment.Status} cannot become {status}.");
        }
        var before = appointment.Status;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await WriteScope.BeginAsync(db, cancellationToken);
        // Two desks may press "check in" at once: only the change from the status this desk saw is applied.
        var changed = await db.Appointments.Where(a => a.Id == appointmentId && a.Status == before)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, status).SetProperty(a => a.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            return Result<Appointment>.Fail("Status", "Someone else just changed this appointment. Reload to see where it stands.");
        }
        await db.Entry(appointment).ReloadAsync(cancellationToken);
        if (status == AppointmentStatuses.CheckedOut)
        {
            // Leaving early frees the provider and room for the rest of the slot (a walk-in can have them).
            await db.ResourceBookings.Where(b => b.AppointmentId == appointmentId && b.IsActive && b.StartsAt < now && b.EndsAt > now)
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.EndsAt, now), cancellationToken);
        }
        await RecordAsync(appointment, status.ToLowerInvariant(), $"{before} -> {status}", actor, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, appointment.PatientId,
            Detail: $"appointment {appointment.Id} {before} -> {status}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Appointment>.Ok(appointment);
    }

    private async Task<Result<Appointment>?> CloseAsync(int appointmentId, string status, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.Include(a => a.Bookings).FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        if (appointment.Status is not (AppointmentStatuses.Booked or AppointmentStatuses.Arrived))
        {
            return Result<Appointment>.Fail("Status", $"A {appointment.Status.ToLowerInvariant()} appointment cannot be {(status == AppointmentStatuses.NoShow ? "marked a no-show" : "cancelled")}.");
        }
        if (status == AppointmentStatuses.NoShow && appointment.StartsAt > time.GetUtcNow().UtcDateTime)
        {
            return Result<Appointment>.Fail("Status", "A visit cannot be a no-show before it starts.");
        }
        if (status == AppointmentStatuses.Cancelled && string.IsNullOrWhiteSpace(reason))
        {
            return Result<Appointment>.Fail("Reason", "Say why the appointment is cancelled.");
        }
        if (reason is { Length: > ReasonLength })
        {
            return Result<Appointment>.Fail("Reason", $"Keep the reason to {ReasonLength} characters.");
        }
        appointment.Status = status;
        appointment.CancelReason = reason?.Trim();
        appointment.UpdatedAt = time.GetUtcNow().UtcDateTime;
        // A cancelled visit frees its resources; a no-show's time has passed, but freeing it lets a late walk-in use the room.
        foreach (var booking in appointment.Bookings)
        {
            booking.IsActive = false;
        }
        await using var transaction = await WriteScope.BeginAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(appointment, status == AppointmentStatuses.NoShow ? "no-show" : "cancelled", reason ?? "", actor, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, appointment.PatientId,
            Detail: $"appointment {appointment.Id} {status}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Appointment>.Ok(appointment);
    }

    private Task<Result<BookingPlan>> PlanAsync(BookAppointment request, int? excludeAppointmentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return availability.WithCalendarAsync(request.LocationId, now, check => PlanAsync(request, excludeAppointmentId, check, now, cancellationToken), cancellationToken);
    }

    private async Task<Result<BookingPlan>> PlanAsync(BookAppointment request, int? excludeAppointmentId, CalendarCheck check, DateTime now,
        CancellationToken cancellationToken)
    {
        var calendar = check.Calendar;
        var type = calendar?.Type(request.AppointmentTypeId);
        var errors = new List<FieldError>();
        if (type is null && (calendar is not null
            || !await db.AppointmentTypes.AnyAsync(t => t.Id == request.AppointmentTypeId && t.IsActive, cancellationToken)))
        {
            errors.Add(new(nameof(BookAppointment.AppointmentTypeId), "Choose an appointment type."));
        }
        if (calendar is null)
        {
            errors.Add(new(nameof(BookAppointment.LocationId), "Choose a location."));
        }
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId && p.MergedIntoPatientId == null, cancellationToken))
        {
            errors.Add(new(nameof(BookAppointment.PatientId), "Choose a patient."));
        }
        if (errors.Count > 0)
        {
            return Result<BookingPlan>.Fail(errors);
        }
        var location = calendar!.Location;
        var namedIds = (request.ResourceIds ?? []).Concat(request.ProviderResourceId is { } p ? [p] : []).Distinct().ToList();
        var named = await NamedResourcesAsync(calendar, namedIds, cancellationToken);
        if (Unusable(request, named) is { Count: > 0 } unusable)
        {
            return Result<BookingPlan>.Fail(unusable);
        }
        var startsAt = LocalTimes.ToUtc(request.LocalStart, location.TimeZoneId);
        if (startsAt is null)
        {
            return Result<BookingPlan>.Fail("StartsAt",
                $"{request.LocalStart:HH:mm} does not exist on {request.LocalStart:yyyy-MM-dd} at {location.Name}: the clocks spring forward then.");
        }
        if (startsAt < now.AddMinutes(-5))
        {
            return Result<BookingPlan>.Fail("StartsAt", "That time has passed.");
        }
        var visitMinutes = request.DurationMinutes ?? type!.DurationMinutes;
        if (visitMinutes is < 5 or > 480)
        {
            return Result<BookingPlan>.Fail(nameof(BookAppointment.DurationMinutes), "A visit lasts 5 to 480 minutes.");
        }
        var visit = new Visit(type!, startsAt.Value, visitMinutes, namedIds);
        var rules = await RulesForAsync(check, [visit], excludeAppointmentId, cancellationToken);
        return Plan(rules, visit, named);
    }

    /// <summary>A provider or resource the office named must exist and be active (and a provider be one): never dropped for any free one.</summary>
    private static List<FieldError> Unusable(BookAppointment request, Dictionary<int, SchedulableResource> named)
    {
        var errors = new List<FieldError>();
        if (request.ProviderResourceId is { } providerId
            && !(named.TryGetValue(providerId, out var provider) && provider.IsActive && provider.Kind == ResourceKinds.Provider))
        {
            errors.Add(new(nameof(BookAppointment.ProviderResourceId), $"Resource {providerId} is not an active provider."));
        }
        var missing = (request.ResourceIds ?? []).Distinct().Where(id => !(named.TryGetValue(id, out var resource) && resource.IsActive)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new(nameof(BookAppointment.ResourceIds), $"No active resource {string.Join(", ", missing)}."));
        }
        return errors;
    }

    /// <summary>
    /// For each visit (type, and provider if one is named), whether it could be booked at <paramref name="startsAt"/> (UTC) at
    /// the location, rooms and equipment included, by the same plan a booking makes; nothing is booked. Unknown or inactive
    /// types cannot. Bookings of <paramref name="excludeAppointmentId"/> count as free (the appointment whose time is on offer).
    /// </summary>
    internal async Task<IReadOnlyList<bool>> CanBookAsync(int locationId, DateTime startsAt, IReadOnlyList<(int AppointmentTypeId, int? ProviderResourceId)> visits,
        int? excludeAppointmentId, CancellationToken cancellationToken)
    {
        if (visits.Count == 0)
        {
            return [];
        }
        return await availability.WithCalendarAsync<IReadOnlyList<bool>>(locationId, startsAt, async check =>
        {
            var planned = visits.Select(v => check.Calendar?.Type(v.AppointmentTypeId) is { } type
                ? new Visit(type, startsAt, type.DurationMinutes, v.ProviderResourceId is { } provider ? [provider] : [])
                : null).ToList();
            if (check.Calendar is null || planned.All(v => v is null))
            {
                return visits.Select(_ => false).ToList();
            }
            var rules = await RulesForAsync(check, planned.OfType<Visit>().ToList(), excludeAppointmentId, cancellationToken);
            var named = await NamedResourcesAsync(check.Calendar, planned.OfType<Visit>().SelectMany(v => v.Named).Distinct().ToList(), cancellationToken);
            return planned.Select(v => v is not null && Plan(rules, v, named).Succeeded).ToList();
        }, cancellationToken);
    }

    /// <summary>The rules for these visits' times, with the bookings of every resource that could serve them read in one statement.</summary>
    private async Task<AvailabilityRules> RulesForAsync(CalendarCheck check, IReadOnlyList<Visit> visits, int? excludeAppointmentId,
        CancellationToken cancellationToken)
    {
        var calendar = check.Calendar!;
        var times = visits.SelectMany(v => v.Requirements.Select(v.TimeOf)).ToList();
        var from = times.Count == 0 ? visits.Min(v => v.StartsAt) : times.Min(t => t.From);
        var to = times.Count == 0 ? visits.Max(v => v.EndsAt) : times.Max(t => t.To);
        var rules = await availability.RulesAsync(check, from, excludeAppointmentId, cancellationToken);
        var candidates = visits.SelectMany(v => v.Requirements).SelectMany(r => calendar.Candidates(r.Kind, r.Category)).Select(c => c.Id).Distinct().ToList();
        await availability.ReadBookingsAsync(rules, candidates, [(from, to)], cancellationToken);
        return rules;
    }

    /// <summary>The named resources, from the calendar, or (inactive, elsewhere) from the database: naming one that cannot serve is an error, not a swap.</summary>
    private async Task<Dictionary<int, SchedulableResource>> NamedResourcesAsync(LocationCalendar calendar, IReadOnlyList<int> named, CancellationToken cancellationToken)
    {
        var found = named.Select(calendar.Resource).OfType<SchedulableResource>().ToDictionary(r => r.Id);
        var elsewhere = named.Where(id => !found.ContainsKey(id)).ToList();
        if (elsewhere.Count > 0)
        {
            foreach (var resource in await db.SchedulableResources.AsNoTracking().Where(r => elsewhere.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                found[resource.Id] = resource;
            }
        }
        return found;
    }

    /// <summary>Fills each requirement (providers first) with the named resource, or the first free one by name; the words say why not.</summary>
    private static Result<BookingPlan> Plan(AvailabilityRules rules, Visit visit, Dictionary<int, SchedulableResource> namedResources)
    {
        var location = rules.Calendar.Location;
        var bookings = new List<PlannedBooking>();
        foreach (var requirement in visit.Requirements)
        {
            var (from, to) = visit.TimeOf(requirement);
            // A resource already taken by an earlier requirement of this visit cannot serve a second one (two rooms means two rooms).
            var unchosen = rules.Calendar.Candidates(requirement.Kind, requirement.Category).Where(c => bookings.All(b => b.ResourceId != c.Id)).ToList();
            var wanted = unchosen.Where(c => visit.Named.Contains(c.Id)).ToList();
            if (wanted.Count == 0 && visit.Named.Any(id => bookings.All(b => b.ResourceId != id) && namedResources.TryGetValue(id, out var named)
                && named.Kind == requirement.Kind && (requirement.Category == null || named.Category == requirement.Category)))
            {
                // The office named this resource: never swap it silently for another one.
                return Result<BookingPlan>.Fail(requirement.Kind == ResourceKinds.Provider ? nameof(BookAppointment.ProviderResourceId) : nameof(BookAppointment.ResourceIds),
                    $"The {requirement.Kind.ToLowerInvariant()} chosen is not available for this visit at {location.Name} (inactive or no hours there).");
            }
            var pool = wanted.Count > 0 ? wanted : unchosen;
            SchedulableResource? chosen = null;
            string? lastReason = null;
            foreach (var candidate in pool)
            {
                var reason = rules.WhyUnavailable(candidate, from, to);
                if (reason is null)
                {
                    chosen = candidate;
                    break;
                }
                lastReason = reason;
            }
            if (chosen is null)
            {
                var what = requirement.Category is null ? requirement.Kind.ToLowerInvariant() : $"{requirement.Category} {requirement.Kind.ToLowerInvariant()}";
                return Result<BookingPlan>.Fail("StartsAt", pool.Count == 0
                    ? $"No {what} is set up at {location.Name} for this visit type."
                    : wanted.Count > 0 ? lastReason! : $"No {what} is free at that time ({lastReason}).");
            }
            bookings.Add(new PlannedBooking(chosen.Id, chosen.Name, from, to));
        }
        return Result<BookingPlan>.Ok(new BookingPlan(visit.StartsAt, visit.EndsAt, bookings,
            $"{visit.Type.Name} with {string.Join(", ", bookings.Select(b => b.ResourceName))}"));
    }

    /// <summary>Notes in the appointment's history that the patient confirmed it (from a reminder link, or by phone at the desk).</summary>
    public Task RecordConfirmationAsync(Appointment appointment, string detail, Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(appointment, "confirmed", detail, actor, cancellationToken);

    private async Task RecordAsync(Appointment appointment, string change, string detail, Actor actor, CancellationToken cancellationToken)
    {
        db.AppointmentChanges.Add(new AppointmentChange
        {
            AppointmentId = appointment.Id,
            OccurredAt = time.GetUtcNow().UtcDateTime,
            UserName = actor.UserName.Limit(64),
            Change = change,
            Detail = detail.Limit(500),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The database refused an overlapping booking: PostgreSQL's exclusion constraint or SQLite's trigger.</summary>
    internal static bool IsDoubleBooking(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.ExclusionViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.Message.Contains("resource_double_booked", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// A unit of work: its own transaction, or, when a caller (a series, the waitlist) already holds one, a savepoint in
    /// it, so a refused write rolls back only this unit and the caller decides about the rest.
    /// </summary>
    private sealed class WriteScope : IAsyncDisposable
    {
        private const string Savepoint = "booking_unit";
        private readonly IDbContextTransaction? _own;
        private readonly IDbContextTransaction? _outer;
        private bool _completed;

        private WriteScope(IDbContextTransaction? own, IDbContextTransaction? outer)
        {
            _own = own;
            _outer = outer;
        }

        public static async Task<WriteScope> BeginAsync(MedOfficeDb db, CancellationToken cancellationToken)
        {
            if (db.Database.CurrentTransaction is { } outer)
            {
                await outer.CreateSavepointAsync(Savepoint, cancellationToken);
                return new WriteScope(null, outer);
            }
            return new WriteScope(await db.Database.BeginTransactionAsync(cancellationToken), null);
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_own is not null)
            {
                await _own.CommitAsync(cancellationToken);
            }
            else
            {
                await _outer!.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
            _completed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_own is not null)
            {
                await _own.DisposeAsync();
            }
            else if (!_completed)
            {
                await _outer!.RollbackToSavepointAsync(Savepoint);
            }
        }
    }

    /// <summary>A visit to plan: its type, UTC start and length, and the resources the office named for it.</summary>
    private sealed record Visit(AppointmentType Type, DateTime StartsAt, int Minutes, IReadOnlyList<int> Named)
    {
        public DateTime EndsAt => StartsAt.AddMinutes(Minutes);
        public IReadOnlyList<AppointmentTypeRequirement> Requirements { get; } = AvailabilityRules.InBookingOrder(Type);

        public (DateTime From, DateTime To) TimeOf(AppointmentTypeRequirement requirement)
        {
            var from = StartsAt.AddMinutes(requirement.OffsetMinutes);
            return (from, requirement.DurationMinutes is { } minutes ? from.AddMinutes(minutes) : EndsAt);
        }
    }

    private sealed record PlannedBooking(int ResourceId, string ResourceName, DateTime StartsAt, DateTime EndsAt);

    private sealed record BookingPlan(DateTime StartsAt, DateTime EndsAt, IReadOnlyList<PlannedBooking> Bookings, string Description);
}
