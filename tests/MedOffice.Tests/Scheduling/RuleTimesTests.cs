using MedOffice.Practice;
using MedOffice.Scheduling;

namespace MedOffice.Tests.Scheduling;

/// <summary>
/// The rules convert local and UTC times with the offset in force (a search walks through thousands of times), and must
/// decide every daylight-saving gap and overlap exactly as <see cref="LocalTimes"/> does: skipped times do not exist, repeated
/// times are their first occurrence.
/// </summary>
public class RuleTimesTests
{
    private static AvailabilityRules RulesIn(string timeZoneId) => new(new CalendarCheck(new LocationCalendar(null, DateTime.MinValue,
        new Location { Name = "Anywhere", AddressLine1 = "1 Main St", City = "Town", State = "ST", PostalCode = "00000", TimeZoneId = timeZoneId },
        [], [], [], []), current: true), excludeAppointmentId: null);

    [Theory]
    [InlineData("America/Chicago", 2026)]
    [InlineData("Europe/London", 2026)]
    [InlineData("Australia/Lord_Howe", 2026)] // half-hour changes
    [InlineData("Asia/Kolkata", 2026)] // no changes at all
    [InlineData("Pacific/Apia", 2011)] // skipped 30 December 2011 entirely
    public void Every_local_time_of_a_year_maps_to_the_same_instant_and_back(string timeZoneId, int year)
    {
        var inOrder = RulesIn(timeZoneId);
        var jumping = RulesIn(timeZoneId);
        var random = new Random(year);
        for (var local = new DateTime(year, 1, 1); local < new DateTime(year + 1, 1, 1); local = local.AddMinutes(10))
        {
            var expected = LocalTimes.ToUtc(local, timeZoneId);
            Assert.Equal(expected, inOrder.ToUtc(local));
            var elsewhere = new DateTime(year, 1, 1).AddMinutes(10 * random.Next(0, 365 * 144));
            Assert.Equal(LocalTimes.ToUtc(elsewhere, timeZoneId), jumping.ToUtc(elsewhere));

            var utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
            Assert.Equal(LocalTimes.ToLocal(utc, timeZoneId), inOrder.Time(utc, utc.AddMinutes(20)).LocalFrom);
            Assert.Equal(LocalTimes.ToLocal(utc.AddMinutes(20), timeZoneId), jumping.Time(utc, utc.AddMinutes(20)).LocalTo);
        }
    }
}
