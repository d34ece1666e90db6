using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Practice;

/// <summary>
/// What day it is at the office. Statements, invoices, payment plans and aging date things by the office's calendar, not
/// UTC's: at 8 pm in Chicago it is already tomorrow in UTC, and an invoice written then must not be dated tomorrow.
/// </summary>
public static class OfficeDay
{
    /// <summary>The office's time zone: its first location's (UTC while none is set up).</summary>
    public static async Task<string> ZoneAsync(MedOfficeDb db, CancellationToken cancellationToken = default) =>
        await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";

    public static async Task<DateOnly> TodayAsync(MedOfficeDb db, TimeProvider time, CancellationToken cancellationToken = default) =>
        LocalTimes.DateAt(time.GetUtcNow().UtcDateTime, await ZoneAsync(db, cancellationToken));
}
