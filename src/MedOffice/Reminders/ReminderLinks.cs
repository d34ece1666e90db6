using System.Security.Cryptography;
using System.Text;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Reminders;

public enum ReminderLinkState
{
    /// <summary>The appointment is booked at the time the patient was told, and has not started.</summary>
    Open,
    Confirmed,
    Cancelled,
    /// <summary>The appointment started, or was moved, checked in or otherwise closed: the link no longer acts.</summary>
    Closed,
}

/// <summary>What the link page may show: date, local time and place, and what can still be done.</summary>
public sealed record ReminderLinkView(string Date, string Time, string LocationName, string LocationAddress, ReminderLinkState State);

/// <summary>Issues, reads and acts on the confirm/cancel links in reminders. No sign-in: holding the token is the permission.</summary>
public sealed class ReminderLinks(MedOfficeDb db, BookingService booking, AuditTrail audit, TimeProvider time)
{
    public const string PatientActorName = "patient via reminder link";
    public const string CancelReason = "cancelled by patient via reminder link";

    /// <summary>A new link for an appointment at the given start; the caller saves. Only the hash is stored.</summary>
    public string Issue(int appointmentId, DateTime appointmentStartsAt)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.ReminderLinks.Add(new ReminderLink
        {
            AppointmentId = appointmentId,
            TokenHash = Hash(token),
            AppointmentStartsAt = appointmentStartsAt,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        return token;
    }

    /// <summary>Null when the token is unknown (or malformed).</summary>
    public async Task<ReminderLinkView?> ViewAsync(string token, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken);
        return found is null ? null : View(found.Value.Link, found.Value.Appointment, found.Value.Location);
    }

    public async Task<Result<ReminderLinkView>?> ConfirmAsync(string token, string sourceAddress, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
        {
            return null;
        }
        var (link, appointment, location) = found.Value;
        var state = StateOf(link, appointment);
        if (state == ReminderLinkState.Confirmed)
        {
            return Result<ReminderLinkView>.Ok(View(link, appointment, location));
        }
        if (state != ReminderLinkState.Open)
        {
            return Result<ReminderLinkView>.Fail("Token", "This appointment can no longer be confirmed here. Please call the office.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        link.ConfirmedAt = now;
        // The history row goes through the booking service, the one writer of appointment history; it saves the link too.
        await booking.RecordConfirmationAsync(appointment, "confirmed by patient via reminder link", Actor(sourceAddress), cancellationToken);
        await audit.RecordAsync(new AuditEntry(Actor(sourceAddress), AuditActions.Update, AuditCategories.Schedule, appointment.PatientId,
            Detail: $"appointment {appointment.Id} confirmed via reminder link"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ReminderLinkView>.Ok(View(link, appointment, location));
    }

    public async Task<Result<ReminderLinkView>?> CancelAsync(string token, string sourceAddress, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
        {
            return null;
        }
        var (link, appointment, location) = found.Value;
        var state = StateOf(link, appointment);
        if (state == ReminderLinkState.Cancelled)
        {
            return Result<ReminderLinkView>.Ok(View(link, appointment, location));
        }
        if (state is not (ReminderLinkState.Open or ReminderLinkState.Confirmed))
        {
            return Result<ReminderLinkView>.Fail("Token", "This appointment can no longer be cancelled here. Please call the office.");
        }
        var cancelled = await booking.CancelAsync(appointment.Id, CancelReason, Actor(sourceAddress), cancellationToken);
        if (cancelled is null || !cancelled.Succeeded)
        {
            return Result<ReminderLinkView>.Fail("Token", "This appointment can no longer be cancelled here. Please call the office.");
        }
        return Result<ReminderLinkView>.Ok(View(link, cancelled.Value!, location));
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static Actor Actor(string sourceAddress) => new(null, PatientActorName, sourceAddress);

    private async Task<(ReminderLink Link, Appointment Appointment, Practice.Location Location)?> FindAsync(string token, CancellationToken cancellationToken)
    {
        // A real token is 43 base64url characters; anything else cannot match and is not looked up.
        if (token is not { Length: 43 } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        var hash = Hash(token);
        var link = await db.ReminderLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return null;
        }
        var appointment = await db.Appointments.FirstAsync(a => a.Id == link.AppointmentId, cancellationToken);
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == appointment.LocationId, cancellationToken);
        return (link, appointment, location);
    }

    private ReminderLinkState StateOf(ReminderLink link, Appointment appointment)
    {
        if (appointment.Status == AppointmentStatuses.Cancelled && appointment.StartsAt == link.AppointmentStartsAt)
        {
            return ReminderLinkState.Cancelled;
        }
        if (appointment.Status != AppointmentStatuses.Booked || appointment.StartsAt != link.AppointmentStartsAt
            || time.GetUtcNow().UtcDateTime >= link.AppointmentStartsAt)
        {
            return ReminderLinkState.Closed;
        }
        return link.ConfirmedAt is null ? ReminderLinkState.Open : ReminderLinkState.Confirmed;
    }

    private ReminderLinkView View(ReminderLink link, Appointment appointment, Practice.Location location)
    {
        // Always the time the patient was told (the link's), never a new time after a move: the link proves only that.
        var local = LocalTimes.ToLocal(link.AppointmentStartsAt, location.TimeZoneId);
        return new ReminderLinkView(ReminderText.Date(local), ReminderText.Time(local), location.Name, ReminderText.Address(location),
            StateOf(link, appointment));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
