using MedOffice.Data;
using MedOffice.Demo;
using MedOffice.Security;
using MedOffice.Web.Claims;
using MedOffice.Web.Remittance;
using MedOffice.Web.Coding;
using MedOffice.Web.Components;
using MedOffice.Web.Patients;
using MedOffice.Web.Live;
using MedOffice.Web.Practice;
using MedOffice.Web.Scheduling;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;

namespace MedOffice.Web;

/// <summary>Builds the office's web host. Program uses it to serve; tests use it with a test server or Kestrel on a free port.</summary>
public static class MedOfficeApp
{
    public static WebApplication Create(MedOfficeSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        Directory.CreateDirectory(settings.DataDirectory);
        // Session cookies and antiforgery tokens survive restarts and work on every node: the keys live in the database.
        builder.Services.AddDataProtection().PersistKeysToDbContext<MedOfficeDb>().SetApplicationName("MedOffice");

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMedOffice(settings.Database, settings.DataDirectory);
        builder.Services.AddMedOfficeSecurity();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(options =>
        {
            // Secure whenever the request is HTTPS; the session cookie itself is always Secure (browsers allow that on localhost).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = true);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().RequireAuthorization();
        app.MapSecurityEndpoints();
        app.MapPatientEndpoints();
        app.MapPracticeEndpoints();
        app.MapCodingEndpoints();
        app.MapClaimEndpoints();
        app.MapRemittanceEndpoints();
        app.MapSchedulingEndpoints();
        app.MapLiveEndpoints();
        MedOffice.Web.FrontDesk.FrontDeskEndpoints.MapFrontDeskEndpoints(app);
        MedOffice.Web.Reminders.ReminderEndpoints.MapReminderEndpoints(app);
        MedOffice.Web.Calendar.CalendarEndpoints.MapCalendarEndpoints(app);
        MedOffice.Web.Meetings.MeetingEndpoints.MapMeetingEndpoints(app);
        MedOffice.Web.Feeds.FeedEndpoints.MapFeedEndpoints(app);
        MedOffice.Web.DaySheets.DaySheetEndpoints.MapDaySheetEndpoints(app);
        MedOffice.Web.Billing.ChargeEndpoints.MapChargeEndpoints(app);
        MedOffice.Web.Eligibility.EligibilityEndpoints.MapEligibilityEndpoints(app);
        MedOffice.Web.Payments.PaymentEndpoints.MapPaymentEndpoints(app);
        MedOffice.Web.Statements.StatementEndpoints.MapStatementEndpoints(app);
        MedOffice.Web.Invoices.InvoiceEndpoints.MapInvoiceEndpoints(app);
        MedOffice.Web.Receivables.ReceivablesEndpoints.MapReceivablesEndpoints(app);
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Migrates the database and, when asked, loads the demo practice into an empty one.</summary>
    public static async Task<DemoUsers?> PrepareDatabaseAsync(WebApplication app, bool demo, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        await SchemaMigrator.MigrateAsync(db, cancellationToken: cancellationToken);
        return demo ? await scope.ServiceProvider.GetRequiredService<DemoPractice>().LoadIfEmptyAsync(cancellationToken) : null;
    }
}
