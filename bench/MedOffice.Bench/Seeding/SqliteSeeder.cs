using MedOffice.Data;
using Microsoft.Data.Sqlite;

namespace MedOffice.Bench.Seeding;

/// <summary>
/// Builds a SQLite file of <c>size</c> patients: the real migrations, then one transaction of prepared multi-row INSERTs on
/// the raw connection with the search indexes dropped and rebuilt afterwards (sorting once beats a million B-tree inserts).
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

        using (var transaction = connection.BeginTransaction())
        {
            var indexes = SearchIndexes(connection, transaction);
            foreach (var (name, _) in indexes)
            {
                Execute(connection, transaction, $"DROP INDEX \"{name}\"");
            }

            Insert(connection, transaction, "Payers", SeedColumns.Payers, SyntheticPatients.Payers);
            var coverages = new List<CoverageRow>(size);
            var generator = new SyntheticPatients();
            Insert(connection, transaction, "Patients", SeedColumns.Patients, generator.Generate(size).Select(row =>
            {
                if (row.Coverage is { } coverage)
                {
                    coverages.Add(coverage);
                }
                return row.Patient;
            }));
            Insert(connection, transaction, "Coverages", SeedColumns.Coverages, coverages);
            log.WriteLine($"  sqlite: {size:N0} patients and {coverages.Count:N0} coverages inserted; rebuilding {indexes.Count} indexes");

            foreach (var (_, sql) in indexes)
            {
                Execute(connection, transaction, sql);
            }
            Execute(connection, transaction, "CREATE TABLE bench_seed (seed_version INTEGER NOT NULL, patients INTEGER NOT NULL)");
            Execute(connection, transaction, $"INSERT INTO bench_seed VALUES ({SyntheticPatients.Version}, {size})");
            transaction.Commit();
        }
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

    private static void Insert<TRow>(SqliteConnection connection, SqliteTransaction transaction, string table, SeedColumn<TRow>[] columns, IEnumerable<TRow> rows)
    {
        using var full = Prepare(connection, transaction, table, columns, RowsPerStatement);
        var batch = new List<TRow>(RowsPerStatement);
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == RowsPerStatement)
            {
                Run(full, columns, batch);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            using var rest = Prepare(connection, transaction, table, columns, batch.Count);
            Run(rest, columns, batch);
        }
    }

    private static SqliteCommand Prepare<TRow>(SqliteConnection connection, SqliteTransaction transaction, string table, SeedColumn<TRow>[] columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"$r{r}c{c}")) + ")");
        command.CommandText = $"INSERT INTO \"{table}\" ({SeedColumns.ColumnList(columns)}) VALUES {string.Join(", ", values)}";
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                command.Parameters.Add(new SqliteParameter($"$r{r}c{c}", DBNull.Value));
            }
        }
        command.Prepare();
        return command;
    }

    private static void Run<TRow>(SqliteCommand command, SeedColumn<TRow>[] columns, List<TRow> batch)
    {
        var parameters = command.Parameters;
        for (var r = 0; r < batch.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[r * columns.Length + c].Value = columns[c].Value(batch[r]) ?? DBNull.Value;
            }
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
