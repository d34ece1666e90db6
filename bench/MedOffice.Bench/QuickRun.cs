using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedOffice.Data;

namespace MedOffice.Bench;

public sealed record QuickResult(
    DatabaseProvider Provider, int Patients, QueryKind? Kind, string Text, int Hits, double P50, double P95, double P99, double Max);

/// <summary>
/// The figures for the README: every query timed one call at a time with Stopwatch, the kinds interleaved round-robin so
/// a noisy moment on this 2-core machine lands on all of them alike rather than on whichever query ran then.
/// </summary>
public static class QuickRun
{
    private const int WarmupRounds = 100;

    public static async Task<IReadOnlyList<QuickResult>> RunAsync(BenchSelection selection, TextWriter log)
    {
        var results = new List<QuickResult>();
        foreach (var provider in selection.Providers)
        {
            foreach (var size in selection.Sizes)
            {
                var options = await BenchDatabases.EnsureAsync(provider, size, selection.Settings, log);
                // The searches, then the noise floor (Kind null): a primary-key lookup timed in the same rounds.
                var queries = (await BenchQueries.ResolveAsync(options, size)).Select(q => (BenchQuery?)q).Append(null).ToList();
                var hits = new int[queries.Count];
                for (var round = 0; round < WarmupRounds; round++)
                {
                    for (var q = 0; q < queries.Count; q++)
                    {
                        hits[q] = await RunAsync(options, queries[q]);
                    }
                }
                GC.Collect();
                var timings = queries.Select(_ => new double[selection.Iterations]).ToArray();
                for (var i = 0; i < selection.Iterations; i++)
                {
                    for (var q = 0; q < queries.Count; q++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await RunAsync(options, queries[q]);
                        timings[q][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                }
                log.WriteLine();
                log.WriteLine($"{provider} with {size:N0} patients, {selection.Iterations} timed calls per query (ms){LoadAverage()}:");
                log.WriteLine($"  {"query",-40} {"hits",5} {"p50",8} {"p95",8} {"p99",8} {"max",8}");
                for (var q = 0; q < queries.Count; q++)
                {
                    var sorted = timings[q].Order().ToArray();
                    var result = new QuickResult(provider, size, queries[q]?.Kind, queries[q]?.Text ?? "", hits[q],
                        Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
                    results.Add(result);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {Label(queries[q]),-40} {result.Hits,5} {result.P50,8:F2} {result.P95,8:F2} {result.P99,8:F2} {result.Max,8:F2}"));
                }
            }
        }

        var table = Markdown(results, selection.Iterations);
        var path = Path.Combine(selection.Settings.ArtifactsPath, "quick-results.md");
        Directory.CreateDirectory(selection.Settings.ArtifactsPath);
        await File.WriteAllTextAsync(path, table);
        log.WriteLine();
        log.WriteLine(table);
        log.WriteLine($"(also written to {path})");
        return results;
    }

    // Nearest-rank percentile of an ascending array.
    public static double Percentile(double[] sorted, int percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static Task<int> RunAsync(DatabaseOptions options, BenchQuery? query) =>
        query is null ? BenchQueries.FloorAsync(options) : BenchQueries.SearchAsync(options, query.Text);

    private static string Label(BenchQuery? query) => query is null ? "(noise floor: primary-key lookup)" : $"{query.Kind} \"{query.Text}\"";

    // The machine is shared and has 2 cores: the load average says how noisy a run was.
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "";

    private static string Markdown(List<QuickResult> results, int iterations)
    {
        var columns = results.Select(r => (r.Provider, r.Patients)).Distinct().ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"p50 / p99 in ms, {iterations} timed calls per query per column{LoadAverage()} at the end:");
        text.AppendLine();
        text.Append("| query |");
        foreach (var (provider, size) in columns)
        {
            text.Append(CultureInfo.InvariantCulture, $" {provider} {BenchDatabases.SizeLabel(size)} |");
        }
        text.AppendLine();
        text.Append("| --- |").AppendLine(string.Concat(columns.Select(_ => " ---: |")));
        foreach (var kind in results.Select(r => r.Kind).Distinct())
        {
            var first = results.First(r => r.Kind == kind);
            text.Append(kind is { } k ? $"| {BenchQueries.Describe(k)}: `{first.Text}` |" : "| noise floor: primary-key lookup, not a search |");
            foreach (var (provider, size) in columns)
            {
                var r = results.Single(x => x.Kind == kind && x.Provider == provider && x.Patients == size);
                text.Append(CultureInfo.InvariantCulture, $" {r.P50:F2} / {r.P99:F2} |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
