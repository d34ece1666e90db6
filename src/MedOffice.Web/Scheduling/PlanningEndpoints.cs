using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Scheduling;

/// <summary>
/// Planning ahead: next openings, recurring series and the waitlist. Everyone who works with patients reads; the front
/// desk and the manager book, move, cancel, offer and remove. Refusals are ValidationProblems naming the field, and a series
/// that stored nothing is one too (StartsAt), carrying its per-occurrence report.
/// </summary>
public static class PlanningEndpoints
{
    public static void MapPlanningEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/schedule").RequireAuthorization(Policies.ScheduleRead);
        var write = app.MapGroup("/api/schedule").RequireAuthorization(Policies.ScheduleWrite);

        read.MapGet("/openings", async (string? type, string? location, string? provider, string? from, string? days, string? partOfDay, string? max,
            string? step, MedOfficeDb db, OpeningFinder finder) =>
        {
            var errors = new Dictionary<string, string[]>();
            var typeId = Number(type, "type", "Say which visit type: ?type=ID.", errors);
            var locationId = Number(location, "location", "Say which location: ?location=ID.", errors);
            int? providerId = null;
            if (!string.IsNullOrWhiteSpace(provider) && !provider.Trim().Equals("any", StringComparison.OrdinalIgnoreCase))
            {
                providerId = Number(provider, "provider", "", errors);
            }
            DateOnly? fromDate = null;
            if (!string.IsNullOrWhiteSpace(from))
            {
                if (LocalFormats.TryParseDate(from, out var parsed))
                {
                    fromDate = parsed;
                }
                else
                {
                    errors["from"] = ["Write the first day as yyyy-MM-dd (local at the location)."];
                }
            }
            var dayCount = string.IsNullOrWhiteSpace(days) ? 56 : Number(days, "days", "", errors) ?? 0;
            var maxResults = string.IsNullOrWhiteSpace(max) ? 10 : Number(max, "max", "", errors) ?? 0;
            var stepMinutes = string.IsNullOrWhiteSpace(step) ? null : Number(step, "step", "", errors);
            if (!Planning.TryParsePartOfDay(partOfDay, out var part))
            {
                errors["partOfDay"] = ["Choose Any, Morning or Afternoon."];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var query = new OpeningQuery(typeId!.Value, locationId!.Value)
            {
                ProviderResourceId = providerId, FromLocalDate = fromDate, Days = dayCount, PartOfDay = part, MaxResults = maxResults, StepMinutes = stepMinutes,
            };
            var found = await finder.FindAsync(query);
            if (!found.Succeeded)
            {
                // The finder names its own fields; the caller sent query parameters.
                return Results.ValidationProblem(found.Errors.GroupBy(e => e.Field switch
                {
                    nameof(OpeningQuery.AppointmentTypeId) => "type",
                    nameof(OpeningQuery.LocationId) => "location",
                    nameof(OpeningQuery.ProviderResourceId) => "provider",
                    nameof(OpeningQuery.Days) => "days",
                    nameof(OpeningQuery.MaxResults) => "max",
                    nameof(OpeningQuery.StepMinutes) => "step",
                    var other => other,
                }).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
            }
            return Results.Ok(await Planning.OpeningsAsync(db, query, found.Value!));
        });

        read.MapGet("/series/{id:int}", async (int id, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var view = await Planning.SeriesAsync(db, id);
            if (view is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Read, AuditCategories.Schedule, view.PatientId, Detail: $"series {id}"));
            return Results.Ok(view);
        });

        write.MapPost("/series", async (BookSeriesRequest request, SeriesService series, HttpContext context) =>
        {
            var parsed = ParseSeries(request);
            if (!parsed.Succeeded)
            {
                return Results.ValidationProblem(parsed.ErrorsByField());
            }
            var result = await series.BookSeriesAsync(parsed.Value!, context.Actor());
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var report = result.Value!;
            return report.Applied
                ? Results.Created($"/api/schedule/series/{report.SeriesId}", SeriesReportView.From(report))
                : NothingStored(report, request.RequireAll
                    ? "Every occurrence was required and at least one could not be booked, so none was."
                    : "No occurrence could be booked.");
        });

        write.MapPost("/series/{id:int}/cancel", async (int id, CancelSeriesRequest request, MedOfficeDb db, SeriesService series, HttpContext context) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!Planning.TryParseScope(request.Scope, out var scope))
            {
                errors[nameof(CancelSeriesRequest.Scope)] = ["Choose One, ThisAndFollowing or All."];
            }
            return await OnSeriesAsync(db, id, request.AppointmentId, scope, errors, anchor =>
                series.CancelAsync(anchor, scope, request.Reason ?? "", context.Actor()));
        });

        write.MapPost("/series/{id:int}/move", async (int id, MoveSeriesRequest request, MedOfficeDb db, SeriesService series, HttpContext context) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!Planning.TryParseScope(request.Scope, out var scope))
            {
                errors[nameof(MoveSeriesRequest.Scope)] = ["Choose One, ThisAndFollowing or All."];
            }
            TimeOnly? newTime = null;
            if (!string.IsNullOrWhiteSpace(request.NewLocalTime))
            {
                if (Planning.TryParseTime(request.NewLocalTime, out var time))
                {
                    newTime = time;
                }
                else
                {
                    errors[nameof(MoveSeriesRequest.NewLocalTime)] = ["Write the new time as HH:mm (local at the location)."];
                }
            }
            return await OnSeriesAsync(db, id, request.AppointmentId, scope, errors, anchor =>
                series.RescheduleAsync(anchor, scope, new MoveSeries(newTime, request.DayShift, request.ProviderResourceId, request.RequireAll), context.Actor()));
        });

        read.MapGet("/waitlist", async (string? location, string? status, string? patient, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var errors = new Dictionary<string, string[]>();
            var locationId = string.IsNullOrWhiteSpace(location) ? null : Number(location, "location", "", errors);
            var patientId = string.IsNullOrWhiteSpace(patient) ? null : Number(patient, "patient", "", errors);
            string? wanted = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                wanted = WaitlistStatuses.All.FirstOrDefault(s => s.Equals(status.Trim(), StringComparison.OrdinalIgnoreCase));
                if (wanted is null)
                {
                    errors["status"] = [$"Choose {string.Join(", ", WaitlistStatuses.All)}, or none for those still waiting or offered."];
                }
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var entries = await Planning.WaitlistAsync(db, locationId, wanted, patientId);
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Query, AuditCategories.Schedule, patientId,
                Detail: $"waitlist{(locationId is null ? "" : $" at location {locationId}")}{(wanted is null ? "" : $" {wanted}")}: {entries.Count} entries"));
            return Results.Ok(entries);
        });

        read.MapGet("/waitlist/{id:int}", async (int id, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            var view = await Planning.WaitlistEntryAsync(db, id);
            if (view is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Read, AuditCategories.Schedule, view.PatientId, Detail: $"waitlist entry {id}"));
            return Results.Ok(view);
        });

        read.MapGet("/waitlist/fits", async (string? appointment, MedOfficeDb db, WaitlistService waitlist, AuditTrail audit, HttpContext context) =>
        {
            var errors = new Dictionary<string, string[]>();
            var appointmentId = Number(appointment, "appointment", "Say which freed appointment: ?appointment=ID.", errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var view = await Planning.FitsAsync(db, waitlist, appointmentId!.Value);
            if (view is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Query, AuditCategories.Schedule,
                Detail: $"waitlist fits for appointment {appointmentId}: {view.Fits.Count} entries"));
            return Results.Ok(view);
        });

        write.MapPost("/waitlist", async (AddToWaitlistRequest request, MedOfficeDb db, WaitlistService waitlist, HttpContext context) =>
        {
            var errors = new List<FieldError>();
            if (!LocalFormats.TryParseDate(request.EarliestDate, out var earliest))
            {
                errors.Add(new(nameof(AddToWaitlistRequest.EarliestDate), "Write the earliest date as yyyy-MM-dd."));
            }
            DateOnly? latest = null;
            if (!string.IsNullOrWhiteSpace(request.LatestDate))
            {
                if (LocalFormats.TryParseDate(request.LatestDate, out var parsed))
                {
                    latest = parsed;
                }
                else
                {
                    errors.Add(new(nameof(AddToWaitlistRequest.LatestDate), "Write the latest date as yyyy-MM-dd, or leave it out."));
                }
            }
            var part = string.IsNullOrWhiteSpace(request.PartOfDay)
                ? PartsOfDay.Any
                : PartsOfDay.All.FirstOrDefault(p => p.Equals(request.PartOfDay.Trim(), StringComparison.OrdinalIgnoreCase));
            if (part is null)
            {
                errors.Add(new(nameof(AddToWaitlistRequest.PartOfDay), "Choose Any, Morning or Afternoon."));
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(Result<WaitlistEntry>.Fail(errors).ErrorsByField());
            }
            var result = await waitlist.AddAsync(new AddToWaitlist(request.PatientId, request.AppointmentTypeId, request.LocationId, earliest, latest, part!,
                request.ProviderResourceId, request.Note), context.Actor());
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            var entry = result.Value!;
            return Results.Created($"/api/schedule/waitlist/{entry.Id}", await Planning.WaitlistEntryAsync(db, entry.Id));
        });

        write.MapDelete("/waitlist/{id:int}", async (int id, WaitlistService waitlist, HttpContext context) =>
        {
            var result = await waitlist.RemoveAsync(id, context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            return Results.NoContent();
        });

        write.MapPost("/waitlist/{id:int}/offer", async (int id, OfferRequest request, MedOfficeDb db, WaitlistService waitlist, HttpContext context) =>
        {
            var entry = await db.WaitlistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
            if (entry is null)
            {
                return Results.NotFound();
            }
            var slot = await SlotAsync(db, entry.LocationId, request);
            if (!slot.Succeeded)
            {
                return Results.ValidationProblem(slot.ErrorsByField());
            }
            var result = await waitlist.OfferAsync(id, slot.Value, context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            return Results.Ok(await Planning.WaitlistEntryAsync(db, id));
        });

        write.MapPost("/waitlist/{id:int}/book", async (int id, BookFromWaitlistRequest request, MedOfficeDb db, WaitlistService waitlist, HttpContext context) =>
        {
            DateTime? localStart = null;
            if (!string.IsNullOrWhiteSpace(request.LocalStart))
            {
                if (!LocalFormats.TryParseDateTime(request.LocalStart, out var parsed))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [nameof(BookFromWaitlistRequest.LocalStart)] = ["Write the start as yyyy-MM-ddTHH:mm (local time at the location), or leave it out for the slot offered."],
                    });
                }
                localStart = parsed;
            }
            var result = await waitlist.BookFromWaitlistAsync(id, localStart, context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            // The booking service has audited the new appointment.
            return Results.Created($"/api/schedule/appointments/{result.Value!.Id}", await ScheduleViews.AppointmentAsync(db, result.Value.Id));
        });
    }

    /// <summary>The API's series request as the service's: dates, time and weekdays parsed, each refusal naming its field.</summary>
    public static Result<BookSeries> ParseSeries(BookSeriesRequest request)
    {
        var errors = new List<FieldError>();
        if (!Planning.TryParseTime(request.LocalTime, out var time))
        {
            errors.Add(new(nameof(BookSeriesRequest.LocalTime), "Write the time of day as HH:mm (local at the location)."));
        }
        if (!LocalFormats.TryParseDate(request.FirstDate, out var first))
        {
            errors.Add(new(nameof(BookSeriesRequest.FirstDate), "Write the first date as yyyy-MM-dd."));
        }
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(request.UntilDate))
        {
            if (LocalFormats.TryParseDate(request.UntilDate, out var parsed))
            {
                until = parsed;
            }
            else
            {
                errors.Add(new(nameof(BookSeriesRequest.UntilDate), "Write the last date as yyyy-MM-dd."));
            }
        }
        var weekdays = new List<DayOfWeek>();
        foreach (var day in request.Weekdays ?? [])
        {
            if (LocalFormats.TryParseDay(day, out var weekday))
            {
                weekdays.Add(weekday);
            }
            else
            {
                errors.Add(new(nameof(BookSeriesRequest.Weekdays), $"'{day}' is not a weekday (Monday … Sunday)."));
            }
        }
        var frequency = SeriesFrequencies.All.FirstOrDefault(f => f.Equals(request.Frequency?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (frequency is null)
        {
            errors.Add(new(nameof(BookSeriesRequest.Frequency), $"Choose {string.Join(", ", SeriesFrequencies.All)}."));
        }
        if (errors.Count > 0)
        {
            return Result<BookSeries>.Fail(errors);
        }
        var rule = new RecurrenceRule(frequency!, request.Interval, weekdays, first, until, request.Count);
        return Result<BookSeries>.Ok(new BookSeries(request.PatientId, request.AppointmentTypeId, request.LocationId, time, rule, request.ProviderResourceId,
            request.Note, request.RequireAll));
    }

    /// <summary>A series change that stored nothing: a ValidationProblem on StartsAt listing the conflicts, with the whole report beside it.</summary>
    private static IResult NothingStored(SeriesReport report, string summary) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["StartsAt"] = [summary, .. report.Conflicts.Select(c => c.ToString())] },
        extensions: new Dictionary<string, object?> { ["report"] = SeriesReportView.From(report) });

    /// <summary>Checks the series and the occurrence named, then runs the change; for "All" any occurrence of the series will do.</summary>
    private static async Task<IResult> OnSeriesAsync(MedOfficeDb db, int seriesId, int? appointmentId, SeriesScope scope, Dictionary<string, string[]> errors,
        Func<int, Task<Result<SeriesReport>?>> change)
    {
        if (!await db.AppointmentSeries.AnyAsync(s => s.Id == seriesId))
        {
            return Results.NotFound();
        }
        var occurrences = db.Appointments.AsNoTracking().Where(a => a.SeriesId == seriesId);
        int? anchor = null;
        if (appointmentId is { } named)
        {
            if (await occurrences.AnyAsync(a => a.Id == named))
            {
                anchor = named;
            }
            else
            {
                errors["AppointmentId"] = [$"Appointment {named} is not an occurrence of series {seriesId}."];
            }
        }
        else if (scope == SeriesScope.All || errors.ContainsKey("Scope"))
        {
            anchor = await occurrences.OrderBy(a => a.Status == AppointmentStatuses.Booked ? 0 : 1).ThenByDescending(a => a.StartsAt)
                .Select(a => (int?)a.Id).FirstOrDefaultAsync();
        }
        else
        {
            errors["AppointmentId"] = ["Say which occurrence (AppointmentId) this and the following start from."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        if (anchor is null)
        {
            return Results.Ok(SeriesReportView.From(new SeriesReport(seriesId, true, [])));
        }
        var result = await change(anchor.Value);
        return result switch
        {
            null => Results.NotFound(),
            { Succeeded: false } failed => Results.ValidationProblem(failed.ErrorsByField()),
            { Value.Applied: false } => NothingStored(result.Value!, "Every occurrence was required and at least one could not be moved, so none was."),
            _ => Results.Ok(SeriesReportView.From(result.Value!)),
        };
    }

    private static async Task<Result<DateTime>> SlotAsync(MedOfficeDb db, int locationId, OfferRequest request)
    {
        if (request.AppointmentId is { } freedId)
        {
            return await db.Appointments.AsNoTracking().Where(a => a.Id == freedId).Select(a => (DateTime?)a.StartsAt).FirstOrDefaultAsync() is { } startsAt
                ? Result<DateTime>.Ok(startsAt)
                : Result<DateTime>.Fail(nameof(OfferRequest.AppointmentId), $"No appointment {freedId}.");
        }
        if (!LocalFormats.TryParseDateTime(request.LocalStart, out var local))
        {
            return Result<DateTime>.Fail(nameof(OfferRequest.LocalStart),
                "Say which slot: the freed appointment (AppointmentId) or a start as yyyy-MM-ddTHH:mm, local at the entry's location.");
        }
        var zone = await db.Locations.Where(l => l.Id == locationId).Select(l => l.TimeZoneId).FirstAsync();
        return LocalTimes.ToUtc(local, zone) is { } utc
            ? Result<DateTime>.Ok(utc)
            : Result<DateTime>.Fail(nameof(OfferRequest.LocalStart), $"{local:HH:mm} does not exist on {local:yyyy-MM-dd} there: the clocks spring forward then.");
    }

    private static int? Number(string? text, string field, string missing, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text?.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[field] = [string.IsNullOrWhiteSpace(text) && missing.Length > 0 ? missing : $"'{text}' is not a number."];
        return null;
    }
}
