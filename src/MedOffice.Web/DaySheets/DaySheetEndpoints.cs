using MedOffice.Scheduling;
using MedOffice.DaySheets;
using MedOffice.Security;
using MedOffice.Web.Scheduling;
using MedOffice.Web.Security;
using Microsoft.Net.Http.Headers;

namespace MedOffice.Web.DaySheets;

/// <summary>GET /schedule/daysheet?resource=ID&amp;date=yyyy-MM-dd: a provider's day as a PDF to print (audited as printed).</summary>
public static class DaySheetEndpoints
{
    public static void MapDaySheetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/schedule/daysheet", async (int? resource, string? date, MedOffice.DaySheets.DaySheets sheets, HttpContext context) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (resource is null)
                {
                    errors["resource"] = ["Choose the provider."];
                }
                if (!LocalFormats.TryParseDate(date, out var day))
                {
                    errors["date"] = ["Write the date as yyyy-MM-dd."];
                }
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }
                return await sheets.PrintAsync(resource!.Value, day, context.Actor()) switch
                {
                    null => Results.NotFound(),
                    { Succeeded: true } ok => Inline(context, ok.Value!, $"daysheet-{resource}-{day:yyyy-MM-dd}.pdf"),
                    var failed => Results.ValidationProblem(failed.ErrorsByField()),
                };
            })
            .RequireAuthorization(Policies.ScheduleRead);
    }

    /// <summary>The PDF shown in the browser's tab (the form opens a new one) to print, with a file name for saving it.</summary>
    private static IResult Inline(HttpContext context, byte[] pdf, string fileName)
    {
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        return Results.File(pdf, "application/pdf");
    }
}
