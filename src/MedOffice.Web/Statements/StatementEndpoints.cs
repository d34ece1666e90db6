using System.Globalization;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Statements;
using MedOffice.Web.Security;
using Microsoft.Net.Http.Headers;

namespace MedOffice.Web.Statements;

public sealed record GenerateStatements(string? StatementDate);

public sealed record DoNotSendRequest(bool DoNotSend, string? Reason);

/// <summary>
/// Patient statements for the billing office. JSON: POST /api/statements/runs {statementDate}, GET /api/statements/runs,
/// GET /api/statements/preview?date=, GET /api/statements/runs/{id}.pdf (the batch to mail), GET /api/statements/{id}.pdf
/// (one statement as sent), GET /api/guarantors/{id}/statement.pdf (a live preview), POST /api/guarantors/{id}/do-not-send.
/// Pages' forms post to /statements/... and answer with a redirect; /patients/{id}/statement is the patient's guarantor's
/// statement as a PDF (a preview, read live from the ledger).
/// </summary>
public static class StatementEndpoints
{
    public static void MapStatementEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/statements").RequireAuthorization(Policies.StatementsWork);
        var guarantors = app.MapGroup("/api/guarantors").RequireAuthorization(Policies.StatementsWork);
        var forms = app.MapGroup("/statements").RequireAuthorization(Policies.StatementsWork);

        api.MapPost("/runs", async (GenerateStatements request, StatementRuns runs, HttpContext context) =>
        {
            if (!LocalFormats.TryParseDate(request.StatementDate, out var date))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["statementDate"] = ["Write the statement date as yyyy-MM-dd."] });
            }
            return await runs.GenerateAsync(date, context.Actor()) switch
            {
                { Succeeded: true } ok => Results.Ok(ok.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            };
        });
        api.MapGet("/runs", async (StatementRuns runs) => Results.Ok(await runs.RunsAsync()));
        api.MapGet("/preview", async (string? date, StatementRuns runs) =>
            LocalFormats.TryParseDate(date, out var day)
                ? Results.Ok(await runs.PreviewAsync(day))
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Write the date as yyyy-MM-dd."] }));
        api.MapGet("/runs/{id:int}.pdf", async (int id, StatementRuns runs, HttpContext context) =>
            await runs.RunPdfAsync(id, context.Actor()) is { } pdf ? Pdf(context, pdf, $"statements-run-{id}.pdf", inline: false) : Results.NotFound());
        api.MapGet("/{id:int}.pdf", async (int id, StatementRuns runs, HttpContext context) =>
            await runs.StatementPdfAsync(id, context.Actor()) is { } pdf ? Pdf(context, pdf, $"statement-{id}.pdf", inline: true) : Results.NotFound());

        guarantors.MapGet("/{id:int}/statement.pdf", async (int id, string? date, StatementRuns runs, HttpContext context) =>
        {
            DateOnly? day = null;
            if (date is not null)
            {
                if (!LocalFormats.TryParseDate(date, out var parsed))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Write the date as yyyy-MM-dd."] });
                }
                day = parsed;
            }
            return await runs.PreviewPdfForAccountAsync(id, day, context.Actor()) is { } pdf
                ? Pdf(context, pdf, $"statement-{GuarantorAccount.AccountNumber(id)}.pdf", inline: true)
                : Results.NotFound();
        });
        guarantors.MapPost("/{id:int}/do-not-send", async (int id, DoNotSendRequest request, StatementRuns runs, HttpContext context) =>
            await runs.SetDoNotSendAsync(id, request.DoNotSend, request.Reason, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Ok(new { ok.Value!.Id, ok.Value.DoNotSend, ok.Value.DoNotSendReason }),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });

        app.MapGet("/patients/{id:int}/statement", async (int id, StatementRuns runs, HttpContext context) =>
                await runs.PreviewPdfForPatientAsync(id, null, context.Actor()) is { } pdf ? Pdf(context, pdf, $"statement-patient-{id}.pdf", inline: true) : Results.NotFound())
            .RequireAuthorization(Policies.StatementsWork);
        app.MapGet("/patients/{id:int}/statement/account", async (int id, StatementRuns runs) =>
                await runs.AccountIdForPatientAsync(id) is { } accountId ? Results.Redirect($"/statements/accounts/{accountId}") : Results.NotFound())
            .RequireAuthorization(Policies.StatementsWork);

        forms.MapPost("/runs", async (IFormCollection form, HttpContext context, StatementRuns runs) =>
        {
            string? dateText = form["statementDate"];
            if (!LocalFormats.TryParseDate(dateText, out var date))
            {
                return Results.Redirect($"/statements?error={Uri.EscapeDataString("Statement date: write it as yyyy-MM-dd.")}");
            }
            var result = await runs.GenerateAsync(date, context.Actor());
            var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return result.Succeeded
                ? Results.Redirect($"/statements?date={day}&done={Uri.EscapeDataString(result.Value!.Added == 0
                    ? $"Nothing to add for {day}: every guarantor due a statement has one."
                    : $"{result.Value.Added} statement(s) generated for {day}, {MoneyText.Dollars(result.Value.Total)} in all.")}")
                : Results.Redirect($"/statements?date={day}&error={Uri.EscapeDataString(string.Join(" ", result.Errors.Select(e => e.Message)))}");
        });
        forms.MapPost("/settings", async (IFormCollection form, HttpContext context, StatementRuns runs) =>
        {
            decimal? minimum = decimal.TryParse(form["minimumDue"], NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : null;
            int? days = int.TryParse(form["resendDays"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
            var result = await runs.SaveSettingsAsync(form["message"], minimum, days, context.Actor());
            return Results.Redirect(result.Succeeded
                ? $"/statements?done={Uri.EscapeDataString("Statement settings saved.")}"
                : $"/statements?error={Uri.EscapeDataString(string.Join(" ", result.Errors.Select(e => $"{Label(e.Field)}: {e.Message}")))}");
        });
        forms.MapPost("/accounts/{id:int}/do-not-send", async (int id, IFormCollection form, HttpContext context, StatementRuns runs) =>
        {
            var result = await runs.SetDoNotSendAsync(id, form["doNotSend"] == "true", form["reason"], context.Actor());
            return result switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Redirect($"/statements/accounts/{id}?done={Uri.EscapeDataString(ok.Value!.DoNotSend ? "Statements will not be sent to this account." : "Statements will be sent again.")}"),
                var refused => Results.Redirect($"/statements/accounts/{id}?error={Uri.EscapeDataString(string.Join(" ", refused.Errors.Select(e => $"{Label(e.Field)}: {e.Message}")))}"),
            };
        });
    }

    private static string Label(string field) => field switch
    {
        "minimumDue" => "Minimum amount",
        "resendDays" => "Resend gap",
        "message" => "Message",
        "reason" => "Reason",
        _ => field,
    };

    private static IResult Pdf(HttpContext context, byte[] pdf, string fileName, bool inline)
    {
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment") { FileName = fileName }.ToString();
        return Results.File(pdf, "application/pdf");
    }
}
