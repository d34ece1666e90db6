using System.Data.Common;
using MedOffice.Data;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Data;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model expects: same tables, columns (type,
/// nullability) and indexes as a database created straight from the model. A migration that forgets a column, an
/// index or a NOT NULL fails here on the provider it was forgotten for.
/// </summary>
public class SchemaMatchesModelTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_migrated_schema_equals_the_schema_of_the_model(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider, migrateTo: 0);
        await using (var db = fromModel.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(migrated);

        Assert.Empty(expected.Except(actual)); // in the model, missing from the migrations
        Assert.Empty(actual.Except(expected)); // made by the migrations, unknown to the model
    }

    private static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || CASE WHEN c."notnull" = 1 OR c.pk > 0 THEN ' not null' ELSE '' END
              FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT IN ('schema_migrations', 'sqlite_sequence')
              UNION ALL
              SELECT 'index ' || m.name || ' on ' || m.tbl_name || ' (' || (SELECT group_concat(i.name, ',') FROM pragma_index_info(m.name) i) || ')'
                     || CASE WHEN m.sql LIKE 'CREATE UNIQUE%' THEN ' unique' ELSE '' END
              FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                     || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
              UNION ALL
              SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
                AND indexname NOT LIKE 'EX\_%' -- exclusion constraints (no double booking) are beyond what the EF model can say
              """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        Assert.NotEmpty(rows);
        return rows.Order(StringComparer.Ordinal).ToList();
    }
}
