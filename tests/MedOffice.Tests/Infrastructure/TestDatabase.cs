using MedOffice.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MedOffice.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a temp file) or PostgreSQL (a new database on the cluster that
/// ./test.sh starts and names in MEDOFFICE_TEST_POSTGRES). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteDirectory;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseOptions options, string dataDirectory, string? sqliteDirectory, string? postgresDatabase)
    {
        Options = options;
        DataDirectory = dataDirectory;
        _sqliteDirectory = sqliteDirectory;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseOptions Options { get; }
    public DatabaseProvider Provider => Options.Provider;
    /// <summary>A temp directory for files the app stores beside its database.</summary>
    public string DataDirectory { get; }

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("MEDOFFICE_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PostgreSQL tests need a server: MEDOFFICE_TEST_POSTGRES is not set. Run ./test.sh, which starts a throwaway cluster.");

    /// <param name="migrateTo">null = latest; 0 = leave empty.</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, int? migrateTo = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "medoffice-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            database = new TestDatabase(DatabaseOptions.SqliteFile(Path.Combine(directory, "medoffice.db")), directory, directory, null);
        }
        else
        {
            var name = "t_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(PostgresAdminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name };
            database = new TestDatabase(new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString), directory, directory, name);
        }
        if (migrateTo != 0)
        {
            await using var db = database.NewContext();
            await SchemaMigrator.MigrateAsync(db, migrateTo);
        }
        return database;
    }

    public MedOfficeDb NewContext() => DataServices.CreateContext(Options);

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        if (_sqliteDirectory is not null)
        {
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner rather than failing the test.
            }
        }
    }
}

/// <summary>Theory data: every data test runs on both providers.</summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
