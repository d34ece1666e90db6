using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Scheduling;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Calendar;

/// <summary>
/// The calendar's data (ScheduleRead; day and week name patients, so each read is audited once) and its drag actions
/// (ScheduleWrite). A move goes through BookingService.RescheduleAsync, so it passes every check a booking does, and a
/// refusal is a ValidationProblem whose message the page shows while the block snaps back.
/// </summary>
public static class CalendarEndpoints
{
    /// <summary>The header the calendar's script sends the page's antiforgery token in (ASP.NET Core's default header name).</summary>
    public const string TokenHeader = "RequestVerificationToken";

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/calendar").RequireAuthorization(Policies.ScheduleRead);
        var write = app.MapGroup("/api/calendar/appointments").RequireAuthorization(Policies.ScheduleWrite);
        // JSON posts from the page: SameSite=Strict cookies already stop other sites, the token also stops a stale or foreign page.
        write.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [TokenHeader] = ["This calendar page is out of date (its form token is missing or expired). Reload the page and try again."],
                }));

        read.MapGet("/day", async (string? location, string? date, string? by, MedOfficeDb db, AuditTrail audit, TimeProvider time, HttpContext context) =>
        {
            var (place, errors) = await LocationAsync(db, location);
            var day = Date(date, place, time, errors);
            if (by is not (null or CalendarQueries.ByProvider or CalendarQueries.ByRoom))
            {
                errors["by"] = ["Choose by=provider or by=room."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var view = await CalendarQueries.DayAsync(db, place!, day, by ?? CalendarQueries.ByProvider);
            await CalendarQueries.RecordViewAsync(audit, context.Actor(), $"day {view.Date} by {view.By} at location {view.LocationId}", CalendarQueries.Count(view.Columns));
            return Results.Ok(view);
        });

        read.MapGet("/week", async (string? location, string? date, string? resource, MedOfficeDb db, AuditTrail audit, TimeProvider time, HttpContext context) =>
        {
            var (place, errors) = await LocationAsync(db, location);
            var day = Date(date, place, time, errors);
            var chosen = await ResourceAsync(db, resource, errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var view = await CalendarQueries.WeekAsync(db, place!, day, chosen);
            await CalendarQueries.RecordViewAsync(audit, context.Actor(),
                $"week {view.From} at location {view.LocationId} for {(chosen is null ? "all providers" : $"resource {chosen.Id}")}", CalendarQueries.Count(view.Days));
            return Results.Ok(view);
        });

        read.MapGet("/month", async (string? location, string? month, string? resource, MedOfficeDb db, TimeProvider time) =>
        {
            var (place, errors) = await LocationAsync(db, location);
            var chosen = await ResourceAsync(db, resource, errors);
            DateOnly first = default;
            if (month is not null && !DateOnly.TryParseExact(month + "-01", LocalFormats.Date, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out first))
            {
                errors["month"] = ["Say which month, as yyyy-MM."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            return Results.Ok(await CalendarQueries.MonthAsync(db, place!, month is null ? CalendarQueries.TodayAt(place!, time) : first, chosen));
        });

        write.MapPost("/{id:int}/move", async (int id, MoveAppointment request, MedOfficeDb db, BookingService booking, HttpContext context) =>
        {
            var appointment = await db.Appointments.AsNoTracking().Include(a => a.Bookings).FirstOrDefaultAsync(a => a.Id == id);
            if (appointment is null)
            {
                return Results.NotFound();
            }
            var errors = new Dictionary<string, string[]>();
            if (!LocalFormats.TryParseDateTime(request.LocalStart, out var localStart))
            {
                errors[nameof(MoveAppointment.LocalStart)] = ["Write the new start as yyyy-MM-ddTHH:mm (local time at the location)."];
            }
            if (request.RoomResourceId is { } roomId
                && !await db.SchedulableResources.AnyAsync(r => r.Id == roomId && r.IsActive && r.Kind == ResourceKinds.Room))
            {
                errors[nameof(MoveAppointment.RoomResourceId)] = [$"Resource {roomId} is not an active room."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var result = await booking.RescheduleAsync(id, localStart, request.ProviderResourceId, context.Actor(),
                resourceIds: request.RoomResourceId is { } room ? [room] : null);
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var view = await ScheduleViews.AppointmentAsync(db, id);
            return Results.Ok(new MovedAppointment(id, view!.LocalStart, view.LocalEnd,
                string.Join(", ", view.Bookings.Where(b => b.IsActive).Select(b => b.ResourceName))));
        });

        // Resizing keeps the start and plans every resource for the new length, with the same checks as a booking.
        write.MapPost("/{id:int}/resize", async (int id, ResizeAppointment request, MedOfficeDb db, BookingService booking, HttpContext context) =>
        {
            var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
            if (appointment is null)
            {
                return Results.NotFound();
            }
            var zone = await db.Locations.AsNoTracking().Where(l => l.Id == appointment.LocationId).Select(l => l.TimeZoneId).FirstAsync();
            var localStart = LocalTimes.ToLocal(appointment.StartsAt, zone);
            if (!LocalFormats.TryParseDateTime(request.LocalEnd, out var localEnd) || localEnd <= localStart)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [nameof(ResizeAppointment.LocalEnd)] = ["Write the new end as yyyy-MM-ddTHH:mm (local time), after the start."],
                });
            }
            var result = await booking.RescheduleAsync(id, localStart, null, context.Actor(), durationMinutes: (int)(localEnd - localStart).TotalMinutes);
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var view = await ScheduleViews.AppointmentAsync(db, id);
            return Results.Ok(new MovedAppointment(id, view!.LocalStart, view.LocalEnd,
                string.Join(", ", view.Bookings.Where(b => b.IsActive).Select(b => b.ResourceName))));
        });
    }

    private static async Task<(Location? Location, Dictionary<string, string[]> Errors)> LocationAsync(MedOfficeDb db, string? location)
    {
        var errors = new Dictionary<string, string[]>();
        var id = int.TryParse(location, out var l) ? l : (int?)null;
        var place = id is null ? null : await db.Locations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (place is null)
        {
            errors["location"] = [location is null ? "Say which location: ?location=ID." : $"No location {location}."];
        }
        return (place, errors);
    }

    /// <summary>The day asked for, or today at the location when none is.</summary>
    private static DateOnly Date(string? date, Location? place, TimeProvider time, Dictionary<string, string[]> errors)
    {
        if (date is null)
        {
            return place is null ? default : CalendarQueries.TodayAt(place, time);
        }
        if (!LocalFormats.TryParseDate(date, out var day))
        {
            errors["date"] = ["Say which day, as yyyy-MM-dd (local at the location)."];
        }
        return day;
    }

    private static async Task<SchedulableResource?> ResourceAsync(MedOfficeDb db, string? resource, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return null;
        }
        var found = int.TryParse(resource, out var id) ? await db.SchedulableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id) : null;
        if (found is null)
        {
            errors["resource"] = [$"No resource {resource}."];
        }
        return found;
    }
}
