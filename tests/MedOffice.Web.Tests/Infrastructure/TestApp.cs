using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Infrastructure;

/// <summary>
/// The real office host on a fresh database: over an in-process test server (HTTP tests) or on Kestrel at a free
/// loopback port (browser tests). Comes with a practice, two payers and one signed-up user per role.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Password = "correct-horse-battery";
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    private TestApp(TestDatabase database, bool ownsDatabase, WebApplication app, TestClock clock, bool kestrel)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        App = app;
        Clock = clock;
        BaseAddress = kestrel
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost"))
            : new Uri("https://localhost/");
    }

    public WebApplication App { get; }
    public TestClock Clock { get; }
    public Uri BaseAddress { get; }
    public DatabaseProvider Provider => _database.Provider;
    public int PayerId { get; private set; }
    public int PayerWithoutMemberIdId { get; private set; }

    public static async Task<TestApp> StartAsync(DatabaseProvider provider, bool kestrel = false, bool withUsers = true) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), ownsDatabase: true, kestrel, withUsers);

    /// <summary>A second app node on the same database as <paramref name="first"/> (as two servers behind one load balancer).</summary>
    public static async Task<TestApp> StartSecondNodeAsync(TestApp first)
    {
        var node = await StartAsync(first._database, ownsDatabase: false, kestrel: false, withUsers: false);
        node.PayerId = first.PayerId;
        node.PayerWithoutMemberIdId = first.PayerWithoutMemberIdId;
        return node;
    }

    private static async Task<TestApp> StartAsync(TestDatabase database, bool ownsDatabase, bool kestrel, bool withUsers)
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        var settings = new MedOfficeSettings(database.DataDirectory, database.Options, kestrel ? "http://127.0.0.1:0" : "http://localhost", Demo: false);
        var app = MedOfficeApp.Create(settings, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            if (!kestrel)
            {
                builder.WebHost.UseTestServer();
            }
        });
        await MedOfficeApp.PrepareDatabaseAsync(app, demo: false);
        await app.StartAsync();
        var testApp = new TestApp(database, ownsDatabase, app, clock, kestrel);
        if (withUsers)
        {
            await testApp.SeedAsync();
        }
        return testApp;
    }

    /// <summary>The user name of the seeded user holding exactly this role.</summary>
    public static string UserFor(string role) => role.ToLowerInvariant();

    public MedOfficeDb NewDb() => _database.NewContext();

    /// <summary>An HTTP client with its own cookie jar (in-process server only).</summary>
    public HttpClient NewClient()
    {
        var handler = new CookieHandler(App.GetTestServer().CreateHandler());
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/session", new { UserName = UserFor(role), Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        db.Organizations.Add(new Organization { Name = "Test Family Practice" });
        var payer = new Payer { Name = "Acme Health", PayerIdentifier = "ACME1" };
        var selfPay = new Payer { Name = "County Indigent Program", PayerIdentifier = "COUNTY", RequiresMemberId = false };
        db.Payers.AddRange(payer, selfPay);
        await db.SaveChangesAsync();
        PayerId = payer.Id;
        PayerWithoutMemberIdId = selfPay.Id;
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        foreach (var role in Roles.All)
        {
            var created = await accounts.CreateAsync(UserFor(role), $"Test {role}", Password, [role], Actor.System("test"));
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Keeps cookies like a browser would, including Secure ones (the test server speaks https).</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = _cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(uri, cookie);
                }
            }
            return response;
        }
    }
}
