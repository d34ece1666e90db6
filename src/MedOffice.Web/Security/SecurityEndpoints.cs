using System.Globalization;
using CsvHelper;
using MedOffice.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Security;

public sealed record SignInRequest(string UserName, string Password);
public sealed record CreateUserRequest(string UserName, string DisplayName, string Password, string[] Roles, string? Email = null, int? ProviderResourceId = null);
/// <summary>The user's e-mail address (for meeting invitations) and the provider calendar that is the user; null clears either.</summary>
public sealed record SetContactRequest(string? Email, int? ProviderResourceId);
public sealed record SetRolesRequest(string[] Roles, bool IsActive = true);
public sealed record ChangePasswordRequest(string? CurrentPassword, string NewPassword);
public sealed record UserView(int Id, string UserName, string DisplayName, bool IsActive, string[] Roles, bool IsLockedOut, string? Email,
    int? ProviderResourceId);
public sealed record AuditRow(long Id, DateTime OccurredAt, string UserName, int? PatientId, string Action, string Category,
    string SourceAddress, string Outcome, string Detail);

public static class SecurityEndpoints
{
    public static void MapSecurityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", async (SignInRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var result = await accounts.SignInAsync(request.UserName ?? "", request.Password ?? "", SecuritySetup.SourceAddress(context));
            if (!result.Succeeded)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: result.Refusal);
            }
            await SecuritySetup.SignInAsync(context, result.User!);
            return Results.Ok(new { result.User!.UserName, Roles = result.User.Roles.Select(r => r.Role) });
        }).AllowAnonymous().DisableAntiforgery();

        app.MapDelete("/api/session", SignOutAsync);
        // The sign-out button posts a form (with its antiforgery token) and lands on the sign-in page.
        app.MapPost("/signout", async (HttpContext context, AuditTrail audit) =>
        {
            await SignOutAsync(context, audit);
            return Results.Redirect("/signin");
        });

        app.MapPost("/api/me/password", async (ChangePasswordRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var actor = context.Actor();
            var result = await accounts.ChangePasswordAsync(actor.UserId ?? 0, request.CurrentPassword ?? "", request.NewPassword ?? "", actor);
            if (!result.Succeeded)
            {
                return Results.ValidationProblem(result.ErrorsByField());
            }
            await SecuritySetup.SignInAsync(context, result.Value!);
            return Results.NoContent();
        });

        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.UsersManage);
        users.MapGet("/", async (MedOffice.Data.MedOfficeDb db, TimeProvider time) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var list = await db.Users.Include(u => u.Roles).OrderBy(u => u.UserName).ToListAsync();
            return list.Select(u => new UserView(u.Id, u.UserName, u.DisplayName, u.IsActive, u.Roles.Select(r => r.Role).ToArray(),
                u.LockedOutUntil > now, u.Email, u.ProviderResourceId));
        });
        users.MapPost("/", async (CreateUserRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var result = await accounts.CreateAsync(request.UserName ?? "", request.DisplayName ?? "", request.Password ?? "", request.Roles ?? [],
                new UserContact(request.Email, request.ProviderResourceId), context.Actor());
            return result.Succeeded
                ? Results.Created($"/api/users/{result.Value!.Id}", new { result.Value.Id, result.Value.UserName })
                : Results.ValidationProblem(result.ErrorsByField());
        });
        users.MapPut("/{id:int}/roles", async (int id, SetRolesRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var result = await accounts.SetRolesAsync(id, request.Roles ?? [], request.IsActive, context.Actor());
            return result.Succeeded ? Results.NoContent() : Results.ValidationProblem(result.ErrorsByField());
        });
        users.MapPut("/{id:int}/contact", async (int id, SetContactRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var result = await accounts.SetContactAsync(id, new UserContact(request.Email, request.ProviderResourceId), context.Actor());
            return result.Succeeded ? Results.NoContent() : Results.ValidationProblem(result.ErrorsByField());
        });
        users.MapPost("/{id:int}/password", async (int id, ChangePasswordRequest request, UserAccounts accounts, HttpContext context) =>
        {
            var result = await accounts.ChangePasswordAsync(id, null, request.NewPassword ?? "", context.Actor());
            return result.Succeeded ? Results.NoContent() : Results.ValidationProblem(result.ErrorsByField());
        });

        var audit = app.MapGroup("").RequireAuthorization(Policies.AuditRead);
        audit.MapGet("/api/audit", async ([AsParameters] AuditQueryParameters query, AuditReport report, AuditTrail trail, HttpContext context) =>
        {
            var filter = query.ToFilter();
            var rows = await report.PageAsync(filter, query.Page ?? 1);
            await trail.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Query, AuditCategories.Audit, filter.PatientId,
                Detail: $"audit report {Describe(filter)}"));
            return rows.Select(ToRow);
        });
        audit.MapGet("/audit/export.csv", async ([AsParameters] AuditQueryParameters query, AuditReport report, AuditTrail trail, HttpContext context) =>
        {
            var filter = query.ToFilter();
            var rows = await report.Query(filter).ToListAsync();
            await trail.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Export, AuditCategories.Audit, filter.PatientId,
                Detail: $"audit CSV export of {rows.Count} rows {Describe(filter)}"));
            await using var writer = new StringWriter(CultureInfo.InvariantCulture);
            await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                await csv.WriteRecordsAsync(rows.Select(ToRow));
            }
            return Results.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", "audit.csv");
        });
        audit.MapGet("/api/audit/verify", async (AuditVerifier verifier) => await verifier.VerifyAsync());
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, AuditTrail audit)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.SignOut, AuditCategories.Security));
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static AuditRow ToRow(AuditEvent a) =>
        new(a.Id, a.OccurredAt, a.UserName, a.PatientId, a.Action, a.Category, a.SourceAddress, a.Outcome, a.Detail);

    private static string Describe(AuditFilter f) =>
        $"(user={f.UserName}, patient={f.PatientId}, from={f.From:yyyy-MM-dd}, to={f.To:yyyy-MM-dd}, action={f.Action})";
}

public sealed class AuditQueryParameters
{
    [FromQuery(Name = "user")] public string? UserName { get; set; }
    [FromQuery(Name = "patient")] public int? PatientId { get; set; }
    [FromQuery] public DateOnly? From { get; set; }
    [FromQuery] public DateOnly? To { get; set; }
    [FromQuery] public string? Action { get; set; }
    [FromQuery] public string? Sort { get; set; }
    [FromQuery] public int? Page { get; set; }

    public AuditFilter ToFilter() => new(UserName, PatientId, From, To, Action, Sort ?? "time-desc");
}
