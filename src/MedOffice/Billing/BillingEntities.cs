using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Billing;

/// <summary>
/// A price list: the office's standard fees (no payer) or one payer's, effective from a date until the next one of the
/// same kind starts (or its own end date). The fee for a service on a date comes from the payer's schedule in force then,
/// else the office's.
/// </summary>
public sealed class FeeSchedule
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? PayerId { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    public List<FeeScheduleEntry> Entries { get; set; } = [];
}

/// <summary>The fee for one code (optionally with one modifier, e.g. 26 for the professional part) and what the payer is expected to allow.</summary>
public sealed class FeeScheduleEntry
{
    public int Id { get; set; }
    public int FeeScheduleId { get; set; }
    public required string ProcedureCode { get; set; }
    /// <summary>Empty when the fee holds for the code without a pricing modifier.</summary>
    public string Modifier { get; set; } = "";
    public decimal Fee { get; set; }
    public decimal? ExpectedAllowed { get; set; }
}

/// <summary>The superbill of a visit type: the codes usually billed for it, offered ticked on charge entry.</summary>
public sealed class SuperbillItem
{
    public int Id { get; set; }
    public int AppointmentTypeId { get; set; }
    public required string ProcedureCode { get; set; }
    public string Modifier { get; set; } = "";
    public decimal Units { get; set; } = 1;
    public int SortOrder { get; set; }
}

public static class ChargeSheetStatuses
{
    /// <summary>Being entered or reviewed: lines may change.</summary>
    public const string Draft = "Draft";
    /// <summary>Released to billing: frozen. Corrected only by voiding (and, if needed, a replacement sheet).</summary>
    public const string Released = "Released";
    public const string Voided = "Voided";
}

/// <summary>
/// The charges of one visit: diagnoses (up to 12, in claim order), service lines, who rendered and who referred, where.
/// Entered as a draft, reviewed, released to billing; a released sheet is never edited — it is voided and replaced.
/// </summary>
public sealed class ChargeSheet
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int? AppointmentId { get; set; }
    public int LocationId { get; set; }
    public DateOnly DateOfService { get; set; }
    /// <summary>The Practice.Provider who rendered the service (billing NPI comes from the organization).</summary>
    public int RenderingProviderId { get; set; }
    /// <summary>An outside referring physician (claim loop 2310A), when the payer needs one.</summary>
    public string? ReferringProviderFirstName { get; set; }
    public string? ReferringProviderLastName { get; set; }
    public string? ReferringProviderNpi { get; set; }
    public required string PlaceOfServiceCode { get; set; }
    public string Status { get; set; } = ChargeSheetStatuses.Draft;
    /// <summary>The sheet this one replaces (after a void), so the claim goes out as a replacement (frequency 7).</summary>
    public int? ReplacesChargeSheetId { get; set; }
    public string? VoidReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public DateTime? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
    public List<ChargeDiagnosis> Diagnoses { get; set; } = [];
    public List<ChargeLine> Lines { get; set; } = [];

    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>A diagnosis on the sheet; Sequence 1–12 is its place on the claim (1 is the principal diagnosis).</summary>
public sealed class ChargeDiagnosis
{
    public int Id { get; set; }
    public int ChargeSheetId { get; set; }
    public int Sequence { get; set; }
    /// <summary>ICD-10-CM without the dot.</summary>
    public required string Code { get; set; }
}

/// <summary>One service: procedure code, up to four modifiers, units, the charge, and which diagnoses (1–4 pointers) it treats.</summary>
public sealed class ChargeLine
{
    public int Id { get; set; }
    public int ChargeSheetId { get; set; }
    public int LineNumber { get; set; }
    public required string ProcedureCode { get; set; }
    public string Modifier1 { get; set; } = "";
    public string Modifier2 { get; set; } = "";
    public string Modifier3 { get; set; } = "";
    public string Modifier4 { get; set; } = "";
    public decimal Units { get; set; } = 1;
    /// <summary>The line's charge (fee × units unless the biller changed it).</summary>
    public decimal Amount { get; set; }
    /// <summary>Diagnosis pointers as claim sequences, e.g. "1,3" (one to four).</summary>
    public required string DiagnosisPointers { get; set; }

    public IEnumerable<string> Modifiers => new[] { Modifier1, Modifier2, Modifier3, Modifier4 }.Where(m => m.Length > 0);

    /// <summary>The pointers as numbers (0 for a part that is not one; a saved sheet has none such).</summary>
    public IReadOnlyList<int> Pointers => ReadPointers(DiagnosisPointers).Select(p => p.Number ?? 0).ToList();

    /// <summary>
    /// The one reading of pointers, as typed or stored: "1,3", "1 3" or "1;3", each part with its number (null when it is not one).
    /// </summary>
    public static IEnumerable<(string Text, int? Number)> ReadPointers(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (p, int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null));
}

internal sealed class BillingConfiguration :
    IEntityTypeConfiguration<FeeSchedule>, IEntityTypeConfiguration<FeeScheduleEntry>, IEntityTypeConfiguration<SuperbillItem>,
    IEntityTypeConfiguration<ChargeSheet>, IEntityTypeConfiguration<ChargeDiagnosis>, IEntityTypeConfiguration<ChargeLine>
{
    public void Configure(EntityTypeBuilder<FeeSchedule> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.HasOne<Practice.Payer>().WithMany().HasForeignKey(f => f.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Entries).WithOne().HasForeignKey(e => e.FeeScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PayerId, f.EffectiveFrom });
        builder.ToTable(t => t.HasCheckConstraint("CK_FeeSchedules_Dates", "\"EffectiveTo\" IS NULL OR \"EffectiveTo\" >= \"EffectiveFrom\""));
    }

    public void Configure(EntityTypeBuilder<FeeScheduleEntry> builder)
    {
        builder.Property(e => e.ProcedureCode).HasMaxLength(5);
        builder.Property(e => e.Modifier).HasMaxLength(2);
        builder.Property(e => e.Fee).HasPrecision(12, 2);
        builder.Property(e => e.ExpectedAllowed).HasPrecision(12, 2);
        builder.HasIndex(e => new { e.FeeScheduleId, e.ProcedureCode, e.Modifier }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_FeeScheduleEntries_Fee", Money("Fee") + " >= 0"));
    }

    public void Configure(EntityTypeBuilder<SuperbillItem> builder)
    {
        builder.Property(s => s.ProcedureCode).HasMaxLength(5);
        builder.Property(s => s.Modifier).HasMaxLength(2);
        builder.Property(s => s.Units).HasPrecision(8, 2);
        builder.HasOne<Scheduling.AppointmentType>().WithMany().HasForeignKey(s => s.AppointmentTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AppointmentTypeId, s.ProcedureCode, s.Modifier }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ChargeSheet> builder)
    {
        builder.Property(c => c.ReferringProviderFirstName).HasMaxLength(35);
        builder.Property(c => c.ReferringProviderLastName).HasMaxLength(60);
        builder.Property(c => c.ReferringProviderNpi).HasMaxLength(10);
        builder.Property(c => c.PlaceOfServiceCode).HasMaxLength(2);
        builder.Property(c => c.Status).HasMaxLength(10);
        builder.Property(c => c.VoidReason).HasMaxLength(500);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.ReleasedBy).HasMaxLength(64);
        builder.Property(c => c.VoidedBy).HasMaxLength(64);
        builder.Ignore(c => c.Total);
        builder.HasOne<Patients.Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Location>().WithMany().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practice.Provider>().WithMany().HasForeignKey(c => c.RenderingProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ChargeSheet>().WithMany().HasForeignKey(c => c.ReplacesChargeSheetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Diagnoses).WithOne().HasForeignKey(d => d.ChargeSheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ChargeSheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PatientId, c.DateOfService });
        builder.HasIndex(c => new { c.Status, c.DateOfService });
        builder.HasIndex(c => c.AppointmentId);
        builder.ToTable(t => t.HasCheckConstraint("CK_ChargeSheets_Status", "\"Status\" IN ('Draft', 'Released', 'Voided')"));
    }

    public void Configure(EntityTypeBuilder<ChargeDiagnosis> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(7);
        builder.HasIndex(d => new { d.ChargeSheetId, d.Sequence }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_ChargeDiagnoses_Sequence", "\"Sequence\" BETWEEN 1 AND 12"));
    }

    public void Configure(EntityTypeBuilder<ChargeLine> builder)
    {
        builder.Property(l => l.ProcedureCode).HasMaxLength(5);
        builder.Property(l => l.Modifier1).HasMaxLength(2);
        builder.Property(l => l.Modifier2).HasMaxLength(2);
        builder.Property(l => l.Modifier3).HasMaxLength(2);
        builder.Property(l => l.Modifier4).HasMaxLength(2);
        builder.Property(l => l.Units).HasPrecision(8, 2);
        builder.Property(l => l.Amount).HasPrecision(12, 2);
        builder.Property(l => l.DiagnosisPointers).HasMaxLength(11);
        builder.Ignore(l => l.Modifiers);
        builder.Ignore(l => l.Pointers);
        builder.HasIndex(l => new { l.ChargeSheetId, l.LineNumber }).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ChargeLines_Amount", Money("Amount") + " >= 0");
            t.HasCheckConstraint("CK_ChargeLines_Units", Money("Units") + " > 0");
        });
    }

    // SQLite stores decimals as text: compare them as numbers.
    internal static string Money(string column) => $"CAST(\"{column}\" AS NUMERIC)";
}
