using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Coding;

/// <summary>
/// Code sets: search and checks for anyone who reads the practice; imports and the office's CPT list for the billing
/// office; favourites for providers and billers. The /coding page's forms post here too and are sent back to it.
/// </summary>
public static class CodingEndpoints
{
    public sealed record CodeText(string? Code, string? Description);
    public sealed record FavoriteRequest(int ProviderId, string? Kind, string? Code);

    public static void MapCodingEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/codes").RequireAuthorization(Policies.PracticeRead);
        var manage = app.MapGroup("/api/codes").RequireAuthorization(Policies.CodesManage);
        var favorites = app.MapGroup("/api/codes/favorites").RequireAuthorization(Policies.CodeFavoritesManage);

        read.MapGet("/diagnoses", async (string? q, DateOnly? date, int? providerId, DiagnosisCodes codes) =>
            Results.Ok(await codes.SearchAsync(q, date, providerId)));
        read.MapGet("/diagnoses/check", async (string code, DateOnly date, DiagnosisCodes codes) => Results.Ok(await codes.CheckAsync(code, date)));
        read.MapGet("/procedures", async (string? q, int? providerId, ProcedureCodes codes) => Results.Ok(await codes.SearchAsync(q, providerId)));
        read.MapGet("/procedures/check", async (string code, ProcedureCodes codes) => Results.Ok(await codes.CheckAsync(code)));
        read.MapGet("/modifiers", async (MedOfficeDb db) => Results.Ok(await db.BillingModifiers.AsNoTracking().OrderBy(m => m.Code).ToListAsync()));
        read.MapGet("/places-of-service", async (MedOfficeDb db) => Results.Ok(await db.PlacesOfService.AsNoTracking().OrderBy(p => p.Code).ToListAsync()));
        read.MapGet("/imports", async (MedOfficeDb db) => Results.Ok(await db.CodeSetImports.AsNoTracking().OrderByDescending(i => i.Id).Take(50).ToListAsync()));

        // The search box on /coding: a fragment of diagnoses or procedures (htmx), the provider's favourites first.
        app.MapGet("/coding/search", async (string? q, string? kind, DateOnly? date, int? providerId, DiagnosisCodes diagnoses, ProcedureCodes procedures) =>
            kind == "procedures"
                ? new RazorComponentResult<CodeSearchResults>(new { Procedures = await procedures.SearchAsync(q, providerId) })
                : new RazorComponentResult<CodeSearchResults>(new { Diagnoses = await diagnoses.SearchAsync(q, date, providerId) }))
            .RequireAuthorization(Policies.PracticeRead);

        // Imports: multipart (file, and for ICD-10-CM an optional fiscalYear). A refused file changes nothing.
        manage.MapPost("/import/{kind}", async (string kind, IFormFile file, [FromForm] int? fiscalYear, [FromForm] string? returnTo,
            CodeSetImporter importer, HttpContext context) =>
        {
            await using var stream = file.OpenReadStream();
            var result = kind switch
            {
                "icd10cm" => await importer.ImportIcd10CmAsync(stream, file.FileName, fiscalYear, context.Actor()),
                "hcpcs" => await importer.ImportHcpcsAsync(stream, file.FileName, context.Actor()),
                "cpt" => await importer.ImportCptAsync(stream, file.FileName, context.Actor()),
                "pos" => await importer.ImportPlacesOfServiceAsync(stream, file.FileName, context.Actor()),
                _ => null,
            };
            if (result is null)
            {
                return Results.NotFound();
            }
            if (IsPage(returnTo))
            {
                var message = result.Succeeded
                    ? $"imported={Uri.EscapeDataString($"{result.Value!.Rows} {result.Value.Kind} codes{(result.Value.Version is { } v ? $" ({v})" : "")} loaded from {file.FileName}.")}"
                    : $"error={Uri.EscapeDataString($"{file.FileName} was not loaded: " + string.Join(" ", result.Errors.Take(5).Select(e => e.Message)))}";
                return Results.Redirect($"/coding?{message}");
            }
            return result.Succeeded ? Results.Ok(result.Value) : Results.ValidationProblem(result.ErrorsByField());
        }).WithUploadLimit(200);

        manage.MapPost("/cpt", async (CodeText request, CodeSetImporter importer, HttpContext context) =>
            await importer.SaveCptAsync(request.Code, request.Description, context.Actor()) switch
            {
                { Succeeded: true } saved => Results.Ok(new { saved.Value!.Code, saved.Value.CodeSystem, saved.Value.LongDescription }),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        // The /coding page's one-code form.
        app.MapPost("/coding/cpt", async ([FromForm] string? code, [FromForm] string? description, CodeSetImporter importer, HttpContext context) =>
            await importer.SaveCptAsync(code, description, context.Actor()) switch
            {
                { Succeeded: true } saved => Results.Redirect($"/coding?imported={Uri.EscapeDataString($"CPT {saved.Value!.Code} saved: {saved.Value.LongDescription}")}"),
                var refused => Results.Redirect($"/coding?error={Uri.EscapeDataString(refused.Errors[0].Message)}"),
            }).RequireAuthorization(Policies.CodesManage);
        manage.MapPost("/modifiers", async (CodeText request, CodeSetImporter importer, HttpContext context) =>
            await importer.SaveModifierAsync(request.Code, request.Description, context.Actor()) switch
            {
                { Succeeded: true } saved => Results.Ok(saved.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });

        favorites.MapPost("", async (FavoriteRequest request, ProcedureCodes codes, HttpContext context) =>
            await codes.AddFavoriteAsync(request.ProviderId, request.Kind, request.Code, context.Actor()) switch
            {
                { Succeeded: true } added => Results.Ok(added.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        favorites.MapDelete("/{id:int}", async (int id, ProcedureCodes codes, HttpContext context) =>
            await codes.RemoveFavoriteAsync(id, context.Actor()) ? Results.NoContent() : Results.NotFound());
    }

    private static bool IsPage(string? returnTo) => returnTo == "/coding";

    private static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder builder, int megabytes) =>
        builder.WithMetadata(new RequestSizeLimitAttribute(megabytes * 1024L * 1024L)).WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = megabytes * 1024L * 1024L });
}
