using MedOffice.Data;
using MedOffice.Meetings;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Meetings;

/// <summary>
/// /api/meetings: everyone who sees the schedule sees meetings and downloads their invitations; the office manager
/// schedules, changes and cancels them (each of which e-mails the attendees). The pages (/meetings) are in this folder too.
/// </summary>
public static class MeetingEndpoints
{
    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/meetings").RequireAuthorization(Policies.ScheduleRead);
        var manage = app.MapGroup("/api/meetings").RequireAuthorization(Policies.ScheduleManage);

        read.MapGet("", async (bool? includeCancelled, MedOfficeDb db) =>
            (await db.StaffMeetings.AsNoTracking().Include(m => m.Attendees)
                .Where(m => includeCancelled == true || m.CancelledAt == null)
                .OrderBy(m => m.FirstDate).ThenBy(m => m.LocalStartTime).ToListAsync())
            .Select(MeetingView.From).ToList());

        read.MapGet("/{id:int}", async (int id, MedOfficeDb db) =>
            await db.StaffMeetings.AsNoTracking().Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == id) is { } meeting
                ? Results.Ok(MeetingView.From(meeting))
                : Results.NotFound());

        manage.MapPost("", async (MeetingRequest request, MeetingService meetings, HttpContext context) =>
        {
            var command = request.ToCommand();
            if (!command.Succeeded)
            {
                return Results.ValidationProblem(command.ErrorsByField());
            }
            var result = await meetings.ScheduleAsync(command.Value!, context.Actor());
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var report = MeetingReportView.From(result.Value!);
            return report.Scheduled ? Results.Created($"/api/meetings/{report.MeetingId}", report) : Results.Conflict(report);
        });

        // The whole meeting as it should now be: attendees get an updated invitation, anyone taken off it a cancellation.
        manage.MapPut("/{id:int}", async (int id, MeetingRequest request, MeetingService meetings, HttpContext context) =>
        {
            var command = request.ToCommand();
            if (!command.Succeeded)
            {
                return Results.ValidationProblem(command.ErrorsByField());
            }
            return await meetings.ChangeAsync(id, command.Value!, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } failed => Results.ValidationProblem(failed.ErrorsByField()),
                var changed when changed.Value!.Scheduled => Results.Ok(MeetingReportView.From(changed.Value)),
                var refused => Results.Conflict(MeetingReportView.From(refused.Value!)),
            };
        });

        manage.MapPost("/{id:int}/cancel", async (int id, MeetingService meetings, HttpContext context) =>
            await meetings.CancelAsync(id, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Results.NoContent(),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        // Attendees with an e-mail address are sent it; anyone may also download it (staff without an address, a second device).
        app.MapGet("/meetings/{id:int}/invitation.ics", async (int id, MeetingInvitations invitations) =>
                await invitations.ForAsync(id) is { } invitation
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(invitation.Content), invitation.ContentType, invitation.FileName)
                    : Results.NotFound())
            .RequireAuthorization(Policies.ScheduleRead);
    }
}
