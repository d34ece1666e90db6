using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedOffice.Data;

/// <summary>
/// Inserts many rows fast on either provider: multi-row INSERT statements of a few hundred rows each, inside the
/// context's current transaction. For code sets and other bulk loads where EF's change tracking would cost minutes.
/// </summary>
internal static class BulkInsert
{
    private const int RowsPerStatement = 400;

    public static async Task<int> InsertAsync<T>(MedOfficeDb db, string table, IReadOnlyList<string> columns, IEnumerable<T> rows,
        Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var columnList = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var count = 0;
        var batch = new List<object?[]>(RowsPerStatement);
        foreach (var row in rows)
        {
            batch.Add(values(row));
            if (batch.Count == RowsPerStatement)
            {
                count += await FlushAsync(connection, transaction, table, columnList, columns.Count, batch, cancellationToken);
            }
        }
        if (batch.Count > 0)
        {
            count += await FlushAsync(connection, transaction, table, columnList, columns.Count, batch, cancellationToken);
        }
        return count;
    }

    private static async Task<int> FlushAsync(DbConnection connection, DbTransaction? transaction, string table, string columnList, int width,
        List<object?[]> batch, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO \"{table}\" ({columnList}) VALUES ");
        for (var r = 0; r < batch.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < width; c++)
            {
                var name = $"@p{r * width + c}";
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = batch[r][c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        batch.Clear();
        return inserted;
    }
}
