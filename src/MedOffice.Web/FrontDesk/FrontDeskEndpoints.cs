using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MedOffice.Data;
using MedOffice.FrontDesk;
using MedOffice.Live;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.FrontDesk;

/// <summary>
/// The front desk's form posts (each answers with a redirect back to /frontdesk), the waiting-room board fragment, and
/// the board's Server-Sent Events stream. Viewing needs ScheduleRead; every change needs FrontDeskWork.
/// </summary>
public static class FrontDeskEndpoints
{
    public static void MapFrontDeskEndpoints(this IEndpointRouteBuilder app)
    {
        var view = app.MapGroup("").RequireAuthorization(Policies.ScheduleRead);
        var work = app.MapGroup("/frontdesk").RequireAuthorization(Policies.FrontDeskWork);

        // Every open board of the location listens here; a change sends ids only, and the board fetches its fragment again.
        view.MapGet("/live/waiting-room/{locationId:int}", (int locationId, ILiveUpdates live, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Events(live, FrontDeskService.BoardTopic(locationId), cancellationToken)));

        view.MapGet("/frontdesk/board/fragment", async (int? location, FrontDeskService desk) =>
            await DayAsync(desk, location) is { } day
                ? new RazorComponentResult<WaitingRoomBoard>(new { Day = day })
                : Results.NotFound());

        // Waiting times for reports: the day's visits with arrival, rooming, provider and check-out times (local) and waits.
        view.MapGet("/api/frontdesk/day", async (int location, DateOnly? date, FrontDeskService desk) =>
            (date ?? await desk.TodayAtAsync(location)) is { } day && await desk.TodayAsync(location, day) is { } found
                ? Results.Ok(found)
                : Results.NotFound());

        // Waiting times over a range of days (aggregates only, no patient): JSON, and the same figures as CSV for a spreadsheet.
        view.MapGet("/api/frontdesk/waiting-times", async (int location, DateOnly from, DateOnly to, WaitingTimes waits) =>
            await waits.ReportAsync(location, from, to) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.ValidationProblem(refused.ErrorsByField()),
                var report => Results.Ok(report.Value),
            });
        view.MapGet("/frontdesk/waiting-times.csv", async (int location, DateOnly from, DateOnly to, WaitingTimes waits) =>
            await waits.ReportAsync(location, from, to) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.ValidationProblem(refused.ErrorsByField()),
                var report => Results.File(WaitingTimesCsv(report.Value!), "text/csv", $"waiting-times-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv"),
            });

        work.MapGet("/patients", async (string? q, PatientSearch search, HttpContext context) =>
        {
            var hits = string.IsNullOrWhiteSpace(q) ? [] : await search.SearchAsync(q, context.Actor(), limit: 8);
            return new RazorComponentResult<WalkInPatients>(new { Hits = hits, Query = q ?? "" });
        });

        work.MapPost("/appointments/{id:int}/check-in", async (int id, [FromForm] bool? demographicsConfirmed, [FromForm] bool? insuranceConfirmed,
            IFormCollection form, FrontDeskService desk, MedOfficeDb db, HttpContext context) =>
        {
            var result = await desk.CheckInAsync(id, new CheckIn(demographicsConfirmed ?? false, insuranceConfirmed ?? false, Consents(form)), context.Actor());
            return await BackAsync(db, id, result?.Succeeded, result?.Errors, "checked-in");
        });

        work.MapPost("/appointments/{id:int}/room", async (int id, IFormCollection form, FrontDeskService desk, MedOfficeDb db, HttpContext context) =>
        {
            var result = await desk.RoomAsync(id, Number(form, "roomResourceId"), context.Actor());
            return await BackAsync(db, id, result?.Succeeded, result?.Errors, "roomed");
        });

        work.MapPost("/appointments/{id:int}/provider-in", async (int id, FrontDeskService desk, MedOfficeDb db, HttpContext context) =>
        {
            var result = await desk.ProviderInAsync(id, context.Actor());
            return await BackAsync(db, id, result?.Succeeded, result?.Errors, "provider-in");
        });

        work.MapPost("/appointments/{id:int}/no-show", async (int id, FrontDeskService desk, MedOfficeDb db, HttpContext context) =>
        {
            var result = await desk.NoShowAsync(id, context.Actor());
            return await BackAsync(db, id, result?.Succeeded, result?.Errors, "no-show");
        });

        work.MapPost("/appointments/{id:int}/check-out", async (int id, IFormCollection form, FrontDeskService desk, MedOfficeDb db, HttpContext context) =>
        {
            FollowUp? followUp = null;
            if (Number(form, "followUpTypeId") is { } typeId)
            {
                if (!DateOnly.TryParseExact(form["followUpDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || !TimeOnly.TryParseExact(form["followUpTime"].ToString(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    return await BackAsync(db, id, false, [new FieldError("FollowUp", "Give the follow-up's date and time, or choose no follow-up.")], "");
                }
                followUp = new FollowUp(typeId, date.ToDateTime(at), Number(form, "followUpProviderId"));
            }
            var result = await desk.CheckOutAsync(id, followUp, context.Actor());
            return await BackAsync(db, id, result?.Succeeded, result?.Errors, result?.Value?.FollowUpAppointmentId is { } next ? $"checked-out&followUp={next}" : "checked-out");
        });

        work.MapPost("/walk-in", async ([FromForm] int locationId, [FromForm] bool? demographicsConfirmed, [FromForm] bool? insuranceConfirmed, IFormCollection form,
            FrontDeskService desk, HttpContext context) =>
        {
            var result = Number(form, "patientId") is not { } patientId || Number(form, "appointmentTypeId") is not { } typeId
                ? Result<CheckInOutcome>.Fail("PatientId", "Choose the patient and the visit type.")
                : await desk.WalkInAsync(new WalkIn(patientId, locationId, typeId, Number(form, "providerResourceId")),
                    new CheckIn(demographicsConfirmed ?? false, insuranceConfirmed ?? false, Consents(form)), context.Actor());
            return result.Succeeded
                ? Results.Redirect(Page(locationId, $"done={result.Value!.AppointmentId}&step=checked-in"))
                : Results.Redirect(Page(locationId, $"error={Uri.EscapeDataString(result.Errors[0].Message)}"));
        });
    }

    private static byte[] WaitingTimesCsv(WaitingTimesReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(report.ByDay.Select(r => (Group: "day", Row: r))
                .Concat(report.ByProvider.Select(r => (Group: "provider", Row: r)))
                .Append((Group: "total", Row: report.Total))
                .Select(x => new
                {
                    x.Group, x.Row.Name, x.Row.Scheduled, x.Row.Arrived, x.Row.WalkIns, x.Row.NoShows,
                    MedianWaitMinutes = x.Row.MedianWait, AverageWaitMinutes = x.Row.AverageWait, Wait90thMinutes = x.Row.Wait90th,
                    LongestWaitMinutes = x.Row.LongestWait, x.Row.RoomedOnTimePercent, MedianRoomWaitMinutes = x.Row.MedianRoomWait,
                    MedianVisitMinutes = x.Row.MedianVisit,
                }));
        }
        return System.Text.Encoding.UTF8.GetBytes(writer.ToString());
    }

    // Checkboxes sharing one name arrive as several values; minimal APIs bind no string[] from a form.
    private static string[] Consents(IFormCollection form) => form["consents"].OfType<string>().ToArray();

    // A select's "none" option posts an empty value, which minimal APIs refuse to bind to int?.
    private static int? Number(IFormCollection form, string name) =>
        int.TryParse(form[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string Page(int locationId, string query) => $"/frontdesk?location={locationId.ToString(CultureInfo.InvariantCulture)}&{query}";

    private static async Task<FrontDeskDay?> DayAsync(FrontDeskService desk, int? location) =>
        location is { } id && await desk.TodayAtAsync(id) is { } today ? await desk.TodayAsync(id, today) : null;

    /// <summary>Back to the desk with what happened: the step done, or the first refusal (in words, no patient data).</summary>
    private static async Task<IResult> BackAsync(MedOfficeDb db, int appointmentId, bool? succeeded, IReadOnlyList<FieldError>? errors, string step)
    {
        var locationId = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => (int?)a.LocationId).FirstOrDefaultAsync();
        if (succeeded is null || locationId is null)
        {
            return Results.NotFound();
        }
        var id = appointmentId.ToString(CultureInfo.InvariantCulture);
        return succeeded.Value
            ? Results.Redirect(Page(locationId.Value, $"done={id}&step={step}"))
            : Results.Redirect(Page(locationId.Value, $"appointment={id}&error={Uri.EscapeDataString(errors![0].Message)}"));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(ILiveUpdates live, string topic, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("ready", "listening");
        await foreach (var update in live.SubscribeAsync(topic, cancellationToken))
        {
            yield return new SseItem<string>(update.Data, "changed");
        }
    }
}
