using BenchmarkDotNet.Running;
using MedOffice.Bench;
using MedOffice.Data;

// Patient search latency at 100k and 1M patients, SQLite and PostgreSQL. See bench/README.md.
//   (no mode)   BenchmarkDotNet, P50/P95/P99 columns; arguments after "--" go to BenchmarkDotNet
//   --quick     Stopwatch, N timed calls per query, p50/p95/p99 table (the README figures)
//   --explain   the query plans of every SQL statement the search sends
//   --seed      only build (or check) the cached databases
//   --x12       X12 parse MB/s (837P, 835) and 837P claims/s, against the npm X12 parsers (see README, "X12")
//   --x12-bdn   the X12 library under BenchmarkDotNet on smaller files (write 10,000 claims; read and validate an 837P and an 835)
//   --era       import and post a large 835 (100,000 claim lines) on SQLite and PostgreSQL; --claims N; --era-office large for a ~50 MB 835 (250,000 lines) (see README, "835 posting")
//   --openings  OpeningFinder on 50 providers x 20 rooms x a year of bookings, p50/p99 table (see README)
//   --sizes 100k,1m   --providers sqlite,postgres   --iterations N   --artifacts DIR
var options = args.TakeWhile(a => a != "--").ToList();
var benchmarkDotNetArgs = args.SkipWhile(a => a != "--").Skip(1).ToArray();

string? Value(string name)
{
    var index = options.IndexOf(name);
    return index >= 0 && index + 1 < options.Count ? options[index + 1] : null;
}

if (options.Contains("--x12-bdn"))
{
    BenchmarkRunner.Run<MedOffice.Bench.X12.X12Benchmarks>(null, benchmarkDotNetArgs);
    return 0;
}
if (options.Contains("--x12"))
{
    await MedOffice.Bench.X12.X12Run.RunAsync(Path.GetFullPath(Value("--artifacts") ?? DefaultArtifactsPath()), int.Parse(Value("--iterations") ?? "5", System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

var mode = new[] { "--era", "--openings", "--quick", "--explain", "--seed" }.FirstOrDefault(options.Contains);
var postgres = Environment.GetEnvironmentVariable(BenchSettings.PostgresVariable);
var settings = new BenchSettings(Path.GetFullPath(Value("--artifacts") ?? DefaultArtifactsPath()), string.IsNullOrWhiteSpace(postgres) ? null : postgres);
var sizes = (Value("--sizes") ?? "100k,1m").Split(',').Select(BenchDatabases.ParseSize).ToList();
var providers = (Value("--providers") ?? "sqlite,postgres").Split(',')
    .Select(p => p.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"Unknown provider '{p}': use sqlite or postgres."),
    })
    .ToList();
if (providers.Contains(DatabaseProvider.Postgres) && settings.PostgresServer is null)
{
    Console.WriteLine($"{BenchSettings.PostgresVariable} is not set: PostgreSQL is skipped.");
    providers.Remove(DatabaseProvider.Postgres);
}
var iterations = int.Parse(Value("--iterations") ?? (mode is "--quick" or "--openings" ? "1000" : "200"), System.Globalization.CultureInfo.InvariantCulture);
var selection = new BenchSelection(settings, providers, sizes, iterations);

switch (mode)
{
    case "--seed":
        foreach (var provider in providers)
        {
            foreach (var size in sizes)
            {
                await BenchDatabases.EnsureAsync(provider, size, settings, Console.Out);
                Console.WriteLine($"{provider} {size:N0}: ready");
            }
        }
        return 0;
    case "--era":
        var office = Value("--era-office") == "large" ? MedOffice.Bench.Remittance.EraOffice.Large : MedOffice.Bench.Remittance.EraOffice.Standard;
        await MedOffice.Bench.Remittance.EraRun.RunAsync(settings, providers, office,
            Value("--claims") is { } claims ? int.Parse(claims, System.Globalization.CultureInfo.InvariantCulture) : office.Claims, Console.Out);
        return 0;
    case "--openings" when options.Contains("--explain"):
        await MedOffice.Bench.Scheduling.OpeningsExplain.RunAsync(settings, providers, Console.Out);
        return 0;
    case "--openings":
        await MedOffice.Bench.Scheduling.OpeningsRun.RunAsync(settings, providers, iterations, Console.Out);
        return 0;
    case "--quick":
        await QuickRun.RunAsync(selection, Console.Out);
        return 0;
    case "--explain":
        var scans = await QueryPlans.RunAsync(selection, Console.Out);
        Console.WriteLine(scans == 0 ? "Every statement uses an index." : $"{scans} statement(s) scan a table: see the plans files.");
        return 0;
    default:
        // Seed first, so no database build is timed inside a benchmark's setup.
        foreach (var provider in providers)
        {
            foreach (var size in sizes)
            {
                await BenchDatabases.EnsureAsync(provider, size, settings, Console.Out);
            }
        }
        PatientSearchBenchmarks.Selection = selection;
        BenchmarkRunner.Run<PatientSearchBenchmarks>(PatientSearchBenchmarks.Config(selection), benchmarkDotNetArgs);
        return 0;
}

// bench/MedOffice.Bench/BenchmarkDotNet.Artifacts, wherever the command is run from (git ignores it).
static string DefaultArtifactsPath()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MedOffice.Bench.csproj")))
        {
            return Path.Combine(directory.FullName, "BenchmarkDotNet.Artifacts");
        }
    }
    return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
}
