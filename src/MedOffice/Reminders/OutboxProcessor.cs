using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Reminders;

public sealed record ProcessingSummary(int Claimed, int Sent, int Retrying, int Failed, int Cancelled);

/// <summary>
/// Sends what the outbox holds. Each run claims a batch atomically (PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, so
/// nodes take disjoint batches; SQLite: one BEGIN IMMEDIATE writer at a time), marking it Sending under a lease. Each
/// message is then sent and marked Sent on its own, straight after the server accepted it.
/// <para>
/// Duplicates. A message is sent again only if it is still Sending when its lease expires, which happens only if this
/// process stopped (crash, kill, power loss) or stalled for longer than the lease. Before each send the processor renews
/// its lease on that one message, and only if it still holds the claim; the lease (5 min) far exceeds the send time-out
/// (30 s), so no second run can take a message over while the first is still sending it. What remains is precisely
/// this: a stop after the SMTP server (or SMS gateway) accepted a message and before the UPDATE to Sent committed — the
/// time of one short UPDATE — or a stall longer than the lease between renewing it and sending. Such a message is sent
/// again after the lease, with the same Message-ID (e-mail) or Idempotency-Key (HTTP SMS), which lets receivers that
/// de-duplicate drop it. A message that was claimed but not yet handed to the server when the process stopped is sent
/// once, after the lease. Nothing claimed is ever lost: it is Sending with a lease, then claimed again.
/// </para>
/// </summary>
public sealed class OutboxProcessor(MedOfficeDb db, MessageSenders senders, ReminderLinks links, ReminderOptions options, TimeProvider time)
{
    /// <summary>Claims and sends one batch. Cancelling stops between (or during) sends; what is left is taken again after the lease.</summary>
    public async Task<ProcessingSummary> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var claim = Guid.NewGuid();
        var ids = await ClaimAsync(claim, cancellationToken);
        int sent = 0, retrying = 0, failed = 0, cancelled = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await SendOneAsync(id, claim, cancellationToken);
            switch (outcome)
            {
                case OutboxStatuses.Sent: sent++; break;
                case OutboxStatuses.Pending: retrying++; break;
                case OutboxStatuses.Failed: failed++; break;
                case OutboxStatuses.Cancelled: cancelled++; break;
            }
        }
        return new ProcessingSummary(ids.Count, sent, retrying, failed, cancelled);
    }

    /// <summary>Runs batches until nothing is due.</summary>
    public async Task<ProcessingSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new ProcessingSummary(0, 0, 0, 0, 0);
        while (true)
        {
            var batch = await RunOnceAsync(cancellationToken);
            total = new ProcessingSummary(total.Claimed + batch.Claimed, total.Sent + batch.Sent, total.Retrying + batch.Retrying,
                total.Failed + batch.Failed, total.Cancelled + batch.Cancelled);
            if (batch.Claimed < options.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Puts a failed message back in the queue, to be sent on the next run.</summary>
    public async Task<bool> RetryAsync(long messageId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.OutboxMessages.Where(m => m.Id == messageId && m.Status == OutboxStatuses.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken) == 1;
    }

    private async Task<List<long>> ClaimAsync(Guid claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Lease;
        var batch = options.BatchSize;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            // Rows locked by another node's claim are skipped, not waited for; once it commits they are Sending and leased.
            ids = await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM "OutboxMessages"
                WHERE ("Status" = 'Pending' AND "NextAttemptAt" <= {now}) OR ("Status" = 'Sending' AND "LeaseUntil" < {now})
                ORDER BY "NextAttemptAt", "Id"
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // SQLite: this transaction began IMMEDIATE (Microsoft.Data.Sqlite's default), so it is the only writer until it commits.
            ids = await db.OutboxMessages
                .Where(m => (m.Status == OutboxStatuses.Pending && m.NextAttemptAt <= now) || (m.Status == OutboxStatuses.Sending && m.LeaseUntil < now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        }
        if (ids.Count > 0)
        {
            await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatuses.Sending)
                .SetProperty(m => m.ClaimToken, claim)
                .SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private async Task<string?> SendOneAsync(long id, Guid claim, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (message.Attempts > options.MaxAttempts)
        {
            // Taken over after a lease ran out too often: the process keeps stopping while sending this one. Stop retrying.
            return await FinishAsync(id, claim, OutboxStatuses.Failed,
                $"Not confirmed as sent after {options.MaxAttempts} attempts (the sender stopped while sending). It may or may not have arrived.");
        }
        Appointment? appointment = null;
        if (message.AppointmentId is { } appointmentId)
        {
            appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null || appointment.Status != AppointmentStatuses.Booked || appointment.StartsAt != message.AppointmentStartsAt
                || appointment.StartsAt <= now)
            {
                return await FinishAsync(id, claim, OutboxStatuses.Cancelled, "The appointment was cancelled, moved or has started.");
            }
        }
        var sender = senders.For(message.Channel);
        if (sender is null)
        {
            return await FailAttemptAsync(message, claim, $"No {message.Channel} sender is configured (see Reminders in README).");
        }

        // Renew the lease on this one message (only while this run still holds it) and issue its link, in one commit.
        string? token = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var held = await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == claim && m.Status == OutboxStatuses.Sending)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseUntil, now + options.Lease), cancellationToken);
            if (held == 0)
            {
                return null; // another run took it over after this one's lease ran out
            }
            if (appointment is not null)
            {
                token = links.Issue(appointment.Id, appointment.StartsAt);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var body = token is null ? message.Body : ReminderText.WithLink(message.Body, new Uri(options.PublicUrl, $"r/{token}"));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.SendTimeout);
            var attachment = message.Attachment is { } content
                ? new MessageAttachment(message.AttachmentName!, message.AttachmentContentType!, content)
                : null;
            await sender.SendAsync(new OutgoingMessage(message.Recipient, message.Subject, body, message.IdempotencyKey, attachment), timeout.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return await FailAttemptAsync(message, claim, exception is OperationCanceledException
                ? $"No answer from the {message.Channel} server within {options.SendTimeout.TotalSeconds:0} s."
                : Describe(exception));
        }
        // Accepted: record it whatever happens to the caller now (not cancellable), to keep the duplicate window as short as one UPDATE.
        return await FinishAsync(id, claim, OutboxStatuses.Sent, null, sentAt: time.GetUtcNow().UtcDateTime);
    }

    private async Task<string> FailAttemptAsync(OutboxMessage message, Guid claim, string error)
    {
        if (message.Attempts >= options.MaxAttempts)
        {
            return await FinishAsync(message.Id, claim, OutboxStatuses.Failed, error);
        }
        // 1, 2, 4, 8 ... times the first delay.
        var retryAt = time.GetUtcNow().UtcDateTime + options.RetryDelay * Math.Pow(2, Math.Max(0, message.Attempts - 1));
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == claim && m.Status == OutboxStatuses.Sending)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Pending).SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.LastError, error.Limit(1000)).SetProperty(m => m.ClaimToken, (Guid?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null),
                CancellationToken.None);
        return OutboxStatuses.Pending;
    }

    private async Task<string> FinishAsync(long id, Guid claim, string status, string? error, DateTime? sentAt = null)
    {
        await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == claim && m.Status == OutboxStatuses.Sending)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, status).SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LastError, error == null ? null : error.Limit(1000))
                .SetProperty(m => m.ClaimToken, (Guid?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        return status;
    }

    private static string Describe(Exception exception)
    {
        var text = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += " — " + inner.Message;
        }
        return text;
    }

}
