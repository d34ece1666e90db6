using System.Text.Json;
using MedOffice.Data;
using MedOffice.Live;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.FrontDesk;

/// <summary>
/// The desk's day: today's list per location, check-in (with the insurance check, consents and copay), walk-ins,
/// rooming, the provider coming in, check-out with the follow-up booked. Every step tells the location's open
/// waiting-room boards (topic waiting-room:{locationId}); the message carries ids only, never a name.
/// </summary>
public sealed class FrontDeskService(MedOfficeDb db, BookingService booking, AuditTrail audit, ILiveUpdates live, TimeProvider time)
{
    public static string BoardTopic(int locationId) => $"waiting-room:{locationId}";

    /// <summary>Today's date at the location (its own time zone), or null when there is no such location.</summary>
    public async Task<DateOnly?> TodayAtAsync(int locationId, CancellationToken cancellationToken = default)
    {
        var zone = await db.Locations.AsNoTracking().Where(l => l.Id == locationId).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return zone is null ? null : LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, zone);
    }

    public async Task<FrontDeskDay?> TodayAsync(int locationId, DateOnly localDate, CancellationToken cancellationToken = default)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        return location is null
            ? null
            : new FrontDeskDay(location.Id, location.Name, location.TimeZoneId, localDate, await VisitsAsync(location, localDate, localDate, cancellationToken));
    }

    /// <summary>The visits (not cancelled) of the local days from..to inclusive, as the desk's list shows them.</summary>
    internal async Task<List<VisitRow>> VisitsAsync(Location location, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var locationId = location.Id;
        var dayStart = LocalTimes.StartOfDayUtc(from, location.TimeZoneId);
        var dayEnd = LocalTimes.StartOfDayUtc(to.AddDays(1), location.TimeZoneId);
        var visits = await (
                from a in db.Appointments.AsNoTracking()
                where a.LocationId == locationId && a.StartsAt >= dayStart && a.StartsAt < dayEnd && a.Status != AppointmentStatuses.Cancelled
                join p in db.Patients on a.PatientId equals p.Id
                join t in db.AppointmentTypes on a.AppointmentTypeId equals t.Id
                join v in db.VisitLogs on a.Id equals v.AppointmentId into logs
                from v in logs.DefaultIfEmpty()
                orderby a.StartsAt, a.Id
                // Only what the list shows: the waiting-times report reads a quarter's visits through here.
                select new
                {
                    a.Id, a.PatientId, a.StartsAt, a.Status, TypeName = t.Name, Log = v,
                    Patient = new Patient
                    {
                        Mrn = p.Mrn, LegalFirstName = p.LegalFirstName, LegalLastName = p.LegalLastName, PreferredName = p.PreferredName,
                        DateOfBirth = p.DateOfBirth, SexAtBirth = p.SexAtBirth,
                    },
                })
            .ToListAsync(cancellationToken);

        var ids = visits.Select(v => v.Id).ToList();
        var roomIds = visits.Where(v => v.Log?.RoomResourceId is not null).Select(v => v.Log!.RoomResourceId!.Value).ToList();
        var providers = await AppointmentResources.OfKindAsync(db, ids, ResourceKinds.Provider, cancellationToken);
        var roomNames = await db.SchedulableResources.AsNoTracking().Where(r => roomIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        return visits.Select(v =>
        {
            var log = v.Log;
            var provider = providers[v.Id].FirstOrDefault();
            var stage = v.Status switch
            {
                AppointmentStatuses.Arrived => VisitStage.Arrived,
                AppointmentStatuses.Roomed => log?.ProviderInAt is null ? VisitStage.Roomed : VisitStage.WithProvider,
                AppointmentStatuses.CheckedOut => VisitStage.CheckedOut,
                AppointmentStatuses.NoShow => VisitStage.NoShow,
                _ => VisitStage.Expected,
            };
            int? wait = null, roomWait = null, visit = null;
            if (log is not null)
            {
                wait = Minutes(log.ArrivedAt, log.RoomedAt ?? log.CheckedOutAt ?? now);
                roomWait = log.RoomedAt is { } roomed ? Minutes(roomed, log.ProviderInAt ?? log.CheckedOutAt ?? now) : null;
                visit = log.CheckedOutAt is { } left ? Minutes(log.ArrivedAt, left) : null;
            }
            return new VisitRow(
                v.Id, v.PatientId, v.Patient.DisplayName, BoardName(v.Patient), v.Patient.DateOfBirth, v.TypeName, provider?.Name, provider?.ResourceId,
                LocalTimes.ToLocal(v.StartsAt, location.TimeZoneId), stage, log?.IsWalkIn ?? false,
                ToLocal(log?.ArrivedAt, location.TimeZoneId), ToLocal(log?.RoomedAt, location.TimeZoneId),
                log?.RoomResourceId is { } roomId ? roomNames.GetValueOrDefault(roomId) : null,
                ToLocal(log?.ProviderInAt, location.TimeZoneId), ToLocal(log?.CheckedOutAt, location.TimeZoneId),
                wait, roomWait, visit, log?.CopayDue, log?.InsuranceFlags ?? "");
        }).ToList();
    }

    /// <summary>The patient's insurance on a day: missing, expired or not-yet-effective primary coverage, and the copay due.</summary>
    public async Task<InsuranceCheck> CheckInsuranceAsync(int patientId, DateOnly day, CancellationToken cancellationToken = default) =>
        (await CheckInsuranceAsync([patientId], day, cancellationToken))[patientId];

    /// <summary><see cref="CheckInsuranceAsync(int, DateOnly, CancellationToken)"/> for a day's list of patients, in one read of their coverages.</summary>
    public async Task<Dictionary<int, InsuranceCheck>> CheckInsuranceAsync(IReadOnlyCollection<int> patientIds, DateOnly day,
        CancellationToken cancellationToken = default)
    {
        var coverages = (await db.Coverages.AsNoTracking().Include(c => c.Payer).Where(c => patientIds.Contains(c.PatientId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.PatientId);
        return patientIds.Distinct().ToDictionary(id => id, id => InsuranceOn(id, coverages[id].ToList(), day));
    }

    private static InsuranceCheck InsuranceOn(int patientId, List<Coverage> coverages, DateOnly day)
    {
        var flags = new List<InsuranceFlag>();
        var primaries = coverages.Where(c => c.Priority == CoveragePriorities.Primary).ToList();
        // The coverage in force as claims and fees see it: of two overlapping, the one that started last.
        var active = coverages.InForce(patientId, CoveragePriorities.Primary, day);
        if (coverages.Count == 0)
        {
            flags.Add(new(InsuranceFlagCodes.NoCoverage, "No insurance on file: the visit is self-pay unless the patient has a card to add."));
        }
        else if (active is null)
        {
            var expired = primaries.Where(c => c.EndsOn < day).OrderByDescending(c => c.EndsOn).FirstOrDefault();
            var future = primaries.Where(c => c.EffectiveOn > day).OrderBy(c => c.EffectiveOn).FirstOrDefault();
            if (expired is not null)
            {
                flags.Add(new(InsuranceFlagCodes.PrimaryExpired,
                    $"The primary coverage ({expired.Payer?.Name}) ended {expired.EndsOn:MM/dd/yyyy}: ask for the current card."));
            }
            if (future is not null)
            {
                flags.Add(new(InsuranceFlagCodes.PrimaryNotYetEffective,
                    $"The primary coverage ({future.Payer?.Name}) starts {future.EffectiveOn:MM/dd/yyyy}, after this visit."));
            }
            if (expired is null && future is null)
            {
                flags.Add(new(InsuranceFlagCodes.NoActivePrimary, "No primary coverage on file for this date: confirm which plan is primary."));
            }
        }
        return new InsuranceCheck(flags, active?.Payer?.Name, active?.MemberId, active?.Copay);
    }

    public async Task<Result<CheckInOutcome>?> CheckInAsync(int appointmentId, CheckIn request, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await CheckInWithinAsync(appointmentId, request, isWalkIn: false, actor, cancellationToken);
        return await FinishAsync(transaction, result, r => r.Value!.AppointmentId, "checked-in", actor, cancellationToken);
    }

    /// <summary>Books a visit for now with the first free provider and room (or the provider asked for) and checks the patient in.</summary>
    public async Task<Result<CheckInOutcome>> WalkInAsync(WalkIn request, CheckIn checkIn, Actor actor, CancellationToken cancellationToken = default)
    {
        if (UnknownConsents(checkIn) is { } unknown)
        {
            return Result<CheckInOutcome>.Fail(unknown);
        }
        var zone = await db.Locations.AsNoTracking().Where(l => l.Id == request.LocationId).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        if (zone is null)
        {
            return Result<CheckInOutcome>.Fail(nameof(WalkIn.LocationId), "Choose a location.");
        }
        var localNow = LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, zone);
        var start = new DateTime(localNow.Year, localNow.Month, localNow.Day, localNow.Hour, localNow.Minute, 0, DateTimeKind.Unspecified);
        // The booking and the check-in commit together: a walk-in is never left booked but not arrived.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booked = await booking.BookAsync(new BookAppointment(request.PatientId, request.AppointmentTypeId, request.LocationId, start,
            request.ProviderResourceId, Note: "Walk-in"), actor, cancellationToken);
        if (!booked.Succeeded)
        {
            return Result<CheckInOutcome>.Fail(booked.Errors
                .Select(e => e.Field == "StartsAt" ? new FieldError(e.Field, $"A walk-in cannot be seen now: {e.Message}") : e).ToList());
        }
        var checkedIn = await CheckInWithinAsync(booked.Value!.Id, checkIn, isWalkIn: true, actor, cancellationToken);
        return (await FinishAsync(transaction, checkedIn, r => r.Value!.AppointmentId, "checked-in", actor, cancellationToken))!;
    }

    /// <summary>Puts an arrived patient in a room: the one named, or else the room the visit booked. An occupied room is refused.</summary>
    public async Task<Result<VisitLog>?> RoomAsync(int appointmentId, int? roomResourceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        if (appointment.Status != AppointmentStatuses.Arrived)
        {
            return Result<VisitLog>.Fail("Status", $"Only an arrived patient can be roomed; this visit is {appointment.Status}.");
        }
        if (roomResourceId is null)
        {
            roomResourceId = (await AppointmentResources.OfKindAsync(db, appointmentId, ResourceKinds.Room, cancellationToken))?.ResourceId;
        }
        var room = roomResourceId is null ? null : await db.SchedulableResources.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == roomResourceId && r.Kind == ResourceKinds.Room && r.IsActive && r.LocationId == appointment.LocationId, cancellationToken);
        if (room is null)
        {
            return Result<VisitLog>.Fail("RoomResourceId", "Choose a room at this location.");
        }
        var occupied = await (
                from v in db.VisitLogs
                join a in db.Appointments on v.AppointmentId equals a.Id
                where v.RoomResourceId == room.Id && a.Status == AppointmentStatuses.Roomed && a.Id != appointmentId
                select a.Id)
            .AnyAsync(cancellationToken);
        if (occupied)
        {
            return Result<VisitLog>.Fail("RoomResourceId", $"{room.Name} is occupied: check that patient out first, or choose another room.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var status = await booking.SetStatusAsync(appointmentId, AppointmentStatuses.Roomed, actor, cancellationToken);
        if (status is not { Succeeded: true })
        {
            return status is null ? null : Result<VisitLog>.Fail(status.Errors);
        }
        var log = await LogOfAsync(appointment, actor, cancellationToken);
        log.RoomedAt = time.GetUtcNow().UtcDateTime;
        log.RoomResourceId = room.Id;
        await db.SaveChangesAsync(cancellationToken);
        return await FinishAsync(transaction, Result<VisitLog>.Ok(log), _ => appointmentId, "roomed", actor, cancellationToken);
    }

    /// <summary>The provider has come into the room: the time the patient waited in the room ends here.</summary>
    public async Task<Result<VisitLog>?> ProviderInAsync(int appointmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        var log = await db.VisitLogs.FirstOrDefaultAsync(v => v.AppointmentId == appointmentId, cancellationToken);
        if (appointment.Status != AppointmentStatuses.Roomed || log is null)
        {
            return Result<VisitLog>.Fail("Status", "Only a roomed patient can be seen by the provider.");
        }
        if (log.ProviderInAt is not null)
        {
            return Result<VisitLog>.Ok(log);
        }
        var now = time.GetUtcNow().UtcDateTime;
        log.ProviderInAt = now;
        db.AppointmentChanges.Add(new AppointmentChange
        {
            AppointmentId = appointmentId, OccurredAt = now, UserName = actor.UserName.Limit(64), Change = "provider-in", Detail = "Roomed -> with provider",
        });
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(appointment.LocationId, "provider-in", appointmentId, actor, cancellationToken);
        return Result<VisitLog>.Ok(log);
    }

    /// <summary>
    /// Checks the patient out, booking the follow-up first when one is asked for: if that time cannot be had, nothing
    /// changes and the desk picks another while the patient is still at the counter.
    /// </summary>
    public async Task<Result<CheckOutOutcome>?> CheckOutAsync(int appointmentId, FollowUp? followUp, Actor actor, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        if (appointment.Status is not (AppointmentStatuses.Arrived or AppointmentStatuses.Roomed))
        {
            return Result<CheckOutOutcome>.Fail("Status", $"Only a patient who is here can be checked out; this visit is {appointment.Status}.");
        }
        // The follow-up and the check-out commit together; a refused follow-up time leaves the visit as it was.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Appointment? next = null;
        if (followUp is not null)
        {
            var provider = followUp.ProviderResourceId;
            if (provider is null)
            {
                // By default the follow-up is with the same provider: continuity of care.
                provider = (await AppointmentResources.OfKindAsync(db, appointmentId, ResourceKinds.Provider, cancellationToken))?.ResourceId;
            }
            var booked = await booking.BookAsync(new BookAppointment(appointment.PatientId, followUp.AppointmentTypeId, appointment.LocationId,
                followUp.LocalStart, provider, Note: $"Follow-up of appointment {appointmentId}"), actor, cancellationToken);
            if (!booked.Succeeded)
            {
                return Result<CheckOutOutcome>.Fail(booked.Errors.Select(e => new FieldError($"FollowUp.{e.Field}", $"Follow-up not booked: {e.Message}")).ToList());
            }
            next = booked.Value!;
        }
        var status = await booking.SetStatusAsync(appointmentId, AppointmentStatuses.CheckedOut, actor, cancellationToken);
        if (status is not { Succeeded: true })
        {
            db.ChangeTracker.Clear();
            return status is null ? null : Result<CheckOutOutcome>.Fail(status.Errors);
        }
        var log = await LogOfAsync(appointment, actor, cancellationToken);
        log.CheckedOutAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return await FinishAsync(transaction, Result<CheckOutOutcome>.Ok(new CheckOutOutcome(appointmentId, next?.Id, followUp?.LocalStart)),
            _ => appointmentId, "checked-out", actor, cancellationToken);
    }

    public async Task<Result<Appointment>?> NoShowAsync(int appointmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var result = await booking.MarkNoShowAsync(appointmentId, actor, cancellationToken);
        if (result is { Succeeded: true, Value: { } appointment })
        {
            await PublishAsync(appointment.LocationId, "no-show", appointmentId, actor, cancellationToken);
        }
        return result;
    }

    /// <summary>The check-in itself, inside the caller's transaction (which commits and tells the boards).</summary>
    private async Task<Result<CheckInOutcome>?> CheckInWithinAsync(int appointmentId, CheckIn request, bool isWalkIn, Actor actor, CancellationToken cancellationToken)
    {
        if (UnknownConsents(request) is { } unknown)
        {
            return Result<CheckInOutcome>.Fail(unknown);
        }
        var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return null;
        }
        var zone = await db.Locations.AsNoTracking().Where(l => l.Id == appointment.LocationId).Select(l => l.TimeZoneId).FirstAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var day = LocalTimes.DateAt(appointment.StartsAt, zone);
        if (day != LocalTimes.DateAt(now, zone))
        {
            return Result<CheckInOutcome>.Fail("AppointmentId", $"This appointment is on {day:MM/dd/yyyy}: only today's visits can be checked in.");
        }
        var insurance = await CheckInsuranceAsync(appointment.PatientId, day, cancellationToken);
        // BookingService owns the status rules and the appointment's history; inside this transaction it writes a savepoint.
        var status = await booking.SetStatusAsync(appointmentId, AppointmentStatuses.Arrived, actor, cancellationToken);
        if (status is not { Succeeded: true })
        {
            return status is null ? null : Result<CheckInOutcome>.Fail(status.Errors);
        }
        var consents = request.Consents.Distinct().ToList();
        var log = await LogOfAsync(appointment, actor, cancellationToken);
        log.IsWalkIn = isWalkIn;
        log.ArrivedAt = now;
        log.CheckedInBy = actor.UserName.Limit(64);
        log.DemographicsConfirmed = request.DemographicsConfirmed;
        log.InsuranceConfirmed = request.InsuranceConfirmed;
        log.InsuranceFlags = string.Join(",", insurance.Flags.Select(f => f.Code));
        log.CopayDue = insurance.CopayDue;
        foreach (var kind in consents)
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                PatientId = appointment.PatientId, AppointmentId = appointmentId, Kind = kind, SignedAt = now, RecordedBy = actor.UserName.Limit(64),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, appointment.PatientId,
            Detail: $"checked in appointment {appointmentId}{(isWalkIn ? " (walk-in)" : "")}; consents: {(consents.Count == 0 ? "none" : string.Join(", ", consents))}; "
                + $"insurance: {(insurance.IsClear ? "clear" : string.Join(", ", insurance.Flags.Select(f => f.Code)))}"), cancellationToken);
        return Result<CheckInOutcome>.Ok(new CheckInOutcome(appointmentId, insurance, consents));
    }

    /// <summary>Commits a success and then tells the location's boards; anything else rolls back (on dispose) and forgets tracked changes.</summary>
    private async Task<Result<T>?> FinishAsync<T>(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Result<T>? result,
        Func<Result<T>, int> appointmentIdOf, string change, Actor actor, CancellationToken cancellationToken)
    {
        if (result is not { Succeeded: true })
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return result;
        }
        await transaction.CommitAsync(cancellationToken);
        var appointmentId = appointmentIdOf(result);
        var locationId = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => a.LocationId).FirstAsync(cancellationToken);
        await PublishAsync(locationId, change, appointmentId, actor, cancellationToken);
        return result;
    }

    /// <summary>The visit's log, created if the visit reached the desk some other way (e.g. arrived through the scheduler).</summary>
    private async Task<VisitLog> LogOfAsync(Appointment appointment, Actor actor, CancellationToken cancellationToken)
    {
        var log = await db.VisitLogs.FirstOrDefaultAsync(v => v.AppointmentId == appointment.Id, cancellationToken);
        if (log is null)
        {
            log = new VisitLog { AppointmentId = appointment.Id, ArrivedAt = time.GetUtcNow().UtcDateTime, CheckedInBy = actor.UserName.Limit(64) };
            db.VisitLogs.Add(log);
        }
        return log;
    }

    private static IReadOnlyList<FieldError>? UnknownConsents(CheckIn request) =>
        request.Consents.Where(c => !ConsentKinds.All.Contains(c)).Select(c => new FieldError(nameof(CheckIn.Consents), $"'{c}' is not a consent the desk records."))
            .ToList() is { Count: > 0 } errors ? errors : null;

    private async Task PublishAsync(int locationId, string change, int appointmentId, Actor actor, CancellationToken cancellationToken) =>
        await live.PublishAsync(new LiveUpdate(BoardTopic(locationId),
            JsonSerializer.Serialize(new { change, appointmentId, by = actor.UserName })), cancellationToken);

    private static string BoardName(Patient patient) =>
        $"{(string.IsNullOrEmpty(patient.PreferredName) ? patient.LegalFirstName : patient.PreferredName)} {patient.LegalLastName[..1]}.";

    private static DateTime? ToLocal(DateTime? utc, string timeZoneId) => utc is { } value ? LocalTimes.ToLocal(value, timeZoneId) : null;

    private static int Minutes(DateTime from, DateTime to) => Math.Max(0, (int)Math.Floor((to - from).TotalMinutes));
}
