using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Receivables;

/// <summary>Why a balance is written off: one of a short list the office reports on; Other needs words.</summary>
public static class WriteOffReasons
{
    public const string SmallBalance = "SmallBalance";
    public const string BadDebt = "BadDebt";
    public const string Courtesy = "Courtesy";
    public const string TimelyFiling = "TimelyFiling";
    public const string NonCovered = "NonCovered";
    public const string Other = "Other";

    public static readonly IReadOnlyList<string> All = [SmallBalance, BadDebt, Courtesy, TimelyFiling, NonCovered, Other];

    public static string Describe(string reason) => reason switch
    {
        SmallBalance => "Small balance",
        BadDebt => "Bad debt / collections",
        Courtesy => "Courtesy / hardship",
        TimelyFiling => "Timely filing denied",
        NonCovered => "Non-covered service",
        _ => "Other",
    };
}

public static class WriteOffStatuses
{
    public const string Pending = "Pending";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
}

/// <summary>
/// A request to write off what is owed on one side (insurance or patient) of a visit, or of one line of it. A biller asks;
/// a different user holding the office manager role approves (the entries are posted then) or rejects with a note.
/// </summary>
public sealed class WriteOffRequest
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    /// <summary>The visit whose balance is written off.</summary>
    public int ChargeSheetId { get; set; }
    /// <summary>One line of the visit; null for the whole side's balance of the visit.</summary>
    public int? ChargeLineId { get; set; }
    public required string Side { get; set; }
    public decimal Amount { get; set; }
    public required string Reason { get; set; }
    /// <summary>The words for Other, or a note for any reason (e.g. the collections agency).</summary>
    public string? ReasonText { get; set; }
    public string Status { get; set; } = WriteOffStatuses.Pending;
    public int? RequestedByUserId { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public int? DecidedByUserId { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>Why it was rejected (required then), or a remark on approval.</summary>
    public string? DecisionNote { get; set; }
    /// <summary>Set when the request was made by sending the account to collections.</summary>
    public int? CollectionsReferralId { get; set; }
}

/// <summary>A patient's account handed to a collections agency: who, when, for how much. The account page shows the flag.</summary>
public sealed class CollectionsReferral
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public required string AgencyName { get; set; }
    public DateOnly ReferredOn { get; set; }
    public decimal Amount { get; set; }
    public int? ReferredByUserId { get; set; }
    public required string ReferredBy { get; set; }
    public DateTime ReferredAt { get; set; }
}

internal sealed class ReceivablesConfiguration : IEntityTypeConfiguration<WriteOffRequest>, IEntityTypeConfiguration<CollectionsReferral>
{
    public void Configure(EntityTypeBuilder<WriteOffRequest> builder)
    {
        builder.Property(r => r.Side).HasMaxLength(10);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.Reason).HasMaxLength(20);
        builder.Property(r => r.ReasonText).HasMaxLength(500);
        builder.Property(r => r.Status).HasMaxLength(10);
        builder.Property(r => r.RequestedBy).HasMaxLength(64);
        builder.Property(r => r.DecidedBy).HasMaxLength(64);
        builder.Property(r => r.DecisionNote).HasMaxLength(500);
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
        builder.HasIndex(r => r.PatientId);
        builder.HasIndex(r => r.ChargeSheetId);
        builder.HasIndex(r => r.ChargeLineId);
        builder.HasIndex(r => r.CollectionsReferralId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Billing.ChargeSheet>().WithMany().HasForeignKey(r => r.ChargeSheetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Billing.ChargeLine>().WithMany().HasForeignKey(r => r.ChargeLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CollectionsReferral>().WithMany().HasForeignKey(r => r.CollectionsReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_WriteOffRequests_Side", "\"Side\" IN ('Insurance','Patient')");
            t.HasCheckConstraint("CK_WriteOffRequests_Amount", "CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_WriteOffRequests_Reason", "\"Reason\" IN ('SmallBalance','BadDebt','Courtesy','TimelyFiling','NonCovered','Other')");
            t.HasCheckConstraint("CK_WriteOffRequests_Status", "\"Status\" IN ('Pending','Approved','Rejected')");
        });
    }

    public void Configure(EntityTypeBuilder<CollectionsReferral> builder)
    {
        builder.Property(r => r.AgencyName).HasMaxLength(100);
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.ReferredBy).HasMaxLength(64);
        builder.HasIndex(r => r.PatientId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_CollectionsReferrals_Amount", "CAST(\"Amount\" AS NUMERIC) > 0"));
    }
}
