using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Practice;

public sealed record OfficeSettingsRequest(int IdleTimeoutMinutes);

public static class PracticeEndpoints
{
    public static void MapPracticeEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api").RequireAuthorization(Policies.PracticeRead);
        read.MapGet("/payers", async (MedOfficeDb db) =>
            await db.Payers.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name).ToListAsync());
        read.MapGet("/providers", async (MedOfficeDb db) =>
            await db.Providers.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.LastName)
                .Select(p => new { p.Id, p.FirstName, p.LastName, p.Credentials, p.Npi, p.TaxonomyCode }).ToListAsync());
        read.MapGet("/locations", async (MedOfficeDb db) =>
            await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync());

        app.MapPut("/api/settings", async (OfficeSettingsRequest request, MedOfficeDb db, AuditTrail audit, HttpContext context) =>
        {
            if (request.IdleTimeoutMinutes is < 1 or > 480)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["IdleTimeoutMinutes"] = ["The idle time-out must be between 1 and 480 minutes."],
                });
            }
            var organization = await db.Organizations.OrderBy(o => o.Id).FirstOrDefaultAsync();
            if (organization is null)
            {
                return Results.NotFound();
            }
            organization.IdleTimeoutMinutes = request.IdleTimeoutMinutes;
            await db.SaveChangesAsync();
            await audit.RecordAsync(new AuditEntry(Web.Security.SecuritySetup.Actor(context), AuditActions.Update, AuditCategories.Practice,
                Detail: $"idle time-out set to {request.IdleTimeoutMinutes} minutes"));
            return Results.NoContent();
        }).RequireAuthorization(Policies.PracticeManage);
    }
}
