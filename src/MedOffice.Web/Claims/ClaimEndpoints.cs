using System.Globalization;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Claims;

/// <summary>
/// Claims for the billing office: the JSON API under /api/claims, and the /claims pages' form posts (each answers with a
/// redirect back to its page, carrying what happened or the first refusal in words).
/// </summary>
public static class ClaimEndpoints
{
    public sealed record AdjustmentInput(string Group, string Reason, decimal Amount);
    public sealed record LineAdjudicationInput(int ClaimLineId, decimal Paid, DateOnly AdjudicatedOn, IReadOnlyList<AdjustmentInput>? Adjustments);

    public static void MapClaimEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/claims").RequireAuthorization(Policies.ClaimsWork);
        var setup = app.MapGroup("/api/claims").RequireAuthorization(Policies.ClaimsSetup);
        var forms = app.MapGroup("/claims").RequireAuthorization(Policies.ClaimsWork);

        api.MapGet("", async (string? status, ClaimQueries queries) =>
            Results.Ok(await queries.ListAsync(status is { Length: > 0 } ? status.Split(',') : ClaimStatuses.All)));
        api.MapGet("/{id:int}", async (int id, ClaimQueries queries, HttpContext context) =>
            await queries.DetailAsync(id, context.Actor()) is { } detail ? Results.Ok(detail) : Results.NotFound());
        api.MapPost("/{id:int}/scrub", async (int id, Scrubber scrubber) =>
            await scrubber.ScrubAsync(id) is { } findings ? Results.Ok(findings) : Results.NotFound());
        api.MapGet("/batches", async (MedOfficeDb db) => Results.Ok(await db.ClaimBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(100).ToListAsync()));
        api.MapPost("/batches", async (ClaimBatches batches, HttpContext context) =>
            await batches.CreateAsync(context.Actor()) switch
            {
                { Succeeded: true } made => Results.Ok(new { made.Value!.Batch.Id, made.Value.FileName, made.Value.ClaimNumbers, made.Value.HeldBack }),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        api.MapPost("/{id:int}/adjudications", async (int id, IReadOnlyList<LineAdjudicationInput> lines, ClaimMaker maker) =>
            await RecordEobAsync(id, lines, maker) switch
            {
                null => Results.NotFound(),
                { Count: 0 } => Results.NoContent(),
                var errors => Results.ValidationProblem(Result<int>.Fail(errors).ErrorsByField()),
            });
        api.MapPost("/{id:int}/secondary", async (int id, ClaimMaker maker) =>
            await maker.MakeSecondaryAsync(id) switch
            {
                { Succeeded: true } made => Results.Ok(new { made.Value!.Id, made.Value.ClaimNumber }),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        api.MapGet("/rules", async (MedOfficeDb db) => Results.Ok(await db.ScrubRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync()));
        setup.MapPost("/rules", async (ScrubRuleDetails details, ClaimsSetup claimsSetup, HttpContext context) =>
            await claimsSetup.AddRuleAsync(details, context.Actor()) switch
            {
                { Succeeded: true } added => Results.Ok(added.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        setup.MapPut("/clearinghouse", async (ClearinghouseDetails details, ClaimsSetup claimsSetup, HttpContext context) =>
            await claimsSetup.SaveClearinghouseAsync(details, context.Actor()) switch
            {
                { Succeeded: true } saved => Results.Ok(saved.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        setup.MapPut("/billing-provider", async (BillingProviderDetails details, ClaimsSetup claimsSetup, HttpContext context) =>
            await claimsSetup.SaveBillingProviderAsync(details, context.Actor()) switch
            {
                { Succeeded: true } => Results.NoContent(),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });

        // The pages' forms.
        forms.MapPost("/collect", async (ClearinghouseInbox inbox) =>
            Results.Redirect($"/claims?done={Uri.EscapeDataString((await inbox.CollectAsync()).Describe().Limit(1500))}"));
        forms.MapPost("/batch", async (ClaimBatches batches, HttpContext context) =>
        {
            var result = await batches.CreateAsync(context.Actor());
            return Results.Redirect(result.Succeeded
                ? $"/claims?done={Uri.EscapeDataString($"Batch {result.Value!.Batch.Id} sent: {result.Value.ClaimNumbers.Count} claims in {result.Value.FileName}.{(result.Value.HeldBack > 0 ? $" {result.Value.HeldBack} held back for corrections." : "")}")}"
                : $"/claims?error={Uri.EscapeDataString(string.Join(" ", result.Errors.Take(3).Select(e => e.Message)))}");
        });
        forms.MapPost("/{id:int}/scrub", async (int id, Scrubber scrubber) =>
            await scrubber.ScrubAsync(id) is null ? Results.NotFound() : Results.Redirect($"/claims/{id}?done=scrubbed"));
        forms.MapPost("/{id:int}/secondary", async (int id, ClaimMaker maker) =>
            await maker.MakeSecondaryAsync(id) switch
            {
                { Succeeded: true } made => Results.Redirect($"/claims/{made.Value!.Id}?done=secondary"),
                var refused => Results.Redirect($"/claims/{id}?error={Uri.EscapeDataString(refused.Errors[0].Message)}"),
            });
        forms.MapPost("/{id:int}/eob", async (int id, IFormCollection form, ClaimMaker maker) =>
        {
            // One row per line: paid amount, date, and adjustments written as "CO-45 50.00, PR-2 30.00".
            var lines = new List<LineAdjudicationInput>();
            var errors = new List<FieldError>();
            foreach (var key in form.Keys.Where(k => k.StartsWith("paid-", StringComparison.Ordinal)))
            {
                var lineId = int.Parse(key["paid-".Length..], CultureInfo.InvariantCulture);
                if (string.IsNullOrWhiteSpace(form[key]))
                {
                    continue;
                }
                if (!decimal.TryParse(form[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var paid)
                    || !DateOnly.TryParseExact(form["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors.Add(new FieldError("Paid", "Give each paid amount as a number and the EOB's date."));
                    continue;
                }
                var adjustments = ParseAdjustments(form[$"adjustments-{lineId}"].ToString(), errors);
                lines.Add(new LineAdjudicationInput(lineId, paid, date, adjustments));
            }
            var result = errors.Count > 0 ? errors : await RecordEobAsync(id, lines, maker);
            return result switch
            {
                null => Results.NotFound(),
                { Count: 0 } => Results.Redirect($"/claims/{id}?done=eob"),
                var refused => Results.Redirect($"/claims/{id}?error={Uri.EscapeDataString(refused[0].Message)}"),
            };
        });
    }

    private static async Task<IReadOnlyList<FieldError>?> RecordEobAsync(int claimId, IReadOnlyList<LineAdjudicationInput> lines, ClaimMaker maker) =>
        await maker.RecordEobAsync(claimId, lines.Select(l => new EobLine(l.ClaimLineId, l.Paid, l.AdjudicatedOn,
            (l.Adjustments ?? []).Select(a => (a.Group.Trim().ToUpperInvariant(), a.Reason.Trim().ToUpperInvariant(), a.Amount)).ToList())).ToList()) switch
        {
            null => null,
            { Succeeded: true } => [],
            var refused => refused.Errors,
        };

    private static List<AdjustmentInput> ParseAdjustments(string text, List<FieldError> errors)
    {
        var adjustments = new List<AdjustmentInput>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "CO-45 50.00"
            var pieces = part.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length != 3 || !decimal.TryParse(pieces[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                errors.Add(new FieldError("Adjustments", $"'{part}' is not an adjustment: write group-reason amount, e.g. CO-45 50.00."));
                continue;
            }
            adjustments.Add(new AdjustmentInput(pieces[0], pieces[1], amount));
        }
        return adjustments;
    }
}
