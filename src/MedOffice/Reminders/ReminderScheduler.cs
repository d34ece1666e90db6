using System.Globalization;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Reminders;

public sealed record SchedulingSummary(int Enqueued, int Cancelled);

/// <summary>
/// Writes reminders for booked appointments into the outbox, one per appointment, rule and channel. Safe to run any
/// number of times and on several nodes at once: the idempotency key is unique, and inserts that meet it do nothing.
/// A cancelled or moved appointment's unsent reminders are cancelled; a moved one gets new ones for its new time.
/// </summary>
public sealed class ReminderScheduler(MedOfficeDb db, MessageSenders senders, ReminderOptions options, TimeProvider time)
{
    public async Task<SchedulingSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cancelled = await CancelStaleAsync(now, cancellationToken);
        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken);
        if (rules.Count == 0 || (!senders.Has(MessageChannels.Email) && !senders.Has(MessageChannels.Sms)))
        {
            return new SchedulingSummary(0, cancelled);
        }
        var until = now + options.Lookahead + TimeSpan.FromMinutes(rules.Max(r => r.MinutesBefore));
        var candidates = await (
            from appointment in db.Appointments.AsNoTracking()
            join patient in db.Patients.AsNoTracking() on appointment.PatientId equals patient.Id
            join location in db.Locations.AsNoTracking() on appointment.LocationId equals location.Id
            where appointment.Status == AppointmentStatuses.Booked && appointment.StartsAt > now && appointment.StartsAt <= until
                && patient.Status != PatientStatuses.Deceased
            select new { appointment.Id, appointment.StartsAt, Patient = patient, Location = location })
            .ToListAsync(cancellationToken);

        var enqueued = 0;
        foreach (var candidate in candidates)
        {
            var channel = ChannelFor(candidate.Patient);
            if (channel is null)
            {
                continue;
            }
            var recipient = channel == MessageChannels.Email ? candidate.Patient.Email! : candidate.Patient.MobilePhone!;
            foreach (var rule in rules)
            {
                var dueAt = candidate.StartsAt.AddMinutes(-rule.MinutesBefore);
                if (dueAt > now + options.Lookahead || dueAt < now - options.LateGrace)
                {
                    continue;
                }
                var key = string.Create(CultureInfo.InvariantCulture,
                    $"appointment/{candidate.Id}/rule/{rule.Id}/{channel}/{candidate.StartsAt:yyyyMMddTHHmmssZ}");
                enqueued += await EnqueueAsync(new OutboxMessage
                {
                    Channel = channel, Recipient = recipient, Subject = ReminderText.Subject,
                    Body = ReminderText.Body(channel, candidate.StartsAt, candidate.Location),
                    AppointmentId = candidate.Id, AppointmentStartsAt = candidate.StartsAt, ReminderRuleId = rule.Id,
                    IdempotencyKey = key, DueAt = dueAt, NextAttemptAt = dueAt, CreatedAt = now,
                }, cancellationToken);
            }
        }
        return new SchedulingSummary(enqueued, cancelled);
    }

    /// <summary>E-mail or text, as the patient prefers and has allowed; the other allowed one when the preferred cannot be used.</summary>
    public string? ChannelFor(Patient patient)
    {
        var email = senders.Has(MessageChannels.Email) && patient.AllowsEmail && ContactFormats.IsEmail(patient.Email);
        var sms = senders.Has(MessageChannels.Sms) && patient.AllowsSms && patient.MobilePhone is { Length: 10 };
        return (patient.PreferredContactChannel, email, sms) switch
        {
            (ContactChannels.Sms, _, true) => MessageChannels.Sms,
            (_, true, _) => MessageChannels.Email,
            (_, _, true) => MessageChannels.Sms,
            _ => null,
        };
    }

    private async Task<int> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // INSERT ... ON CONFLICT DO NOTHING reads the same on both providers and cannot race: two schedulers writing the
        // same key leave one row, with no exception to catch.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "OutboxMessages" ("Channel", "Recipient", "Subject", "Body", "AppointmentId", "AppointmentStartsAt", "ReminderRuleId",
                "IdempotencyKey", "DueAt", "NextAttemptAt", "Status", "Attempts", "CreatedAt")
            VALUES ({message.Channel}, {message.Recipient}, {message.Subject}, {message.Body}, {message.AppointmentId}, {message.AppointmentStartsAt},
                {message.ReminderRuleId}, {message.IdempotencyKey}, {message.DueAt}, {message.NextAttemptAt}, {OutboxStatuses.Pending}, 0, {message.CreatedAt})
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            // Moved away and back again: the reminder for this time was cancelled on the way, and applies again.
            inserted = await db.OutboxMessages
                .Where(m => m.IdempotencyKey == message.IdempotencyKey && m.Status == OutboxStatuses.Cancelled && m.SentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Pending).SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.NextAttemptAt, message.NextAttemptAt), cancellationToken);
        }
        return inserted;
    }

    private async Task<int> CancelStaleAsync(DateTime now, CancellationToken cancellationToken)
    {
        var appointmentGone = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatuses.Pending && m.AppointmentId != null
                && !db.Appointments.Any(a => a.Id == m.AppointmentId && a.Status == AppointmentStatuses.Booked
                    && a.StartsAt == m.AppointmentStartsAt && a.StartsAt > now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Cancelled)
                .SetProperty(m => m.LastError, "The appointment was cancelled, moved or has started."), cancellationToken);
        var ruleRemoved = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatuses.Pending && db.ReminderRules.Any(r => r.Id == m.ReminderRuleId && !r.IsActive))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatuses.Cancelled)
                .SetProperty(m => m.LastError, "The office removed this reminder rule."), cancellationToken);
        return appointmentGone + ruleRemoved;
    }
}
