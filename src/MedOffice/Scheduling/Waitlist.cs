using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Scheduling;

public static class PartsOfDay
{
    public const string Any = "Any";
    /// <summary>Starting before noon, local time at the location.</summary>
    public const string Morning = "Morning";
    /// <summary>Starting at or after noon, local time at the location.</summary>
    public const string Afternoon = "Afternoon";
    public static readonly IReadOnlyList<string> All = [Any, Morning, Afternoon];
    public static readonly TimeOnly Noon = new(12, 0);

    public static bool Includes(string partOfDay, TimeOnly localStart) => partOfDay switch
    {
        Morning => localStart < Noon,
        Afternoon => localStart >= Noon,
        _ => true,
    };
}

public static class WaitlistStatuses
{
    public const string Waiting = "Waiting";
    public const string Offered = "Offered";
    public const string Booked = "Booked";
    public const string Removed = "Removed";
    public static readonly IReadOnlyList<string> All = [Waiting, Offered, Booked, Removed];
}

/// <summary>A patient who wants an earlier (or any) visit of a type at a location, within dates and a part of the day.</summary>
public sealed class WaitlistEntry
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int AppointmentTypeId { get; set; }
    public int LocationId { get; set; }
    /// <summary>Null: any provider will do.</summary>
    public int? ProviderResourceId { get; set; }
    public DateOnly EarliestDate { get; set; }
    public DateOnly? LatestDate { get; set; }
    public string PartOfDay { get; set; } = PartsOfDay.Any;
    public string? Note { get; set; }
    public string Status { get; set; } = WaitlistStatuses.Waiting;
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The slot last offered (UTC start) and who offered it when.</summary>
    public DateTime? OfferedStartsAt { get; set; }
    public DateTime? OfferedAt { get; set; }
    public string? OfferedBy { get; set; }
    public int? BookedAppointmentId { get; set; }
    public DateTime? ClosedAt { get; set; }
}

/// <summary>Putting a patient on the waitlist.</summary>
public sealed record AddToWaitlist(
    int PatientId,
    int AppointmentTypeId,
    int LocationId,
    DateOnly EarliestDate,
    DateOnly? LatestDate = null,
    string PartOfDay = PartsOfDay.Any,
    int? ProviderResourceId = null,
    string? Note = null);

/// <summary>A time that has come free: from a cancelled appointment, or one the office names. Instants in UTC.</summary>
public sealed record FreeSlot(int LocationId, DateTime StartsAt, DateTime EndsAt, int? ProviderResourceId = null);

/// <summary>A waitlist entry that fits a free slot, with what the office needs to call the patient.</summary>
public sealed record WaitlistFit(WaitlistEntry Entry, string PatientName, string AppointmentTypeName, int DurationMinutes);

/// <summary>
/// The waitlist: who wants a visit sooner. When a slot frees, the office asks who fits it, offers it, and books the one
/// who takes it. Nothing happens on its own when an appointment is cancelled; the office decides whom to call. Every change
/// is audited here, whichever page or endpoint asked for it.
/// </summary>
public sealed class WaitlistService(MedOfficeDb db, BookingService booking, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<WaitlistEntry>> AddAsync(AddToWaitlist request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId && p.MergedIntoPatientId == null, cancellationToken))
        {
            errors.Add(new(nameof(AddToWaitlist.PatientId), "Choose a patient."));
        }
        if (!await db.AppointmentTypes.AnyAsync(t => t.Id == request.AppointmentTypeId && t.IsActive, cancellationToken))
        {
            errors.Add(new(nameof(AddToWaitlist.AppointmentTypeId), "Choose an appointment type."));
        }
        if (!await db.Locations.AnyAsync(l => l.Id == request.LocationId, cancellationToken))
        {
            errors.Add(new(nameof(AddToWaitlist.LocationId), "Choose a location."));
        }
        if (request.ProviderResourceId is { } providerId
            && !await db.SchedulableResources.AnyAsync(r => r.Id == providerId && r.Kind == ResourceKinds.Provider, cancellationToken))
        {
            errors.Add(new(nameof(AddToWaitlist.ProviderResourceId), "Choose a provider, or none for any provider."));
        }
        if (request.LatestDate < request.EarliestDate)
        {
            errors.Add(new(nameof(AddToWaitlist.LatestDate), "The latest date cannot be before the earliest."));
        }
        if (!PartsOfDay.All.Contains(request.PartOfDay))
        {
            errors.Add(new(nameof(AddToWaitlist.PartOfDay), "Choose any time, mornings or afternoons."));
        }
        if (request.Note is { Length: > BookingService.NoteLength })
        {
            errors.Add(new(nameof(AddToWaitlist.Note), $"Keep the note to {BookingService.NoteLength} characters."));
        }
        if (errors.Count > 0)
        {
            return Result<WaitlistEntry>.Fail(errors);
        }
        var entry = new WaitlistEntry
        {
            PatientId = request.PatientId,
            AppointmentTypeId = request.AppointmentTypeId,
            LocationId = request.LocationId,
            ProviderResourceId = request.ProviderResourceId,
            EarliestDate = request.EarliestDate,
            LatestDate = request.LatestDate,
            PartOfDay = request.PartOfDay,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = UserName(actor),
        };
        db.WaitlistEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Schedule, entry.PatientId, Detail: $"waitlist entry {entry.Id}"),
            cancellationToken);
        return Result<WaitlistEntry>.Ok(entry);
    }

    public async Task<Result<WaitlistEntry>?> RemoveAsync(int entryId, Actor actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        if (entry.Status is WaitlistStatuses.Booked or WaitlistStatuses.Removed)
        {
            return Result<WaitlistEntry>.Fail("Status", $"This entry is already {entry.Status.ToLowerInvariant()}.");
        }
        entry.Status = WaitlistStatuses.Removed;
        entry.ClosedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, entry.PatientId, Detail: $"waitlist entry {entryId} removed"),
            cancellationToken);
        return Result<WaitlistEntry>.Ok(entry);
    }

    /// <summary>Who fits the time a cancelled (or no-show) appointment left; null when there is no such appointment.</summary>
    public async Task<List<WaitlistFit>?> FitsAsync(int freedAppointmentId, CancellationToken cancellationToken = default)
    {
        var freed = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == freedAppointmentId, cancellationToken);
        if (freed is null)
        {
            return null;
        }
        var provider = (await AppointmentResources.OfKindAsync(db, freed.Id, ResourceKinds.Provider, cancellationToken))?.ResourceId;
        // The appointment's own bookings are the time on offer: they count as free even before it is cancelled.
        var fits = await FitsAsync(new FreeSlot(freed.LocationId, freed.StartsAt, freed.EndsAt, provider), freed.Id, cancellationToken);
        // The patient who just cancelled is not the one to call about their own time.
        return fits.Where(f => f.Entry.PatientId != freed.PatientId).ToList();
    }

    /// <summary>
    /// The waiting entries that fit a free slot, first come first: same location, a visit type short enough, the provider
    /// they asked for (if any), the slot's local date in their window and its start in their part of the day, and a visit of
    /// their type that could be booked at the slot's start with the slot's provider, every room and machine it needs included,
    /// by the booking planner's own rules.
    /// </summary>
    public Task<List<WaitlistFit>> FitsAsync(FreeSlot slot, CancellationToken cancellationToken = default) =>
        FitsAsync(slot, freedAppointmentId: null, cancellationToken);

    private async Task<List<WaitlistFit>> FitsAsync(FreeSlot slot, int? freedAppointmentId, CancellationToken cancellationToken)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == slot.LocationId, cancellationToken);
        if (location is null || slot.EndsAt <= slot.StartsAt)
        {
            return [];
        }
        var localStart = LocalTimes.ToLocal(slot.StartsAt, location.TimeZoneId);
        var day = DateOnly.FromDateTime(localStart);
        var minutes = (int)(slot.EndsAt - slot.StartsAt).TotalMinutes;
        var candidates = await (
                from entry in db.WaitlistEntries.AsNoTracking()
                join type in db.AppointmentTypes on entry.AppointmentTypeId equals type.Id
                join patient in db.Patients on entry.PatientId equals patient.Id
                where entry.Status == WaitlistStatuses.Waiting && entry.LocationId == slot.LocationId
                    && type.DurationMinutes <= minutes
                    && (entry.ProviderResourceId == null || entry.ProviderResourceId == slot.ProviderResourceId)
                    && entry.EarliestDate <= day && (entry.LatestDate == null || entry.LatestDate >= day)
                orderby entry.CreatedAt, entry.Id
                select new { entry, type.Name, type.DurationMinutes, patient.LegalFirstName, patient.LegalLastName })
            .ToListAsync(cancellationToken);
        var startTime = TimeOnly.FromDateTime(localStart);
        candidates = candidates.Where(c => PartsOfDay.Includes(c.entry.PartOfDay, startTime)).ToList();
        var visits = candidates.Select(c => (c.entry.AppointmentTypeId, c.entry.ProviderResourceId ?? slot.ProviderResourceId)).Distinct().ToList();
        var bookable = await booking.CanBookAsync(slot.LocationId, DateTime.SpecifyKind(slot.StartsAt, DateTimeKind.Utc), visits, freedAppointmentId, cancellationToken);
        var fitting = visits.Where((_, i) => bookable[i]).ToHashSet();
        return candidates
            .Where(c => fitting.Contains((c.entry.AppointmentTypeId, c.entry.ProviderResourceId ?? slot.ProviderResourceId)))
            .Select(c => new WaitlistFit(c.entry, $"{c.LegalLastName}, {c.LegalFirstName}", c.Name, c.DurationMinutes))
            .ToList();
    }

    /// <summary>Records that the office offered the patient a slot (UTC start), and who did when.</summary>
    public async Task<Result<WaitlistEntry>?> OfferAsync(int entryId, DateTime slotStartsAt, Actor actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        if (entry.Status is not (WaitlistStatuses.Waiting or WaitlistStatuses.Offered))
        {
            return Result<WaitlistEntry>.Fail("Status", $"This entry is {entry.Status.ToLowerInvariant()}; only a waiting patient can be offered a slot.");
        }
        entry.Status = WaitlistStatuses.Offered;
        entry.OfferedStartsAt = DateTime.SpecifyKind(slotStartsAt, DateTimeKind.Utc);
        entry.OfferedAt = time.GetUtcNow().UtcDateTime;
        entry.OfferedBy = UserName(actor);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Schedule, entry.PatientId,
            Detail: $"waitlist entry {entryId} offered {LocalFormats.FormatUtc(entry.OfferedStartsAt.Value)}"), cancellationToken);
        return Result<WaitlistEntry>.Ok(entry);
    }

    /// <summary>The patient declined (or did not answer): back to waiting, for the next slot.</summary>
    public async Task<Result<WaitlistEntry>?> DeclineAsync(int entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        if (entry.Status != WaitlistStatuses.Offered)
        {
            return Result<WaitlistEntry>.Fail("Status", "Only an offer can be declined.");
        }
        entry.Status = WaitlistStatuses.Waiting;
        await db.SaveChangesAsync(cancellationToken);
        return Result<WaitlistEntry>.Ok(entry);
    }

    /// <summary>
    /// Books the entry's visit at the offered slot (or another local start at its location) through the booking service,
    /// and marks the entry booked, together: if the time is gone, the entry stays as it was.
    /// </summary>
    public async Task<Result<Appointment>?> BookFromWaitlistAsync(int entryId, DateTime? localStart, Actor actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return null;
        }
        if (entry.Status is not (WaitlistStatuses.Waiting or WaitlistStatuses.Offered))
        {
            return Result<Appointment>.Fail("Status", $"This entry is {entry.Status.ToLowerInvariant()}.");
        }
        var zone = await db.Locations.Where(l => l.Id == entry.LocationId).Select(l => l.TimeZoneId).SingleAsync(cancellationToken);
        var start = localStart ?? (entry.OfferedStartsAt is { } offered ? LocalTimes.ToLocal(offered, zone) : null);
        if (start is null)
        {
            return Result<Appointment>.Fail("StartsAt", "Offer a slot first, or say when to book.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booked = await booking.BookAsync(new BookAppointment(entry.PatientId, entry.AppointmentTypeId, entry.LocationId, start.Value,
            entry.ProviderResourceId, Note: entry.Note), actor, cancellationToken);
        if (!booked.Succeeded)
        {
            return booked;
        }
        await db.WaitlistEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, WaitlistStatuses.Booked)
            .SetProperty(e => e.BookedAppointmentId, booked.Value!.Id)
            .SetProperty(e => e.ClosedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return booked;
    }

    private static string UserName(Actor actor) => actor.UserName.Limit(64);
}

internal sealed class WaitlistConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("WaitlistEntries", t =>
        {
            t.HasCheckConstraint("CK_WaitlistEntries_PartOfDay", "\"PartOfDay\" IN ('Any','Morning','Afternoon')");
            t.HasCheckConstraint("CK_WaitlistEntries_Status", "\"Status\" IN ('Waiting','Offered','Booked','Removed')");
            t.HasCheckConstraint("CK_WaitlistEntries_Window", "\"LatestDate\" IS NULL OR \"LatestDate\" >= \"EarliestDate\"");
        });
        builder.Property(e => e.PartOfDay).HasMaxLength(16);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(64);
        builder.Property(e => e.OfferedBy).HasMaxLength(64);
        builder.HasIndex(e => new { e.LocationId, e.Status, e.EarliestDate });
        builder.HasIndex(e => e.PatientId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentType>().WithMany().HasForeignKey(e => e.AppointmentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(e => e.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(e => e.ProviderResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(e => e.BookedAppointmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
