using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>
/// Hands out X12 control numbers that are never reused, also across app nodes: one UPDATE ... RETURNING per number, so two
/// batches made at once get different numbers. Gaps (a batch refused after taking its number) are allowed by X12.
/// </summary>
public static class ControlNumbers
{
    public const string Interchange = "ISA";
    public const string Group = "GS";

    public static async Task<int> NextAsync(MedOfficeDb db, string kind, CancellationToken cancellationToken = default)
    {
        // The row exists from the first use on; inserting it races harmlessly (the loser's insert is ignored).
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"ControlNumbers\" (\"Kind\", \"LastValue\") VALUES ({kind}, 0) ON CONFLICT (\"Kind\") DO NOTHING", cancellationToken);
        var next = await db.Database.SqlQuery<int>(
                $"UPDATE \"ControlNumbers\" SET \"LastValue\" = CASE WHEN \"LastValue\" >= 999999999 THEN 1 ELSE \"LastValue\" + 1 END WHERE \"Kind\" = {kind} RETURNING \"LastValue\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        return next.Single();
    }
}
