using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.FrontDesk;

/// <summary>
/// When a visit moved through the office, one row per appointment that reached the desk: arrival, rooming, the provider
/// coming in, check-out. Waiting times are reported from these instants (UTC); the appointment keeps only its status.
/// </summary>
public sealed class VisitLog
{
    public int Id { get; set; }
    public int AppointmentId { get; set; }
    /// <summary>Booked at the desk for someone who came in without an appointment.</summary>
    public bool IsWalkIn { get; set; }
    public DateTime ArrivedAt { get; set; }
    public required string CheckedInBy { get; set; }
    public bool DemographicsConfirmed { get; set; }
    public bool InsuranceConfirmed { get; set; }
    /// <summary>What the insurance check said at check-in, e.g. "PrimaryExpired"; empty when nothing was wrong.</summary>
    public string InsuranceFlags { get; set; } = "";
    /// <summary>The copay of the active primary coverage on the day, noted at check-in; null when none is due.</summary>
    public decimal? CopayDue { get; set; }
    public DateTime? RoomedAt { get; set; }
    public int? RoomResourceId { get; set; }
    public DateTime? ProviderInAt { get; set; }
    public DateTime? CheckedOutAt { get; set; }
}

public static class ConsentKinds
{
    public const string HipaaNotice = "HipaaNotice";
    public const string FinancialPolicy = "FinancialPolicy";
    public const string Treatment = "Treatment";
    public static readonly IReadOnlyList<string> All = [HipaaNotice, FinancialPolicy, Treatment];

    public static string DisplayName(string kind) => kind switch
    {
        HipaaNotice => "Notice of privacy practices (HIPAA) acknowledged",
        FinancialPolicy => "Financial policy signed",
        Treatment => "Consent to treatment signed",
        _ => kind,
    };
}

/// <summary>A consent the patient signed or acknowledged at the desk, and who at the desk recorded it.</summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public int PatientId { get; set; }
    public int? AppointmentId { get; set; }
    public required string Kind { get; set; }
    public DateTime SignedAt { get; set; }
    public required string RecordedBy { get; set; }
}

internal sealed class FrontDeskConfiguration : IEntityTypeConfiguration<VisitLog>, IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<VisitLog> builder)
    {
        builder.Property(v => v.CheckedInBy).HasMaxLength(64);
        builder.Property(v => v.InsuranceFlags).HasMaxLength(200);
        builder.HasIndex(v => v.AppointmentId).IsUnique();
        builder.HasIndex(v => v.RoomResourceId);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(v => v.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(v => v.RoomResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_VisitLogs_Copay", "\"CopayDue\" IS NULL OR \"CopayDue\" >= 0");
            t.HasCheckConstraint("CK_VisitLogs_Order",
                "(\"RoomedAt\" IS NULL OR \"RoomedAt\" >= \"ArrivedAt\") AND (\"CheckedOutAt\" IS NULL OR \"CheckedOutAt\" >= \"ArrivedAt\")");
        });
    }

    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.Property(c => c.RecordedBy).HasMaxLength(64);
        builder.HasIndex(c => new { c.PatientId, c.Kind, c.SignedAt });
        builder.HasIndex(c => c.AppointmentId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_ConsentRecords_Kind", "\"Kind\" IN ('HipaaNotice','FinancialPolicy','Treatment')"));
    }
}
