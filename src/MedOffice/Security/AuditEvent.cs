using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Security;

/// <summary>One append-only row of the audit trail (HIPAA 164.312(b)). Rows are chained by SHA-256.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public int? PatientId { get; set; }
    public required string Action { get; set; }
    public required string Category { get; set; }
    public required string SourceAddress { get; set; }
    public required string Outcome { get; set; }
    public required string Detail { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>What was done. Stored as text so the trail reads plainly in any SQL tool.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Read = "read";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Print = "print";
    public const string Export = "export";
    public const string Query = "query";
    public const string Merge = "merge";
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string PasswordChange = "password-change";
    public const string RoleChange = "role-change";
    public const string UserCreate = "user-create";

    public static readonly IReadOnlyList<string> All =
        [Create, Read, Update, Delete, Print, Export, Query, Merge, SignIn, SignOut, PasswordChange, RoleChange, UserCreate];
}

/// <summary>Which kind of data an event touched.</summary>
public static class AuditCategories
{
    public const string Demographics = "demographics";
    public const string Insurance = "insurance";
    public const string Schedule = "schedule";
    public const string Security = "security";
    public const string Audit = "audit";
    public const string Practice = "practice";
    public const string Billing = "billing";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(32);
        builder.Property(a => a.Category).HasMaxLength(32);
        builder.Property(a => a.SourceAddress).HasMaxLength(64);
        builder.Property(a => a.Outcome).HasMaxLength(16);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.PatientId, a.OccurredAt });
        builder.HasIndex(a => new { a.UserId, a.OccurredAt });
        // No foreign keys: the trail must outlive (and never block) changes to users and patients.
    }
}
