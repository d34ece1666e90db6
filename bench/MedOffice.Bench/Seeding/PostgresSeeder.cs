using MedOffice.Data;
using Npgsql;

namespace MedOffice.Bench.Seeding;

/// <summary>
/// Builds a PostgreSQL database of <c>size</c> patients: CREATE DATABASE, the real migrations, then binary COPY with the
/// search indexes dropped and rebuilt afterwards, the identity sequences moved past the copied ids, and ANALYZE.
/// </summary>
public static class PostgresSeeder
{
    public static async Task SeedAsync(string serverConnectionString, string database, int size, TextWriter log)
    {
        await using (var server = new NpgsqlConnection(serverConnectionString))
        {
            await server.OpenAsync();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        }
        var connectionString = ConnectionStringFor(serverConnectionString, database);
        await using (var db = DataServices.CreateContext(new DatabaseOptions(DatabaseProvider.Postgres, connectionString)))
        {
            await SchemaMigrator.MigrateAsync(db);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('Patients', 'Coverages') AND indexname NOT LIKE 'PK\\_%'",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }

        Copy(connection, "Payers", SeedColumns.Payers, SyntheticPatients.Payers);
        var coverages = new List<CoverageRow>(size);
        var generator = new SyntheticPatients();
        Copy(connection, "Patients", SeedColumns.Patients, generator.Generate(size).Select(row =>
        {
            if (row.Coverage is { } coverage)
            {
                coverages.Add(coverage);
            }
            return row.Patient;
        }));
        Copy(connection, "Coverages", SeedColumns.Coverages, coverages);
        log.WriteLine($"  postgres: {size:N0} patients and {coverages.Count:N0} coverages copied; rebuilding {indexes.Count} indexes");

        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition);
        }
        foreach (var table in new[] { "Payers", "Patients", "Coverages" })
        {
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table}\"))");
        }
        await ExecuteAsync(connection, "VACUUM ANALYZE");
        await ExecuteAsync(connection, "CREATE TABLE bench_seed (seed_version integer NOT NULL, patients integer NOT NULL)");
        await ExecuteAsync(connection, $"INSERT INTO bench_seed VALUES ({SyntheticPatients.Version}, {size})");
    }

    /// <summary>The version and size a cached database was seeded with, or null when it is missing or half-built.</summary>
    public static async Task<(int Version, int Patients)?> SeededWithAsync(string serverConnectionString, string database)
    {
        await using (var server = new NpgsqlConnection(serverConnectionString))
        {
            await server.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
            exists.Parameters.AddWithValue("name", database);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                return null;
            }
        }
        await using var connection = new NpgsqlConnection(ConnectionStringFor(serverConnectionString, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seed_version, patients FROM bench_seed", connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetInt32(1)) : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    public static string ConnectionStringFor(string serverConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ToString();

    // Synchronous on purpose: 37 million values, and the async writer's per-value overhead shows at that count.
    private static void Copy<TRow>(NpgsqlConnection connection, string table, SeedColumn<TRow>[] columns, IEnumerable<TRow> rows)
    {
        using var writer = connection.BeginBinaryImport($"COPY \"{table}\" ({SeedColumns.ColumnList(columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            foreach (var column in columns)
            {
                if (column.Value(row) is { } value)
                {
                    writer.Write(value, column.PostgresType);
                }
                else
                {
                    writer.WriteNull();
                }
            }
        }
        writer.Complete();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
