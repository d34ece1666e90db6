using MedOffice.Scheduling;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Scheduling;

/// <summary>
/// /api/schedule: the manager's setup (resources, weekly hours, blocks, visit types) here; appointments in
/// <see cref="AppointmentEndpoints"/>. Everyone who works with patients reads; only the manager changes the setup.
/// </summary>
public static class SchedulingEndpoints
{
    public static void MapSchedulingEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/schedule").RequireAuthorization(Policies.ScheduleRead);
        var manage = app.MapGroup("/api/schedule").RequireAuthorization(Policies.ScheduleManage);

        read.MapGet("/resources", async (int? location, string? kind, bool? includeInactive, MedOfficeDb db) =>
        {
            var query = db.SchedulableResources.AsNoTracking();
            if (includeInactive is not true)
            {
                query = query.Where(r => r.IsActive);
            }
            if (location is { } l)
            {
                query = query.Where(r => r.LocationId == l || db.WorkingHours.Any(w => w.ResourceId == r.Id && w.LocationId == l));
            }
            if (!string.IsNullOrEmpty(kind))
            {
                query = query.Where(r => r.Kind == kind);
            }
            return (await query.OrderBy(r => r.Kind).ThenBy(r => r.Name).ToListAsync()).Select(ResourceView.From).ToList();
        });

        manage.MapPost("/resources", async (SaveResource request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var result = await new ScheduleSetup(db, audit).CreateResourceAsync(request, context.Actor());
            return result.Succeeded
                ? Results.Created($"/api/schedule/resources/{result.Value!.Id}", ResourceView.From(result.Value))
                : Results.ValidationProblem(result.ErrorsByField());
        });

        manage.MapPut("/resources/{id:int}", async (int id, SaveResource request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
            await new ScheduleSetup(db, audit).UpdateResourceAsync(id, request, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Ok(ResourceView.From(ok.Value!)),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        manage.MapPost("/resources/{id:int}/deactivate", async (int id, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
            await new ScheduleSetup(db, audit).DeactivateResourceAsync(id, context.Actor()) ? Results.NoContent() : Results.NotFound());

        read.MapGet("/resources/{id:int}/hours", async (int id, MedOfficeDb db) =>
            await db.SchedulableResources.AnyAsync(r => r.Id == id)
                ? Results.Ok((await db.WorkingHours.AsNoTracking().Where(w => w.ResourceId == id).ToListAsync())
                    .OrderBy(w => w.LocationId).ThenBy(w => ((int)w.DayOfWeek + 6) % 7).ThenBy(w => w.StartsAt).Select(WorkingHoursView.From).ToList())
                : Results.NotFound());

        manage.MapPut("/resources/{id:int}/hours", async (int id, SetWorkingHours request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
            await new ScheduleSetup(db, audit).SetWorkingHoursAsync(id, request, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Ok(ok.Value!.Select(WorkingHoursView.From).ToList()),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        read.MapGet("/blocks", async (int? location, int? resource, MedOfficeDb db, TimeProvider time) =>
            await ScheduleViews.UpcomingBlocksAsync(db, time.GetUtcNow().UtcDateTime, location, resource));

        manage.MapPost("/blocks", async (AddBlock request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var result = await new ScheduleSetup(db, audit).AddBlockAsync(request, context.Actor());
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var block = result.Value!;
            var zone = await db.Locations.Where(l => l.Id == block.LocationId).Select(l => l.TimeZoneId).FirstAsync();
            var name = block.ResourceId is { } r ? await db.SchedulableResources.Where(x => x.Id == r).Select(x => x.Name).FirstAsync() : null;
            return Results.Created($"/api/schedule/blocks/{block.Id}", ScheduleViews.Block(block, name, zone));
        });

        manage.MapDelete("/blocks/{id:int}", async (int id, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
            await new ScheduleSetup(db, audit).DeleteBlockAsync(id, context.Actor()) ? Results.NoContent() : Results.NotFound());

        read.MapGet("/appointment-types", async (bool? includeInactive, MedOfficeDb db) =>
            (await db.AppointmentTypes.AsNoTracking().Include(t => t.Requirements).Where(t => includeInactive == true || t.IsActive)
                .OrderBy(t => t.Name).ToListAsync()).Select(AppointmentTypeView.From).ToList());

        read.MapGet("/appointment-types/{id:int}", async (int id, MedOfficeDb db) =>
            await db.AppointmentTypes.AsNoTracking().Include(t => t.Requirements).FirstOrDefaultAsync(t => t.Id == id) is { } type
                ? Results.Ok(AppointmentTypeView.From(type))
                : Results.NotFound());

        manage.MapPost("/appointment-types", async (SaveAppointmentType request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var result = await new ScheduleSetup(db, audit).CreateTypeAsync(request, context.Actor());
            return result.Succeeded
                ? Results.Created($"/api/schedule/appointment-types/{result.Value!.Id}", AppointmentTypeView.From(result.Value))
                : Results.ValidationProblem(result.ErrorsByField());
        });

        manage.MapPut("/appointment-types/{id:int}", async (int id, SaveAppointmentType request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
            await new ScheduleSetup(db, audit).UpdateTypeAsync(id, request, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Ok(AppointmentTypeView.From(ok.Value!)),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        app.MapAppointmentEndpoints();
        app.MapPlanningEndpoints();
    }
}
