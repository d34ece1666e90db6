using System.Diagnostics;
using System.Globalization;
using MedOffice.Bench.Seeding;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Bench;

/// <summary>Where the benchmark keeps its data, and whether PostgreSQL was configured.</summary>
public sealed record BenchSettings(string ArtifactsPath, string? PostgresServer)
{
    public const string PostgresVariable = "MEDOFFICE_BENCH_POSTGRES";

    public string DataPath => Path.Combine(ArtifactsPath, "data");
}

/// <summary>
/// Seeded databases, cached between runs: a SQLite file per size under the artifacts folder and a PostgreSQL database per
/// size (bench_100k, bench_1m). A cache is used only when its bench_seed row matches the generator's version and size.
/// </summary>
public static class BenchDatabases
{
    public static async Task<DatabaseOptions> EnsureAsync(DatabaseProvider provider, int size, BenchSettings settings, TextWriter log)
    {
        var expected = (SyntheticPatients.Version, size);
        var started = Stopwatch.GetTimestamp();
        DatabaseOptions options;
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(settings.DataPath, $"patients-{SizeLabel(size)}.db");
            if (SqliteSeeder.SeededWith(path) != expected)
            {
                log.WriteLine($"Seeding SQLite with {size:N0} patients at {path} ...");
                await SqliteSeeder.SeedAsync(path, size, log);
                log.WriteLine($"  done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            }
            options = DatabaseOptions.SqliteFile(path);
        }
        else
        {
            var server = settings.PostgresServer
                ?? throw new InvalidOperationException($"Set {BenchSettings.PostgresVariable} to a PostgreSQL connection string.");
            var database = $"bench_{SizeLabel(size)}";
            if (await PostgresSeeder.SeededWithAsync(server, database) != expected)
            {
                log.WriteLine($"Seeding PostgreSQL database {database} with {size:N0} patients ...");
                await PostgresSeeder.SeedAsync(server, database, size, log);
                log.WriteLine($"  done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            }
            options = new DatabaseOptions(DatabaseProvider.Postgres, PostgresSeeder.ConnectionStringFor(server, database));
        }

        // A cached database predates any migration added since it was seeded: bring it up to date, and refresh statistics.
        await using var db = DataServices.CreateContext(options);
        if ((await SchemaMigrator.MigrateAsync(db)).Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        return options;
    }

    public static string SizeLabel(int size) => size switch
    {
        _ when size % 1_000_000 == 0 => $"{size / 1_000_000}m",
        _ when size % 1_000 == 0 => $"{size / 1_000}k",
        _ => size.ToString(CultureInfo.InvariantCulture),
    };

    public static int ParseSize(string text)
    {
        text = text.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        var multiplier = text.EndsWith('m') ? 1_000_000 : text.EndsWith('k') ? 1_000 : 1;
        var number = multiplier == 1 ? text : text[..^1];
        return int.Parse(number, CultureInfo.InvariantCulture) * multiplier;
    }
}

/// <summary>What one run covers.</summary>
public sealed record BenchSelection(BenchSettings Settings, IReadOnlyList<DatabaseProvider> Providers, IReadOnlyList<int> Sizes, int Iterations);
