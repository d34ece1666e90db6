using System.Globalization;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Eligibility;
using MedOffice.Patients;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Eligibility;

/// <summary>
/// Eligibility (270/271) and claim status (276/277) for the desk and the billing office: the JSON API under
/// /api/eligibility, collecting the clearinghouse's answers, and the form posts of /eligibility, the front desk's check-in
/// form and the patient page (each answers with a redirect back, carrying what happened or the refusal in words).
/// </summary>
public static class EligibilityEndpoints
{
    public sealed record CheckRequest(IReadOnlyList<int>? CoverageIds, DateOnly? ServiceDate);
    public sealed record StatusInquiryRequest(IReadOnlyList<int>? ClaimIds);

    public static void MapEligibilityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility").RequireAuthorization(Policies.EligibilityRequest);
        var forms = app.MapGroup("/eligibility").RequireAuthorization(Policies.EligibilityRequest);

        api.MapPost("/checks", async (CheckRequest request, EligibilityRequests requests, NightlyEligibility nightly, HttpContext context) =>
            request.CoverageIds is not { Count: > 0 } ids
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["CoverageIds"] = ["Give the coverages to check."] })
                : await requests.RequestAsync(ids, request.ServiceDate ?? await nightly.TodayAsync(), context.Actor()) switch
                {
                    { Succeeded: true } sent => Results.Ok(new
                    {
                        sent.Value!.FileName,
                        Checks = sent.Value.Checks.Select(c => new { c.Id, c.CoverageId, c.PatientId, c.TraceNumber, c.ServiceDate, c.Status }),
                    }),
                    var refused => Results.ValidationProblem(refused.ErrorsByField()),
                });
        api.MapGet("/checks", async (int? patientId, string? status, EligibilityQueries queries) =>
            Results.Ok(await queries.ListAsync(patientId, status)));
        api.MapGet("/checks/{id:int}", async (int id, EligibilityQueries queries) =>
            await queries.FindAsync(id) is { } check
                ? Results.Ok(new { Check = check, queries.Describe(check).Text, Benefits = BenefitSummary.Lines(check), ResponseFile = await queries.ResponseFileAsync(check) })
                : Results.NotFound());
        api.MapPost("/nightly", async (NightlyEligibility nightly, HttpContext context) =>
        {
            var outcome = await nightly.RunAsync(context.Actor(), oncePerDay: false);
            return outcome.Errors.Count > 0 ? Results.ValidationProblem(Result<int>.Fail(outcome.Errors).ErrorsByField()) : Results.Ok(outcome);
        });
        app.MapPost("/api/clearinghouse/collect", async (ClearinghouseInbox inbox) => Results.Ok(await inbox.CollectAsync()))
            .RequireAuthorization(Policies.EligibilityRequest);
        app.MapPost("/api/claims/status-inquiries", async (StatusInquiryRequest request, ClaimStatusInquiries inquiries, HttpContext context) =>
                await inquiries.RequestAsync(request.ClaimIds is { Count: > 0 } ids ? ids : null, context.Actor()) switch
                {
                    { Succeeded: true } sent => Results.Ok(sent.Value),
                    var refused => Results.ValidationProblem(refused.ErrorsByField()),
                })
            .RequireAuthorization(Policies.ClaimsWork);

        // The check-in form's "Check eligibility now": the visit's coverages, for the visit's day.
        forms.MapPost("/appointments/{id:int}/check", async (int id, MedOfficeDb db, EligibilityRequests requests, HttpContext context) =>
        {
            var appointment = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
            if (appointment is null)
            {
                return Results.NotFound();
            }
            var zone = await db.Locations.AsNoTracking().Where(l => l.Id == appointment.LocationId).Select(l => l.TimeZoneId).SingleAsync();
            var day = LocalTimes.DateAt(appointment.StartsAt, zone);
            var coverages = await ActiveCoveragesAsync(db, appointment.PatientId, day);
            var back = $"/frontdesk?location={appointment.LocationId.ToString(CultureInfo.InvariantCulture)}&appointment={id.ToString(CultureInfo.InvariantCulture)}";
            return Results.Redirect(back + await SendAsync(requests, coverages, day, context) + $"#visit-{id.ToString(CultureInfo.InvariantCulture)}");
        });
        // The patient page's "Check eligibility now", for today.
        forms.MapPost("/coverages/{id:int}/check", async (int id, MedOfficeDb db, EligibilityRequests requests, NightlyEligibility nightly, HttpContext context) =>
        {
            var coverage = await db.Coverages.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
            return coverage is null
                ? Results.NotFound()
                : Results.Redirect($"/patients/{coverage.PatientId.ToString(CultureInfo.InvariantCulture)}?"
                    + (await SendAsync(requests, [coverage.Id], await nightly.TodayAsync(), context)).TrimStart('&') + "#insurance");
        });
        forms.MapPost("/nightly", async (NightlyEligibility nightly, HttpContext context) =>
        {
            var outcome = await nightly.RunAsync(context.Actor(), oncePerDay: false);
            return Back(outcome.Errors.Count == 0 ? outcome.Summary : null, outcome.Errors.Count > 0 ? outcome.Summary : null);
        });
        forms.MapPost("/collect", async (ClearinghouseInbox inbox) => Back((await inbox.CollectAsync()).Describe(), null));
        app.MapPost("/eligibility/claim-status", async (ClaimStatusInquiries inquiries, HttpContext context) =>
            {
                var sent = await inquiries.RequestAsync(null, context.Actor());
                return sent.Succeeded
                    ? Back($"Claim status asked for {sent.Value!.ClaimNumbers.Count} claims in {sent.Value.FileName}.", null)
                    : Back(null, string.Join(" ", sent.Errors.Take(3).Select(e => e.Message)));
            })
            .RequireAuthorization(Policies.ClaimsWork);
    }

    private static async Task<List<int>> ActiveCoveragesAsync(MedOfficeDb db, int patientId, DateOnly day) =>
        (await db.Coverages.AsNoTracking()
            .Where(c => c.PatientId == patientId && (c.Priority == CoveragePriorities.Primary || c.Priority == CoveragePriorities.Secondary))
            .OrderBy(c => c.Priority).ToListAsync())
        .Where(c => c.IsActiveOn(day)).Select(c => c.Id).ToList();

    /// <summary>"&amp;eligibility=…" with what was sent, or "&amp;eligibilityError=…" with why not.</summary>
    private static async Task<string> SendAsync(EligibilityRequests requests, List<int> coverageIds, DateOnly day, HttpContext context)
    {
        if (coverageIds.Count == 0)
        {
            return "&eligibilityError=" + Uri.EscapeDataString("No active insurance on file for that day: nothing to check.");
        }
        var sent = await requests.RequestAsync(coverageIds, day, context.Actor());
        return sent.Succeeded
            ? "&eligibility=" + Uri.EscapeDataString($"Eligibility asked of the payer ({sent.Value!.FileName}); the answer shows here once the clearinghouse's reply is collected.")
            : "&eligibilityError=" + Uri.EscapeDataString(string.Join(" ", sent.Errors.Take(3).Select(e => e.Message)));
    }

    private static IResult Back(string? done, string? error) =>
        Results.Redirect(done is not null ? $"/eligibility?done={Uri.EscapeDataString(done)}" : $"/eligibility?error={Uri.EscapeDataString(error ?? "")}");
}
