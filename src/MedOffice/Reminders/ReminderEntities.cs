using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Reminders;

public static class MessageChannels
{
    public const string Email = "Email";
    public const string Sms = "Sms";
    public static readonly IReadOnlyList<string> All = [Email, Sms];
}

public static class OutboxStatuses
{
    public const string Pending = "Pending";
    public const string Sending = "Sending";
    public const string Sent = "Sent";
    public const string Failed = "Failed";
    /// <summary>Never sent because its appointment was cancelled, moved or had started.</summary>
    public const string Cancelled = "Cancelled";
    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Failed, Cancelled];
}

/// <summary>An office setting: send a reminder this many minutes before each booked appointment (e.g. 2880 = two days).</summary>
public sealed class ReminderRule
{
    public int Id { get; set; }
    public int MinutesBefore { get; set; }
    public bool IsActive { get; set; } = true;

    public string Describe() => MinutesBefore % 1440 == 0 ? Plural(MinutesBefore / 1440, "day")
        : MinutesBefore % 60 == 0 ? Plural(MinutesBefore / 60, "hour") : Plural(MinutesBefore, "minute");

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}

/// <summary>
/// One message to send, written in the same database as the appointment it is about, so enqueuing commits or rolls
/// back with the data and a crash loses nothing. The body holds a placeholder where the confirm/cancel link goes: the
/// link's token is made at send time and only its hash is stored, so the outbox never holds a usable link.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public int? AppointmentId { get; set; }
    /// <summary>The appointment's start the text was written for: if the appointment moves, this message no longer applies.</summary>
    public DateTime? AppointmentStartsAt { get; set; }
    public int? ReminderRuleId { get; set; }
    /// <summary>The staff meeting an invitation is about; a newer invitation to the same person replaces one not yet sent.</summary>
    public int? MeetingId { get; set; }
    /// <summary>An attached file (a meeting's .ics), stored as text with its name and MIME type; null for reminders.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? Attachment { get; set; }
    /// <summary>Unique: appointment + rule + channel + start, so running the scheduler twice (or on two nodes) enqueues once.</summary>
    public required string IdempotencyKey { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string Status { get; set; } = OutboxStatuses.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>While Sending: which processor run holds it, and until when. Another run may take it over only after that.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>
/// A confirm/cancel link sent to a patient: the token is 32 random bytes, of which only the SHA-256 is stored. It works
/// without signing in until the appointment starts, and only for the time the patient was told.
/// </summary>
public sealed class ReminderLink
{
    public long Id { get; set; }
    public int AppointmentId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime AppointmentStartsAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

internal sealed class ReminderConfiguration :
    IEntityTypeConfiguration<ReminderRule>, IEntityTypeConfiguration<OutboxMessage>, IEntityTypeConfiguration<ReminderLink>
{
    public void Configure(EntityTypeBuilder<ReminderRule> builder)
    {
        builder.HasIndex(r => r.MinutesBefore).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_ReminderRules_MinutesBefore", "\"MinutesBefore\" BETWEEN 15 AND 43200"));
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Channel).HasMaxLength(8);
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(2000);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(128);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.AttachmentName).HasMaxLength(128);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(128);
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.AppointmentId);
        builder.HasIndex(m => m.MeetingId);
        builder.HasOne<Meetings.StaffMeeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(m => m.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReminderRule>().WithMany().HasForeignKey(m => m.ReminderRuleId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_OutboxMessages_Channel", "\"Channel\" IN ('Email','Sms')");
            t.HasCheckConstraint("CK_OutboxMessages_Status", "\"Status\" IN ('Pending','Sending','Sent','Failed','Cancelled')");
            t.HasCheckConstraint("CK_OutboxMessages_Attempts", "\"Attempts\" >= 0");
            t.HasCheckConstraint("CK_OutboxMessages_Attachment",
                "\"Attachment\" IS NULL OR (\"AttachmentName\" IS NOT NULL AND \"AttachmentContentType\" IS NOT NULL)");
        });
    }

    public void Configure(EntityTypeBuilder<ReminderLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.AppointmentId);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(l => l.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
