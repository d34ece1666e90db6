using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MedOffice.Data;

/// <summary>
/// Inserts many new rows fast, inside the context's current transaction, and gives each its generated key — for the loads
/// where SaveChanges would spend minutes (an 835 of 100,000 lines, a year's code set). SQLite: one prepared single-row
/// INSERT … RETURNING reused for every row (multi-row statements bind named parameters in quadratic time there).
/// PostgreSQL: the keys drawn from the table's sequence in one query, then binary COPY. Values go through the same EF type
/// mappings and converters SaveChanges uses, so what lands is what SaveChanges would have written.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Inserts entities the context does not track (in list order, so keys ascend with it) and sets their keys.</summary>
    public static async Task InsertAsync<T>(MedOfficeDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var table = Table.For(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."));
        var keys = await InsertRowsAsync(db, table, rows, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            table.Key.PropertyInfo!.SetValue(rows[i], Convert.ChangeType(keys[i], table.Key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A table's columns as EF maps them: the generated key apart, every other column with its type mapping.</summary>
    private sealed record Table(string Name, IProperty Key, IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping)> Columns)
    {
        public static Table For(IEntityType type)
        {
            var key = type.FindPrimaryKey()?.Properties is [var only] && only.ValueGenerated == ValueGenerated.OnAdd
                ? only
                : throw new NotSupportedException($"{type.ClrType.Name} has no single generated key.");
            if (type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetComplexProperties().Any())
            {
                throw new NotSupportedException($"{type.ClrType.Name} has owned or complex parts.");
            }
            var columns = new List<(IProperty, RelationalTypeMapping)>();
            foreach (var property in type.GetProperties().Where(p => p != key))
            {
                if (property.ValueGenerated != ValueGenerated.Never || property.GetDefaultValueSql() is not null || property.GetComputedColumnSql() is not null)
                {
                    throw new NotSupportedException($"{type.ClrType.Name}.{property.Name} is given its value by the database.");
                }
                columns.Add((property, (RelationalTypeMapping)property.GetTypeMapping()));
            }
            return new Table(type.GetTableName()!, key, columns);
        }

        public string ColumnList(bool withKey) =>
            string.Join(", ", (withKey ? [Key] : Enumerable.Empty<IProperty>()).Concat(Columns.Select(c => c.Property)).Select(p => $"\"{p.GetColumnName()}\""));
    }

    /// <summary>The provider value of a column for an entity.</summary>
    private static object? ValueOf(object row, IProperty property, RelationalTypeMapping mapping)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
        return value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static Task<long[]> InsertRowsAsync(MedOfficeDb db, Table table, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? CopyAsync(db, table, rows, cancellationToken) : InsertEachAsync(db, table, rows, cancellationToken);

    private static async Task<long[]> InsertEachAsync(MedOfficeDb db, Table table, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var parameters = new DbParameter[table.Columns.Count];
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c] = table.Columns[c].Mapping.CreateParameter(command, $"@p{c}", null, nullable: true);
                command.Parameters.Add(parameters[c]);
            }
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList(withKey: false)}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) "
                + $"RETURNING \"{table.Key.GetColumnName()}\"";
            await command.PrepareAsync(cancellationToken);
            var keys = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var entity = rows[i];
                for (var c = 0; c < parameters.Length; c++)
                {
                    parameters[c].Value = ValueOf(entity, table.Columns[c].Property, table.Columns[c].Mapping) ?? DBNull.Value;
                }
                keys[i] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            return keys;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long[]> CopyAsync(MedOfficeDb db, Table table, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var keys = new List<long>(rows.Count);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = $"SELECT nextval(pg_get_serial_sequence('\"{table.Name}\"', '{table.Key.GetColumnName()}')) FROM generate_series(1, {rows.Count})";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys.Add(reader.GetInt64(0));
                }
            }
            keys.Sort();
            var types = table.Columns.Select(c => BaseType(c.Mapping.StoreType)).ToArray();
            var keyType = BaseType(((RelationalTypeMapping)table.Key.GetTypeMapping()).StoreType);
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList(withKey: true)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var entity = rows[i];
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(Convert.ChangeType(keys[i], table.Key.ClrType, System.Globalization.CultureInfo.InvariantCulture), keyType, cancellationToken);
                    for (var c = 0; c < types.Length; c++)
                    {
                        if (ValueOf(entity, table.Columns[c].Property, table.Columns[c].Mapping) is { } value)
                        {
                            await importer.WriteAsync(value, types[c], cancellationToken);
                        }
                        else
                        {
                            await importer.WriteNullAsync(cancellationToken);
                        }
                    }
                }
                await importer.CompleteAsync(cancellationToken);
            }
            return [.. keys];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // "numeric(12,2)" → "numeric", "character varying(24)" → "character varying": COPY names the type, the column keeps its facets.
    private static string BaseType(string storeType) => storeType.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? storeType[..open].TrimEnd() : storeType;
}
