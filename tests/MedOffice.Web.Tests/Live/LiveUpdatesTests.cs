using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;

namespace MedOffice.Web.Tests.Live;

public class LiveUpdatesTests
{
    private static readonly object John = new
    {
        LegalFirstName = "Johnathan", LegalLastName = "Liveworth", DateOfBirth = "1975-04-02", SexAtBirth = "M", MobilePhone = "512-555-0177",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_screen_showing_a_patient_hears_when_someone_else_edits_the_record(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var id = await RegisterAsync(desk);
        var watcher = await app.SignedInClientAsync(Roles.Clinician);

        await using var events = await OpenAsync(watcher, $"/live/patients/{id}");
        var edit = await desk.PutAsJsonAsync($"/api/patients/{id}", new
        {
            LegalFirstName = "Johnathan", LegalLastName = "Liveworth", DateOfBirth = "1975-04-02", SexAtBirth = "M", MobilePhone = "512-555-0188",
        });
        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);

        var changed = await events.NextAsync("changed");
        Assert.Contains("demographics", changed, StringComparison.Ordinal);
        Assert.Contains(TestApp.UserFor(Roles.FrontDesk), changed, StringComparison.Ordinal);
        Assert.DoesNotContain("555", changed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_app_nodes_on_one_PostgreSQL_hear_each_others_changes()
    {
        await using var first = await TestApp.StartAsync(DatabaseProvider.Postgres);
        await using var second = await TestApp.StartSecondNodeAsync(first);
        var deskOnFirst = await first.SignedInClientAsync(Roles.FrontDesk);
        var id = await RegisterAsync(deskOnFirst);
        // The clinician signs in on the second node; the data-protection keys in the database make the cookie valid there too.
        var clinicianOnSecond = await second.SignedInClientAsync(Roles.Clinician);

        await using var events = await OpenAsync(clinicianOnSecond, $"/live/patients/{id}");
        var coverage = await deskOnFirst.PostAsJsonAsync($"/api/patients/{id}/coverages", new
        {
            PayerId = first.PayerId, MemberId = "LIV123456", EffectiveOn = "2026-01-01", Priority = 1, SubscriberRelationship = "18",
        });
        Assert.Equal(HttpStatusCode.Created, coverage.StatusCode);

        Assert.Contains("insurance", await events.NextAsync("changed"), StringComparison.Ordinal);
    }

    private static async Task<int> RegisterAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/patients", John);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static async Task<EventStream> OpenAsync(HttpClient client, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("ready", await stream.NextAsync("listening"));
        return stream;
    }

    private sealed record Created(int Id, string Mrn);

    /// <summary>Reads "event:"/"data:" blocks off a text/event-stream response.</summary>
    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        public async Task<string> NextAsync(string eventName)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            string? name = null;
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The event stream ended.");
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal) && name == eventName)
                {
                    return line["data:".Length..].Trim();
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
