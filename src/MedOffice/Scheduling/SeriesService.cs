using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

/// <summary>A request to book a recurring visit: every occurrence at <see cref="LocalStartTime"/>, local time at the location.</summary>
public sealed record BookSeries(
    int PatientId,
    int AppointmentTypeId,
    int LocationId,
    TimeOnly LocalStartTime,
    RecurrenceRule Rule,
    int? ProviderResourceId = null,
    string? Note = null,
    bool RequireAll = false);

/// <summary>Which occurrences a change to one occurrence of a series reaches.</summary>
public enum SeriesScope
{
    One,
    ThisAndFollowing,
    All,
}

/// <summary>
/// Where to move occurrences: to a new local time of day and/or some days earlier or later (a Tuesday series moved by +1
/// becomes a Wednesday series), optionally to another provider. With <see cref="RequireAll"/>, nothing moves unless all can.
/// </summary>
public sealed record MoveSeries(TimeOnly? NewLocalTime = null, int DayShift = 0, int? ProviderResourceId = null, bool RequireAll = false);

/// <summary>One occurrence: its local date and time (the new ones for a move), its appointment, and why it could not be done.</summary>
public sealed record OccurrenceOutcome(DateOnly LocalDate, TimeOnly LocalTime, int? AppointmentId, string? Conflict)
{
    public bool Succeeded => Conflict is null;

    public override string ToString() =>
        $"{LocalDate:ddd yyyy-MM-dd} {LocalTime:HH:mm}: {Conflict ?? "done"}";
}

/// <summary>
/// What a series operation did, occurrence by occurrence. <see cref="Applied"/> is false when nothing was stored (all
/// collided, or one did and every occurrence was required); then the outcomes without a conflict say what would have fit.
/// </summary>
public sealed record SeriesReport(int? SeriesId, bool Applied, IReadOnlyList<OccurrenceOutcome> Occurrences)
{
    public IReadOnlyList<OccurrenceOutcome> Done => Applied ? Occurrences.Where(o => o.Succeeded).ToList() : [];
    public IReadOnlyList<OccurrenceOutcome> Conflicts => Occurrences.Where(o => !o.Succeeded).ToList();
}

/// <summary>
/// Recurring visits stored as real appointments linked by SeriesId. Each occurrence is booked, moved or cancelled through
/// <see cref="BookingService"/> like any appointment, within one transaction for the series where each occurrence is its
/// own savepoint: the ones that fit are kept, the ones that collide are reported. Occurrences that have passed or are
/// no longer simply booked (arrived, checked out, cancelled) are never touched by a series-wide change.
/// </summary>
public sealed class SeriesService(MedOfficeDb db, BookingService booking, TimeProvider time)
{
    public async Task<Result<SeriesReport>> BookSeriesAsync(BookSeries request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = request.Rule.Validate().ToList();
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == request.LocationId, cancellationToken);
        if (location is null)
        {
            errors.Add(new(nameof(BookSeries.LocationId), "Choose a location."));
        }
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId && p.MergedIntoPatientId == null, cancellationToken))
        {
            errors.Add(new(nameof(BookSeries.PatientId), "Choose a patient."));
        }
        if (!await db.AppointmentTypes.AnyAsync(t => t.Id == request.AppointmentTypeId && t.IsActive, cancellationToken))
        {
            errors.Add(new(nameof(BookSeries.AppointmentTypeId), "Choose an appointment type."));
        }
        if (request.ProviderResourceId is { } providerId
            && !await db.SchedulableResources.AnyAsync(r => r.Id == providerId && r.Kind == ResourceKinds.Provider && r.IsActive, cancellationToken))
        {
            errors.Add(new(nameof(BookSeries.ProviderResourceId), "Choose a provider."));
        }
        if (request.Note is { Length: > BookingService.NoteLength })
        {
            errors.Add(new(nameof(BookSeries.Note), $"Keep the note to {BookingService.NoteLength} characters."));
        }
        if (errors.Count > 0)
        {
            return Result<SeriesReport>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var outcomes = new List<OccurrenceOutcome>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The series row is written first: on SQLite that takes the write lock before any occurrence is checked.
        var series = new AppointmentSeries
        {
            PatientId = request.PatientId,
            LocationId = request.LocationId,
            AppointmentTypeId = request.AppointmentTypeId,
            ProviderResourceId = request.ProviderResourceId,
            Frequency = request.Rule.Frequency,
            LocalStartTime = request.LocalStartTime,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        series.SetRule(request.Rule);
        db.AppointmentSeries.Add(series);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var date in request.Rule.Dates())
        {
            var booked = await booking.BookAsync(new BookAppointment(request.PatientId, request.AppointmentTypeId, request.LocationId,
                date.ToDateTime(request.LocalStartTime), request.ProviderResourceId, Note: series.Note), series.Id, actor, cancellationToken);
            outcomes.Add(new OccurrenceOutcome(date, request.LocalStartTime, booked.Value?.Id, booked.Succeeded ? null : Reason(booked)));
        }
        if (outcomes.All(o => !o.Succeeded) || (request.RequireAll && outcomes.Any(o => !o.Succeeded)))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<SeriesReport>.Ok(new SeriesReport(null, false, outcomes.Select(o => o with { AppointmentId = null }).ToList()));
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<SeriesReport>.Ok(new SeriesReport(series.Id, true, outcomes));
    }

    /// <summary>
    /// Cancels one occurrence, this one and those after it, or every one still to come. The series' rule is ended
    /// before the first occurrence cancelled, so it keeps describing what remains.
    /// </summary>
    public async Task<Result<SeriesReport>?> CancelAsync(int appointmentId, SeriesScope scope, string reason, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var anchor = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (anchor is null)
        {
            return null;
        }
        if (reason.Length > BookingService.ReasonLength)
        {
            return Result<SeriesReport>.Fail("Reason", $"Keep the reason to {BookingService.ReasonLength} characters.");
        }
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == anchor.LocationId, cancellationToken);
        if (scope == SeriesScope.One)
        {
            var cancelled = await booking.CancelAsync(anchor.Id, reason, actor, cancellationToken);
            return cancelled is null ? null : Single(anchor, location.TimeZoneId, cancelled);
        }
        if (anchor.SeriesId is not { } seriesId)
        {
            return Result<SeriesReport>.Fail(nameof(scope), "This appointment is not part of a series.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<SeriesReport>.Fail("Reason", "Say why the appointments are cancelled.");
        }
        var affected = await AffectedAsync(seriesId, scope == SeriesScope.All ? null : anchor.StartsAt, cancellationToken);
        if (affected.Count == 0)
        {
            return Result<SeriesReport>.Ok(new SeriesReport(seriesId, true, []));
        }
        var outcomes = new List<OccurrenceOutcome>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var series = await db.AppointmentSeries.SingleAsync(s => s.Id == seriesId, cancellationToken);
        var cutDate = LocalTimes.DateAt(affected[0].StartsAt, location.TimeZoneId);
        if (await HasEarlierAsync(seriesId, affected[0].StartsAt, cancellationToken) && cutDate.AddDays(-1) >= series.FirstDate)
        {
            series.UntilDate = cutDate.AddDays(-1);
            series.Count = null;
        }
        else
        {
            series.CancelledAt = time.GetUtcNow().UtcDateTime;
        }
        series.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var appointment in affected)
        {
            var local = LocalTimes.ToLocal(appointment.StartsAt, location.TimeZoneId);
            var cancelled = await booking.CancelAsync(appointment.Id, reason, actor, cancellationToken);
            outcomes.Add(new OccurrenceOutcome(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), appointment.Id,
                cancelled is { Succeeded: true } ? null : cancelled is null ? "The appointment no longer exists." : Reason(cancelled)));
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<SeriesReport>.Ok(new SeriesReport(seriesId, true, outcomes));
    }

    /// <summary>
    /// Moves one occurrence, this one and those after it, or every one still to come. Each occurrence keeps its own
    /// date (shifted by <see cref="MoveSeries.DayShift"/>) and takes the new local time, so 09:00 → 10:00 is 10:00 local on
    /// both sides of a daylight-saving change. Occurrences that cannot move stay where they were and are reported.
    /// Moving part of a series that has earlier occurrences splits it: the earlier part keeps the old rule and ends
    /// the day before; the moved part becomes a new series that continues it.
    /// </summary>
    public async Task<Result<SeriesReport>?> RescheduleAsync(int appointmentId, SeriesScope scope, MoveSeries move, Actor actor,
        CancellationToken cancellationToken = default)
    {
        if (move.NewLocalTime is null && move.DayShift == 0 && move.ProviderResourceId is null)
        {
            return Result<SeriesReport>.Fail(nameof(MoveSeries.NewLocalTime), "Say the new time, the days to move by, or the new provider.");
        }
        if (move.DayShift is < -6 or > 6)
        {
            return Result<SeriesReport>.Fail(nameof(MoveSeries.DayShift), "Move by at most six days either way.");
        }
        var anchor = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (anchor is null)
        {
            return null;
        }
        // Checked once here, not per occurrence: an unknown provider is a wrong request, not a conflict of each date.
        if (move.ProviderResourceId is { } providerId
            && !await db.SchedulableResources.AnyAsync(r => r.Id == providerId && r.IsActive && r.Kind == ResourceKinds.Provider, cancellationToken))
        {
            return Result<SeriesReport>.Fail(nameof(MoveSeries.ProviderResourceId), $"Resource {providerId} is not an active provider.");
        }
        var zone = (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == anchor.LocationId, cancellationToken)).TimeZoneId;
        DateTime Target(Appointment appointment)
        {
            var local = LocalTimes.ToLocal(appointment.StartsAt, zone);
            return DateOnly.FromDateTime(local).AddDays(move.DayShift).ToDateTime(move.NewLocalTime ?? TimeOnly.FromDateTime(local));
        }
        if (scope == SeriesScope.One)
        {
            var target = Target(anchor);
            var moved = await booking.RescheduleAsync(anchor.Id, target, move.ProviderResourceId, actor, cancellationToken);
            if (moved is null)
            {
                return null;
            }
            return Result<SeriesReport>.Ok(new SeriesReport(anchor.SeriesId, moved.Succeeded,
                [new OccurrenceOutcome(DateOnly.FromDateTime(target), TimeOnly.FromDateTime(target), anchor.Id, moved.Succeeded ? null : Reason(moved))]));
        }
        if (anchor.SeriesId is not { } seriesId)
        {
            return Result<SeriesReport>.Fail(nameof(scope), "This appointment is not part of a series.");
        }
        var affected = await AffectedAsync(seriesId, scope == SeriesScope.All ? null : anchor.StartsAt, cancellationToken);
        if (affected.Count == 0)
        {
            return Result<SeriesReport>.Ok(new SeriesReport(seriesId, true, []));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var movedSeriesId = await RewriteRuleAsync(seriesId, affected, zone, move, cancellationToken);
        // Moving later, the last goes first, so each occurrence moves into a time its sibling has already left (and the
        // other way round when moving earlier).
        var order = move.DayShift > 0 ? affected.OrderByDescending(a => a.StartsAt) : affected.OrderBy(a => a.StartsAt);
        var outcomes = new List<OccurrenceOutcome>();
        foreach (var appointment in order)
        {
            var target = Target(appointment);
            var moved = await booking.RescheduleAsync(appointment.Id, target, move.ProviderResourceId, actor, cancellationToken);
            outcomes.Add(new OccurrenceOutcome(DateOnly.FromDateTime(target), TimeOnly.FromDateTime(target), appointment.Id,
                moved is { Succeeded: true } ? null : moved is null ? "The appointment no longer exists." : Reason(moved)));
        }
        outcomes = outcomes.OrderBy(o => o.LocalDate).ThenBy(o => o.LocalTime).ToList();
        if (move.RequireAll && outcomes.Any(o => !o.Succeeded))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result<SeriesReport>.Ok(new SeriesReport(seriesId, false, outcomes));
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<SeriesReport>.Ok(new SeriesReport(movedSeriesId, true, outcomes));
    }

    /// <summary>The occurrences a series-wide change may touch: still simply booked and not yet begun, from a point on.</summary>
    private async Task<List<Appointment>> AffectedAsync(int seriesId, DateTime? from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cut = from is { } f && f > now ? f : now;
        return await db.Appointments.AsNoTracking()
            .Where(a => a.SeriesId == seriesId && a.Status == AppointmentStatuses.Booked && a.StartsAt >= cut)
            .OrderBy(a => a.StartsAt)
            .ToListAsync(cancellationToken);
    }

    private Task<bool> HasEarlierAsync(int seriesId, DateTime before, CancellationToken cancellationToken) =>
        db.Appointments.AnyAsync(a => a.SeriesId == seriesId && a.StartsAt < before && a.Status != AppointmentStatuses.Cancelled, cancellationToken);

    /// <summary>Changes the rule for the moved occurrences: in place, or by splitting off a new series. Returns the moved part's series.</summary>
    private async Task<int> RewriteRuleAsync(int seriesId, List<Appointment> affected, string zone, MoveSeries move, CancellationToken cancellationToken)
    {
        var series = await db.AppointmentSeries.SingleAsync(s => s.Id == seriesId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var cutDate = LocalTimes.DateAt(affected[0].StartsAt, zone);
        var rule = series.Rule;
        if (!await HasEarlierAsync(seriesId, affected[0].StartsAt, cancellationToken) || cutDate.AddDays(-1) < series.FirstDate)
        {
            series.SetRule(rule.ShiftedBy(move.DayShift));
            series.LocalStartTime = move.NewLocalTime ?? series.LocalStartTime;
            series.ProviderResourceId = move.ProviderResourceId ?? series.ProviderResourceId;
            series.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return series.Id;
        }
        var earlierDates = rule.Dates().Count(d => d < cutDate);
        var continued = new AppointmentSeries
        {
            PatientId = series.PatientId,
            LocationId = series.LocationId,
            AppointmentTypeId = series.AppointmentTypeId,
            ProviderResourceId = move.ProviderResourceId ?? series.ProviderResourceId,
            Frequency = series.Frequency,
            LocalStartTime = move.NewLocalTime ?? series.LocalStartTime,
            Note = series.Note,
            ContinuesSeriesId = series.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        continued.SetRule((rule with { FirstDate = cutDate, Count = rule.Count is { } count ? Math.Max(1, count - earlierDates) : null }).ShiftedBy(move.DayShift));
        series.UntilDate = cutDate.AddDays(-1);
        series.Count = null;
        series.UpdatedAt = now;
        db.AppointmentSeries.Add(continued);
        await db.SaveChangesAsync(cancellationToken);
        var ids = affected.Select(a => a.Id).ToList();
        await db.Appointments.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.SeriesId, continued.Id), cancellationToken);
        return continued.Id;
    }

    private static Result<SeriesReport> Single(Appointment appointment, string zone, Result<Appointment> result)
    {
        var local = LocalTimes.ToLocal(appointment.StartsAt, zone);
        return Result<SeriesReport>.Ok(new SeriesReport(appointment.SeriesId, result.Succeeded,
            [new OccurrenceOutcome(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), appointment.Id, result.Succeeded ? null : Reason(result))]));
    }

    private static string Reason(Result<Appointment> result) => string.Join(" ", result.Errors.Select(e => e.Message));
}
