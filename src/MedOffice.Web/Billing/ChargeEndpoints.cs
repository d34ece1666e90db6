using System.Globalization;
using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Billing;

/// <summary>
/// Charges: the JSON API under /api/charges, and the charge sheet page's form posts under /charges. A form post made by
/// htmx gets the sheet editor back (with every refusal named by field); a plain one is sent back to the page. Reading and
/// entering need ChargesRead/ChargesWrite; releasing, voiding and replacing need ChargesRelease.
/// </summary>
public static class ChargeEndpoints
{
    public sealed record CodeRequest(string? Code);
    public sealed record ReasonRequest(string? Reason);

    public static void MapChargeEndpoints(this IEndpointRouteBuilder app)
    {
        MapApi(app);
        MapForms(app);
        FeeEndpoints.MapFeeEndpoints(app);
    }

    private static void MapApi(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/charges").RequireAuthorization(Policies.ChargesRead);
        var write = app.MapGroup("/api/charges").RequireAuthorization(Policies.ChargesWrite);
        var release = app.MapGroup("/api/charges").RequireAuthorization(Policies.ChargesRelease);

        read.MapGet("", async (int? olderThanDays, int? providerId, ChargeQueries queries, HttpContext context) =>
            Results.Ok(await queries.ToReviewAsync(olderThanDays ?? 0, providerId, context.Actor())));
        read.MapGet("/patients/{patientId:int}", async (int patientId, ChargeQueries queries, HttpContext context) =>
            Results.Ok(await queries.ForPatientAsync(patientId, context.Actor())));
        read.MapGet("/{id:int}", async (int id, ChargeEntry charges, HttpContext context) =>
            await charges.GetAsync(id, context.Actor()) is { } sheet ? Results.Ok(sheet) : Results.NotFound());

        write.MapPost("/visits/{appointmentId:int}", async (int appointmentId, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.StartFromAppointmentAsync(appointmentId, context.Actor())));
        write.MapPut("/{id:int}", async (int id, SaveChargeSheet request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.SaveAsync(id, request, context.Actor())));
        write.MapPut("/{id:int}/details", async (int id, ChargeSheetDetails request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.UpdateDetailsAsync(id, request, context.Actor())));
        write.MapPost("/{id:int}/diagnoses", async (int id, CodeRequest request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.AddDiagnosisAsync(id, request.Code, context.Actor())));
        write.MapDelete("/{id:int}/diagnoses/{sequence:int}", async (int id, int sequence, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.RemoveDiagnosisAsync(id, sequence, context.Actor())));
        write.MapPost("/{id:int}/lines", async (int id, ChargeLineInput request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.AddLineAsync(id, request, context.Actor())));
        write.MapPut("/{id:int}/lines/{lineNumber:int}", async (int id, int lineNumber, ChargeLineInput request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.UpdateLineAsync(id, lineNumber, request, context.Actor())));
        write.MapDelete("/{id:int}/lines/{lineNumber:int}", async (int id, int lineNumber, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.RemoveLineAsync(id, lineNumber, context.Actor())));

        release.MapPost("/{id:int}/release", async (int id, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.ReleaseAsync(id, context.Actor())));
        release.MapPost("/{id:int}/void", async (int id, ReasonRequest request, ChargeEntry charges, HttpContext context) =>
            Answer(await charges.VoidAsync(id, request.Reason, context.Actor())));
        release.MapPost("/{id:int}/replace", async (int id, ReasonRequest request, ChargeEntry charges, HttpContext context) =>
            await charges.ReplaceAsync(id, request.Reason, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.ValidationProblem(refused.ErrorsByField()),
                var replaced => Results.Created($"/api/charges/{replaced.Value!.Id.ToString(CultureInfo.InvariantCulture)}", replaced.Value),
            });

        read.MapGet("/superbills/{appointmentTypeId:int}", async (int appointmentTypeId, Superbills superbills) =>
            Results.Ok(await superbills.ForTypeAsync(appointmentTypeId)));
        app.MapPut("/api/charges/superbills/{appointmentTypeId:int}", async (int appointmentTypeId, List<SuperbillItemInput> request, Superbills superbills, HttpContext context) =>
            await superbills.SetAsync(appointmentTypeId, request, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.ValidationProblem(refused.ErrorsByField()),
                var saved => Results.Ok(saved.Value),
            }).RequireAuthorization(Policies.FeesManage);
    }

    private static IResult Answer(Result<ChargeSheet>? result) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: false } => Results.ValidationProblem(result.ErrorsByField()),
        _ => Results.Ok(result.Value),
    };

    private static void MapForms(IEndpointRouteBuilder app)
    {
        var write = app.MapGroup("/charges").RequireAuthorization(Policies.ChargesWrite);
        var release = app.MapGroup("/charges").RequireAuthorization(Policies.ChargesRelease);

        // The form carries only the antiforgery token; binding it is what makes the endpoint check the token.
        write.MapPost("/visit/{appointmentId:int}/start", async (int appointmentId, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            await charges.StartFromAppointmentAsync(appointmentId, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: false } refused => Results.Redirect($"/charges/visit/{appointmentId.ToString(CultureInfo.InvariantCulture)}?error={Uri.EscapeDataString(refused.Errors[0].Message)}"),
                var started => Results.Redirect(SheetPage(started.Value!.Id)),
            });

        write.MapPost("/{id:int}/details", (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, "Saved who and where.", () => charges.UpdateDetailsAsync(id, new ChargeSheetDetails(
                Number(form, "renderingProviderId"), form["placeOfServiceCode"], form["referringFirstName"], form["referringLastName"], form["referringNpi"]), context.Actor())));
        write.MapPost("/{id:int}/diagnoses", (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, $"Added {form["code"]}.", () => charges.AddDiagnosisAsync(id, form["code"], context.Actor())));
        write.MapPost("/{id:int}/diagnoses/{sequence:int}/remove", (int id, int sequence, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, $"Removed diagnosis {sequence.ToString(CultureInfo.InvariantCulture)}.", () => charges.RemoveDiagnosisAsync(id, sequence, context.Actor())));
        write.MapPost("/{id:int}/lines", (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, $"Added {form["code"]}.", () => charges.AddLineAsync(id, Line(form), context.Actor())));
        write.MapPost("/{id:int}/lines/{lineNumber:int}", (int id, int lineNumber, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, $"Saved line {lineNumber.ToString(CultureInfo.InvariantCulture)}.", () => charges.UpdateLineAsync(id, lineNumber, Line(form), context.Actor())));
        write.MapPost("/{id:int}/lines/{lineNumber:int}/remove", (int id, int lineNumber, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, $"Removed line {lineNumber.ToString(CultureInfo.InvariantCulture)}.", () => charges.RemoveLineAsync(id, lineNumber, context.Actor())));

        release.MapPost("/{id:int}/release", (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, "Released to billing.", () => charges.ReleaseAsync(id, context.Actor())));
        release.MapPost("/{id:int}/void", (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
            FormAsync(context, id, "Voided.", () => charges.VoidAsync(id, form["reason"], context.Actor())));
        // The replacement is a new sheet: the browser goes to it (htmx follows HX-Redirect).
        release.MapPost("/{id:int}/replace", async (int id, IFormCollection form, ChargeEntry charges, HttpContext context) =>
        {
            var result = await charges.ReplaceAsync(id, form["reason"], context.Actor());
            if (result is { Succeeded: true, Value: { } copy })
            {
                if (IsHtmx(context))
                {
                    context.Response.Headers["HX-Redirect"] = SheetPage(copy.Id) + "?done=" + Uri.EscapeDataString($"Voided sheet {id.ToString(CultureInfo.InvariantCulture)}; this draft replaces it.");
                    return Results.Ok();
                }
                return Results.Redirect(SheetPage(copy.Id));
            }
            return await FormAsync(context, id, "", () => Task.FromResult(result));
        });
    }

    /// <summary>Runs a change from the page and answers htmx with the editor (refusals shown by field), a plain post with a redirect.</summary>
    private static async Task<IResult> FormAsync(HttpContext context, int id, string done, Func<Task<Result<ChargeSheet>?>> change)
    {
        var result = await change();
        if (result is null)
        {
            return Results.NotFound();
        }
        if (!IsHtmx(context))
        {
            return Results.Redirect(SheetPage(id) + (result.Succeeded
                ? $"?done={Uri.EscapeDataString(done)}"
                : $"?error={Uri.EscapeDataString(string.Join(" ", result.Errors.Select(e => $"{ChargeScreen.FieldLabel(e.Field)}: {e.Message}")))}"));
        }
        var services = context.RequestServices;
        var db = services.GetRequiredService<MedOfficeDb>();
        // The editor shows the sheet as saved: a refused change left it as it was.
        db.ChangeTracker.Clear();
        var sheet = await db.ChargeSheets.AsNoTracking().Include(s => s.Diagnoses.OrderBy(d => d.Sequence)).Include(s => s.Lines.OrderBy(l => l.LineNumber))
            .AsSplitQuery().FirstAsync(s => s.Id == id);
        var screen = await ChargeScreen.LoadAsync(sheet, db, services.GetRequiredService<DiagnosisCodes>(), services.GetRequiredService<FeeSchedules>(),
            services.GetRequiredService<ChargeRules>(), services.GetRequiredService<IAuthorizationService>(), context.User);
        return new RazorComponentResult<ChargeSheetEditor>(new { Screen = screen, Errors = result.Errors, Done = result.Succeeded ? done : null });
    }

    private static ChargeLineInput Line(IFormCollection form) => new(
        form["code"],
        form["modifiers"].ToString().Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        FeeEndpoints.Money(form, "units") ?? 1,
        FeeEndpoints.Money(form, "amount"),
        form["pointers"]);

    private static bool IsHtmx(HttpContext context) => context.Request.Headers.ContainsKey("HX-Request");

    public static string SheetPage(int id) => $"/charges/{id.ToString(CultureInfo.InvariantCulture)}";

    // A blank field posts an empty value, which minimal APIs refuse to bind to a number.
    private static int? Number(IFormCollection form, string name) =>
        int.TryParse(form[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
