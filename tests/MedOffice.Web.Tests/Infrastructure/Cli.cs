using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Infrastructure;

/// <summary>Runs the built office executable (medoffice.dll beside the tests) as a user would, with its own data folder.</summary>
public static class Cli
{
    /// <summary>The --database argument naming a test's database, as an administrator would type it.</summary>
    public static string DatabaseArgument(MedOffice.Data.MedOfficeDb db)
    {
        var connection = db.Database.GetConnectionString()!;
        return db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal)
            ? "sqlite:" + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource
            : "postgres:" + connection;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => await RunWithAsync(null, arguments);

    /// <param name="database">MEDOFFICE_DATABASE for the run (e.g. "sqlite:/tmp/x.db" or "postgres:Host=..."); null for SQLite in a fresh data folder.</param>
    public static async Task<(int ExitCode, string Output)> RunWithAsync(string? database, params string[] arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "medoffice-tests", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "medoffice.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["MEDOFFICE_DATA"] = data;
        start.Environment.Remove("MEDOFFICE_DATABASE");
        if (database is not null)
        {
            start.Environment["MEDOFFICE_DATABASE"] = database;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
