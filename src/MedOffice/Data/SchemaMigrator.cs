using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Data;

public sealed record SchemaMigration(int Version, string Name, string Sql);

/// <summary>
/// Applies the versioned SQL scripts in Data/Migrations (one per provider: NNNN_name.sqlite.sql / .postgres.sql), each in
/// its own transaction, recording it in schema_migrations. Scripts are written deliberately, never generated at run time.
/// </summary>
public static partial class SchemaMigrator
{
    private const long PostgresMigrationLockKey = 727_000;

    public static IReadOnlyList<SchemaMigration> Migrations(DatabaseProvider provider)
    {
        var suffix = provider == DatabaseProvider.Sqlite ? ".sqlite.sql" : ".postgres.sql";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(name =>
            {
                var match = MigrationName().Match(name);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Migration resource '{name}' is not named NNNN_name{suffix}.");
                }
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SchemaMigration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static int LatestVersion(DatabaseProvider provider) => Migrations(provider)[^1].Version;

    /// <summary>Brings the database up to <paramref name="targetVersion"/> (the latest when null). Returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(MedOfficeDb db, int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers work while one writer commits; it is a property of the file and persists.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            }
            else
            {
                // Several app nodes may start at once: one migrates, the others wait and then find nothing to do.
                await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresMigrationLockKey});", cancellationToken);
            }
            await ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);",
                cancellationToken);

            var applied = new HashSet<int>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var migration in Migrations(provider).Where(m => !applied.Contains(m.Version) && (targetVersion is null || m.Version <= targetVersion)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = migration.Sql;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @appliedAt)";
                    AddParameter(record, "@version", migration.Version);
                    AddParameter(record, "@name", migration.Name);
                    AddParameter(record, "@appliedAt", System.Xml.XmlConvert.ToString(TimeProvider.System.GetUtcNow()));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres && connection.State == System.Data.ConnectionState.Open)
            {
                // Released even when a migration fails: a pooled connection must not keep other nodes waiting forever.
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresMigrationLockKey});", CancellationToken.None);
            }
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.(sqlite|postgres)\.sql$")]
    private static partial Regex MigrationName();
}
