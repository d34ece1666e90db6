using System.Net;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Reminders;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Reminders;

public class SmsSenderTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_text_goes_through_the_carriers_email_gateway(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider, o => o with { SmsEmailDomain = "txt.example.net" });
        var patient = await clinic.PatientAsync("Cy", "Texter", null, mobile: "3125550123", preferred: ContactChannels.Sms);
        await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        await clinic.Scheduler().RunAsync();
        clinic.Clock.Advance(TimeSpan.FromHours(23));

        Assert.Equal(1, (await clinic.Processor().RunAsync()).Sent);

        var mail = Assert.Single(await clinic.Sink.WaitForAsync(1));
        Assert.Equal(["3125550123@txt.example.net"], mail.To);
        Assert.Contains("Thu Mar 19 at 9:00 AM, Lakeview, 1 Lake St, Chicago", mail.Body, StringComparison.Ordinal);
        Assert.Matches(@"https://office\.test/r/[A-Za-z0-9_-]{43}", mail.Body);
        Assert.DoesNotContain("Texter", mail.Body, StringComparison.Ordinal);
        Assert.True(mail.Body.Trim().Length <= 160 + 60, "keep texts short");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_text_goes_through_an_http_gateway_with_an_idempotency_key_and_a_refusal_is_retried(DatabaseProvider provider)
    {
        using var gateway = new LoopbackGateway();
        await using var clinic = await ReminderClinic.CreateAsync(provider,
            o => o with { SmtpHost = null, SmsHttpUrl = gateway.Url, SmsHttpToken = "s3cret" });
        var patient = await clinic.PatientAsync("Cy", "Texter", "cy@example.com", mobile: "3125550123", preferred: ContactChannels.Sms);
        await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        await clinic.Scheduler().RunAsync();
        clinic.Clock.Advance(TimeSpan.FromHours(23));

        gateway.Answer = HttpStatusCode.ServiceUnavailable;
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Retrying);
        Assert.Contains("503", Assert.Single(await clinic.OutboxAsync()).LastError, StringComparison.Ordinal);
        gateway.Answer = HttpStatusCode.Accepted;
        clinic.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Sent);

        Assert.Equal(2, gateway.Requests.Count);
        var request = gateway.Requests[^1];
        Assert.Equal("Bearer s3cret", request.Authorization);
        Assert.Equal(Assert.Single(await clinic.OutboxAsync()).IdempotencyKey, request.IdempotencyKey);
        Assert.Equal(gateway.Requests[0].IdempotencyKey, request.IdempotencyKey);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("+13125550123", json.RootElement.GetProperty("to").GetString());
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("9:00 AM", text, StringComparison.Ordinal);
        Assert.Matches(@"https://office\.test/r/[A-Za-z0-9_-]{43}", text);
        Assert.Empty(clinic.Sink.Received());
    }

    private sealed record GatewayRequest(string? Authorization, string? IdempotencyKey, string Body);

    /// <summary>A tiny HTTP SMS gateway on loopback: records each request and answers with <see cref="Answer"/>.</summary>
    private sealed class LoopbackGateway : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public LoopbackGateway()
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20000, 60000);
                Url = new Uri($"http://127.0.0.1:{port}/sms/");
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add(Url.AbsoluteUri);
                try
                {
                    _listener.Start();
                    break;
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                }
            }
            _serving = Task.Run(ServeAsync);
        }

        public Uri Url { get; private set; } = null!;
        public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;
        public List<GatewayRequest> Requests { get; } = [];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                lock (Requests)
                {
                    Requests.Add(new GatewayRequest(context.Request.Headers["Authorization"], context.Request.Headers["Idempotency-Key"], body));
                }
                context.Response.StatusCode = (int)Answer;
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _ = _serving;
        }
    }
}
