using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Scheduling;

/// <summary>
/// Fifty desks press "book" on the same slot at once. Whichever app node each request lands on, the database lets exactly
/// one booking in; every other desk hears that the slot was taken, as a ValidationProblem on StartsAt.
/// </summary>
public class TwoProcessBookingTests
{
    private const int Requests = 50;
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Fifty_simultaneous_bookings_of_one_slot_across_two_app_processes_on_PostgreSQL_let_exactly_one_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var db = database.NewContext())
        {
            var accounts = new UserAccounts(db, new AuditTrail(db, TimeProvider.System), TimeProvider.System);
            foreach (var role in new[] { Roles.OfficeManager, Roles.FrontDesk })
            {
                var created = await accounts.CreateAsync(TestApp.UserFor(role), $"Test {role}", Password, [role], Actor.System("test"));
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Message)));
            }
        }
        var target = "postgres:" + database.Options.ConnectionString;
        await using var first = await AppProcess.StartAsync(target);
        await using var second = await AppProcess.StartAsync(target);

        var manager = await first.SignedInClientAsync(TestApp.UserFor(Roles.OfficeManager));
        var desks = new[] { await first.SignedInClientAsync(TestApp.UserFor(Roles.FrontDesk)), await second.SignedInClientAsync(TestApp.UserFor(Roles.FrontDesk)) };
        // These processes run on the real clock: every day is a working day, and the slot is next week.
        var clinic = await PlanningClinic.SetUpAsync(database.NewContext, manager, desks[0], days: Enum.GetNames<DayOfWeek>(), secondProvider: false);
        var patients = new int[Requests];
        for (var i = 0; i < Requests; i++)
        {
            patients[i] = await clinic.RegisterAsync("Racer", $"Number{i:00}");
        }

        var outcomes = await RaceAsync(desks, clinic, patients, NextWeek());

        await AssertOneWinnerAsync(outcomes, database.NewContext);
        // Both processes took part, and each one refused some: the database decided, not one process's memory.
        Assert.Contains(outcomes.Where(o => o.Node == 0), o => o.Status == HttpStatusCode.BadRequest);
        Assert.Contains(outcomes.Where(o => o.Node == 1), o => o.Status == HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fifty_simultaneous_bookings_of_one_slot_on_one_SQLite_app_let_exactly_one_in()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), desk, secondProvider: false);
        var patients = new int[Requests];
        for (var i = 0; i < Requests; i++)
        {
            patients[i] = await clinic.RegisterAsync("Racer", $"Number{i:00}");
        }

        // Tuesday after the test clock's Monday, 09:00 in Chicago.
        var outcomes = await RaceAsync([desk], clinic, patients, "2026-11-24T09:00");

        await AssertOneWinnerAsync(outcomes, app.NewDb);
    }

    private sealed record Outcome(int Node, HttpStatusCode Status, string Body);

    /// <summary>All requests built first, then released together; request i goes to node i mod the number of nodes.</summary>
    private static async Task<List<Outcome>> RaceAsync(HttpClient[] nodes, PlanningClinic clinic, int[] patients, string localStart)
    {
        // Bodies are built first, so the requests leave as close together as the machine allows once the gate opens.
        var bodies = patients.Select(patientId => JsonContent.Create(clinic.FollowUp(patientId, localStart))).ToList();
        foreach (var body in bodies)
        {
            await body.LoadIntoBufferAsync();
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = bodies.Select((body, i) => Task.Run(async () =>
        {
            await gate.Task;
            var node = i % nodes.Length;
            using var response = await nodes[node].PostAsync("/api/schedule/appointments", body);
            return new Outcome(node, response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        gate.SetResult();
        var outcomes = (await Task.WhenAll(tasks)).ToList();
        bodies.ForEach(b => b.Dispose());
        return outcomes;
    }

    private static async Task AssertOneWinnerAsync(List<Outcome> outcomes, Func<MedOfficeDb> newDb)
    {
        var summary = string.Join(Environment.NewLine, outcomes.Where(o => o.Status is not (HttpStatusCode.Created or HttpStatusCode.BadRequest))
            .Select(o => $"node {o.Node}: {(int)o.Status} {o.Body}"));
        Assert.True(outcomes.Count(o => o.Status == HttpStatusCode.Created) == 1, $"expected one 201; {outcomes.Count(o => o.Status == HttpStatusCode.Created)}{Environment.NewLine}{summary}");
        Assert.True(outcomes.Count(o => o.Status == HttpStatusCode.BadRequest) == Requests - 1, summary);
        foreach (var refused in outcomes.Where(o => o.Status == HttpStatusCode.BadRequest))
        {
            using var problem = System.Text.Json.JsonDocument.Parse(refused.Body);
            var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.True(fields is ["StartsAt"], $"node {refused.Node}: {refused.Body}");
        }
        await using var db = newDb();
        Assert.Equal(1, await db.Appointments.CountAsync());
        Assert.Equal(2, await db.ResourceBookings.CountAsync(b => b.IsActive));
    }

    /// <summary>A week from now, 10:00 in Chicago, as the app's clock (the real one) will see it.</summary>
    private static string NextWeek()
    {
        var chicago = MedOffice.Scheduling.LocalTimes.ToLocal(TimeProvider.System.GetUtcNow().UtcDateTime, "America/Chicago");
        return DateOnly.FromDateTime(chicago).AddDays(7).ToDateTime(new TimeOnly(10, 0)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The built office executable (medoffice.dll beside the tests) serving one database on a free loopback port.
    /// Disposing kills it (and anything it started), whether the test passed or not.
    /// </summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly List<HttpClient> _clients = [];

        private AppProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<AppProcess> StartAsync(string database)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "medoffice.dll"), "serve", "--database", database, "--urls", $"http://127.0.0.1:{port}",
            })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["MEDOFFICE_DATA"] = Path.Combine(Path.GetTempPath(), "medoffice-tests", Guid.NewGuid().ToString("N"));
            start.Environment.Remove("MEDOFFICE_DATABASE");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var process = Process.Start(start)!;
            var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => app.Append(e.Data);
            process.ErrorDataReceived += (_, e) => app.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await app.WaitForHealthAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
            return app;
        }

        /// <summary>
        /// A client holding this process's session. The session cookie is always Secure, which a cookie container will not
        /// send over plain http to 127.0.0.1, so the cookie header is kept by hand.
        /// </summary>
        public async Task<HttpClient> SignedInClientAsync(string userName)
        {
            var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
            _clients.Add(client);
            var response = await client.PostAsJsonAsync("/api/session", new { UserName = userName, Password });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
            return client;
        }

        private async Task WaitForHealthAsync()
        {
            using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"medoffice serve exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
                }
                try
                {
                    if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                await Task.Delay(200);
            }
            Assert.Fail($"medoffice serve did not answer /health within a minute:{Environment.NewLine}{Output}");
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but not yet reaped: nothing more to do from here.
            }
            _process.Dispose();
        }
    }
}
