using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Scheduling;

/// <summary>
/// Booking, moving, cancelling and progressing appointments (the front desk and the manager), and reading them (everyone
/// who works with patients, each read of a patient's appointment audited). Refusals are ValidationProblems naming the field;
/// a taken slot is one of them (StartsAt), not a separate status code.
/// </summary>
public static class AppointmentEndpoints
{
    private static readonly string[] FrontDeskStatuses = [AppointmentStatuses.Arrived, AppointmentStatuses.Roomed, AppointmentStatuses.CheckedOut];

    public static void MapAppointmentEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/schedule").RequireAuthorization(Policies.ScheduleRead);
        var write = app.MapGroup("/api/schedule/appointments").RequireAuthorization(Policies.ScheduleWrite);

        read.MapGet("/day", async (string? location, string? date, string? resource, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var errors = new Dictionary<string, string[]>();
            var locationId = int.TryParse(location, out var l) ? l : (int?)null;
            var place = locationId is null ? null : await db.Locations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == locationId);
            if (place is null)
            {
                errors["location"] = [location is null ? "Say which location: ?location=ID." : $"No location {location}."];
            }
            if (!LocalFormats.TryParseDate(date, out var day))
            {
                errors["date"] = ["Say which day, as yyyy-MM-dd (local at the location)."];
            }
            int? resourceId = null;
            if (!string.IsNullOrEmpty(resource))
            {
                if (int.TryParse(resource, out var r) && await db.SchedulableResources.AnyAsync(x => x.Id == r))
                {
                    resourceId = r;
                }
                else
                {
                    errors["resource"] = [$"No resource {resource}."];
                }
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var view = await ScheduleViews.DayAsync(db, place!, day, resourceId);
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Query, AuditCategories.Schedule,
                Detail: $"day list {view.Date} at location {place!.Id}{(resourceId is null ? "" : $" for resource {resourceId}")}: {view.Appointments.Count} appointments"));
            return Results.Ok(view);
        });

        read.MapGet("/appointments/{id:int}", async (int id, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var view = await ScheduleViews.AppointmentAsync(db, id);
            if (view is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Read, AuditCategories.Schedule, view.PatientId, Detail: $"appointment {id}"));
            return Results.Ok(view);
        });

        write.MapPost("/", async (BookAppointmentRequest request, MedOfficeDb db, BookingService booking, HttpContext context) =>
        {
            if (!LocalFormats.TryParseDateTime(request.LocalStart, out var localStart))
            {
                return Results.ValidationProblem(Result<Appointment>.Fail(nameof(BookAppointmentRequest.LocalStart),
                    "Write the start as yyyy-MM-ddTHH:mm (local time at the location).").ErrorsByField());
            }
            var result = await booking.BookAsync(new BookAppointment(request.PatientId, request.AppointmentTypeId, request.LocationId, localStart,
                request.ProviderResourceId, request.ResourceIds, request.Note), context.Actor());
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            return Results.Created($"/api/schedule/appointments/{result.Value!.Id}", await ScheduleViews.AppointmentAsync(db, result.Value.Id));
        });

        write.MapPost("/{id:int}/reschedule", async (int id, RescheduleRequest request, MedOfficeDb db, BookingService booking, HttpContext context) =>
        {
            if (!await db.Appointments.AnyAsync(a => a.Id == id))
            {
                return Results.NotFound();
            }
            if (!LocalFormats.TryParseDateTime(request.LocalStart, out var localStart))
            {
                return Results.ValidationProblem(Result<Appointment>.Fail(nameof(RescheduleRequest.LocalStart),
                    "Write the new start as yyyy-MM-ddTHH:mm (local time at the location).").ErrorsByField());
            }
            return await Answer(db, id, await booking.RescheduleAsync(id, localStart, request.ProviderResourceId, context.Actor()));
        });

        write.MapPost("/{id:int}/cancel", async (int id, CancelRequest request, MedOfficeDb db, BookingService booking, HttpContext context) =>
            await Answer(db, id, await booking.CancelAsync(id, request.Reason ?? "", context.Actor())));

        write.MapPost("/{id:int}/no-show", async (int id, MedOfficeDb db, BookingService booking, HttpContext context) =>
            await Answer(db, id, await booking.MarkNoShowAsync(id, context.Actor())));

        write.MapPost("/{id:int}/status", async (int id, StatusRequest request, MedOfficeDb db, BookingService booking, HttpContext context) =>
        {
            if (request.Status is null || !FrontDeskStatuses.Contains(request.Status))
            {
                if (!await db.Appointments.AnyAsync(a => a.Id == id))
                {
                    return Results.NotFound();
                }
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["Status"] = [$"Choose {string.Join(", ", FrontDeskStatuses)} (cancel and no-show have their own actions)."],
                });
            }
            return await Answer(db, id, await booking.SetStatusAsync(id, request.Status, context.Actor()));
        });
    }

    private static async Task<IResult> Answer(MedOfficeDb db, int id, Result<Appointment>? result) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: true } => Results.Ok(await ScheduleViews.AppointmentAsync(db, id)),
        var failed => Results.ValidationProblem(failed.ErrorsByField()),
    };
}
