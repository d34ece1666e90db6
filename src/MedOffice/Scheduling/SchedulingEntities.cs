using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Scheduling;

public static class ResourceKinds
{
    public const string Provider = "Provider";
    public const string Room = "Room";
    public const string Equipment = "Equipment";
    public static readonly IReadOnlyList<string> All = [Provider, Room, Equipment];
}

/// <summary>
/// Anything that can be booked: a provider, a room or a piece of equipment. Its category says what it can stand in
/// for ("Exam" room, "Ultrasound" machine, "Sonographer"), so an appointment type asks for a kind and a category.
/// </summary>
public sealed class SchedulableResource
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public string? Category { get; set; }
    public int LocationId { get; set; }
    public int? ProviderId { get; set; }
    public int? RoomId { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// A resource's regular hours at a location on one weekday, in the location's local time. Breaks are gaps between
/// two rows. Effective dates let next month's template differ from this month's.
/// </summary>
public sealed class WorkingHours
{
    public int Id { get; set; }
    public int ResourceId { get; set; }
    public int LocationId { get; set; }
    public DayOfWeek DayOfWeek { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? EffectiveUntil { get; set; }
}

public static class BlockKinds
{
    public const string Vacation = "Vacation";
    public const string Admin = "Admin";
    public const string Holiday = "Holiday";
    public const string Closure = "Closure";
    public const string Meeting = "Meeting";
    public static readonly IReadOnlyList<string> All = [Vacation, Admin, Holiday, Closure, Meeting];
}

/// <summary>Time a resource (or, with no resource, a whole location) cannot be booked: vacation, admin time, a holiday.</summary>
public sealed class ScheduleBlock
{
    public int Id { get; set; }
    public int? ResourceId { get; set; }
    public int? LocationId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Kind { get; set; }
    public string? Reason { get; set; }
}

public sealed class AppointmentType
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>CSS colour for the calendar, e.g. #2f80ed.</summary>
    public string Color { get; set; } = "#2f80ed";
    public bool IsActive { get; set; } = true;
    public List<AppointmentTypeRequirement> Requirements { get; set; } = [];
}

/// <summary>One resource an appointment type needs: a kind, optionally a category, for all or part of the visit.</summary>
public sealed class AppointmentTypeRequirement
{
    public int Id { get; set; }
    public int AppointmentTypeId { get; set; }
    public required string Kind { get; set; }
    public string? Category { get; set; }
    public int OffsetMinutes { get; set; }
    /// <summary>Null: for the whole appointment.</summary>
    public int? DurationMinutes { get; set; }
}

public static class AppointmentStatuses
{
    public const string Booked = "Booked";
    public const string Arrived = "Arrived";
    public const string Roomed = "Roomed";
    public const string CheckedOut = "CheckedOut";
    public const string Cancelled = "Cancelled";
    public const string NoShow = "NoShow";
    public static readonly IReadOnlyList<string> All = [Booked, Arrived, Roomed, CheckedOut, Cancelled, NoShow];
}

public sealed class Appointment
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int LocationId { get; set; }
    public int AppointmentTypeId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string Status { get; set; } = AppointmentStatuses.Booked;
    public int? SeriesId { get; set; }
    public string? Note { get; set; }
    public string? CancelReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ResourceBooking> Bookings { get; set; } = [];
}

/// <summary>
/// One resource held by one appointment for a time. The database refuses two active bookings of a resource that
/// overlap (an exclusion constraint on PostgreSQL, a trigger on SQLite), whoever writes and however concurrently.
/// </summary>
public sealed class ResourceBooking
{
    public int Id { get; set; }
    public int AppointmentId { get; set; }
    public int ResourceId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>The history of an appointment: every booking, move, cancellation and status change, by whom.</summary>
public sealed class AppointmentChange
{
    public long Id { get; set; }
    public int AppointmentId { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string UserName { get; set; }
    public required string Change { get; set; }
    public required string Detail { get; set; }
}

internal sealed class SchedulingConfiguration :
    IEntityTypeConfiguration<SchedulableResource>, IEntityTypeConfiguration<WorkingHours>, IEntityTypeConfiguration<ScheduleBlock>,
    IEntityTypeConfiguration<AppointmentType>, IEntityTypeConfiguration<AppointmentTypeRequirement>, IEntityTypeConfiguration<Appointment>,
    IEntityTypeConfiguration<ResourceBooking>, IEntityTypeConfiguration<AppointmentChange>
{
    public void Configure(EntityTypeBuilder<SchedulableResource> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Category).HasMaxLength(64);
        builder.HasIndex(r => r.ProviderId).IsUnique();
        builder.HasIndex(r => r.RoomId).IsUnique();
        builder.HasIndex(r => new { r.LocationId, r.Kind });
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Provider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Room>().WithMany().HasForeignKey(r => r.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_SchedulableResources_Kind", "\"Kind\" IN ('Provider','Room','Equipment')"));
    }

    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.ToTable("WorkingHours", t => t.HasCheckConstraint("CK_WorkingHours_Order", "\"EndsAt\" > \"StartsAt\""));
        builder.HasIndex(w => new { w.ResourceId, w.DayOfWeek });
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(w => w.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(w => w.LocationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ScheduleBlock> builder)
    {
        builder.Property(b => b.Kind).HasMaxLength(16);
        builder.Property(b => b.Reason).HasMaxLength(200);
        builder.HasIndex(b => new { b.ResourceId, b.StartsAt });
        builder.HasIndex(b => new { b.LocationId, b.StartsAt });
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(b => b.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(b => b.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ScheduleBlocks_Order", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("CK_ScheduleBlocks_Target", "\"ResourceId\" IS NOT NULL OR \"LocationId\" IS NOT NULL");
        });
    }

    public void Configure(EntityTypeBuilder<AppointmentType> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Color).HasMaxLength(16);
        builder.HasMany(t => t.Requirements).WithOne().HasForeignKey(r => r.AppointmentTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_AppointmentTypes_Duration", "\"DurationMinutes\" BETWEEN 5 AND 480"));
    }

    public void Configure(EntityTypeBuilder<AppointmentTypeRequirement> builder)
    {
        builder.ToTable("AppointmentTypeRequirements");
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Category).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.Property(a => a.CancelReason).HasMaxLength(200);
        builder.HasIndex(a => new { a.LocationId, a.StartsAt });
        builder.HasIndex(a => new { a.PatientId, a.StartsAt });
        builder.HasIndex(a => a.SeriesId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentType>().WithMany().HasForeignKey(a => a.AppointmentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Bookings).WithOne().HasForeignKey(b => b.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Appointments_Order", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("CK_Appointments_Status", "\"Status\" IN ('Booked','Arrived','Roomed','CheckedOut','Cancelled','NoShow')");
        });
    }

    public void Configure(EntityTypeBuilder<ResourceBooking> builder)
    {
        builder.HasIndex(b => new { b.ResourceId, b.StartsAt });
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(b => b.ResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_ResourceBookings_Order", "\"EndsAt\" > \"StartsAt\""));
    }

    public void Configure(EntityTypeBuilder<AppointmentChange> builder)
    {
        builder.Property(c => c.UserName).HasMaxLength(64);
        builder.Property(c => c.Change).HasMaxLength(32);
        builder.Property(c => c.Detail).HasMaxLength(500);
        builder.HasIndex(c => new { c.AppointmentId, c.OccurredAt });
        builder.HasOne<Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
