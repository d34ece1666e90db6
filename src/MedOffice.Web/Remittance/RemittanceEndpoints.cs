using MedOffice.Remittance;
using MedOffice.Security;
using MedOffice.Web.Security;

namespace MedOffice.Web.Remittance;

/// <summary>
/// Remittances for the billing office: the JSON API under /api/remittances (upload an 835 as multipart "file", list,
/// one remittance as posted, the denials worklist) and the /remittances page's upload form (answering with a redirect).
/// </summary>
public static class RemittanceEndpoints
{
    public static void MapRemittanceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/remittances").RequireAuthorization(Policies.RemittancePost);
        var forms = app.MapGroup("/remittances").RequireAuthorization(Policies.RemittancePost);

        api.MapGet("", async (RemittanceQueries queries) => Results.Ok(await queries.ListAsync()));
        api.MapGet("/{id:int}", async (int id, RemittanceQueries queries, HttpContext context) =>
            await queries.FindAsync(id, context.Actor()) is { } remittance ? Results.Ok(remittance) : Results.NotFound());
        api.MapGet("/denials", async (RemittanceQueries queries, HttpContext context) => Results.Ok(await queries.DenialsAsync(context.Actor())));
        api.MapPost("", async (IFormFile file, RemittanceImport import, HttpContext context) =>
        {
            await using var stream = file.OpenReadStream();
            return await import.ImportAsync(stream, file.FileName, context.Actor()) switch
            {
                { Succeeded: true } posted => Results.Ok(posted.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            };
        });

        forms.MapPost("/import", async (IFormFile file, RemittanceImport import, HttpContext context) =>
        {
            await using var stream = file.OpenReadStream();
            var result = await import.ImportAsync(stream, file.FileName, context.Actor());
            var text = result.Succeeded ? result.Value!.ToString() : string.Join(Environment.NewLine, result.Errors.Select(e => e.Message));
            text = text.Length > 1500 ? text[..1500] : text;
            return Results.Redirect(result.Succeeded
                ? result.Value!.RemittanceIds.Count > 0 ? $"/remittances/{result.Value.RemittanceIds[0]}?done={Uri.EscapeDataString(text)}" : $"/remittances?done={Uri.EscapeDataString(text)}"
                : $"/remittances?error={Uri.EscapeDataString(text)}");
        });
    }
}
