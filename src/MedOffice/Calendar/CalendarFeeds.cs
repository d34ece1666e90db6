using System.Security.Cryptography;
using System.Text;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Calendar;

/// <summary>A feed token just made: the secret (shown once, never stored) and its row.</summary>
public sealed record IssuedFeedToken(FeedToken Row, string Token);

/// <summary>
/// Read-only iCalendar feeds of one provider's or room's calendar for staff phones, behind an unguessable token.
/// The address works without signing in, so a feed carries no protected health information: an appointment is
/// "Appointment: " and its visit type, never the patient's name, date of birth or the visit note.
/// </summary>
public sealed class CalendarFeeds(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public static readonly TimeSpan Past = TimeSpan.FromDays(7);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(60);

    public async Task<Result<IssuedFeedToken>> CreateAsync(int resourceId, string? label, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var resource = await db.SchedulableResources.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == resourceId && r.IsActive && (r.Kind == ResourceKinds.Provider || r.Kind == ResourceKinds.Room), cancellationToken);
        if (resource is null)
        {
            errors.Add(new("ResourceId", "Choose a provider or a room."));
        }
        var trimmed = label?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100)
        {
            errors.Add(new("Label", "Say whose phone the feed is for (up to 100 characters)."));
        }
        if (errors.Count > 0)
        {
            return Result<IssuedFeedToken>.Fail(errors);
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new FeedToken
        {
            ResourceId = resourceId,
            TokenHash = Hash(token),
            Label = trimmed!,
            CreatedBy = actor.UserName.Limit(64),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.FeedTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule,
            Detail: $"calendar feed {row.Id} for resource {resourceId} \"{resource!.Name}\" issued ({row.Label})"), cancellationToken);
        return Result<IssuedFeedToken>.Ok(new IssuedFeedToken(row, token));
    }

    /// <summary>False when there is no such token; revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var row = await db.FeedTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null)
        {
            return false;
        }
        if (row.RevokedAt is null)
        {
            row.RevokedAt = time.GetUtcNow().UtcDateTime;
            row.RevokedBy = actor.UserName.Limit(64);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Delete, AuditCategories.Schedule,
                Detail: $"calendar feed {row.Id} for resource {row.ResourceId} revoked"), cancellationToken);
        }
        return true;
    }

    /// <summary>The feed's iCalendar text, or null when the token is unknown or revoked (the caller answers 404 either way).</summary>
    public async Task<string?> FeedAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var row = await db.FeedTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var resource = await db.SchedulableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == row.ResourceId, cancellationToken);
        if (resource is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = now - Past;
        var windowEnd = now + Ahead;
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);

        var appointments = await (
                from booking in db.ResourceBookings.AsNoTracking()
                join appointment in db.Appointments.AsNoTracking() on booking.AppointmentId equals appointment.Id
                join type in db.AppointmentTypes.AsNoTracking() on appointment.AppointmentTypeId equals type.Id
                where booking.ResourceId == resource.Id && booking.IsActive && booking.StartsAt < windowEnd && booking.EndsAt > windowStart
                select new { appointment.Id, booking.StartsAt, booking.EndsAt, appointment.LocationId, TypeName = type.Name })
            .ToListAsync(cancellationToken);
        var blocks = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => (b.ResourceId == resource.Id || (b.ResourceId == null && b.LocationId == resource.LocationId)) && b.StartsAt < windowEnd && b.EndsAt > windowStart)
            .ToListAsync(cancellationToken);

        var events = appointments.Select(a => new CalendarEvent($"appointment-{a.Id}@medoffice", a.StartsAt, a.EndsAt, "Appointment: " + a.TypeName)
            {
                Location = locations.GetValueOrDefault(a.LocationId),
                Status = "CONFIRMED",
                Categories = ["Appointment"],
            })
            .Concat(blocks.Select(b => new CalendarEvent($"block-{b.Id}@medoffice", b.StartsAt, b.EndsAt,
                b.Kind == BlockKinds.Meeting ? b.Reason ?? "Meeting" : b.Reason is null ? b.Kind : $"{b.Kind}: {b.Reason}")
            {
                Location = b.LocationId is { } l ? locations.GetValueOrDefault(l) : null,
                Status = "CONFIRMED",
                Categories = [b.Kind],
            }))
            .OrderBy(e => e.StartsAtUtc)
            .ToList();
        return ICalendarWriter.Write(new CalendarDocument(events) { Name = $"MedOffice: {resource.Name}" }, now);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

}
