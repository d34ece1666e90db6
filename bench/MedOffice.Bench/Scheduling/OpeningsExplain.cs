using System.Data.Common;
using System.Diagnostics;
using System.Text;
using MedOffice.Data;
using MedOffice.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedOffice.Bench.Scheduling;

/// <summary>
/// <c>--openings --explain</c>: each case once, with every statement the finder sends, its parameters, its plan
/// (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite) and how long it took, so a slow case can be
/// split into database time and the rest.
/// </summary>
public static class OpeningsExplain
{
    public static async Task RunAsync(BenchSettings settings, IReadOnlyList<DatabaseProvider> providers, TextWriter log)
    {
        foreach (var provider in providers)
        {
            var seeded = await OpeningsData.EnsureAsync(provider, settings, log);
            var report = new StringBuilder();
            foreach (var (label, query) in OpeningsRun.Queries(seeded))
            {
                // Warm, then once with timing only, then once with plans.
                var timing = new Capture(provider, explain: false);
                for (var i = 0; i < 20; i++)
                {
                    timing.Statements.Clear();
                    await RunAsync(seeded, query, timing);
                }
                var started = Stopwatch.GetTimestamp();
                timing.Statements.Clear();
                await RunAsync(seeded, query, timing);
                var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var plans = new Capture(provider, explain: true);
                await RunAsync(seeded, query, plans);
                log.WriteLine($"{provider} {label}: {total:F2} ms in all, {timing.Statements.Count} statements taking {timing.Statements.Sum(s => s.Milliseconds):F2} ms to execute and read");
                report.AppendLine($"=== {label}: {total:F2} ms");
                for (var i = 0; i < plans.Statements.Count; i++)
                {
                    var timed = i < timing.Statements.Count ? timing.Statements[i] : null;
                    log.WriteLine($"    {timed?.Milliseconds:F2} ms, {timed?.Rows} rows: {plans.Statements[i].Sql.ReplaceLineEndings(" ")[..Math.Min(110, plans.Statements[i].Sql.Length)]}");
                    report.AppendLine(plans.Statements[i].Sql).AppendLine(plans.Statements[i].Parameters).AppendLine("--");
                    report.AppendLine(string.Join(Environment.NewLine, plans.Statements[i].Plan)).AppendLine();
                }
            }
            var path = Path.Combine(settings.ArtifactsPath, $"openings-plans-{provider.ToString().ToLowerInvariant()}.txt");
            Directory.CreateDirectory(settings.ArtifactsPath);
            await File.WriteAllTextAsync(path, report.ToString());
            log.WriteLine($"  plans written to {path}");
        }
    }

    private static async Task RunAsync(OpeningsData.Seeded seeded, OpeningQuery query, Capture capture)
    {
        var builder = new DbContextOptionsBuilder<MedOfficeDb>();
        DataServices.Configure(builder, seeded.Options);
        builder.AddInterceptors(capture);
        await using var db = new MedOfficeDb(builder.Options);
        await OpeningsRun.Finder(db).FindAsync(query);
    }

    private sealed record Statement(string Sql, string Parameters, IReadOnlyList<string> Plan)
    {
        public double Milliseconds { get; set; }
        public int Rows { get; set; }
    }

    private sealed class Capture(DatabaseProvider provider, bool explain) : DbCommandInterceptor
    {
        private long _started;
        public List<Statement> Statements { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var plan = new List<string>();
            if (explain)
            {
                await using var statement = command.Connection!.CreateCommand();
                statement.Transaction = command.Transaction;
                statement.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                foreach (DbParameter parameter in command.Parameters)
                {
                    var copy = statement.CreateParameter();
                    copy.ParameterName = parameter.ParameterName;
                    copy.DbType = parameter.DbType;
                    copy.Value = parameter.Value;
                    statement.Parameters.Add(copy);
                }
                await using var reader = await statement.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    plan.Add(provider == DatabaseProvider.Postgres ? reader.GetString(0) : reader.GetString(3));
                }
            }
            Statements.Add(new Statement(command.CommandText,
                string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}={p.Value}")), plan));
            _started = Stopwatch.GetTimestamp();
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Statements[^1].Milliseconds = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            Statements[^1].Rows = eventData.ReadCount;
            return ValueTask.FromResult(result);
        }
    }
}
