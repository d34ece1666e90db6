using MedOffice.Patients;
using MedOffice.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Eligibility;

public static class EligibilityStatuses
{
    /// <summary>The 270 went to the clearinghouse; no 271 yet.</summary>
    public const string Requested = "Requested";
    /// <summary>The payer answered with benefits (active or not).</summary>
    public const string Answered = "Answered";
    /// <summary>The payer refused the question about this person (AAA: not found, member id invalid…).</summary>
    public const string Rejected = "Rejected";
    /// <summary>The payer could not answer at all (AAA at payer or provider level: system down, provider not on file…).</summary>
    public const string Failed = "Failed";

    public static readonly IReadOnlyList<string> All = [Requested, Answered, Rejected, Failed];
}

/// <summary>
/// One question to a payer: is this coverage active on this date, and what does the patient owe? Asked in a 270 (its
/// trace number is TRN02, echoed by the 271), answered by a 271 whose plain summary is kept here for the front desk.
/// </summary>
public sealed class EligibilityCheck
{
    public int Id { get; set; }
    public int CoverageId { get; set; }
    public int PatientId { get; set; }
    public int PayerId { get; set; }
    /// <summary>The date of service asked about (270 DTP*291).</summary>
    public DateOnly ServiceDate { get; set; }
    /// <summary>TRN02 of the 270: unique, so the 271 finds its question.</summary>
    public required string TraceNumber { get; set; }
    public string Status { get; set; } = EligibilityStatuses.Requested;
    public DateTime RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    /// <summary>The 270 file the question went out in.</summary>
    public required string RequestFile { get; set; }
    /// <summary>ISA13 of the 270 interchange (also its BHT03), which a whole-request refusal echoes.</summary>
    public int InterchangeControlNumber { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>SHA-256 of the 271 file that answered (the same key as its row in ClearinghouseFiles, which has its name).</summary>
    public string? ResponseSha256 { get; set; }

    // The plain summary; null where the 271 did not say.
    public bool? IsActive { get; set; }
    public string? PlanName { get; set; }
    public DateOnly? PlanBegin { get; set; }
    public DateOnly? PlanEnd { get; set; }
    /// <summary>Copay for an office visit (service type 98, else the plan's, 30), in network where the payer distinguishes.</summary>
    public decimal? OfficeVisitCopay { get; set; }
    public decimal? Deductible { get; set; }
    public decimal? DeductibleRemaining { get; set; }
    public decimal? OutOfPocketRemaining { get; set; }
    /// <summary>The patient's share after the deductible, in percent (20 = 20 %).</summary>
    public decimal? CoinsurancePercent { get; set; }
    /// <summary>Why the payer refused or could not answer, or why coverage is inactive, in words.</summary>
    public string? Reason { get; set; }
    /// <summary>Every benefit of the 271 as JSON (<see cref="BenefitLine"/>), for the detail view.</summary>
    public string? BenefitsJson { get; set; }
}

/// <summary>The nightly run of one day: its row is claimed before the run, so two nodes (or two ticks) run it once.</summary>
public sealed class EligibilityRun
{
    public int Id { get; set; }
    /// <summary>The appointments' day the run asked about (tomorrow when it ran).</summary>
    public DateOnly ForDate { get; set; }
    public DateTime StartedAt { get; set; }
    public required string StartedBy { get; set; }
    public int CheckCount { get; set; }
    public string Summary { get; set; } = "";
}

internal sealed class EligibilityConfiguration : IEntityTypeConfiguration<EligibilityCheck>, IEntityTypeConfiguration<EligibilityRun>
{
    public void Configure(EntityTypeBuilder<EligibilityCheck> builder)
    {
        builder.Property(c => c.TraceNumber).HasMaxLength(50);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.RequestedBy).HasMaxLength(64);
        builder.Property(c => c.RequestFile).HasMaxLength(260);
        builder.Property(c => c.ResponseSha256).HasMaxLength(64);
        builder.Property(c => c.PlanName).HasMaxLength(200);
        builder.Property(c => c.CoinsurancePercent).HasPrecision(5, 2);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasIndex(c => c.TraceNumber).IsUnique();
        builder.HasIndex(c => new { c.CoverageId, c.RequestedAt });
        builder.HasIndex(c => new { c.PatientId, c.RequestedAt });
        builder.HasIndex(c => c.RequestedAt);
        builder.HasOne<Coverage>().WithMany().HasForeignKey(c => c.CoverageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_EligibilityChecks_Status", "\"Status\" IN ('Requested', 'Answered', 'Rejected', 'Failed')");
            // SQLite keeps decimals as text: compare them as numbers.
            t.HasCheckConstraint("CK_EligibilityChecks_Amounts", string.Join(" AND ",
                new[] { "OfficeVisitCopay", "Deductible", "DeductibleRemaining", "OutOfPocketRemaining" }.Select(c => $"(\"{c}\" IS NULL OR CAST(\"{c}\" AS NUMERIC) >= 0)")
                    .Append("(\"CoinsurancePercent\" IS NULL OR CAST(\"CoinsurancePercent\" AS NUMERIC) BETWEEN 0 AND 100)")));
        });
    }

    public void Configure(EntityTypeBuilder<EligibilityRun> builder)
    {
        builder.Property(r => r.StartedBy).HasMaxLength(64);
        builder.Property(r => r.Summary).HasMaxLength(1000);
        builder.HasIndex(r => r.ForDate).IsUnique();
    }
}
