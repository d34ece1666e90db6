using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Ledger;

/// <summary>What a ledger entry records.</summary>
public static class LedgerKinds
{
    /// <summary>A released charge line entering the account (positive).</summary>
    public const string Charge = "Charge";
    /// <summary>What a payer paid on a line (negative: it lowers what insurance owes).</summary>
    public const string InsurancePayment = "InsurancePayment";
    /// <summary>CO/PI/CR: the part of the charge above what the payer allows — written off by contract.</summary>
    public const string ContractualAdjustment = "ContractualAdjustment";
    /// <summary>OA and other payer adjustments the office does not bill anyone for.</summary>
    public const string OtherAdjustment = "OtherAdjustment";
    /// <summary>PR: one of a pair moving an amount from the insurance side to the patient side.</summary>
    public const string TransferToPatient = "TransferToPatient";
    /// <summary>Undoes one earlier entry (the payer reversed its claim): the same amount with the opposite sign.</summary>
    public const string Reversal = "Reversal";

    /// <summary>Money the patient or guarantor paid (negative, patient side): on a line, or unapplied credit when ChargeLineId is null.</summary>
    public const string PatientPayment = "PatientPayment";
    /// <summary>One of a pair moving unapplied credit (ChargeLineId null) onto a line; the pair sums to zero.</summary>
    public const string CreditApplication = "CreditApplication";
    /// <summary>Credit paid back to the patient (positive, patient side, no line): it uses up unapplied credit.</summary>
    public const string Refund = "Refund";
    /// <summary>An approved write-off of what is owed on a line (negative; insurance or patient side).</summary>
    public const string WriteOff = "WriteOff";

    public static readonly IReadOnlyList<string> All =
        [Charge, InsurancePayment, ContractualAdjustment, OtherAdjustment, TransferToPatient, Reversal, PatientPayment, CreditApplication, Refund, WriteOff];
}

/// <summary>Who an entry's amount is owed by: insurance (a claim is out) or the patient.</summary>
public static class LedgerSides
{
    public const string Insurance = "Insurance";
    public const string Patient = "Patient";
}

/// <summary>
/// One line of a patient's account: append-only, never updated or deleted. Balances are sums of entries (signed: positive
/// is owed to the office). Every entry carries an idempotency key unique in the database, so a retried posting adds nothing.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public int PatientId { get; set; }
    /// <summary>The service the money belongs to; null for money not applied to a service (e.g. provider-level, later unapplied credit).</summary>
    public int? ChargeLineId { get; set; }
    public int? ClaimId { get; set; }
    public int? PayerId { get; set; }
    public required string Kind { get; set; }
    public required string Side { get; set; }
    public decimal Amount { get; set; }
    /// <summary>CAS group and CARC reason for an adjustment or transfer from a remittance.</summary>
    public string? GroupCode { get; set; }
    public string? ReasonCode { get; set; }
    public int? RemittanceId { get; set; }
    public long? ReversesEntryId { get; set; }
    /// <summary>The patient payment this entry spends (PatientPayment entries, on a line or as unapplied credit).</summary>
    public int? PaymentId { get; set; }
    public required string IdempotencyKey { get; set; }
    public DateTime PostedAt { get; set; }
    public required string PostedBy { get; set; }
    public int? WriteOffRequestId { get; set; }
}

internal sealed class LedgerConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(24);
        builder.Property(e => e.Side).HasMaxLength(10);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.GroupCode).HasMaxLength(2);
        builder.Property(e => e.ReasonCode).HasMaxLength(5);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.PostedBy).HasMaxLength(64);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        // Most entries have no reversed entry, payment or write-off request: those indexes hold only the ones that do (0020).
        builder.HasIndex(e => e.ReversesEntryId).IsUnique().HasFilter("\"ReversesEntryId\" IS NOT NULL");
        builder.HasIndex(e => new { e.PatientId, e.ChargeLineId });
        builder.HasIndex(e => e.ClaimId);
        builder.HasIndex(e => e.RemittanceId);
        builder.HasIndex(e => e.PaymentId).HasFilter("\"PaymentId\" IS NOT NULL");
        builder.HasIndex(e => e.WriteOffRequestId).HasFilter("\"WriteOffRequestId\" IS NOT NULL");
        builder.HasOne<Payments.Payment>().WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Billing.ChargeLine>().WithMany().HasForeignKey(e => e.ChargeLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Claims.Claim>().WithMany().HasForeignKey(e => e.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Payer>().WithMany().HasForeignKey(e => e.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Remittance.ReceivedRemittance>().WithMany().HasForeignKey(e => e.RemittanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Receivables.WriteOffRequest>().WithMany().HasForeignKey(e => e.WriteOffRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_LedgerEntries_Kind", "\"Kind\" IN ('Charge','InsurancePayment','ContractualAdjustment','OtherAdjustment','TransferToPatient','Reversal','PatientPayment','CreditApplication','Refund','WriteOff')");
            t.HasCheckConstraint("CK_LedgerEntries_Side", "\"Side\" IN ('Insurance','Patient')");
            t.HasCheckConstraint("CK_LedgerEntries_Amount", "CAST(\"Amount\" AS NUMERIC) <> 0");
            t.HasCheckConstraint("CK_LedgerEntries_ChargePositive", "\"Kind\" <> 'Charge' OR CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_LedgerEntries_Reversal", "(\"Kind\" = 'Reversal') = (\"ReversesEntryId\" IS NOT NULL)");
        });
    }
}
