using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MedOffice.Data;
using MedOffice.Reminders;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Reminders;

public partial class OutboxProcessorTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_smtp_server_receives_date_time_place_and_links_and_nothing_about_the_patient_or_visit(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Rosalind", "Featherstonehaugh", "rosalind@example.com");
        var appointment = await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        await clinic.Scheduler().RunAsync();

        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed); // not due until Tuesday 14:00 UTC
        clinic.Clock.Advance(TimeSpan.FromHours(23));
        var run = await clinic.Processor().RunAsync();

        Assert.Equal(1, run.Sent);
        var mail = Assert.Single(await clinic.Sink.WaitForAsync(1));
        Assert.Equal(["rosalind@example.com"], mail.To);
        Assert.Equal("office@clinic.test", mail.From);
        Assert.Equal("Appointment reminder", mail.Subject);
        Assert.Contains("Thursday, March 19, 2026", mail.Body, StringComparison.Ordinal);
        Assert.Contains("9:00 AM", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Lakeview, 1 Lake St, Chicago, IL 60601", mail.Body, StringComparison.Ordinal);
        foreach (var secret in new[] { "Rosalind", "Featherstonehaugh", "Follow-up", "Alvarez", "Exam", patient.Mrn })
        {
            Assert.DoesNotContain(secret, mail.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, mail.Subject, StringComparison.OrdinalIgnoreCase);
        }
        var confirm = ConfirmLink().Match(mail.Body);
        var cancel = CancelLink().Match(mail.Body);
        Assert.True(confirm.Success && cancel.Success, mail.Body);
        var token = confirm.Groups[1].Value;
        Assert.Equal(token, cancel.Groups[1].Value);

        // The outbox keeps the placeholder, the database only the token's hash.
        var sent = Assert.Single(await clinic.OutboxAsync());
        Assert.Equal(OutboxStatuses.Sent, sent.Status);
        Assert.Equal(clinic.Clock.GetUtcNow().UtcDateTime, sent.SentAt);
        Assert.DoesNotContain(token, sent.Body, StringComparison.Ordinal);
        Assert.Equal(SmtpEmailSender.MessageId(sent.IdempotencyKey), mail.MessageId);
        await using var db = clinic.Office.NewContext();
        var link = await db.ReminderLinks.AsNoTracking().SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))), link.TokenHash);
        Assert.Equal(appointment.Id, link.AppointmentId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_run_stopped_mid_batch_leaves_nothing_lost_and_sends_nothing_twice(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        for (var i = 0; i < 5; i++)
        {
            var patient = await clinic.PatientAsync($"P{i}", "Crash", $"patient{i}@example.com");
            await clinic.BookNthAsync(i, patient);
        }
        await clinic.Scheduler().RunAsync();
        clinic.Clock.Advance(TimeSpan.FromHours(24));

        // The process "dies" after the server accepted two of five: the rest of the batch is abandoned while Sending.
        using var crash = new CancellationTokenSource();
        var dying = new SenderThatDiesAfter(clinic.Senders().For(MessageChannels.Email)!, 2, crash);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clinic.Processor(senders: new MessageSenders([dying])).RunAsync(crash.Token));
        Assert.Equal(2, (await clinic.Sink.WaitForAsync(2)).Count);
        var outbox = await clinic.OutboxAsync();
        Assert.Equal(2, outbox.Count(m => m.Status == OutboxStatuses.Sent));
        Assert.Equal(3, outbox.Count(m => m.Status == OutboxStatuses.Sending));

        // Restarted at once: the abandoned three are still leased, so nothing is taken (a live sender may hold them).
        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed);
        clinic.Clock.Advance(clinic.Options.Lease + TimeSpan.FromSeconds(1));
        var restarted = await clinic.Processor().RunAsync();

        Assert.Equal(3, restarted.Sent);
        var received = await clinic.Sink.WaitForAsync(5);
        await Task.Delay(200); // a duplicate, if any, would land now
        received = clinic.Sink.Received();
        Assert.Equal(5, received.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"patient{i}@example.com").Order(), received.Select(m => m.To.Single()).Order());
        Assert.All(await clinic.OutboxAsync(), m => Assert.Equal(OutboxStatuses.Sent, m.Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_processors_racing_over_one_outbox_send_each_message_once(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider, o => o with { BatchSize = 2 });
        for (var i = 0; i < 6; i++)
        {
            var patient = await clinic.PatientAsync($"P{i}", "Race", $"race{i}@example.com");
            await clinic.BookNthAsync(i, patient);
        }
        await clinic.Scheduler().RunAsync();
        clinic.Clock.Advance(TimeSpan.FromHours(24));

        await using var db1 = clinic.Office.NewContext();
        await using var db2 = clinic.Office.NewContext();
        var runs = await Task.WhenAll(clinic.Processor(db1).RunAsync(), clinic.Processor(db2).RunAsync());

        Assert.Equal(6, runs.Sum(r => r.Sent));
        await Task.Delay(200);
        var received = clinic.Sink.Received();
        Assert.Equal(6, received.Count);
        Assert.Equal(6, received.Select(m => m.To.Single()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_refused_message_is_retried_with_backoff_then_failed_with_the_servers_answer_and_can_be_retried(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Al", "Bounce", "bounce@example.com");
        await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        await clinic.Scheduler().RunAsync();
        clinic.Clock.Advance(TimeSpan.FromHours(23));

        var first = await clinic.Processor().RunAsync();
        Assert.Equal(1, first.Retrying);
        var message = Assert.Single(await clinic.OutboxAsync());
        Assert.Equal(OutboxStatuses.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("no such user", message.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(clinic.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), message.NextAttemptAt);

        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed); // backing off
        clinic.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Retrying);
        Assert.Equal(clinic.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), Assert.Single(await clinic.OutboxAsync()).NextAttemptAt);
        clinic.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Failed);

        message = Assert.Single(await clinic.OutboxAsync());
        Assert.Equal(OutboxStatuses.Failed, message.Status);
        Assert.Equal(3, message.Attempts);
        Assert.Contains("no such user", message.LastError, StringComparison.OrdinalIgnoreCase);
        clinic.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await clinic.Processor().RunAsync()).Claimed);

        Assert.True(await clinic.Processor().RetryAsync(message.Id));
        Assert.Equal(1, (await clinic.Processor().RunAsync()).Retrying);
        Assert.Empty(clinic.Sink.Received());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reminder_for_an_appointment_cancelled_after_it_was_queued_is_not_sent(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        var appointment = await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        await clinic.Scheduler().RunAsync();
        Assert.True((await clinic.Clinic.Booking().CancelAsync(appointment.Id, "patient called", TestOffice.FrontDesk))!.Succeeded);
        clinic.Clock.Advance(TimeSpan.FromHours(23));

        // The processor checks the appointment itself, even when no scheduler ran in between.
        var run = await clinic.Processor().RunAsync();

        Assert.Equal(1, run.Cancelled);
        Assert.Equal(OutboxStatuses.Cancelled, Assert.Single(await clinic.OutboxAsync()).Status);
        Assert.Empty(clinic.Sink.Received());
    }

    [GeneratedRegex(@"https://office\.test/r/([A-Za-z0-9_-]{43})\?action=confirm")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https://office\.test/r/([A-Za-z0-9_-]{43})\?action=cancel")]
    private static partial Regex CancelLink();

    /// <summary>Passes messages on until <paramref name="count"/> were accepted, then pulls the plug (cancels the run).</summary>
    private sealed class SenderThatDiesAfter(IMessageSender inner, int count, CancellationTokenSource plug) : IMessageSender
    {
        private int _sent;

        public string Channel => inner.Channel;

        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, cancellationToken);
            if (++_sent == count)
            {
                await plug.CancelAsync();
            }
        }
    }
}
