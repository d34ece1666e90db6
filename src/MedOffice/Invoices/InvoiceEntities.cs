using MedOffice.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Invoices;

public static class InvoiceStatuses
{
    public const string Open = "Open";
    public const string Paid = "Paid";
    public const string Void = "Void";
    public static readonly IReadOnlyList<string> All = [Open, Paid, Void];
}

/// <summary>The desk's methods (PaymentMethods) plus ACH, which organisations pay by and patients at the desk do not.</summary>
public static class InvoicePaymentMethods
{
    public const string Check = PaymentMethods.Check;
    public const string Ach = "ACH";
    public const string Cash = PaymentMethods.Cash;
    public const string Card = PaymentMethods.Card;
    public const string Other = PaymentMethods.Other;
    public static readonly IReadOnlyList<string> All = [Check, Ach, Cash, Card, Other];
}

/// <summary>
/// A bill to an organisation or person who is not a patient's account (an employer, a lawyer, a school, another office).
/// Not on the patients' ledger: its balance is its lines less its payments.
/// </summary>
public sealed class Invoice
{
    public int Id { get; set; }
    public required string BillToName { get; set; }
    public string? BillToAddress { get; set; }
    public string? BillToContact { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public string Status { get; set; } = InvoiceStatuses.Open;
    public string? Notes { get; set; }
    public string? VoidReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<InvoiceLine> Lines { get; set; } = [];
    public List<InvoicePayment> Payments { get; set; } = [];

    public string Number => InvoiceNumber(Id);
    public decimal Total => Lines.Sum(l => l.Amount);
    public decimal Paid => Payments.Sum(p => p.Amount);
    public decimal Balance => Total - Paid;

    public static string InvoiceNumber(int id) => $"INV-{id:D6}";
}

/// <summary>One line: quantity × unit price, rounded to the cent. A line may name a patient, with the consent to disclose noted.</summary>
public sealed class InvoiceLine
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public int LineNumber { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
    public int? PatientId { get; set; }
    public string? PatientConsent { get; set; }
}

/// <summary>Money received against an invoice. Only a reference (check number, last four digits...) — never a card number.</summary>
public sealed class InvoicePayment
{
    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public decimal Amount { get; set; }
    public required string Method { get; set; }
    public string? Reference { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

internal sealed class InvoiceConfiguration :
    IEntityTypeConfiguration<Invoice>, IEntityTypeConfiguration<InvoiceLine>, IEntityTypeConfiguration<InvoicePayment>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.BillToName).HasMaxLength(200);
        builder.Property(i => i.BillToAddress).HasMaxLength(500);
        builder.Property(i => i.BillToContact).HasMaxLength(200);
        builder.Property(i => i.Status).HasMaxLength(8);
        builder.Property(i => i.Notes).HasMaxLength(1000);
        builder.Property(i => i.VoidReason).HasMaxLength(500);
        builder.Property(i => i.CreatedBy).HasMaxLength(64);
        builder.Ignore(i => i.Number);
        builder.Ignore(i => i.Total);
        builder.Ignore(i => i.Paid);
        builder.Ignore(i => i.Balance);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.Status, i.DueOn });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Invoices_Status", "\"Status\" IN ('Open','Paid','Void')");
            t.HasCheckConstraint("CK_Invoices_DueOn", "\"DueOn\" >= \"IssuedOn\"");
        });
    }

    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.Description).HasMaxLength(300);
        builder.Property(l => l.PatientConsent).HasMaxLength(300);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.InvoiceId, l.LineNumber }).IsUnique();
        builder.HasIndex(l => l.PatientId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_InvoiceLines_Quantity", "CAST(\"Quantity\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_InvoiceLines_UnitPrice", "CAST(\"UnitPrice\" AS NUMERIC) >= 0");
            t.HasCheckConstraint("CK_InvoiceLines_Consent", "\"PatientId\" IS NULL OR \"PatientConsent\" IS NOT NULL");
        });
    }

    public void Configure(EntityTypeBuilder<InvoicePayment> builder)
    {
        builder.Property(p => p.Method).HasMaxLength(8);
        builder.Property(p => p.Reference).HasMaxLength(64);
        builder.Property(p => p.RecordedBy).HasMaxLength(64);
        builder.HasIndex(p => p.InvoiceId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_InvoicePayments_Amount", "CAST(\"Amount\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_InvoicePayments_Method", "\"Method\" IN ('Check','ACH','Cash','Card','Other')");
        });
    }
}
