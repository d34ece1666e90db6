using MedOffice.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedOffice.Bench.Seeding;

/// <summary>
/// A scenario's seeded database, kept between runs: a SQLite file under the data folder and a PostgreSQL database, used
/// only while its one-row seed table holds the scenario's version (a half-seeded database has no row, so it is re-seeded).
/// </summary>
public sealed record CachedDatabase(string SqliteFile, string PostgresDatabase, string SeedTable, int Version)
{
    /// <summary>Records that seeding finished, with the scenario's version (the last step of a seed).</summary>
    public async Task MarkSeededAsync(MedOfficeDb db)
    {
        // A table name cannot be a parameter; SeedTable is the scenario's constant, never input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"CREATE TABLE {SeedTable} (seed_version integer NOT NULL)");
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {SeedTable} VALUES ({Version})");
#pragma warning restore EF1002
    }

    /// <summary>The seeded database, seeding it first (<paramref name="seed"/>, on an empty database) when missing or stale, then migrated.</summary>
    public async Task<DatabaseOptions> EnsureAsync(DatabaseProvider provider, BenchSettings settings, Func<DatabaseOptions, Task> seed)
    {
        DatabaseOptions options;
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(settings.DataPath, SqliteFile);
            options = DatabaseOptions.SqliteFile(path);
            if (!File.Exists(path) || await SeededVersionAsync(options) != Version)
            {
                Directory.CreateDirectory(settings.DataPath);
                DeleteSqlite(path);
                await seed(options);
            }
        }
        else
        {
            var server = settings.PostgresServer ?? throw new InvalidOperationException($"Set {BenchSettings.PostgresVariable}.");
            options = new DatabaseOptions(DatabaseProvider.Postgres, PostgresSeeder.ConnectionStringFor(server, PostgresDatabase));
            if (await SeededVersionAsync(options) != Version)
            {
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", $"CREATE DATABASE {PostgresDatabase}");
                NpgsqlConnection.ClearAllPools();
                await seed(options);
            }
        }
        await using var db = DataServices.CreateContext(options);
        await SchemaMigrator.MigrateAsync(db);
        return options;
    }

    /// <summary>Deletes a SQLite file with its WAL and shared-memory files, after closing pooled connections to it.</summary>
    public static void DeleteSqlite(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs statements one by one on the server connection (CREATE/DROP DATABASE cannot share a transaction).</summary>
    public static async Task ExecuteAsync(string server, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<int?> SeededVersionAsync(DatabaseOptions options)
    {
        try
        {
            await using var db = DataServices.CreateContext(options);
            // A table name cannot be a parameter; SeedTable is the scenario's constant, never input.
#pragma warning disable EF1002
            return await db.Database.SqlQueryRaw<int>($"SELECT seed_version AS \"Value\" FROM {SeedTable}").SingleOrDefaultAsync();
#pragma warning restore EF1002
        }
        catch (Exception e) when (e is SqliteException or PostgresException or NpgsqlException or InvalidOperationException)
        {
            return null;
        }
    }
}
