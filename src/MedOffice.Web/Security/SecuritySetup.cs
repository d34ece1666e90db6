using System.Security.Claims;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Security;

public static class SecuritySetup
{
    public const string StampClaim = "medoffice:stamp";

    public static IServiceCollection AddMedOfficeSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "medoffice.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/denied";
                // Idle time-out is enforced in ValidatePrincipal from the office's setting; this is only the outer bound.
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((options, time) => options.TimeProvider = time);

        services.AddAuthorization(options =>
        {
            // Deny by default: an endpoint that names no policy still needs a signed-in user; most name a role policy.
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var (policy, roles) in Policies.RolesByPolicy)
            {
                options.AddPolicy(policy, p => p.RequireRole(roles));
            }
        });
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>The signed-in user as the audit trail names them, with the request's source address.</summary>
    public static Actor Actor(this HttpContext context)
    {
        var id = int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var value) ? value : (int?)null;
        return new Actor(id, context.User.Identity?.Name ?? "anonymous", SourceAddress(context));
    }

    public static string SourceAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "test";

    public static ClaimsPrincipal PrincipalFor(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new("medoffice:display", user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Task SignInAsync(HttpContext context, User user) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PrincipalFor(user), new AuthenticationProperties { IsPersistent = false });

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var db = context.HttpContext.RequestServices.GetRequiredService<MedOfficeDb>();
        var now = time.GetUtcNow();
        var userId = int.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : 0;
        // Runs on every request: the user's stamp and the office's idle setting come back in one query.
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.IsActive,
                IdleMinutes = db.Organizations.OrderBy(o => o.Id).Select(o => (int?)o.IdleTimeoutMinutes).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        var idleMinutes = user?.IdleMinutes ?? 15;
        var issued = context.Properties.IssuedUtc ?? DateTimeOffset.MinValue;
        var idleExpired = now - issued > TimeSpan.FromMinutes(idleMinutes);
        if (idleExpired || user is null || !user.IsActive || user.SecurityStamp != context.Principal?.FindFirstValue(StampClaim))
        {
            if (idleExpired && user is not null)
            {
                await context.HttpContext.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(new AuditEntry(
                    new Actor(userId, context.Principal?.Identity?.Name ?? "", SourceAddress(context.HttpContext)),
                    AuditActions.SignOut, AuditCategories.Security, Detail: $"signed out after {idleMinutes} idle minutes"));
            }
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        // Activity keeps the session alive: re-issue the cookie (new IssuedUtc) at most once a minute.
        if (now - issued > TimeSpan.FromMinutes(1))
        {
            context.ShouldRenew = true;
        }
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
