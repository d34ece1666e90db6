using System.Data.Common;
using MedOffice.Patients;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Data;

public static class DataServices
{
    /// <summary>Registers the DbContext for the chosen provider and the feature services that use it.</summary>
    public static IServiceCollection AddMedOffice(this IServiceCollection services, DatabaseOptions database, string dataDirectory)
    {
        services.AddSingleton(database);
        services.AddSingleton(new DataDirectory(dataDirectory));
        services.AddDbContext<MedOfficeDb>(options => Configure(options, database));
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditReport>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<PatientRegistry>();
        services.AddScoped<PatientSearch>();
        services.AddScoped<FileStore>();
        services.AddScoped<Demo.DemoPractice>();
        services.AddSingleton<Scheduling.LocationCalendarCache>();
        services.AddScoped<Scheduling.Availability>();
        services.AddScoped<Scheduling.BookingService>();
        services.AddScoped<Scheduling.SeriesService>();
        services.AddScoped<Scheduling.WaitlistService>();
        services.AddScoped<Scheduling.OpeningFinder>();
        services.AddScoped<FrontDesk.FrontDeskService>();
        services.AddScoped<FrontDesk.WaitingTimes>();
        services.AddSingleton<Coding.DiagnosisIndexCache>();
        services.AddScoped<Coding.DiagnosisCodes>();
        services.AddScoped<Coding.ProcedureCodes>();
        services.AddScoped<Coding.CodeSetImporter>();
        services.AddScoped<Claims.ClaimMaker>();
        services.AddScoped<Claims.Scrubber>();
        services.AddScoped<Claims.ClaimBatches>();
        services.AddScoped<Claims.ClaimsSetup>();
        services.AddScoped<Claims.ClaimQueries>();
        services.AddScoped<Claims.ClearinghouseInbox>();
        services.AddScoped<Claims.IInboundFileHandler, Claims.ImplementationAcknowledgmentHandler>();
        services.AddScoped<Claims.IInboundFileHandler, Claims.ClaimAcknowledgmentHandler>();
        services.AddScoped<Claims.IInboundFileHandler, Claims.ClaimStatusHandler>();
        services.AddScoped<Claims.IInboundFileHandler, Eligibility.EligibilityResponseHandler>();
        services.AddScoped<Claims.ClaimStatusInquiries>();
        services.AddSingleton(sp => Eligibility.EligibilityOptions.FromConfiguration(sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton(sp => Claims.ClearinghouseOptions.FromConfiguration(sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddScoped<Claims.OutboundFiles>();
        services.AddScoped<Eligibility.EligibilityRequests>();
        services.AddScoped<Eligibility.EligibilityQueries>();
        services.AddScoped<Eligibility.NightlyEligibility>();
        services.AddHostedService<Eligibility.EligibilityWorker>();
        services.AddScoped<Ledger.PatientLedger>();
        services.AddScoped<Remittance.RemittancePosting>();
        services.AddScoped<Remittance.RemittanceImport>();
        services.AddScoped<Remittance.RemittanceQueries>();
        services.AddScoped<Payments.PatientPayments>();
        services.AddScoped<Payments.PatientAccounts>();
        services.AddScoped<Payments.PaymentPlans>();
        services.AddScoped<Payments.DayClose>();
        services.AddScoped<Receivables.AgingQueries>();
        services.AddScoped<Receivables.WriteOffs>();
        services.AddScoped<Receivables.Collections>();
        services.AddScoped<Claims.IInboundFileHandler, Remittance.RemittanceFileHandler>();
        services.AddScoped<Billing.FeeSchedules>();
        services.AddScoped<Billing.Superbills>();
        services.AddScoped<Billing.ChargeRules>();
        services.AddScoped<Billing.ChargeEntry>();
        services.AddScoped<Billing.ChargeQueries>();
        services.AddScoped<Meetings.MeetingService>();
        services.AddScoped<Meetings.MeetingInvitations>();
        services.AddScoped<Calendar.CalendarFeeds>();
        services.AddScoped<DaySheets.DaySheets>();
        services.AddScoped<Statements.Guarantors>();
        services.AddScoped<Statements.StatementBuilder>();
        services.AddScoped<Statements.StatementRuns>();
        services.AddScoped<Invoices.InvoiceBook>();
        services.AddSingleton(sp => Reminders.ReminderOptions.FromConfiguration(sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton(sp => Reminders.MessageSenders.FromOptions(sp.GetRequiredService<Reminders.ReminderOptions>()));
        services.AddScoped<Reminders.ReminderScheduler>();
        services.AddScoped<Reminders.OutboxProcessor>();
        services.AddScoped<Reminders.ReminderLinks>();
        services.AddHostedService<Reminders.ReminderWorker>();
        services.AddHostedService<Claims.ClearinghouseWorker>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<Live.PostgresLiveUpdates>();
            services.AddSingleton<Live.ILiveUpdates>(sp => sp.GetRequiredService<Live.PostgresLiveUpdates>());
            services.AddHostedService(sp => sp.GetRequiredService<Live.PostgresLiveUpdates>());
        }
        else
        {
            services.AddSingleton<Live.ILiveUpdates, Live.InProcessLiveUpdates>();
        }
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(database.ConnectionString);
            options.AddInterceptors(SqliteDurability.Instance);
        }
        else
        {
            options.UseNpgsql(database.ConnectionString);
        }
    }

    public static MedOfficeDb CreateContext(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<MedOfficeDb>();
        Configure(builder, database);
        return new MedOfficeDb(builder.Options);
    }
}

/// <summary>The directory holding the SQLite file (by default) and stored files such as card images.</summary>
public sealed record DataDirectory(string Path)
{
    public string FilesPath => System.IO.Path.Combine(Path, "files");
}

/// <summary>synchronous=FULL is per connection in SQLite: set it on every open so a committed visit survives power loss.</summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}
