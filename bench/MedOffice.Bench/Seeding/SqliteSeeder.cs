using System.Diagnostics;
using System.Globalization;
using MedOffice.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MedOffice.Bench.Seeding;

/// <summary>
/// Builds a SQLite file of <c>size</c> patients: the real migrations, then one transaction of prepared multi-row INSERTs on
/// the raw connection's handle with the search indexes dropped and rebuilt afterwards (sorting once beats a million B-tree inserts).
/// </summary>
public static class SqliteSeeder
{
    private const int RowsPerStatement = 100;

    public static async Task SeedAsync(string path, int size, TextWriter log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
        await using (var db = DataServices.CreateContext(DatabaseOptions.SqliteFile(path)))
        {
            await SchemaMigrator.MigrateAsync(db);
        }
        SqliteConnection.ClearAllPools();

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = false, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Bulk-load settings for this connection only: a half-seeded file is never used (no bench_seed row), so no journal.
        Execute(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");

        var started = Stopwatch.GetTimestamp();
        using (var transaction = connection.BeginTransaction())
        {
            var indexes = SearchIndexes(connection, transaction);
            foreach (var (name, _) in indexes)
            {
                Execute(connection, transaction, $"DROP INDEX \"{name}\"");
            }

            Insert(connection, "Payers", SeedColumns.Payers, SyntheticPatients.Payers);
            var coverages = new List<CoverageRow>(size);
            var generator = new SyntheticPatients();
            Insert(connection, "Patients", SeedColumns.Patients, generator.Generate(size).Select(row =>
            {
                if (row.Coverage is { } coverage)
                {
                    coverages.Add(coverage);
                }
                return row.Patient;
            }));
            Insert(connection, "Coverages", SeedColumns.Coverages, coverages);
            log.WriteLine($"  sqlite: {size:N0} patients and {coverages.Count:N0} coverages inserted in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; rebuilding {indexes.Count} indexes");

            foreach (var (_, sql) in indexes)
            {
                Execute(connection, transaction, sql);
            }
            Execute(connection, transaction, "CREATE TABLE bench_seed (seed_version INTEGER NOT NULL, patients INTEGER NOT NULL)");
            Execute(connection, transaction, $"INSERT INTO bench_seed VALUES ({SyntheticPatients.Version}, {size})");
            transaction.Commit();
        }
        log.WriteLine($"  sqlite: indexes rebuilt at {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        Execute(connection, null, "ANALYZE; PRAGMA journal_mode=WAL;");
    }

    /// <summary>The version and size a cached file was seeded with, or null when it is missing or half-built.</summary>
    public static (int Version, int Patients)? SeededWith(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seed_version, patients FROM bench_seed";
        try
        {
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt32(0), reader.GetInt32(1)) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static List<(string Name, string Sql)> SearchIndexes(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Patients', 'Coverages') AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        return indexes;
    }

    // Bound by position through SQLitePCL on the connection's own handle: Microsoft.Data.Sqlite binds by name, and SQLite
    // looks a name up linearly, so a 100-row statement's 3,700 named parameters cost quadratic time on every execution.
    private static void Insert<TRow>(SqliteConnection connection, string table, SeedColumn<TRow>[] columns, IEnumerable<TRow> rows)
    {
        var full = Prepare(connection, table, columns.Length, RowsPerStatement);
        try
        {
            var batch = new List<TRow>(RowsPerStatement);
            foreach (var row in rows)
            {
                batch.Add(row);
                if (batch.Count == RowsPerStatement)
                {
                    Run(connection, full, columns, batch);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                var rest = Prepare(connection, table, columns.Length, batch.Count);
                try
                {
                    Run(connection, rest, columns, batch);
                }
                finally
                {
                    raw.sqlite3_finalize(rest);
                }
            }
        }
        finally
        {
            raw.sqlite3_finalize(full);
        }

        sqlite3_stmt Prepare(SqliteConnection connection, string table, int columnCount, int rowCount)
        {
            var row = "(" + string.Join(", ", Enumerable.Repeat("?", columnCount)) + ")";
            var sql = $"INSERT INTO \"{table}\" ({SeedColumns.ColumnList(columns)}) VALUES {string.Join(", ", Enumerable.Repeat(row, rowCount))}";
            Check(connection, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
            return statement;
        }
    }

    private static void Run<TRow>(SqliteConnection connection, sqlite3_stmt statement, SeedColumn<TRow>[] columns, List<TRow> batch)
    {
        var index = 1;
        foreach (var row in batch)
        {
            foreach (var column in columns)
            {
                Check(connection, Bind(statement, index++, column.Value(row)));
            }
        }
        if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
        {
            throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
        raw.sqlite3_reset(statement);
    }

    // The text forms Microsoft.Data.Sqlite (and so EF) writes, so EF reads these rows exactly like its own.
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime instant => raw.sqlite3_bind_text(statement, index, instant.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        decimal money => raw.sqlite3_bind_text(statement, index, money.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"No SQLite binding for {value.GetType()}"),
    };

    private static void Check(SqliteConnection connection, int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new InvalidOperationException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
