using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedOffice.Eligibility;

/// <summary>
/// Looks at the clock every <see cref="EligibilityOptions.TickInterval"/> and, once the office's local hour reaches
/// <see cref="EligibilityOptions.NightlyHour"/>, runs the night's eligibility checks for tomorrow. The run claims its day
/// in the database, so restarts, several ticks and several nodes still ask once. Nothing happens at start-up: the first
/// look is one interval later.
/// </summary>
public sealed class EligibilityWorker(IServiceScopeFactory scopes, EligibilityOptions options, TimeProvider time, ILogger<EligibilityWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.NightlyHour is not { } hour)
        {
            logger.LogInformation("Nightly eligibility checks are off (MEDOFFICE_ELIGIBILITY_NIGHTLY_HOUR=off).");
            return;
        }
        using var timer = new PeriodicTimer(options.TickInterval, time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                await TickAsync(hour, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop the nightly run for good: the next tick tries again.
                logger.LogError(exception, "Nightly eligibility run failed");
            }
        }
    }

    private async Task TickAsync(int hour, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var zone = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(stoppingToken);
        if (zone is null || LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, zone).Hour < hour)
        {
            return;
        }
        var outcome = await scope.ServiceProvider.GetRequiredService<NightlyEligibility>().RunAsync(NightlyEligibility.Nightly, oncePerDay: true, cancellationToken: stoppingToken);
        if (!outcome.AlreadyRan)
        {
            logger.LogInformation("Nightly eligibility: {Summary}", outcome.Summary);
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
