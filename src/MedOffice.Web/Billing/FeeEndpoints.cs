using System.Globalization;
using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Billing;

/// <summary>
/// Fee schedules and superbills: read by whoever enters charges, changed by the billing office (FeesManage). The JSON API
/// is under /api/fee-schedules; the /billing pages' forms post under /billing and are sent back to their page.
/// </summary>
public static class FeeEndpoints
{
    public static void MapFeeEndpoints(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/fee-schedules").RequireAuthorization(Policies.ChargesRead);
        var manage = app.MapGroup("/api/fee-schedules").RequireAuthorization(Policies.FeesManage);

        read.MapGet("", async (MedOfficeDb db) =>
            Results.Ok(await db.FeeSchedules.AsNoTracking().OrderBy(f => f.PayerId).ThenBy(f => f.EffectiveFrom).ToListAsync()));
        read.MapGet("/{id:int}", async (int id, MedOfficeDb db) =>
            await db.FeeSchedules.AsNoTracking().Include(f => f.Entries.OrderBy(e => e.ProcedureCode).ThenBy(e => e.Modifier)).FirstOrDefaultAsync(f => f.Id == id) is { } schedule
                ? Results.Ok(schedule)
                : Results.NotFound());
        // What a code costs for a payer on a date (the payer's schedule in force, else the office's).
        read.MapGet("/fee", async (string code, string? modifier, int? payerId, DateOnly date, FeeSchedules fees) =>
            await fees.FeeForAsync(code, modifier, payerId, date) is { } quote ? Results.Ok(quote) : Results.NotFound());

        manage.MapPost("", async (SaveFeeSchedule request, FeeSchedules fees, HttpContext context) =>
            await fees.CreateAsync(request, context.Actor()) switch
            {
                { Succeeded: true } created => Results.Created($"/api/fee-schedules/{created.Value!.Id.ToString(CultureInfo.InvariantCulture)}", created.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        manage.MapPut("/{id:int}", async (int id, SaveFeeSchedule request, FeeSchedules fees, HttpContext context) =>
            Answer(await fees.UpdateAsync(id, request, context.Actor())));
        manage.MapPut("/{id:int}/entries", async (int id, SaveFeeEntry request, FeeSchedules fees, HttpContext context) =>
            Answer(await fees.SaveEntryAsync(id, request, context.Actor())));
        manage.MapDelete("/{id:int}/entries/{entryId:int}", async (int id, int entryId, FeeSchedules fees, HttpContext context) =>
            await fees.RemoveEntryAsync(id, entryId, context.Actor()) ? Results.NoContent() : Results.NotFound());
        // A CSV (code, modifier, fee, expected allowed) replacing the schedule's fees; a file with a bad line changes nothing.
        manage.MapPost("/{id:int}/import", async (int id, IFormFile file, [FromForm] string? returnTo, FeeSchedules fees, HttpContext context) =>
        {
            await using var stream = file.OpenReadStream();
            var result = await fees.ImportCsvAsync(id, stream, context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (returnTo == "page")
            {
                return Results.Redirect(SchedulePage(id, result.Succeeded
                    ? $"done={Uri.EscapeDataString($"{result.Value!.Entries} fees loaded from {file.FileName}.")}"
                    : $"error={Uri.EscapeDataString($"{file.FileName} was not loaded: " + string.Join(" ", result.Errors.Take(10).Select(e => e.Message)))}"));
            }
            return result.Succeeded ? Results.Ok(result.Value) : Results.ValidationProblem(result.ErrorsByField());
        });

        var forms = app.MapGroup("/billing").RequireAuthorization(Policies.FeesManage);
        forms.MapPost("/fees", async (IFormCollection form, FeeSchedules fees, HttpContext context) =>
        {
            var result = await fees.CreateAsync(Schedule(form), context.Actor());
            return result.Succeeded
                ? Results.Redirect(SchedulePage(result.Value!.Id, "done=" + Uri.EscapeDataString("Schedule created.")))
                : Results.Redirect("/billing/fees?error=" + Errors(result.Errors));
        });
        forms.MapPost("/fees/{id:int}", async (int id, IFormCollection form, FeeSchedules fees, HttpContext context) =>
            Back(id, await fees.UpdateAsync(id, Schedule(form), context.Actor()), "Schedule saved."));
        forms.MapPost("/fees/{id:int}/entries", async (int id, IFormCollection form, FeeSchedules fees, HttpContext context) =>
            Back(id, await fees.SaveEntryAsync(id, new SaveFeeEntry(form["code"], form["modifier"], Money(form, "fee"), Money(form, "expectedAllowed")), context.Actor()),
                $"Saved the fee for {form["code"]}."));
        forms.MapPost("/fees/{id:int}/entries/{entryId:int}/remove", async (int id, int entryId, IFormCollection form, FeeSchedules fees, HttpContext context) =>
            await fees.RemoveEntryAsync(id, entryId, context.Actor()) ? Results.Redirect(SchedulePage(id, "done=" + Uri.EscapeDataString("Fee removed."))) : Results.NotFound());
        forms.MapPost("/superbills/{appointmentTypeId:int}", async (int appointmentTypeId, IFormCollection form, Superbills superbills, HttpContext context) =>
        {
            var items = Enumerable.Range(0, 30).Select(i => (Code: form[$"code{i}"].ToString(), Modifier: form[$"modifier{i}"].ToString(), Units: Money(form, $"units{i}")))
                .Where(r => r.Code.Trim().Length > 0).Select(r => new SuperbillItemInput(r.Code, r.Modifier, r.Units)).ToList();
            var result = await superbills.SetAsync(appointmentTypeId, items, context.Actor());
            var page = $"/billing/superbills?type={appointmentTypeId.ToString(CultureInfo.InvariantCulture)}";
            return result switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.Redirect($"{page}&error={Errors(refused.Errors)}"),
                _ => Results.Redirect($"{page}&done={Uri.EscapeDataString("Superbill saved.")}"),
            };
        });
    }

    private static IResult Answer<T>(Result<T>? result) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: false } => Results.ValidationProblem(result.ErrorsByField()),
        _ => Results.Ok(result.Value),
    };

    private static IResult Back<T>(int id, Result<T>? result, string done) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: false } refused => Results.Redirect(SchedulePage(id, "error=" + Errors(refused.Errors))),
        _ => Results.Redirect(SchedulePage(id, "done=" + Uri.EscapeDataString(done))),
    };

    private static string Errors(IEnumerable<FieldError> errors) => Uri.EscapeDataString(string.Join(" ", errors.Select(e => e.Message)));

    public static string SchedulePage(int id, string query) => $"/billing/fees/{id.ToString(CultureInfo.InvariantCulture)}?{query}";

    private static SaveFeeSchedule Schedule(IFormCollection form) => new(
        form["name"],
        int.TryParse(form["payerId"], NumberStyles.None, CultureInfo.InvariantCulture, out var payer) ? payer : null,
        DateOnly.TryParseExact(form["effectiveFrom"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : null,
        DateOnly.TryParseExact(form["effectiveTo"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : null);

    // A typed amount that is not one is passed on as negative, so the service refuses it by field rather than dropping it.
    internal static decimal? Money(IFormCollection form, string name) =>
        form[name].ToString().Trim() is { Length: > 0 } text ? FeeSchedules.TryMoney(text, out var value) ? value : -1 : null;
}
