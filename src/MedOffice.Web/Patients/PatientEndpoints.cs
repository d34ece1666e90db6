using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedOffice.Web.Patients;

public sealed record CoverageView(int Id, int PayerId, string PayerName, string PayerIdentifier, string? PlanName, string? MemberId,
    string? GroupNumber, int Priority, string SubscriberRelationship, string SubscriberFirstName, string SubscriberLastName,
    DateOnly SubscriberDateOfBirth, DateOnly EffectiveOn, DateOnly? EndsOn, decimal? Copay, bool HasCardFront, bool HasCardBack);

public sealed record PatientView(int Id, string Mrn, PatientDetails Details, int? MergedIntoPatientId, IReadOnlyList<CoverageView> Coverages)
{
    public static PatientView From(Patient p) => new(p.Id, p.Mrn, PatientDetails.From(p), p.MergedIntoPatientId,
        p.Coverages.Select(c => new CoverageView(c.Id, c.PayerId, c.Payer?.Name ?? "", c.Payer?.PayerIdentifier ?? "", c.PlanName, c.MemberId,
            c.GroupNumber, c.Priority, c.SubscriberRelationship, c.SubscriberFirstName, c.SubscriberLastName, c.SubscriberDateOfBirth,
            c.EffectiveOn, c.EndsOn, c.Copay, c.CardFrontFileId is not null, c.CardBackFileId is not null)).ToList());
}

public sealed record MergeRequest(int MergedPatientId);

public static class PatientEndpoints
{
    public static void MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/patients").RequireAuthorization(Policies.PatientsRead);
        var write = app.MapGroup("/api/patients").RequireAuthorization(Policies.PatientsWrite);

        read.MapGet("/", async (string? q, PatientSearch search, HttpContext context) =>
            await search.SearchAsync(q ?? "", context.Actor()));

        read.MapGet("/{id:int}", async Task<Results<Ok<PatientView>, NotFound>> (int id, PatientRegistry registry, HttpContext context) =>
            await registry.GetAsync(id, context.Actor()) is { } patient ? TypedResults.Ok(PatientView.From(patient)) : TypedResults.NotFound());

        write.MapPost("/", async (PatientDetails details, bool? acknowledgeDuplicates, PatientRegistry registry, HttpContext context) =>
        {
            var result = await registry.RegisterAsync(details, acknowledgeDuplicates ?? false, context.Actor());
            return result.Succeeded
                ? Results.Created($"/api/patients/{result.Value!.Id}", new { result.Value.Id, result.Value.Mrn })
                : Results.ValidationProblem(result.ErrorsByField());
        });

        write.MapPut("/{id:int}", async (int id, PatientDetails details, PatientRegistry registry, HttpContext context) =>
            await registry.UpdateAsync(id, details, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Results.NoContent(),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        write.MapPost("/{id:int}/coverages", async (int id, CoverageDetails details, PatientRegistry registry, HttpContext context) =>
            await registry.AddCoverageAsync(id, details, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } ok => Results.Created($"/api/patients/{id}/coverages/{ok.Value!.Id}", new { ok.Value.Id }),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        write.MapPut("/{id:int}/coverages/{coverageId:int}", async (int id, int coverageId, CoverageDetails details, PatientRegistry registry, HttpContext context) =>
            await registry.UpdateCoverageAsync(id, coverageId, details, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Results.NoContent(),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            });

        // Card images: the API takes multipart uploads; the patient page's upload form posts here too (antiforgery checked).
        write.MapPost("/{id:int}/coverages/{coverageId:int}/card/{side}", async (int id, int coverageId, string side, IFormFile file,
            [FromForm] string? returnTo, PatientRegistry registry, HttpContext context) =>
        {
            if (side is not ("front" or "back"))
            {
                return Results.NotFound();
            }
            await using var stream = file.OpenReadStream();
            var result = await registry.AttachCardImageAsync(id, coverageId, side == "front", stream, file.FileName, file.ContentType, context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            return returnTo is not null && returnTo.StartsWith('/') && !returnTo.StartsWith("//", StringComparison.Ordinal)
                ? Results.Redirect(returnTo)
                : Results.Created($"/api/patients/{id}/coverages/{coverageId}/card/{side}", new { result.Value!.Id });
        });

        read.MapGet("/{id:int}/coverages/{coverageId:int}/card/{side}", async (int id, int coverageId, string side,
            MedOffice.Data.MedOfficeDb db, FileStore files, AuditTrail audit, HttpContext context) =>
        {
            var coverage = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Coverages,
                c => c.Id == coverageId && c.PatientId == id);
            var fileId = side switch { "front" => coverage?.CardFrontFileId, "back" => coverage?.CardBackFileId, _ => null };
            var stored = fileId is null ? null : await db.StoredFiles.FindAsync(fileId);
            if (stored is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Read, AuditCategories.Insurance, id,
                Detail: $"card {side} image of coverage {coverageId}"));
            return Results.File(files.FullPath(stored), stored.ContentType);
        });

        app.MapPost("/api/patients/{id:int}/merge", async (int id, MergeRequest request, PatientRegistry registry, HttpContext context) =>
            await registry.MergeAsync(id, request.MergedPatientId, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Results.NoContent(),
                var failed => Results.ValidationProblem(failed.ErrorsByField()),
            }).RequireAuthorization(Policies.PatientsMerge);

        // htmx: the search box asks for this fragment as the user types.
        app.MapGet("/patients/search-results", async (string? q, PatientSearch search, HttpContext context) =>
        {
            var hits = string.IsNullOrWhiteSpace(q) ? [] : await search.SearchAsync(q, context.Actor());
            return new RazorComponentResult<SearchResults>(new { Hits = hits, Query = q ?? "" });
        }).RequireAuthorization(Policies.PatientsRead);
    }
}
