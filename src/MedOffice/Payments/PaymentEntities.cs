using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Payments;

public static class PaymentMethods
{
    public const string Cash = "Cash";
    public const string Check = "Check";
    public const string Card = "Card";
    public const string Other = "Other";
    public static readonly IReadOnlyList<string> All = [Cash, Check, Card, Other];
}

/// <summary>Where the money came in: at the desk before or after the visit, by post, or over the phone.</summary>
public static class PaymentContexts
{
    public const string CheckIn = "CheckIn";
    public const string CheckOut = "CheckOut";
    public const string Mail = "Mail";
    public const string Phone = "Phone";
    public static readonly IReadOnlyList<string> All = [CheckIn, CheckOut, Mail, Phone];

    public static string DisplayName(string context) => context switch
    {
        CheckIn => "At check-in",
        CheckOut => "At check-out",
        Mail => "By mail",
        Phone => "By phone",
        _ => context,
    };
}

/// <summary>
/// Money a patient (or guarantor) handed over: one receipt. Its ledger entries (PatientPayment, linked by PaymentId) say
/// where it went; the row itself is what the drawer and the deposit count. DepositId is set when the day it belongs to is closed.
/// </summary>
public sealed class Payment
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int LocationId { get; set; }
    public decimal Amount { get; set; }
    public required string Method { get; set; }
    /// <summary>Check number, or card last four and authorization code. Never a card number.</summary>
    public string? Reference { get; set; }
    public required string Context { get; set; }
    public int? AppointmentId { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>The local date at the location the money counts for (the drawer's day).</summary>
    public DateOnly BusinessDate { get; set; }
    public required string ReceivedBy { get; set; }
    /// <summary>Sequential over the office; printed as R-000042.</summary>
    public int ReceiptNumber { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>SHA-256 of what was asked, so a retried key with a different request is told apart from a true retry.</summary>
    public required string RequestHash { get; set; }
    public int? DepositId { get; set; }

    public string ReceiptLabel => FormatReceipt(ReceiptNumber);

    public static string FormatReceipt(int number) => $"R-{number:D6}";
}

/// <summary>Unapplied credit paid back to the patient. Needs no approval; it is audited and shows on the day-close report.</summary>
public sealed class Refund
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int LocationId { get; set; }
    public decimal Amount { get; set; }
    public required string Method { get; set; }
    public string? Reference { get; set; }
    public required string Reason { get; set; }
    public DateTime RefundedAt { get; set; }
    public DateOnly BusinessDate { get; set; }
    public required string RefundedBy { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public int? DepositId { get; set; }
}

public static class PlanIntervals
{
    public const string Monthly = "Monthly";
    public const string EveryTwoWeeks = "EveryTwoWeeks";
    public static readonly IReadOnlyList<string> All = [Monthly, EveryTwoWeeks];
    public static string DisplayName(string interval) => interval == EveryTwoWeeks ? "every 2 weeks" : "monthly";
}

public static class PlanStatuses
{
    public const string Active = "Active";
    public const string Cancelled = "Cancelled";
}

/// <summary>An agreed schedule of instalments for a patient balance. Which instalments are paid is worked out from the payments.</summary>
public sealed class PaymentPlan
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public decimal Amount { get; set; }
    public required string Interval { get; set; }
    public DateOnly FirstDueOn { get; set; }
    public string Status { get; set; } = PlanStatuses.Active;
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }
    public List<PlanInstallment> Installments { get; set; } = [];
}

public sealed class PlanInstallment
{
    public int Id { get; set; }
    public int PaymentPlanId { get; set; }
    public int Number { get; set; }
    public DateOnly DueOn { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>A closed day at a location: the slip taken to the bank, what was entered as deposited, and what the report expected.</summary>
public sealed class Deposit
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public DateOnly BusinessDate { get; set; }
    public required string SlipNumber { get; set; }
    public decimal DepositedAmount { get; set; }
    public decimal ExpectedAmount { get; set; }
    public DateTime ClosedAt { get; set; }
    public required string ClosedBy { get; set; }
}

internal sealed class PaymentConfiguration :
    IEntityTypeConfiguration<Payment>, IEntityTypeConfiguration<Refund>, IEntityTypeConfiguration<PaymentPlan>,
    IEntityTypeConfiguration<PlanInstallment>, IEntityTypeConfiguration<Deposit>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Method).HasMaxLength(10);
        builder.Property(p => p.Reference).HasMaxLength(40);
        builder.Property(p => p.Context).HasMaxLength(10);
        builder.Property(p => p.ReceivedBy).HasMaxLength(64);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.Property(p => p.RequestHash).HasMaxLength(64);
        builder.Ignore(p => p.ReceiptLabel);
        builder.HasIndex(p => p.IdempotencyKey).IsUnique();
        builder.HasIndex(p => p.ReceiptNumber).IsUnique();
        builder.HasIndex(p => new { p.PatientId, p.ReceivedAt });
        builder.HasIndex(p => new { p.LocationId, p.BusinessDate });
        builder.HasIndex(p => p.DepositId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(p => p.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Deposit>().WithMany().HasForeignKey(p => p.DepositId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Payments_Amount", "CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_Payments_Method", "\"Method\" IN ('Cash','Check','Card','Other')");
            t.HasCheckConstraint("CK_Payments_Context", "\"Context\" IN ('CheckIn','CheckOut','Mail','Phone')");
        });
    }

    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Reference).HasMaxLength(40);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RefundedBy).HasMaxLength(64);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.HasIndex(r => r.PatientId);
        builder.HasIndex(r => new { r.LocationId, r.BusinessDate });
        builder.HasIndex(r => r.DepositId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Deposit>().WithMany().HasForeignKey(r => r.DepositId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Refunds_Amount", "CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_Refunds_Method", "\"Method\" IN ('Cash','Check','Card','Other')");
        });
    }

    public void Configure(EntityTypeBuilder<PaymentPlan> builder)
    {
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Interval).HasMaxLength(16);
        builder.Property(p => p.Status).HasMaxLength(10);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.CancelledBy).HasMaxLength(64);
        builder.HasIndex(p => p.PatientId);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Installments).WithOne().HasForeignKey(i => i.PaymentPlanId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_PaymentPlans_Amount", "CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_PaymentPlans_Status", "\"Status\" IN ('Active','Cancelled')");
        });
    }

    public void Configure(EntityTypeBuilder<PlanInstallment> builder)
    {
        builder.ToTable("PaymentPlanInstallments", t => t.HasCheckConstraint("CK_PaymentPlanInstallments_Amount", "CAST(\"Amount\" AS NUMERIC) > 0"));
        builder.Property(i => i.Amount).HasPrecision(12, 2);
        builder.HasIndex(i => new { i.PaymentPlanId, i.Number }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Deposit> builder)
    {
        builder.Property(d => d.SlipNumber).HasMaxLength(40);
        builder.Property(d => d.DepositedAmount).HasPrecision(14, 2);
        builder.Property(d => d.ExpectedAmount).HasPrecision(14, 2);
        builder.Property(d => d.ClosedBy).HasMaxLength(64);
        builder.HasIndex(d => new { d.LocationId, d.BusinessDate }).IsUnique();
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(d => d.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}
