using MedOffice.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MedOffice.Live;

/// <summary>
/// Live updates shared by every node on one PostgreSQL: publishing is a NOTIFY, and each node LISTENs on one dedicated
/// connection and hands what it hears to its own subscribers (its own publications included).
/// </summary>
public sealed class PostgresLiveUpdates(DatabaseOptions database, ILogger<PostgresLiveUpdates> logger) : InProcessLiveUpdates, IHostedService
{
    private const string Channel = "medoffice_live";
    private readonly CancellationTokenSource _stopping = new();
    private Task? _listening;
    private readonly TaskCompletionSource _listeningStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task PublishAsync(LiveUpdate update, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", update.Topic + "\n" + update.Data);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            // The change itself is saved; only the live notice is lost, and screens show it on their next load.
            logger.LogWarning(exception, "Could not publish live update {Topic}", update.Topic);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        // Start-up waits until this node hears NOTIFYs, so nothing published after start is missed.
        await _listeningStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_listening is not null)
        {
            await _listening.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) =>
                {
                    var split = e.Payload.IndexOf('\n');
                    if (split > 0)
                    {
                        Deliver(new LiveUpdate(e.Payload[..split], e.Payload[(split + 1)..]));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }
                _listeningStarted.TrySetResult();
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                // The database went away: updates pause (screens still work by reloading) and resume on reconnect.
                logger.LogWarning(exception, "Live updates lost their PostgreSQL connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
