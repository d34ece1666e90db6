using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Bench.Scheduling;

/// <summary>
/// <c>--openings</c>: OpeningFinder.FindAsync on the busy location, timed one call at a time with Stopwatch, the cases
/// interleaved round-robin as in <c>--quick</c>. The one-provider cases rotate through the 49 ordinary providers.
/// </summary>
public static class OpeningsRun
{
    private const int WarmupRounds = 100;

    private sealed record Case(string Label, Func<OpeningsData.Seeded, int, OpeningQuery?> Query);

    private static readonly Case[] Cases =
    [
        new("one provider, mornings", (s, i) => Query(s, s.ProviderResourceIds[i % (s.ProviderResourceIds.Length - 1)], PartOfDay.Morning)),
        new("one provider, any time", (s, i) => Query(s, s.ProviderResourceIds[i % (s.ProviderResourceIds.Length - 1)], PartOfDay.Any)),
        new("any provider, mornings", (s, _) => Query(s, null, PartOfDay.Morning)),
        new("any provider, any time", (s, _) => Query(s, null, PartOfDay.Any)),
        new("fully booked provider: none in 8 weeks", (s, _) => Query(s, s.ProviderResourceIds[^1], PartOfDay.Any)),
        new("noise floor: primary-key lookup", (_, _) => null),
    ];

    public sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => OpeningsData.Now;
    }

    /// <summary>The app's singleton: each call checks the set-up version and reads set-up only when it changed.</summary>
    public static readonly LocationCalendarCache Calendars = new();

    /// <summary>The finder as a request gets it from the app's services.</summary>
    public static OpeningFinder Finder(MedOfficeDb db) => new(db, new FixedClock(), new Availability(db, Calendars));

    /// <summary>The cases with their first query each, for --explain.</summary>
    public static IEnumerable<(string Label, OpeningQuery Query)> Queries(OpeningsData.Seeded seeded) =>
        Cases.Select(c => (c.Label, Query: c.Query(seeded, 7))).Where(c => c.Query is not null).Select(c => (c.Label, c.Query!));

    private static OpeningQuery Query(OpeningsData.Seeded seeded, int? provider, PartOfDay part) =>
        new(seeded.FollowUpTypeId, seeded.LocationId) { ProviderResourceId = provider, PartOfDay = part, MaxResults = 10, Days = 56 };

    public static async Task RunAsync(BenchSettings settings, IReadOnlyList<DatabaseProvider> providers, int iterations, TextWriter log)
    {
        var table = new StringBuilder();
        var columns = new List<(DatabaseProvider Provider, List<(double P50, double P95, double P99, double Max, int Found)> Results)>();
        foreach (var provider in providers)
        {
            var seeded = await OpeningsData.EnsureAsync(provider, settings, log);
            var found = new int[Cases.Length];
            for (var round = 0; round < WarmupRounds; round++)
            {
                for (var c = 0; c < Cases.Length; c++)
                {
                    found[c] = await RunAsync(seeded, Cases[c].Query(seeded, round));
                }
            }
            GC.Collect();
            var timings = Cases.Select(_ => new double[iterations]).ToArray();
            var allocated = new long[Cases.Length];
            for (var i = 0; i < iterations; i++)
            {
                for (var c = 0; c < Cases.Length; c++)
                {
                    var query = Cases[c].Query(seeded, i);
                    var bytes = GC.GetTotalAllocatedBytes();
                    var started = Stopwatch.GetTimestamp();
                    await RunAsync(seeded, query);
                    timings[c][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    allocated[c] += GC.GetTotalAllocatedBytes() - bytes;
                }
            }
            log.WriteLine();
            log.WriteLine($"{provider}: {iterations} timed calls per case (ms){QuickRun.LoadAverage()}:");
            log.WriteLine($"  {"case",-42} {"found",5} {"p50",7} {"p95",7} {"p99",7} {"max",7} {"KB/call",8}");
            var results = new List<(double, double, double, double, int)>();
            for (var c = 0; c < Cases.Length; c++)
            {
                var sorted = timings[c].Order().ToArray();
                var r = (QuickRun.Percentile(sorted, 50), QuickRun.Percentile(sorted, 95), QuickRun.Percentile(sorted, 99), sorted[^1], found[c]);
                results.Add(r);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Cases[c].Label,-42} {r.Item5,5} {r.Item1,7:F2} {r.Item2,7:F2} {r.Item3,7:F2} {r.Item4,7:F2} {allocated[c] / 1024.0 / iterations,8:F1}"));
            }
            columns.Add((provider, results));
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"p50 / p99 in ms, {iterations} timed calls per case{QuickRun.LoadAverage()} at the end:");
        table.AppendLine();
        table.Append("| case (10 openings, next 8 weeks) |").AppendLine(string.Concat(columns.Select(c => $" {c.Provider} |")));
        table.Append("| --- |").AppendLine(string.Concat(columns.Select(_ => " ---: |")));
        for (var c = 0; c < Cases.Length; c++)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {Cases[c].Label} |");
            foreach (var column in columns)
            {
                table.Append(CultureInfo.InvariantCulture, $" {column.Results[c].P50:F2} / {column.Results[c].P99:F2} |");
            }
            table.AppendLine();
        }
        var path = Path.Combine(settings.ArtifactsPath, "openings-results.md");
        Directory.CreateDirectory(settings.ArtifactsPath);
        await File.WriteAllTextAsync(path, table.ToString());
        log.WriteLine();
        log.WriteLine(table);
        log.WriteLine($"(also written to {path})");
    }

    /// <summary>One search as a request makes it: a fresh DbContext on a pooled connection.</summary>
    private static async Task<int> RunAsync(OpeningsData.Seeded seeded, OpeningQuery? query)
    {
        await using var db = DataServices.CreateContext(seeded.Options);
        if (query is null)
        {
            return await db.SchedulableResources.AsNoTracking().Where(r => r.Id == 1).Select(r => r.Id).FirstAsync();
        }
        var result = await Finder(db).FindAsync(query);
        return result.Succeeded ? result.Value!.Count : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }
}
