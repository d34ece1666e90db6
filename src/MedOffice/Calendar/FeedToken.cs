using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Calendar;

/// <summary>
/// A secret that lets a phone subscribe to one resource's calendar without signing in. Only its SHA-256 is stored:
/// the token itself is shown once, when made, and a stolen database does not give working feed addresses.
/// </summary>
public sealed class FeedToken
{
    public int Id { get; set; }
    public int ResourceId { get; set; }
    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }
    /// <summary>Whose phone or what for, e.g. "Dr. Alvarez's iPhone".</summary>
    public required string Label { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

internal sealed class FeedTokenConfiguration : IEntityTypeConfiguration<FeedToken>
{
    public void Configure(EntityTypeBuilder<FeedToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Label).HasMaxLength(100);
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.Property(t => t.RevokedBy).HasMaxLength(64);
        builder.HasIndex(t => t.ResourceId);
        builder.HasOne<SchedulableResource>().WithMany().HasForeignKey(t => t.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
