using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MedOffice.Data;

namespace MedOffice.Bench;

/// <summary>
/// The BenchmarkDotNet run: one case per provider × size × query kind, each iteration a single search call, so the
/// iteration statistics are per-call latency and the P50/P95/P99 columns are what the goal is stated in.
/// </summary>
public class PatientSearchBenchmarks
{
    /// <summary>Set by Program before the run: the benchmark runs in this process (in-process toolchain), so it sees it.</summary>
    public static BenchSelection Selection { get; set; } = null!;

    public static IEnumerable<DatabaseProvider> Providers => Selection.Providers;
    public static IEnumerable<int> Sizes => Selection.Sizes;
    public static IEnumerable<QueryKind> Kinds => Enum.GetValues<QueryKind>();

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [ParamsSource(nameof(Sizes))]
    public int Patients { get; set; }

    [ParamsSource(nameof(Kinds))]
    public QueryKind Query { get; set; }

    private DatabaseOptions _options = null!;
    private string _text = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _options = await BenchDatabases.EnsureAsync(Provider, Patients, Selection.Settings, Console.Out);
        _text = (await BenchQueries.ResolveAsync(_options, Patients)).Single(q => q.Kind == Query).Text;
    }

    [Benchmark]
    public Task<int> Search() => BenchQueries.SearchAsync(_options, _text);

    public static IConfig Config(BenchSelection selection) => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(50)
            .WithIterationCount(selection.Iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1))
        .AddColumn(new LatencyPercentileColumn(50), new LatencyPercentileColumn(95), new LatencyPercentileColumn(99))
        .WithArtifactsPath(selection.Settings.ArtifactsPath)
        .WithOptions(ConfigOptions.JoinSummary);
}

/// <summary>A percentile of the single-call timings, outliers kept: the tail is the point.</summary>
public sealed class LatencyPercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(LatencyPercentileColumn)}.P{percentile}";
    public string ColumnName => $"P{percentile} (ms)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => percentile;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{percentile}th percentile of single-call latency, in milliseconds, outliers included";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var timings = report?.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Select(m => m.Nanoseconds / m.Operations / 1_000_000)
            .Order()
            .ToArray();
        return timings is { Length: > 0 }
            ? QuickRun.Percentile(timings, percentile).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)
            : "NA";
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
