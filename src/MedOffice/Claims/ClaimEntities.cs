using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Claims;

public static class ClaimStatuses
{
    /// <summary>Made from a released charge sheet; the scrubber has not passed it yet (or found errors to fix).</summary>
    public const string Open = "Open";
    /// <summary>Scrubbed clean: goes into the next batch.</summary>
    public const string Ready = "Ready";
    /// <summary>Written into a batch file handed to the clearinghouse.</summary>
    public const string Sent = "Sent";
    /// <summary>The clearinghouse or payer accepted it (999 / 277CA).</summary>
    public const string Accepted = "Accepted";
    /// <summary>Rejected by the 999 or 277CA: in the worklist with the reason, to fix and send again.</summary>
    public const string Rejected = "Rejected";
    /// <summary>Adjudicated (remittance posted): paid, partly paid or denied.</summary>
    public const string Adjudicated = "Adjudicated";
    /// <summary>Withdrawn before it was sent, or voided after.</summary>
    public const string Cancelled = "Cancelled";

    public static readonly IReadOnlyList<string> All = [Open, Ready, Sent, Accepted, Rejected, Adjudicated, Cancelled];
}

/// <summary>Claim frequency (CLM05-3): an original claim, a replacement of one the payer has, or the void of one.</summary>
public static class ClaimFrequencies
{
    public const string Original = "1";
    public const string Replacement = "7";
    public const string Void = "8";
}

/// <summary>
/// One claim to one payer for one charge sheet: frozen when made (lines, amounts, who and what), so what was sent can
/// always be shown. Its status moves with the scrubber, the batch, the acknowledgments and the remittance.
/// </summary>
public sealed class Claim
{
    public int Id { get; set; }
    /// <summary>Patient control number (CLM01): unique, what the payer echoes back in 277CA and 835.</summary>
    public required string ClaimNumber { get; set; }
    public int ChargeSheetId { get; set; }
    public int PatientId { get; set; }
    public int CoverageId { get; set; }
    public int PayerId { get; set; }
    /// <summary>SBR01: P primary, S secondary, T tertiary.</summary>
    public required string PayerSequence { get; set; }
    public string Frequency { get; set; } = ClaimFrequencies.Original;
    /// <summary>For a replacement or void: the claim it corrects.</summary>
    public int? CorrectsClaimId { get; set; }
    /// <summary>The payer's own number for the claim (277CA REF*1K, 835 CLP07), needed to replace or void it.</summary>
    public string? PayerClaimNumber { get; set; }
    public DateOnly DateOfService { get; set; }
    public decimal TotalCharge { get; set; }
    public string Status { get; set; } = ClaimStatuses.Open;
    /// <summary>Why it stands where it stands, in words (the scrubber's first error, the payer's rejection).</summary>
    public string? StatusReason { get; set; }
    public int? BatchId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ClaimLine> Lines { get; set; } = [];
}

public sealed class ClaimLine
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public int LineNumber { get; set; }
    public int ChargeLineId { get; set; }
    public required string ProcedureCode { get; set; }
    /// <summary>Up to four, colon-separated as on the claim (e.g. "25" or "RT:59").</summary>
    public string Modifiers { get; set; } = "";
    public decimal Units { get; set; }
    public decimal Amount { get; set; }
    public required string DiagnosisPointers { get; set; }
}

/// <summary>
/// How a payer adjudicated one claim line: paid, allowed, and the adjustments (group + CARC reason). Entered from a paper
/// EOB by hand or posted from an 835; a secondary claim carries the primary's as its COB loops (2320/2430).
/// </summary>
public sealed class PayerLineAdjudication
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public int ClaimLineId { get; set; }
    public decimal PaidAmount { get; set; }
    public DateOnly AdjudicatedOn { get; set; }
    /// <summary>"Manual" (typed from a paper EOB) or "835".</summary>
    public required string Source { get; set; }
    public List<PayerAdjustment> Adjustments { get; set; } = [];
}

/// <summary>One CAS adjustment: group (CO, PR, OA, PI, CR), reason (CARC), amount and units.</summary>
public sealed class PayerAdjustment
{
    public int Id { get; set; }
    public int PayerLineAdjudicationId { get; set; }
    public required string GroupCode { get; set; }
    public required string ReasonCode { get; set; }
    public decimal Amount { get; set; }
    public decimal? Quantity { get; set; }
}

/// <summary>Every change of a claim's status, with where it came from (scrubber, batch, 999, 277CA, 835, a person).</summary>
public sealed class ClaimEvent
{
    public long Id { get; set; }
    public int ClaimId { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Status { get; set; }
    public required string Source { get; set; }
    public string Detail { get; set; } = "";
}

public static class ClaimBatchStatuses
{
    public const string Sent = "Sent";
    public const string Accepted = "Accepted";
    public const string PartlyAccepted = "PartlyAccepted";
    public const string Rejected = "Rejected";
}

/// <summary>One 837P file: its interchange and group control numbers (unique, never reused), claims and totals.</summary>
public sealed class ClaimBatch
{
    public int Id { get; set; }
    public int InterchangeControlNumber { get; set; }
    public int GroupControlNumber { get; set; }
    public required string FileName { get; set; }
    public int ClaimCount { get; set; }
    public decimal TotalCharge { get; set; }
    public string Status { get; set; } = ClaimBatchStatuses.Sent;
    public string? AcknowledgmentNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>The last control number handed out per kind (ISA13, GS06, ST02 of 837P/270/276): one row each, bumped atomically.</summary>
public sealed class ControlNumber
{
    public required string Kind { get; set; }
    public int LastValue { get; set; }
}

public static class ScrubSeverities
{
    public const string Error = "Error";
    public const string Warning = "Warning";
}

/// <summary>
/// One edit the scrubber runs: a rule kind from the scrubber's vocabulary (see ScrubRuleKinds) with its parameter, for
/// every payer or one. The office adds rows (a payer's timely-filing days, a modifier pair it refuses, a field it
/// requires) without code changes; switching a row off stops that edit.
/// </summary>
public sealed class ScrubRule
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public int? PayerId { get; set; }
    /// <summary>What the kind needs: days, a field name, a pair of modifiers, a list of codes — see the kind's description.</summary>
    public string Parameter { get; set; } = "";
    public string Severity { get; set; } = ScrubSeverities.Error;
    /// <summary>Optional words of the office's own, shown with the finding.</summary>
    public string? Note { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// The clearinghouse the office sends claims through: the ids it gave the office (submitter) and itself (receiver), the
/// contact it calls about a bad file, test or production, and the folders files are exchanged through.
/// </summary>
public sealed class Clearinghouse
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>ISA06 / GS02 / loop 1000A NM109: who we are to the clearinghouse.</summary>
    public required string SubmitterId { get; set; }
    /// <summary>ISA08 / GS03 / loop 1000B NM109.</summary>
    public required string ReceiverId { get; set; }
    public string IdQualifier { get; set; } = "ZZ";
    public required string ContactName { get; set; }
    public required string ContactPhone { get; set; }
    /// <summary>ISA15: T while testing with the clearinghouse, P in production.</summary>
    public string UsageIndicator { get; set; } = "T";
    /// <summary>Where batch files are written for pick-up (an SFTP-synced or mounted folder).</summary>
    public required string OutboundFolder { get; set; }
    /// <summary>Where the clearinghouse drops 999, 277CA, 271, 277 and 835 files for us.</summary>
    public required string InboundFolder { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A file collected from the clearinghouse: read once (its SHA-256 is unique), with what it was and what it changed.</summary>
public sealed class ClearinghouseFile
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>What it is, e.g. "999 Implementation Acknowledgment 005010X231A1"; "unrecognised" when no handler knew it.</summary>
    public required string Kind { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string Summary { get; set; }
}

internal sealed class ClaimsConfiguration :
    IEntityTypeConfiguration<Claim>, IEntityTypeConfiguration<ClaimLine>, IEntityTypeConfiguration<ClaimEvent>,
    IEntityTypeConfiguration<ClaimBatch>, IEntityTypeConfiguration<ControlNumber>, IEntityTypeConfiguration<ScrubRule>,
    IEntityTypeConfiguration<Clearinghouse>, IEntityTypeConfiguration<PayerLineAdjudication>, IEntityTypeConfiguration<PayerAdjustment>,
    IEntityTypeConfiguration<ClearinghouseFile>
{
    public void Configure(EntityTypeBuilder<ClearinghouseFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.Kind).HasMaxLength(100);
        builder.Property(f => f.Summary).HasMaxLength(4000);
        builder.HasIndex(f => f.Sha256).IsUnique();
        builder.HasIndex(f => f.ReceivedAt);
    }

    public void Configure(EntityTypeBuilder<PayerLineAdjudication> builder)
    {
        builder.Property(a => a.PaidAmount).HasPrecision(12, 2);
        builder.Property(a => a.Source).HasMaxLength(10);
        builder.HasIndex(a => a.ClaimLineId).IsUnique();
        builder.HasIndex(a => a.ClaimId);
        builder.HasOne<Claim>().WithMany().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ClaimLine>().WithMany().HasForeignKey(a => a.ClaimLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Adjustments).WithOne().HasForeignKey(x => x.PayerLineAdjudicationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PayerAdjustment> builder)
    {
        builder.Property(a => a.GroupCode).HasMaxLength(2);
        builder.Property(a => a.ReasonCode).HasMaxLength(5);
        builder.Property(a => a.Amount).HasPrecision(12, 2);
        builder.Property(a => a.Quantity).HasPrecision(8, 2);
        builder.ToTable(t => t.HasCheckConstraint("CK_PayerAdjustments_Group", "\"GroupCode\" IN ('CO','PR','OA','PI','CR')"));
    }

    public void Configure(EntityTypeBuilder<Clearinghouse> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.Property(c => c.SubmitterId).HasMaxLength(15);
        builder.Property(c => c.ReceiverId).HasMaxLength(15);
        builder.Property(c => c.IdQualifier).HasMaxLength(2);
        builder.Property(c => c.ContactName).HasMaxLength(60);
        builder.Property(c => c.ContactPhone).HasMaxLength(20);
        builder.Property(c => c.UsageIndicator).HasMaxLength(1);
        builder.Property(c => c.OutboundFolder).HasMaxLength(500);
        builder.Property(c => c.InboundFolder).HasMaxLength(500);
        builder.ToTable(t => t.HasCheckConstraint("CK_Clearinghouses_Usage", "\"UsageIndicator\" IN ('T','P')"));
    }

    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.Property(c => c.ClaimNumber).HasMaxLength(20);
        builder.Property(c => c.PayerSequence).HasMaxLength(1);
        builder.Property(c => c.Frequency).HasMaxLength(1);
        builder.Property(c => c.PayerClaimNumber).HasMaxLength(50);
        builder.Property(c => c.TotalCharge).HasPrecision(12, 2);
        builder.Property(c => c.Status).HasMaxLength(12);
        builder.Property(c => c.StatusReason).HasMaxLength(1000);
        builder.HasIndex(c => c.ClaimNumber).IsUnique();
        builder.HasIndex(c => new { c.Status, c.PayerId });
        builder.HasIndex(c => c.ChargeSheetId);
        builder.HasIndex(c => c.BatchId);
        builder.HasOne<Billing.ChargeSheet>().WithMany().HasForeignKey(c => c.ChargeSheetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patients.Coverage>().WithMany().HasForeignKey(c => c.CoverageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Claim>().WithMany().HasForeignKey(c => c.CorrectsClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClaimBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Claims_Status", "\"Status\" IN ('Open','Ready','Sent','Accepted','Rejected','Adjudicated','Cancelled')");
            t.HasCheckConstraint("CK_Claims_PayerSequence", "\"PayerSequence\" IN ('P','S','T')");
            t.HasCheckConstraint("CK_Claims_Frequency", "\"Frequency\" IN ('1','7','8')");
            t.HasCheckConstraint("CK_Claims_TotalCharge", "CAST(\"TotalCharge\" AS NUMERIC) >= 0");
        });
    }

    public void Configure(EntityTypeBuilder<ClaimLine> builder)
    {
        builder.Property(l => l.ProcedureCode).HasMaxLength(5);
        builder.Property(l => l.Modifiers).HasMaxLength(11);
        builder.Property(l => l.Units).HasPrecision(8, 2);
        builder.Property(l => l.Amount).HasPrecision(12, 2);
        builder.Property(l => l.DiagnosisPointers).HasMaxLength(11);
        builder.HasIndex(l => new { l.ClaimId, l.LineNumber }).IsUnique();
        builder.HasOne<Billing.ChargeLine>().WithMany().HasForeignKey(l => l.ChargeLineId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_ClaimLines_Amount", "CAST(\"Amount\" AS NUMERIC) >= 0"));
    }

    public void Configure(EntityTypeBuilder<ClaimEvent> builder)
    {
        builder.Property(e => e.Status).HasMaxLength(12);
        builder.Property(e => e.Source).HasMaxLength(20);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.ClaimId, e.OccurredAt });
        builder.HasOne<Claim>().WithMany().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ClaimBatch> builder)
    {
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.TotalCharge).HasPrecision(14, 2);
        builder.Property(b => b.Status).HasMaxLength(16);
        builder.Property(b => b.AcknowledgmentNote).HasMaxLength(2000);
        builder.Property(b => b.CreatedBy).HasMaxLength(64);
        builder.HasIndex(b => b.InterchangeControlNumber).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ControlNumber> builder)
    {
        builder.HasKey(c => c.Kind);
        builder.Property(c => c.Kind).HasMaxLength(20);
    }

    public void Configure(EntityTypeBuilder<ScrubRule> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.Parameter).HasMaxLength(400);
        builder.Property(r => r.Severity).HasMaxLength(10);
        builder.Property(r => r.Note).HasMaxLength(400);
        builder.HasOne<Practice.Payer>().WithMany().HasForeignKey(r => r.PayerId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_ScrubRules_Severity", "\"Severity\" IN ('Error','Warning')"));
    }
}
