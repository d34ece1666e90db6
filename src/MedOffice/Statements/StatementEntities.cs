using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Statements;

/// <summary>
/// The account statements go to: one per guarantor (see <see cref="GuarantorKeys"/> for how patients are grouped). Created
/// the first time a statement is sent to it or its account page is opened (a preview only reads); holds the "do not send" flag the billing office sets.
/// </summary>
public sealed class GuarantorAccount
{
    public int Id { get; set; }
    /// <summary>patient:{id} when the guarantor is a patient of the office, else person:{name tokens}:{date of birth}.</summary>
    public required string GuarantorKey { get; set; }
    public required string Name { get; set; }
    public bool DoNotSend { get; set; }
    public string? DoNotSendReason { get; set; }
    public DateTime? DoNotSendSetAt { get; set; }
    public string? DoNotSendSetBy { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>What the stub and the statement print as the account number.</summary>
    public string Number => AccountNumber(Id);

    public static string AccountNumber(int id) => $"G{id:D6}";
}

/// <summary>The office's statement settings (one row): the message on every statement, the minimum sent, the resend gap.</summary>
public sealed class StatementSettings
{
    public const int DefaultMinimumDue = 5;
    public const int DefaultResendDays = 25;

    public int Id { get; set; }
    public string Message { get; set; } = "";
    public decimal MinimumDue { get; set; } = DefaultMinimumDue;
    public int ResendDays { get; set; } = DefaultResendDays;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>One "generate statements" for a statement date. There is one run per date; running the date again adds to it only what is newly due.</summary>
public sealed class StatementRun
{
    public int Id { get; set; }
    public DateOnly StatementDate { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// A statement as sent: its numbers, its dunning cycle, and the content it printed (JSON) with the instant it was made,
/// so it re-prints byte for byte whatever the ledger says later.
/// </summary>
public sealed class Statement
{
    public int Id { get; set; }
    public int StatementRunId { get; set; }
    public int GuarantorAccountId { get; set; }
    public DateOnly StatementDate { get; set; }
    public decimal AmountDue { get; set; }
    public decimal WithInsurance { get; set; }
    /// <summary>1 first statement, 2 past due (30+ days), 3 second notice (60+), 4 final notice before collections (90+).</summary>
    public int DunningCycle { get; set; }
    public required string ContentJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class StatementConfiguration :
    IEntityTypeConfiguration<GuarantorAccount>, IEntityTypeConfiguration<StatementSettings>, IEntityTypeConfiguration<StatementRun>, IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<GuarantorAccount> builder)
    {
        builder.Property(a => a.GuarantorKey).HasMaxLength(240);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.DoNotSendReason).HasMaxLength(500);
        builder.Property(a => a.DoNotSendSetBy).HasMaxLength(64);
        builder.Ignore(a => a.Number);
        builder.HasIndex(a => a.GuarantorKey).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_GuarantorAccounts_DoNotSendReason", "NOT \"DoNotSend\" OR \"DoNotSendReason\" IS NOT NULL"));
    }

    public void Configure(EntityTypeBuilder<StatementSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Message).HasMaxLength(1000);
        builder.Property(s => s.UpdatedBy).HasMaxLength(64);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_StatementSettings_MinimumDue", "CAST(\"MinimumDue\" AS NUMERIC) >= 0");
            t.HasCheckConstraint("CK_StatementSettings_ResendDays", "\"ResendDays\" >= 0");
        });
    }

    public void Configure(EntityTypeBuilder<StatementRun> builder)
    {
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.HasIndex(r => r.StatementDate).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Statement> builder)
    {
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.HasOne<StatementRun>().WithMany().HasForeignKey(s => s.StatementRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GuarantorAccount>().WithMany().HasForeignKey(s => s.GuarantorAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.GuarantorAccountId, s.StatementDate }).IsUnique();
        builder.HasIndex(s => s.StatementRunId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Statements_AmountDue", "CAST(\"AmountDue\" AS NUMERIC) > 0");
            t.HasCheckConstraint("CK_Statements_DunningCycle", "\"DunningCycle\" BETWEEN 1 AND 4");
        });
    }
}
