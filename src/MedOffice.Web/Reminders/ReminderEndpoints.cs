using MedOffice.Data;
using MedOffice.Reminders;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Reminders;

/// <summary>One outbox row as staff see it: the recipient masked, never the body (which a manager does not need to read).</summary>
public sealed record OutboxRow(long Id, string Channel, string Recipient, int? AppointmentId, DateTime DueAt, DateTime NextAttemptAt,
    string Status, int Attempts, string? LastError, DateTime? SentAt);

/// <summary>The office manager's view of the reminder outbox, and putting a failed message back in the queue.</summary>
public static class ReminderEndpoints
{
    public static void MapReminderEndpoints(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/reminders").RequireAuthorization(Policies.PracticeManage);
        manage.MapGet("/outbox", async (string? status, MedOfficeDb db) =>
            status is not null && !OutboxStatuses.All.Contains(status)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Status is one of {string.Join(", ", OutboxStatuses.All)}."] })
                : Results.Ok(await RowsAsync(db, status)));
        manage.MapPost("/outbox/{id:long}/retry", async (long id, OutboxProcessor processor, AuditTrail audit, HttpContext context) =>
            await RetryAsync(id, processor, audit, context.Actor()) ? Results.NoContent() : Results.NotFound());
    }

    public static async Task<List<OutboxRow>> RowsAsync(MedOfficeDb db, string? status, int take = 200)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(m => m.Status == status);
        }
        var rows = await query.OrderByDescending(m => m.NextAttemptAt).ThenByDescending(m => m.Id).Take(take).ToListAsync();
        return rows.Select(m => new OutboxRow(m.Id, m.Channel, Mask(m.Channel, m.Recipient), m.AppointmentId, m.DueAt, m.NextAttemptAt,
            m.Status, m.Attempts, m.LastError, m.SentAt)).ToList();
    }

    public static async Task<bool> RetryAsync(long id, OutboxProcessor processor, AuditTrail audit, Actor actor)
    {
        if (!await processor.RetryAsync(id))
        {
            return false;
        }
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Practice, Detail: $"reminder {id} queued again"));
        return true;
    }

    /// <summary>Enough to tell messages apart, not enough to contact the patient.</summary>
    public static string Mask(string channel, string recipient)
    {
        if (channel == MessageChannels.Sms)
        {
            return recipient.Length >= 4 ? $"***-***-{recipient[^4..]}" : "***";
        }
        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? $"{recipient[0]}***{recipient[at..]}" : "***";
    }
}
