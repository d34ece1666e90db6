using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedOffice.Claims;

/// <summary>
/// Collects the clearinghouse's answers every few minutes (<see cref="ClearinghouseOptions.PollInterval"/>; zero turns it
/// off), so acknowledgments reach the worklist without anyone pressing a button. Several nodes may run it: a file two
/// nodes read at once is applied by one (its SHA-256 is unique) and skipped by the other.
/// </summary>
public sealed class ClearinghouseWorker(IServiceScopeFactory scopes, ClearinghouseOptions options, TimeProvider time, ILogger<ClearinghouseWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PollInterval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<ClearinghouseInbox>().CollectAsync(cancellationToken: stoppingToken);
                    foreach (var summary in outcome.Summaries.Where(_ => outcome.Read > 0))
                    {
                        logger.LogInformation("Clearinghouse file {Summary}", summary);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(exception, "Collecting clearinghouse files failed; the next run tries again");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
