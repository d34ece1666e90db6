using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedOffice.Reminders;

/// <summary>
/// Every <see cref="ReminderOptions.WorkerInterval"/>: writes due reminders into the outbox, then sends what is due.
/// Off when no sender is configured. Every node may run it: scheduling and claiming are safe to run concurrently.
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, ReminderOptions options, TimeProvider time, ILogger<ReminderWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.WorkerEnabled)
        {
            logger.LogInformation("Appointment reminders are off: no SMTP host or SMS gateway is configured.");
            return;
        }
        using var timer = new PeriodicTimer(options.WorkerInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup must not stop reminders for good: the next tick tries again.
                logger.LogError(exception, "Reminder run failed");
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
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

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var scheduled = await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().RunAsync(stoppingToken);
        var processed = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().RunAsync(stoppingToken);
        if (scheduled.Enqueued + processed.Claimed > 0)
        {
            logger.LogInformation("Reminders: {Enqueued} enqueued, {Cancelled} cancelled; {Sent} sent, {Retrying} to retry, {Failed} failed",
                scheduled.Enqueued, scheduled.Cancelled + processed.Cancelled, processed.Sent, processed.Retrying, processed.Failed);
        }
    }
}
