using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Remittance;
using MedOffice.Security;
using MedOffice.X12;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web;

/// <summary>The administrative commands' work, outside Program.cs so each reads as one call.</summary>
public static class CommandLine
{
    public sealed record Outcome(int ExitCode, string Message);

    /// <summary>The office's services as `serve` has them (the same registrations), for a command that runs and exits.</summary>
    public static ServiceProvider Services(MedOfficeSettings settings) =>
        new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging()
            .AddMedOffice(settings.Database, settings.DataDirectory).BuildServiceProvider();

    public static async Task<Outcome> ExportClaimsAsync(MedOfficeSettings settings, string folder, CancellationToken cancellationToken)
    {
        await using var services = Services(settings);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        await SchemaMigrator.MigrateAsync(db, cancellationToken: cancellationToken);
        var inbound = await db.Clearinghouses.AsNoTracking().Where(c => c.IsActive).Select(c => c.InboundFolder).FirstOrDefaultAsync(cancellationToken) ?? folder;
        var result = await scope.ServiceProvider.GetRequiredService<ClaimBatches>()
            .CreateAsync(Actor.System($"cli:{Environment.UserName}"), new DropFolderTransport(folder, inbound), cancellationToken);
        if (!result.Succeeded)
        {
            return new Outcome(1, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        }
        var batch = result.Value!;
        var lines = new List<string>
        {
            $"Wrote {Path.Combine(folder, batch.FileName)}: {batch.ClaimNumbers.Count} claims, total {batch.Batch.TotalCharge:0.00}, interchange control number {batch.Batch.InterchangeControlNumber}.",
        };
        if (batch.HeldBack > 0)
        {
            lines.Add($"{batch.HeldBack} claims were held back by the scrubber: see the claims worklist.");
        }
        lines.AddRange(batch.Sweep.NotBilled.Select(n => $"Not billed: {n}"));
        return new Outcome(0, string.Join(Environment.NewLine, lines));
    }

    /// <summary>
    /// `medoffice era import`: the posting summary, exit 1 when refused. MEDOFFICE_ERA_PAUSE_AFTER_CLAIM_MS makes it say
    /// "posted claim X" on stderr and wait after each claim, inside the transaction — the crash test kills it there.
    /// </summary>
    public static async Task<Outcome> ImportRemittanceAsync(MedOfficeSettings settings, FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return new Outcome(2, $"{file.FullName} does not exist.");
        }
        await using var services = Services(settings);
        await using var scope = services.CreateAsyncScope();
        await SchemaMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<MedOfficeDb>(), cancellationToken: cancellationToken);
        var import = scope.ServiceProvider.GetRequiredService<RemittanceImport>();
        if (int.TryParse(Environment.GetEnvironmentVariable("MEDOFFICE_ERA_PAUSE_AFTER_CLAIM_MS"), out var pause) && pause > 0)
        {
            import.AfterClaim = async claimNumber =>
            {
                await Console.Error.WriteLineAsync($"posted claim {claimNumber}");
                await Console.Error.FlushAsync(cancellationToken);
                await Task.Delay(pause, cancellationToken);
            };
        }
        await using var stream = file.OpenRead();
        var result = await import.ImportAsync(stream, file.Name, Actor.System($"cli:{Environment.UserName}"), cancellationToken);
        return result.Succeeded
            ? new Outcome(0, result.Value!.ToString())
            : new Outcome(1, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
    }

    public static int CheckX12(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName} does not exist.");
            return 2;
        }
        try
        {
            using var stream = file.OpenRead();
            var report = X12Validator.Validate(stream);
            Console.WriteLine($"{file.Name}: {(report.Transactions.Count == 0 ? "no transaction set found" : string.Join("; ", report.Transactions.Select(t => t.Description).Distinct()))}");
            Console.Write(report.ToString());
            Console.WriteLine(report.IsValid
                ? "Valid: no implementation-guide errors."
                : $"Invalid: {report.Errors.Count(e => e.Severity == X12Severity.Error)} error(s).");
            return report.IsValid ? 0 : 1;
        }
        catch (X12Exception unreadable)
        {
            Console.WriteLine($"{file.Name}: not a readable X12 file.");
            Console.WriteLine($"error: {unreadable.Error}");
            return 1;
        }
    }
}
