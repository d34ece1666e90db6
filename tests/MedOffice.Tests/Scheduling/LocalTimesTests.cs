using MedOffice.Scheduling;

namespace MedOffice.Tests.Scheduling;

public class LocalTimesTests
{
    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_at_the_first_instant_after_it()
    {
        // Chile springs forward at midnight: 6 September 2026 begins at 01:00 local (-03:00).
        var start = LocalTimes.StartOfDayUtc(new DateOnly(2026, 9, 6), "America/Santiago");
        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateOnly(2026, 9, 6), LocalTimes.DateAt(start, "America/Santiago"));
        Assert.Equal(new DateOnly(2026, 9, 5), LocalTimes.DateAt(start.AddTicks(-1), "America/Santiago"));
    }

    [Fact]
    public void An_ordinary_day_starts_at_local_midnight()
    {
        Assert.Equal(new DateTime(2026, 7, 1, 5, 0, 0, DateTimeKind.Utc), LocalTimes.StartOfDayUtc(new DateOnly(2026, 7, 1), "America/Chicago"));
        Assert.Equal(new DateOnly(2026, 6, 30), LocalTimes.DateAt(new DateTime(2026, 7, 1, 4, 59, 0, DateTimeKind.Utc), "America/Chicago"));
    }
}
