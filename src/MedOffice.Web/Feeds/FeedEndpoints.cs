using MedOffice.Calendar;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Feeds;

public sealed record CreateFeed(int ResourceId, string? Label);

public sealed record FeedView(int Id, int ResourceId, string Label, string CreatedBy, DateTime CreatedAt, DateTime? RevokedAt)
{
    public static FeedView From(FeedToken t) => new(t.Id, t.ResourceId, t.Label, t.CreatedBy, t.CreatedAt, t.RevokedAt);
}

/// <summary>The token and the address to subscribe to: shown once, when made.</summary>
public sealed record IssuedFeedView(FeedView Feed, string Token, string Url);

/// <summary>
/// Calendar feeds: GET /feeds/{token}.ics is the one anonymous data endpoint (phones subscribe without a session), so it
/// serves nothing but what <see cref="CalendarFeeds"/> deems safe without a sign-in (no patient data). Tokens are made
/// and revoked by the office manager.
/// </summary>
public static class FeedEndpoints
{
    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/{token}.ics", async (string token, CalendarFeeds feeds, HttpContext context) =>
            {
                var calendar = await feeds.FeedAsync(token);
                if (calendar is null)
                {
                    return Results.NotFound();
                }
                context.Response.Headers.CacheControl = "private, no-cache";
                return Results.Text(calendar, ICalendarWriter.ContentType);
            })
            .AllowAnonymous();

        var manage = app.MapGroup("/api/feeds").RequireAuthorization(Policies.ScheduleManage);

        manage.MapGet("", async (MedOfficeDb db) =>
            (await db.FeedTokens.AsNoTracking().OrderBy(t => t.ResourceId).ThenBy(t => t.Id).ToListAsync()).Select(FeedView.From).ToList());

        manage.MapPost("", async (CreateFeed request, CalendarFeeds feeds, HttpContext context) =>
        {
            var result = await feeds.CreateAsync(request.ResourceId, request.Label, context.Actor());
            return result.Succeeded
                ? Results.Created($"/api/feeds/{result.Value!.Row.Id}", Issued(result.Value, context))
                : Results.ValidationProblem(result.ErrorsByField());
        });

        manage.MapPost("/{id:int}/revoke", async (int id, CalendarFeeds feeds, HttpContext context) =>
            await feeds.RevokeAsync(id, context.Actor()) ? Results.NoContent() : Results.NotFound());
    }

    public static IssuedFeedView Issued(IssuedFeedToken issued, HttpContext context) =>
        new(FeedView.From(issued.Row), issued.Token, FeedUrl(issued.Token, context));

    public static string FeedUrl(string token, HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/feeds/{token}.ics";
}
