using System.Data.Common;
using System.Text;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedOffice.Bench;

/// <summary>
/// Runs each query once with an interceptor that explains every SQL statement EF sends (the exact text and parameter
/// values, which ToQueryString() only approximates): EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on
/// SQLite. A statement whose plan scans Patients or Coverages instead of searching an index is flagged.
/// </summary>
public static class QueryPlans
{
    public static async Task<int> RunAsync(BenchSelection selection, TextWriter log)
    {
        var scans = 0;
        foreach (var provider in selection.Providers)
        {
            foreach (var size in selection.Sizes)
            {
                var options = await BenchDatabases.EnsureAsync(provider, size, selection.Settings, log);
                var report = new StringBuilder();
                log.WriteLine($"{provider} with {size:N0} patients:");
                foreach (var query in await BenchQueries.ResolveAsync(options, size))
                {
                    var capture = new PlanCapture(provider);
                    var builder = new DbContextOptionsBuilder<MedOfficeDb>();
                    DataServices.Configure(builder, options);
                    builder.AddInterceptors(capture);
                    await using (var db = new MedOfficeDb(builder.Options))
                    {
                        await new Patients.PatientSearch(db, new Security.AuditTrail(db, TimeProvider.System), TimeProvider.System).FindAsync(query.Text);
                    }
                    report.AppendLine($"=== {query.Kind} \"{query.Text}\"");
                    foreach (var statement in capture.Statements)
                    {
                        var verdict = statement.Scans ? "SCANS" : "index";
                        scans += statement.Scans ? 1 : 0;
                        log.WriteLine($"  {verdict,-5} {query.Kind} \"{query.Text}\"{(statement.Scans ? ": " + statement.ScanLine : "")}");
                        report.AppendLine(statement.Sql).AppendLine(statement.Parameters).AppendLine("--");
                        foreach (var line in statement.Plan)
                        {
                            report.AppendLine(line);
                        }
                        report.AppendLine();
                    }
                }
                var path = Path.Combine(selection.Settings.ArtifactsPath, $"plans-{provider.ToString().ToLowerInvariant()}-{BenchDatabases.SizeLabel(size)}.txt");
                await File.WriteAllTextAsync(path, report.ToString());
                log.WriteLine($"  plans written to {path}");
            }
        }
        return scans;
    }

    private sealed record Statement(string Sql, string Parameters, IReadOnlyList<string> Plan, string? ScanLine)
    {
        public bool Scans => ScanLine is not null;
    }

    private sealed class PlanCapture(DatabaseProvider provider) : DbCommandInterceptor
    {
        public List<Statement> Statements { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter is ICloneable cloneable ? cloneable.Clone() : Copy(explain, parameter));
            }
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    // SQLite: id, parent, notused, detail.
                    plan.Add(provider == DatabaseProvider.Postgres ? reader.GetString(0) : reader.GetString(3));
                }
            }
            var parameters = string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
            Statements.Add(new Statement(command.CommandText, parameters, plan, plan.FirstOrDefault(IsScan)));
            return result;
        }

        private bool IsScan(string line)
        {
            var text = line.TrimStart(' ', '-', '>');
            // SQLite walking the MergedIntoPatientId index for "IS NULL" is a scan too: nearly every row is NULL there.
            return provider == DatabaseProvider.Postgres
                ? text.StartsWith("Seq Scan on \"Patients\"", StringComparison.Ordinal) || text.StartsWith("Seq Scan on \"Coverages\"", StringComparison.Ordinal)
                : text.StartsWith("SCAN ", StringComparison.Ordinal) || text.Contains("(MergedIntoPatientId=?)", StringComparison.Ordinal);
        }

        private static DbParameter Copy(DbCommand command, DbParameter source)
        {
            var copy = command.CreateParameter();
            copy.ParameterName = source.ParameterName;
            copy.DbType = source.DbType;
            copy.Value = source.Value;
            return copy;
        }
    }
}
