using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Patients;

public static class PatientStatuses
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";
    public const string Deceased = "Deceased";
    public static readonly IReadOnlyList<string> All = [Active, Inactive, Deceased];
}

public static class SexesAtBirth
{
    public const string Female = "F";
    public const string Male = "M";
    public const string Unknown = "U";
    public static readonly IReadOnlyList<string> All = [Female, Male, Unknown];
    public static string DisplayName(string code) => code switch { Female => "Female", Male => "Male", _ => "Unknown" };
}

public static class ContactChannels
{
    public const string Phone = "Phone";
    public const string Sms = "Sms";
    public const string Email = "Email";
    public const string Mail = "Mail";
    public static readonly IReadOnlyList<string> All = [Phone, Sms, Email, Mail];
}

public sealed class Patient
{
    public int Id { get; set; }
    /// <summary>Medical record number: 8 digits, the last a Luhn check digit, so a mistyped MRN is caught.</summary>
    public required string Mrn { get; set; }
    public required string LegalFirstName { get; set; }
    public string? LegalMiddleName { get; set; }
    public required string LegalLastName { get; set; }
    public string? Suffix { get; set; }
    public string? PreferredName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public required string SexAtBirth { get; set; }
    public string? GenderIdentity { get; set; }

    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>Phones are stored as their ten NANP digits.</summary>
    public string? MobilePhone { get; set; }
    public string? HomePhone { get; set; }
    public string? WorkPhone { get; set; }
    public string? Email { get; set; }
    public string PreferredLanguage { get; set; } = "English";
    public string PreferredContactChannel { get; set; } = ContactChannels.Phone;
    public bool AllowsSms { get; set; }
    public bool AllowsEmail { get; set; }
    public bool AllowsVoicemail { get; set; }

    public string? EmergencyContactName { get; set; }
    public string? EmergencyContactRelationship { get; set; }
    public string? EmergencyContactPhone { get; set; }

    /// <summary>Who pays the patient's share: the patient (Self) or another person.</summary>
    public string GuarantorRelationship { get; set; } = GuarantorRelationships.Self;
    public string? GuarantorName { get; set; }
    public DateOnly? GuarantorDateOfBirth { get; set; }
    public string? GuarantorPhone { get; set; }
    public string? GuarantorAddress { get; set; }

    public string Status { get; set; } = PatientStatuses.Active;
    public DateOnly? DeceasedOn { get; set; }
    /// <summary>Set on a record merged into another: the survivor now holds everything.</summary>
    public int? MergedIntoPatientId { get; set; }

    // Search keys, kept in step with the names by RefreshSearchKeys; indexed for the one-box search.
    public string LastNameKey { get; set; } = "";
    public string FirstNameKey { get; set; } = "";
    public string LastNameSound { get; set; } = "";
    public string FirstNameSound { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Coverage> Coverages { get; set; } = [];

    public string DisplayName => PreferredName is { Length: > 0 } preferred && preferred != LegalFirstName
        ? $"{LegalLastName}, {LegalFirstName} ({preferred})"
        : $"{LegalLastName}, {LegalFirstName}";

    public void RefreshSearchKeys()
    {
        LastNameKey = NameKeys.Normalize(LegalLastName);
        FirstNameKey = NameKeys.Normalize(LegalFirstName);
        LastNameSound = NameKeys.Soundex(LastNameKey);
        FirstNameSound = NameKeys.Soundex(FirstNameKey);
    }
}

public static class GuarantorRelationships
{
    public const string Self = "Self";
    public const string Parent = "Parent";
    public const string Spouse = "Spouse";
    public const string LegalGuardian = "LegalGuardian";
    public const string Other = "Other";
    public static readonly IReadOnlyList<string> All = [Self, Parent, Spouse, LegalGuardian, Other];
}

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.Mrn).HasMaxLength(8);
        builder.HasIndex(p => p.Mrn).IsUnique();
        builder.Property(p => p.LegalFirstName).HasMaxLength(100);
        builder.Property(p => p.LegalMiddleName).HasMaxLength(100);
        builder.Property(p => p.LegalLastName).HasMaxLength(100);
        builder.Property(p => p.Suffix).HasMaxLength(20);
        builder.Property(p => p.PreferredName).HasMaxLength(100);
        builder.Property(p => p.SexAtBirth).HasMaxLength(1);
        builder.Property(p => p.GenderIdentity).HasMaxLength(64);
        builder.Property(p => p.AddressLine1).HasMaxLength(200);
        builder.Property(p => p.AddressLine2).HasMaxLength(200);
        builder.Property(p => p.City).HasMaxLength(100);
        builder.Property(p => p.State).HasMaxLength(2);
        builder.Property(p => p.PostalCode).HasMaxLength(10);
        builder.Property(p => p.MobilePhone).HasMaxLength(10);
        builder.Property(p => p.HomePhone).HasMaxLength(10);
        builder.Property(p => p.WorkPhone).HasMaxLength(10);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(64);
        builder.Property(p => p.PreferredContactChannel).HasMaxLength(10);
        builder.Property(p => p.EmergencyContactName).HasMaxLength(200);
        builder.Property(p => p.EmergencyContactRelationship).HasMaxLength(64);
        builder.Property(p => p.EmergencyContactPhone).HasMaxLength(10);
        builder.Property(p => p.GuarantorRelationship).HasMaxLength(16);
        builder.Property(p => p.GuarantorName).HasMaxLength(200);
        builder.Property(p => p.GuarantorPhone).HasMaxLength(10);
        builder.Property(p => p.GuarantorAddress).HasMaxLength(300);
        builder.Property(p => p.Status).HasMaxLength(10);
        builder.Property(p => p.LastNameKey).HasMaxLength(100);
        builder.Property(p => p.FirstNameKey).HasMaxLength(100);
        builder.Property(p => p.LastNameSound).HasMaxLength(4);
        builder.Property(p => p.FirstNameSound).HasMaxLength(4);
        builder.Ignore(p => p.DisplayName);

        builder.HasIndex(p => new { p.LastNameSound, p.FirstNameSound });
        builder.HasIndex(p => new { p.FirstNameSound, p.LastNameSound });
        builder.HasIndex(p => new { p.LastNameKey, p.FirstNameKey });
        builder.HasIndex(p => new { p.FirstNameKey, p.LastNameKey });
        builder.HasIndex(p => p.DateOfBirth);
        builder.HasIndex(p => p.MobilePhone);
        builder.HasIndex(p => p.HomePhone);
        builder.HasIndex(p => p.WorkPhone);

        builder.HasOne<Patient>().WithMany().HasForeignKey(p => p.MergedIntoPatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Coverages).WithOne().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Patients_Status", "\"Status\" IN ('Active','Inactive','Deceased')");
            t.HasCheckConstraint("CK_Patients_SexAtBirth", "\"SexAtBirth\" IN ('F','M','U')");
            t.HasCheckConstraint("CK_Patients_Mrn", "length(\"Mrn\") = 8");
        });
    }
}
