using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Remittance;

/// <summary>One 835 transaction set as imported: the payment (check or EFT), who paid, and what posting made of it.</summary>
public sealed class ReceivedRemittance
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the whole file; with <see cref="Sequence"/> (its place among the file's 835s), unique.</summary>
    public required string Sha256 { get; set; }
    public int Sequence { get; set; }
    public required string PayerName { get; set; }
    public string? PayerIdentifier { get; set; }
    /// <summary>TRN02: the check or EFT trace number.</summary>
    public required string TraceNumber { get; set; }
    public required string PaymentMethod { get; set; }
    public decimal PaymentAmount { get; set; }
    public DateOnly? PaymentDate { get; set; }
    /// <summary>Σ PLB amounts (positive lowers the payment; interest L6 is negative).</summary>
    public decimal ProviderAdjustmentTotal { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public List<RemittedClaim> Claims { get; set; } = [];
    public List<RemittanceProviderAdjustment> ProviderAdjustments { get; set; } = [];
}

public static class RemittedClaimOutcomes
{
    public const string Posted = "Posted";
    /// <summary>CLP02 22: the payer took back an earlier payment; its postings were reversed.</summary>
    public const string Reversed = "Reversed";
    /// <summary>Not one of ours, or its lines did not match: kept for posting by hand.</summary>
    public const string Unmatched = "Unmatched";
}

/// <summary>One CLP of a remittance, as the payer sent it, with what posting did (or why it could not).</summary>
public sealed class RemittedClaim
{
    public int Id { get; set; }
    public int RemittanceId { get; set; }
    public int Position { get; set; }
    public required string PatientControlNumber { get; set; }
    public int? ClaimId { get; set; }
    public required string StatusCode { get; set; }
    public decimal ChargeAmount { get; set; }
    public decimal PaidAmount { get; set; }
    public decimal PatientResponsibility { get; set; }
    public string? PayerClaimNumber { get; set; }
    public required string Outcome { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The payer's identity of this adjudication (trace, CLP01/02/07, amounts): posted once, whatever file carries it.</summary>
    public string? PostingKey { get; set; }
    public List<RemittedLine> Lines { get; set; } = [];
}

/// <summary>One SVC as posted: the claim line it matched, paid, allowed and the adjustments in the payer's codes.</summary>
public sealed class RemittedLine
{
    public int Id { get; set; }
    public int RemittedClaimId { get; set; }
    public int? ClaimLineId { get; set; }
    public required string Procedure { get; set; }
    public decimal ChargeAmount { get; set; }
    public decimal PaidAmount { get; set; }
    public decimal? AllowedAmount { get; set; }
    /// <summary>e.g. "CO-45 20.00; PR-2 10.00".</summary>
    public string Adjustments { get; set; } = "";
    public string RemarkCodes { get; set; } = "";
}

/// <summary>A PLB adjustment: provider-level, not a patient's money (interest L6, recoupments, forwarding balances).</summary>
public sealed class RemittanceProviderAdjustment
{
    public int Id { get; set; }
    public int RemittanceId { get; set; }
    public required string ProviderIdentifier { get; set; }
    public required string ReasonCode { get; set; }
    public string? Reference { get; set; }
    public decimal Amount { get; set; }
}

internal sealed class RemittanceConfiguration :
    IEntityTypeConfiguration<ReceivedRemittance>, IEntityTypeConfiguration<RemittedClaim>, IEntityTypeConfiguration<RemittedLine>,
    IEntityTypeConfiguration<RemittanceProviderAdjustment>
{
    public void Configure(EntityTypeBuilder<ReceivedRemittance> builder)
    {
        builder.Property(r => r.FileName).HasMaxLength(260);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.PayerName).HasMaxLength(60);
        builder.Property(r => r.PayerIdentifier).HasMaxLength(50);
        builder.Property(r => r.TraceNumber).HasMaxLength(50);
        builder.Property(r => r.PaymentMethod).HasMaxLength(3);
        builder.Property(r => r.PaymentAmount).HasPrecision(14, 2);
        builder.Property(r => r.ProviderAdjustmentTotal).HasPrecision(14, 2);
        builder.Property(r => r.ImportedBy).HasMaxLength(64);
        builder.HasIndex(r => new { r.Sha256, r.Sequence }).IsUnique();
        builder.HasIndex(r => r.ImportedAt);
        builder.HasMany(r => r.Claims).WithOne().HasForeignKey(c => c.RemittanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.ProviderAdjustments).WithOne().HasForeignKey(a => a.RemittanceId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RemittedClaim> builder)
    {
        builder.Property(c => c.PatientControlNumber).HasMaxLength(38);
        builder.Property(c => c.StatusCode).HasMaxLength(2);
        builder.Property(c => c.ChargeAmount).HasPrecision(12, 2);
        builder.Property(c => c.PaidAmount).HasPrecision(12, 2);
        builder.Property(c => c.PatientResponsibility).HasPrecision(12, 2);
        builder.Property(c => c.PayerClaimNumber).HasMaxLength(50);
        builder.Property(c => c.Outcome).HasMaxLength(10);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.PostingKey).HasMaxLength(200);
        builder.HasIndex(c => new { c.RemittanceId, c.Position }).IsUnique();
        builder.HasIndex(c => c.PostingKey).IsUnique();
        builder.HasIndex(c => c.ClaimId);
        builder.HasOne<Claims.Claim>().WithMany().HasForeignKey(c => c.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.RemittedClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_RemittedClaims_Outcome", "\"Outcome\" IN ('Posted','Reversed','Unmatched')"));
    }

    public void Configure(EntityTypeBuilder<RemittedLine> builder)
    {
        builder.Property(l => l.Procedure).HasMaxLength(60);
        builder.Property(l => l.ChargeAmount).HasPrecision(12, 2);
        builder.Property(l => l.PaidAmount).HasPrecision(12, 2);
        builder.Property(l => l.AllowedAmount).HasPrecision(12, 2);
        builder.Property(l => l.Adjustments).HasMaxLength(400);
        builder.Property(l => l.RemarkCodes).HasMaxLength(200);
        builder.HasOne<Claims.ClaimLine>().WithMany().HasForeignKey(l => l.ClaimLineId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<RemittanceProviderAdjustment> builder)
    {
        builder.Property(a => a.ProviderIdentifier).HasMaxLength(50);
        builder.Property(a => a.ReasonCode).HasMaxLength(2);
        builder.Property(a => a.Reference).HasMaxLength(50);
        builder.Property(a => a.Amount).HasPrecision(12, 2);
        builder.ToTable(t => t.HasCheckConstraint("CK_RemittanceProviderAdjustments_Amount", "CAST(\"Amount\" AS NUMERIC) <> 0"));
    }
}
