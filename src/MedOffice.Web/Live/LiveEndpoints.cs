using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MedOffice.Live;
using MedOffice.Security;

namespace MedOffice.Web.Live;

public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        // Server-Sent Events: the patient page listens here and tells the user when someone else changes the record.
        app.MapGet("/live/patients/{id:int}", (int id, ILiveUpdates live, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Events(live, InProcessLiveUpdates.PatientTopic(id), cancellationToken)))
            .RequireAuthorization(Policies.PatientsRead);
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(ILiveUpdates live, string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A first comment-like event makes proxies and the browser open the stream at once.
        yield return new SseItem<string>("ready", "listening");
        await foreach (var update in live.SubscribeAsync(topic, cancellationToken))
        {
            yield return new SseItem<string>(update.Data, "changed");
        }
    }
}
