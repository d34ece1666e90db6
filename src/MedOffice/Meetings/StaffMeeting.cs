using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Meetings;

/// <summary>
/// A staff meeting or other non-patient event: a title, a location, optionally a room, a local start time and length,
/// and optionally a recurrence (the same <see cref="RecurrenceRule"/> as recurring visits). The time it takes from the
/// room and from provider attendees is held by real <see cref="ScheduleBlock"/> rows (kind Meeting), linked through
/// <see cref="StaffMeetingBlock"/>, so booking sees it exactly as it sees vacation.
/// </summary>
public sealed class StaffMeeting
{
    public int Id { get; set; }
    /// <summary>The iCalendar UID: stays the same for every invitation, update and cancellation of this meeting.</summary>
    public required string CalendarUid { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int LocationId { get; set; }
    public int? RoomResourceId { get; set; }
    public DateOnly FirstDate { get; set; }
    public TimeOnly LocalStartTime { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>Null for a one-off meeting.</summary>
    public string? Frequency { get; set; }
    public int Interval { get; set; } = 1;
    /// <summary>For a weekly meeting: the weekdays, e.g. "Tuesday,Thursday". Empty: the first date's weekday.</summary>
    public string Weekdays { get; set; } = "";
    public DateOnly? UntilDate { get; set; }
    public int? Count { get; set; }
    public int? OrganizerUserId { get; set; }
    public required string OrganizerName { get; set; }
    /// <summary>The iCalendar SEQUENCE: raised on every change a calendar app must pick up (a cancellation).</summary>
    public int Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public List<StaffMeetingAttendee> Attendees { get; set; } = [];

    public RecurrenceRule? Rule => Frequency is null
        ? null
        : new(Frequency, Interval, Weekdays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<DayOfWeek>).ToList(),
            FirstDate, UntilDate, Count);

    /// <summary>The meeting's local dates: the rule's, or the one date.</summary>
    public IEnumerable<DateOnly> Dates() => Rule?.Dates() ?? [FirstDate];

    public void SetRule(RecurrenceRule? rule)
    {
        Frequency = rule?.Frequency;
        Interval = rule?.Interval ?? 1;
        Weekdays = rule is null ? "" : string.Join(",", rule.Weekdays.Distinct().Order());
        UntilDate = rule?.UntilDate;
        Count = rule?.Count;
    }
}

/// <summary>
/// Who attends: a staff user, a provider's calendar, or both (a user who is a provider). A provider attendee's
/// calendar is blocked for the meeting; a user without a provider calendar is only invited.
/// </summary>
public sealed class StaffMeetingAttendee
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? UserId { get; set; }
    public int? ProviderResourceId { get; set; }
}

/// <summary>A block this meeting holds on a room's or provider's calendar; cancelling the meeting removes them.</summary>
public sealed class StaffMeetingBlock
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int ScheduleBlockId { get; set; }
}

internal sealed class StaffMeetingConfiguration :
    IEntityTypeConfiguration<StaffMeeting>, IEntityTypeConfiguration<StaffMeetingAttendee>, IEntityTypeConfiguration<StaffMeetingBlock>
{
    public void Configure(EntityTypeBuilder<StaffMeeting> builder)
    {
        builder.Property(m => m.CalendarUid).HasMaxLength(80);
        builder.HasIndex(m => m.CalendarUid).IsUnique();
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(1000);
        builder.Property(m => m.Frequency).HasMaxLength(16);
        builder.Property(m => m.Weekdays).HasMaxLength(80);
        builder.Property(m => m.OrganizerName).HasMaxLength(128);
        builder.Ignore(m => m.Rule);
        builder.HasIndex(m => new { m.LocationId, m.FirstDate });
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(m => m.RoomResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Security.User>().WithMany().HasForeignKey(m => m.OrganizerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_StaffMeetings_Duration", "\"DurationMinutes\" BETWEEN 5 AND 720");
            t.HasCheckConstraint("CK_StaffMeetings_Frequency", "\"Frequency\" IS NULL OR \"Frequency\" IN ('Daily','Weekly','MonthlyByDate')");
            t.HasCheckConstraint("CK_StaffMeetings_Interval", "\"Interval\" BETWEEN 1 AND 52");
            t.HasCheckConstraint("CK_StaffMeetings_End", "\"Frequency\" IS NULL OR \"UntilDate\" IS NOT NULL OR \"Count\" IS NOT NULL");
        });
    }

    public void Configure(EntityTypeBuilder<StaffMeetingAttendee> builder)
    {
        builder.HasIndex(a => a.MeetingId);
        builder.HasIndex(a => a.UserId);
        builder.HasIndex(a => a.ProviderResourceId);
        builder.HasOne<Security.User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(a => a.ProviderResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_StaffMeetingAttendees_Who", "\"UserId\" IS NOT NULL OR \"ProviderResourceId\" IS NOT NULL"));
    }

    public void Configure(EntityTypeBuilder<StaffMeetingBlock> builder)
    {
        builder.HasIndex(b => b.MeetingId);
        builder.HasIndex(b => b.ScheduleBlockId).IsUnique();
        builder.HasOne<StaffMeeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ScheduleBlock>().WithMany().HasForeignKey(b => b.ScheduleBlockId).OnDelete(DeleteBehavior.Cascade);
    }
}
