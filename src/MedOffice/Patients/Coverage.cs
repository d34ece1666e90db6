using MedOffice.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Patients;

/// <summary>X12 individual relationship codes (SBR02 / PAT01) for the subscriber's relation to the patient.</summary>
public static class SubscriberRelationships
{
    public const string Self = "18";
    public const string Spouse = "01";
    public const string Child = "19";
    public const string Employee = "20";
    public const string LifePartner = "53";
    public const string Other = "G8";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Self] = "Self",
        [Spouse] = "Spouse",
        [Child] = "Child",
        [Employee] = "Employee",
        [LifePartner] = "Life partner",
        [Other] = "Other relationship",
    };
}

public static class CoveragePriorities
{
    public const int Primary = 1;
    public const int Secondary = 2;
    public const int Tertiary = 3;
    public static string Name(int priority) => priority switch { 1 => "Primary", 2 => "Secondary", 3 => "Tertiary", _ => $"#{priority}" };
}

public sealed class Coverage
{
    public int Id { get; set; }
    public int PatientId { get; set; }
    public int PayerId { get; set; }
    public Payer? Payer { get; set; }
    public string? PlanName { get; set; }
    public string? MemberId { get; set; }
    /// <summary>Member ID upper-cased without spaces or dashes, for search.</summary>
    public string? MemberIdKey { get; set; }
    public string? GroupNumber { get; set; }
    public int Priority { get; set; } = CoveragePriorities.Primary;
    public string SubscriberRelationship { get; set; } = SubscriberRelationships.Self;
    public required string SubscriberFirstName { get; set; }
    public required string SubscriberLastName { get; set; }
    public DateOnly SubscriberDateOfBirth { get; set; }
    public required string SubscriberSex { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public decimal? Copay { get; set; }
    public int? CardFrontFileId { get; set; }
    public int? CardBackFileId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsActiveOn(DateOnly day) => EffectiveOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary><see cref="IsActiveOn"/> for queries: the database filters, not the caller.</summary>
    public static System.Linq.Expressions.Expression<Func<Coverage, bool>> ActiveOn(DateOnly day) =>
        c => c.EffectiveOn <= day && (c.EndsOn == null || c.EndsOn >= day);

    public static string? KeyOf(string? memberId) =>
        string.IsNullOrWhiteSpace(memberId) ? null : new string(memberId.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}

public static class CoverageQueries
{
    /// <summary>
    /// The coverage of this priority in force on the day — the one claims go to and fees are priced for. When two overlap
    /// (a new card entered before the old one was ended), the one that started last wins.
    /// </summary>
    public static Task<Coverage?> InForceAsync(this IQueryable<Coverage> coverages, int patientId, int priority, DateOnly day,
        CancellationToken cancellationToken = default) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            coverages.Where(c => c.PatientId == patientId && c.Priority == priority).Where(Coverage.ActiveOn(day))
                .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.Id),
            cancellationToken);

    /// <summary><see cref="InForceAsync"/> over coverages already read (the same choice, for a batch read once).</summary>
    public static Coverage? InForce(this IEnumerable<Coverage> coverages, int patientId, int priority, DateOnly day) =>
        coverages.Where(c => c.PatientId == patientId && c.Priority == priority && c.IsActiveOn(day))
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.Id).FirstOrDefault();
}

/// <summary>A file kept on disk under the data directory (insurance card images now; scans and documents later).</summary>
public sealed class StoredFile
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>Path relative to the files directory.</summary>
    public required string RelativePath { get; set; }
    public int? PatientId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class CoverageConfiguration : IEntityTypeConfiguration<Coverage>, IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<Coverage> builder)
    {
        builder.Property(c => c.PlanName).HasMaxLength(200);
        builder.Property(c => c.MemberId).HasMaxLength(80);
        builder.Property(c => c.MemberIdKey).HasMaxLength(80);
        builder.Property(c => c.GroupNumber).HasMaxLength(50);
        builder.Property(c => c.SubscriberRelationship).HasMaxLength(2);
        builder.Property(c => c.SubscriberFirstName).HasMaxLength(100);
        builder.Property(c => c.SubscriberLastName).HasMaxLength(100);
        builder.Property(c => c.SubscriberSex).HasMaxLength(1);
        builder.HasIndex(c => c.MemberIdKey);
        builder.HasOne(c => c.Payer).WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.CardFrontFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.CardBackFileId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Coverages_Priority", "\"Priority\" BETWEEN 1 AND 3");
            t.HasCheckConstraint("CK_Coverages_Copay", "\"Copay\" IS NULL OR \"Copay\" >= 0");
            t.HasCheckConstraint("CK_Coverages_Dates", "\"EndsOn\" IS NULL OR \"EndsOn\" >= \"EffectiveOn\"");
        });
    }

    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.RelativePath).HasMaxLength(400);
        builder.HasOne<Patient>().WithMany().HasForeignKey(f => f.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
