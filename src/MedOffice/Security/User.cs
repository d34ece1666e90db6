using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Security;

public sealed class User
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    /// <summary>Lower-cased user name: user names are unique regardless of case.</summary>
    public required string NormalizedUserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    /// <summary>Changes whenever the password or roles change, which signs out the user's other sessions.</summary>
    public required string SecurityStamp { get; set; }
    public bool IsActive { get; set; } = true;
    public int FailedSignInCount { get; set; }
    public DateTime? LockedOutUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Where meeting invitations go; optional, and unique regardless of case when present.</summary>
    public string? Email { get; set; }
    /// <summary>Lower-cased <see cref="Email"/>, which the unique index is on.</summary>
    public string? NormalizedEmail { get; set; }
    /// <summary>
    /// The provider calendar (a <see cref="Scheduling.SchedulableResource"/> of kind Provider) that is this user, if the
    /// user sees patients: a meeting that invites the user blocks that calendar. At most one user per provider.
    /// </summary>
    public int? ProviderResourceId { get; set; }
    public List<UserRole> Roles { get; set; } = [];
}

public sealed class UserRole
{
    public int UserId { get; set; }
    public required string Role { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(64);
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(128);
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(254);
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.HasIndex(u => u.ProviderResourceId).IsUnique();
        builder.HasOne<Scheduling.SchedulableResource>().WithMany().HasForeignKey(u => u.ProviderResourceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> builder)
    {
        builder.HasKey(r => new { r.UserId, r.Role });
        builder.Property(r => r.Role).HasMaxLength(32);
        builder.ToTable(t => t.HasCheckConstraint("CK_UserRoles_Role",
            "\"Role\" IN ('FrontDesk','Clinician','Biller','OfficeManager','Administrator')"));
    }
}
