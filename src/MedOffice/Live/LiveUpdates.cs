using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MedOffice.Live;

/// <summary>A change other screens should see at once: which thing (topic) and a short, PHI-free description.</summary>
public sealed record LiveUpdate(string Topic, string Data);

/// <summary>
/// Tells every open screen about changes as they happen (they reach browsers as Server-Sent Events). One office node
/// on SQLite delivers in process; several nodes on one PostgreSQL deliver to each other through LISTEN/NOTIFY.
/// </summary>
public interface ILiveUpdates
{
    Task PublishAsync(LiveUpdate update, CancellationToken cancellationToken = default);

    IAsyncEnumerable<LiveUpdate> SubscribeAsync(string topic, CancellationToken cancellationToken);
}

/// <summary>Delivery to the subscribers of this process. Slow subscribers lose their oldest updates, never block publishers.</summary>
public class InProcessLiveUpdates : ILiveUpdates
{
    private readonly ConcurrentDictionary<Guid, (string Topic, Channel<LiveUpdate> Channel)> _subscribers = new();

    public virtual Task PublishAsync(LiveUpdate update, CancellationToken cancellationToken = default)
    {
        Deliver(update);
        return Task.CompletedTask;
    }

    /// <summary>Hands an update to this process's subscribers of its topic.</summary>
    protected void Deliver(LiveUpdate update)
    {
        foreach (var (topic, channel) in _subscribers.Values)
        {
            if (topic == update.Topic)
            {
                channel.Writer.TryWrite(update);
            }
        }
    }

    public async IAsyncEnumerable<LiveUpdate> SubscribeAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = (topic, channel);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var update))
                {
                    yield return update;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    public static string PatientTopic(int patientId) => $"patient:{patientId}";
}
