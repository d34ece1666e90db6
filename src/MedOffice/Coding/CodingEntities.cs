using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Coding;

/// <summary>One ICD-10-CM code of one fiscal year's code set (CMS order file): headers are kept, marked not billable.</summary>
public sealed class DiagnosisCode
{
    public long Id { get; set; }
    public int FiscalYear { get; set; }
    /// <summary>Stored without the dot (E1122).</summary>
    public required string Code { get; set; }
    public bool IsBillable { get; set; }
    public required string ShortDescription { get; set; }
    public required string LongDescription { get; set; }
}

/// <summary>
/// A procedure code the office bills: HCPCS Level II from the CMS file, or CPT as the office loads or types it (no AMA
/// text ships with MedOffice). Codes dropped by a later HCPCS file stay, inactive, so old charges still read.
/// </summary>
public sealed class BillingCode
{
    public int Id { get; set; }
    public required string CodeSystem { get; set; }
    public required string Code { get; set; }
    public required string ShortDescription { get; set; }
    public required string LongDescription { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A procedure modifier (HCPCS file, or typed by the office for CPT modifiers such as 25 or 59).</summary>
public sealed class BillingModifier
{
    public required string Code { get; set; }
    public required string Description { get; set; }
    public required string Source { get; set; }
}

/// <summary>A CMS Place of Service code (11 office, 02 telehealth ...).</summary>
public sealed class PlaceOfService
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

public static class CodeKinds
{
    public const string Icd10Cm = "ICD10CM";
    public const string Hcpcs = "HCPCS";
    public const string Cpt = "CPT";
    public const string PlaceOfService = "POS";
}

/// <summary>A provider's favourite codes, shown first when they search and when the search box is empty.</summary>
public sealed class CodeFavorite
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    /// <summary><see cref="CodeKinds.Icd10Cm"/> for diagnoses; <see cref="CodeKinds.Cpt"/>/<see cref="CodeKinds.Hcpcs"/> for procedures.</summary>
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>One import of a code file: what, which version, how many rows, when and by whom. The latest id tells caches to reload.</summary>
public sealed class CodeSetImport
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>Fiscal year for ICD-10-CM; calendar year of the release for HCPCS; null when the file does not say.</summary>
    public int? Version { get; set; }
    public required string FileName { get; set; }
    public int Rows { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}

internal sealed class CodingConfiguration :
    IEntityTypeConfiguration<DiagnosisCode>, IEntityTypeConfiguration<BillingCode>, IEntityTypeConfiguration<BillingModifier>,
    IEntityTypeConfiguration<PlaceOfService>, IEntityTypeConfiguration<CodeFavorite>, IEntityTypeConfiguration<CodeSetImport>
{
    public void Configure(EntityTypeBuilder<DiagnosisCode> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(7);
        builder.Property(c => c.ShortDescription).HasMaxLength(100);
        builder.Property(c => c.LongDescription).HasMaxLength(400);
        builder.HasIndex(c => new { c.FiscalYear, c.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<BillingCode> builder)
    {
        builder.Property(c => c.CodeSystem).HasMaxLength(5);
        builder.Property(c => c.Code).HasMaxLength(5);
        builder.Property(c => c.ShortDescription).HasMaxLength(100);
        builder.Property(c => c.LongDescription).HasMaxLength(2000);
        builder.HasIndex(c => c.Code).IsUnique();
    }

    public void Configure(EntityTypeBuilder<BillingModifier> builder)
    {
        builder.HasKey(m => m.Code);
        builder.Property(m => m.Code).HasMaxLength(2);
        builder.Property(m => m.Description).HasMaxLength(400);
        builder.Property(m => m.Source).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<PlaceOfService> builder)
    {
        builder.ToTable("PlacesOfService");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(2);
        builder.Property(p => p.Name).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<CodeFavorite> builder)
    {
        builder.Property(f => f.Kind).HasMaxLength(10);
        builder.Property(f => f.Code).HasMaxLength(7);
        builder.HasIndex(f => new { f.ProviderId, f.Kind, f.Code }).IsUnique();
        builder.HasOne<Practice.Provider>().WithMany().HasForeignKey(f => f.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CodeSetImport> builder)
    {
        builder.Property(i => i.Kind).HasMaxLength(10);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.ImportedBy).HasMaxLength(100);
    }
}
