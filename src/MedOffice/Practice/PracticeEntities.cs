using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Practice;

/// <summary>The practice itself and its office-wide settings.</summary>
public sealed class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? TaxId { get; set; }
    /// <summary>Minutes of inactivity after which a signed-in user is signed out.</summary>
    public int IdleTimeoutMinutes { get; set; } = 15;
    /// <summary>The group NPI claims are billed under (837P billing provider, loop 2010AA).</summary>
    public string? BillingNpi { get; set; }
    public string? BillingTaxonomyCode { get; set; }
    /// <summary>The billing address: a street address (no PO box) with the nine-digit ZIP the claim format requires.</summary>
    public string? BillingAddressLine1 { get; set; }
    public string? BillingCity { get; set; }
    public string? BillingState { get; set; }
    public string? BillingPostalCode { get; set; }
    public string? BillingPhone { get; set; }
}

public sealed class Location
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string AddressLine1 { get; set; }
    public required string City { get; set; }
    public required string State { get; set; }
    public required string PostalCode { get; set; }
    public string? Phone { get; set; }
    /// <summary>IANA time zone (e.g. America/Chicago): local times at this location are shown in it.</summary>
    public required string TimeZoneId { get; set; }
    /// <summary>CMS Place of Service code used on claims for visits here (11 = office).</summary>
    public string PlaceOfServiceCode { get; set; } = "11";
}

public sealed class Provider
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Credentials { get; set; }
    public required string Npi { get; set; }
    public string? TaxonomyCode { get; set; }
    public bool IsActive { get; set; } = true;

    public string FullName => string.IsNullOrEmpty(Credentials) ? $"{FirstName} {LastName}" : $"{FirstName} {LastName}, {Credentials}";
}

public sealed class Room
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public required string Name { get; set; }
}

/// <summary>An insurance payer the office bills, with its X12 payer ID (as the clearinghouse lists it).</summary>
public sealed class Payer
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string PayerIdentifier { get; set; }
    /// <summary>Whether a coverage with this payer must carry a member ID (true for every real insurer; false for e.g. self-pay).</summary>
    public bool RequiresMemberId { get; set; } = true;
    /// <summary>How claims to it are filed (837P SBR09): CI commercial, MB Medicare Part B, MC Medicaid, BL Blue Cross/Blue Shield, HM HMO ...</summary>
    public string ClaimFilingIndicator { get; set; } = "CI";
    public bool IsActive { get; set; } = true;
}

internal sealed class PracticeConfiguration :
    IEntityTypeConfiguration<Organization>, IEntityTypeConfiguration<Location>, IEntityTypeConfiguration<Provider>,
    IEntityTypeConfiguration<Room>, IEntityTypeConfiguration<Payer>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.TaxId).HasMaxLength(20);
        builder.Property(o => o.BillingNpi).HasMaxLength(10);
        builder.Property(o => o.BillingTaxonomyCode).HasMaxLength(10);
        builder.Property(o => o.BillingAddressLine1).HasMaxLength(55);
        builder.Property(o => o.BillingCity).HasMaxLength(30);
        builder.Property(o => o.BillingState).HasMaxLength(2);
        builder.Property(o => o.BillingPostalCode).HasMaxLength(9);
        builder.Property(o => o.BillingPhone).HasMaxLength(20);
        builder.ToTable(t => t.HasCheckConstraint("CK_Organizations_IdleTimeout", "\"IdleTimeoutMinutes\" BETWEEN 1 AND 480"));
    }

    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.AddressLine1).HasMaxLength(200);
        builder.Property(l => l.City).HasMaxLength(100);
        builder.Property(l => l.State).HasMaxLength(2);
        builder.Property(l => l.PostalCode).HasMaxLength(10);
        builder.Property(l => l.Phone).HasMaxLength(20);
        builder.Property(l => l.TimeZoneId).HasMaxLength(64);
        builder.Property(l => l.PlaceOfServiceCode).HasMaxLength(2);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.Property(p => p.FirstName).HasMaxLength(100);
        builder.Property(p => p.LastName).HasMaxLength(100);
        builder.Property(p => p.Credentials).HasMaxLength(20);
        builder.Property(p => p.Npi).HasMaxLength(10);
        builder.Property(p => p.TaxonomyCode).HasMaxLength(10);
        builder.HasIndex(p => p.Npi).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.FullName);
    }

    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Payer> builder)
    {
        builder.Property(p => p.ClaimFilingIndicator).HasMaxLength(2);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.PayerIdentifier).HasMaxLength(80);
        builder.HasIndex(p => p.PayerIdentifier).IsUnique();
    }
}
