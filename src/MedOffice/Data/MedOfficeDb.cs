using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Data;

public sealed class MedOfficeDb(DbContextOptions<MedOfficeDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Payer> Payers => Set<Payer>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Coverage> Coverages => Set<Coverage>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<SchedulableResource> SchedulableResources => Set<SchedulableResource>();
    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();
    public DbSet<ScheduleBlock> ScheduleBlocks => Set<ScheduleBlock>();
    public DbSet<AppointmentType> AppointmentTypes => Set<AppointmentType>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<ResourceBooking> ResourceBookings => Set<ResourceBooking>();
    public DbSet<AppointmentChange> AppointmentChanges => Set<AppointmentChange>();
    public DbSet<AppointmentSeries> AppointmentSeries => Set<AppointmentSeries>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<FrontDesk.VisitLog> VisitLogs => Set<FrontDesk.VisitLog>();
    public DbSet<FrontDesk.ConsentRecord> ConsentRecords => Set<FrontDesk.ConsentRecord>();
    public DbSet<Meetings.StaffMeeting> StaffMeetings => Set<Meetings.StaffMeeting>();
    public DbSet<Meetings.StaffMeetingAttendee> StaffMeetingAttendees => Set<Meetings.StaffMeetingAttendee>();
    public DbSet<Meetings.StaffMeetingBlock> StaffMeetingBlocks => Set<Meetings.StaffMeetingBlock>();
    public DbSet<Calendar.FeedToken> FeedTokens => Set<Calendar.FeedToken>();
    public DbSet<Reminders.ReminderRule> ReminderRules => Set<Reminders.ReminderRule>();
    public DbSet<Reminders.OutboxMessage> OutboxMessages => Set<Reminders.OutboxMessage>();
    public DbSet<Reminders.ReminderLink> ReminderLinks => Set<Reminders.ReminderLink>();
    public DbSet<Coding.DiagnosisCode> DiagnosisCodes => Set<Coding.DiagnosisCode>();
    public DbSet<Coding.BillingCode> BillingCodes => Set<Coding.BillingCode>();
    public DbSet<Coding.BillingModifier> BillingModifiers => Set<Coding.BillingModifier>();
    public DbSet<Coding.PlaceOfService> PlacesOfService => Set<Coding.PlaceOfService>();
    public DbSet<Coding.CodeFavorite> CodeFavorites => Set<Coding.CodeFavorite>();
    public DbSet<Coding.CodeSetImport> CodeSetImports => Set<Coding.CodeSetImport>();
    public DbSet<Billing.FeeSchedule> FeeSchedules => Set<Billing.FeeSchedule>();
    public DbSet<Billing.FeeScheduleEntry> FeeScheduleEntries => Set<Billing.FeeScheduleEntry>();
    public DbSet<Billing.SuperbillItem> SuperbillItems => Set<Billing.SuperbillItem>();
    public DbSet<Billing.ChargeSheet> ChargeSheets => Set<Billing.ChargeSheet>();
    public DbSet<Billing.ChargeDiagnosis> ChargeDiagnoses => Set<Billing.ChargeDiagnosis>();
    public DbSet<Billing.ChargeLine> ChargeLines => Set<Billing.ChargeLine>();
    public DbSet<Claims.Claim> Claims => Set<Claims.Claim>();
    public DbSet<Claims.ClaimLine> ClaimLines => Set<Claims.ClaimLine>();
    public DbSet<Claims.ClaimEvent> ClaimEvents => Set<Claims.ClaimEvent>();
    public DbSet<Claims.ClaimBatch> ClaimBatches => Set<Claims.ClaimBatch>();
    public DbSet<Claims.ControlNumber> ControlNumbers => Set<Claims.ControlNumber>();
    public DbSet<Claims.ScrubRule> ScrubRules => Set<Claims.ScrubRule>();
    public DbSet<Claims.Clearinghouse> Clearinghouses => Set<Claims.Clearinghouse>();
    public DbSet<Claims.PayerLineAdjudication> PayerLineAdjudications => Set<Claims.PayerLineAdjudication>();
    public DbSet<Claims.PayerAdjustment> PayerAdjustments => Set<Claims.PayerAdjustment>();
    public DbSet<Claims.ClearinghouseFile> ClearinghouseFiles => Set<Claims.ClearinghouseFile>();
    public DbSet<Eligibility.EligibilityCheck> EligibilityChecks => Set<Eligibility.EligibilityCheck>();
    public DbSet<Eligibility.EligibilityRun> EligibilityRuns => Set<Eligibility.EligibilityRun>();
    public DbSet<Ledger.LedgerEntry> LedgerEntries => Set<Ledger.LedgerEntry>();
    public DbSet<Remittance.ReceivedRemittance> Remittances => Set<Remittance.ReceivedRemittance>();
    public DbSet<Remittance.RemittedClaim> RemittedClaims => Set<Remittance.RemittedClaim>();
    public DbSet<Remittance.RemittedLine> RemittedLines => Set<Remittance.RemittedLine>();
    public DbSet<Remittance.RemittanceProviderAdjustment> RemittanceProviderAdjustments => Set<Remittance.RemittanceProviderAdjustment>();
    public DbSet<Payments.Payment> Payments => Set<Payments.Payment>();
    public DbSet<Payments.Refund> Refunds => Set<Payments.Refund>();
    public DbSet<Payments.PaymentPlan> PaymentPlans => Set<Payments.PaymentPlan>();
    public DbSet<Payments.PlanInstallment> PlanInstallments => Set<Payments.PlanInstallment>();
    public DbSet<Payments.Deposit> Deposits => Set<Payments.Deposit>();
    public DbSet<Statements.GuarantorAccount> GuarantorAccounts => Set<Statements.GuarantorAccount>();
    public DbSet<Statements.StatementSettings> StatementSettings => Set<Statements.StatementSettings>();
    public DbSet<Statements.StatementRun> StatementRuns => Set<Statements.StatementRun>();
    public DbSet<Statements.Statement> Statements => Set<Statements.Statement>();
    public DbSet<Invoices.Invoice> Invoices => Set<Invoices.Invoice>();
    public DbSet<Invoices.InvoiceLine> InvoiceLines => Set<Invoices.InvoiceLine>();
    public DbSet<Invoices.InvoicePayment> InvoicePayments => Set<Invoices.InvoicePayment>();
    public DbSet<Receivables.WriteOffRequest> WriteOffRequests => Set<Receivables.WriteOffRequest>();
    public DbSet<Receivables.CollectionsReferral> CollectionsReferrals => Set<Receivables.CollectionsReferral>();
    /// <summary>Keys protecting session cookies and antiforgery tokens, shared by every app node on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MedOfficeDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC on both providers; SQLite hands them back unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    // Local times are converted; unspecified ones are taken as UTC already (never shifted by the server's own zone).
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
