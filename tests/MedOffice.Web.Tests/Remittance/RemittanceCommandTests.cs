using System.Diagnostics;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Remittance;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Tests.Remittance.Era;

namespace MedOffice.Web.Tests.Remittance;

public class RemittanceCommandTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Era_import_killed_mid_posting_leaves_nothing_of_the_remittance_and_a_second_run_posts_it_all(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claims = new List<MedOffice.Claims.Claim>();
        for (var i = 0; i < 3; i++)
        {
            claims.Add(await clinic.SendAsync([("99213", "", 120m, "1")], ClaimClinic.Visit.AddDays(-i)));
        }
        var file = Path.Combine(clinic.Folder, "three.835");
        await File.WriteAllTextAsync(file, Build("CHK9001", claims.Select(c => new EraClaim(c.ClaimNumber, "1", 120m, 80m, 20m, "P" + c.Id,
            [new EraLine("99213", "", 120m, 80m, c.Lines[0].ChargeLineId, Co("45", 20m), Pr("2", 20m))]))));

        // The importer pauses after each claim, inside its transaction; it is killed after the first of three, its writes made but not committed.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "medoffice.dll"), "era", "import", file, "--database", Cli.DatabaseArgument(office.Db) })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["MEDOFFICE_ERA_PAUSE_AFTER_CLAIM_MS"] = "600000";
        start.Environment["MEDOFFICE_DATA"] = Path.Combine(clinic.Folder, "data");
        // Both pipes are drained by events, so a chatty child can never block on a full pipe, and the wait has a deadline.
        var firstPosted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var process = new Process { StartInfo = start })
        {
            DataReceivedEventHandler collect = (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }
                seen.Enqueue(e.Data);
                if (e.Data.StartsWith("posted claim", StringComparison.Ordinal))
                {
                    firstPosted.TrySetResult(e.Data);
                }
            };
            process.OutputDataReceived += collect;
            process.ErrorDataReceived += collect;
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => firstPosted.TrySetException(new InvalidOperationException("The importer ended before posting a claim."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await firstPosted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (Exception stopped) when (stopped is TimeoutException or InvalidOperationException)
            {
                Assert.Fail($"{stopped.Message} Output so far:\n{string.Join("\n", seen)}");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Single(seen, l => l.StartsWith("posted claim", StringComparison.Ordinal));

        await using (var db = office.NewContext())
        {
            Assert.Equal((0, 0, 0), (await db.Remittances.CountAsync(), await db.LedgerEntries.CountAsync(), await db.PayerLineAdjudications.CountAsync()));
            Assert.All(await db.Claims.ToListAsync(), c => Assert.Equal(MedOffice.Claims.ClaimStatuses.Sent, c.Status));
        }

        var again = await Cli.RunWithAsync(null, "era", "import", file, "--database", Cli.DatabaseArgument(office.Db));

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Matched 3: paid 3, adjusted 3, denied 0, reversed 0.", again.Output, StringComparison.Ordinal);
        Assert.Equal(new LedgerBalance(0m, 60m), await clinic.Ledger().PatientBalanceAsync(clinic.Patient.Id));
    }

    [Fact]
    public async Task Era_import_of_a_file_that_does_not_balance_exits_non_zero_with_the_difference()
    {
        await using var office = await TestOffice.CreateAsync(DatabaseProvider.Sqlite);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var file = Path.Combine(clinic.Folder, "short.835");
        await File.WriteAllTextAsync(file, Build("CHK9002", [new EraClaim("X1", "1", 100m, 60m, 0m, "P1", [new EraLine("99213", "", 100m, 60m, null, Co("45", 40m))])], payment: 59.99m));

        var run = await Cli.RunWithAsync(null, "era", "import", file, "--database", Cli.DatabaseArgument(office.Db));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not balance, so nothing was posted", run.Output, StringComparison.Ordinal);
        Assert.Contains("difference -0.01.", run.Output, StringComparison.Ordinal);
    }
}
