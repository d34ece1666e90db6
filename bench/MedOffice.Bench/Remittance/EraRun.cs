using System.Diagnostics;
using System.Globalization;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Remittance;
using MedOffice.Security;
using MedOffice.X12.Remittance;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Bench.Remittance;

/// <summary>
/// Posts a large 835 through <see cref="RemittanceImport"/> as `medoffice era import` does, into a fresh copy of the seeded
/// office, once per provider: MB/s, claims/s and lines/s for the whole import (read, balance, match, post, commit), and the
/// typed read alone. Checks that every claim matched and the ledger got its entries.
/// </summary>
public static class EraRun
{
    public static async Task RunAsync(BenchSettings settings, IReadOnlyList<DatabaseProvider> providers, EraOffice office, int claims, TextWriter log)
    {
        var results = new List<string>
        {
            $"835 posting, {claims:N0} claims, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}",
            "",
            "| provider | MB | claims | lines | read s | read MB/s | import s | import CPU s | MB/s | claims/s | lines/s | ledger entries |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var provider in providers)
        {
            var options = await EraData.FreshCopyAsync(office, provider, settings, log);
            var file = await EraFile.BuildAsync(options, claims);
            var megabytes = file.Text.Length / 1_000_000.0;
            log.WriteLine($"{provider}: 835 of {megabytes:F1} MB, {file.Claims:N0} claims ({file.Reversals} reversed and paid again), {file.Lines:N0} lines; load {LoadAverage()}");

            var readSeconds = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var started = Stopwatch.GetTimestamp();
                var read = RemittanceAdvice.Read(file.Text);
                readSeconds = Math.Min(readSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (round == 0 && read.Transactions.Any(t => !t.Balance.IsBalanced))
                {
                    throw new InvalidOperationException("The generated 835 does not balance: " + read.Transactions.First(t => !t.Balance.IsBalanced).Balance);
                }
            }
            GC.Collect();

            await using var db = DataServices.CreateContext(options);
            var time = TimeProvider.System;
            var ledger = new PatientLedger(db, time);
            var audit = new AuditTrail(db, time);
            var import = new RemittanceImport(db, new RemittancePosting(db, ledger, new ClaimMaker(db, time), time), new MedOffice.Payments.PatientPayments(db, ledger, audit, time), audit, time);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            var result = await import.ImportAsync(file.Text, "bench.835", Actor.System("bench"));
            var seconds = timer.Elapsed.TotalSeconds;
            // On this shared machine the wall clock mostly measures the other sessions; the CPU this process used is steadier.
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
            }
            var summary = result.Value!;
            await using var check = DataServices.CreateContext(options);
            var entries = await check.LedgerEntries.CountAsync();
            var posted = await check.RemittedClaims.CountAsync(c => c.Outcome != RemittedClaimOutcomes.Unmatched);
            log.WriteLine(summary.ToString());
            log.WriteLine($"  import {seconds:F2} s ({cpu:F2} s of CPU in this process): {megabytes / seconds:F1} MB/s, {summary.ClaimsInFile / seconds:N0} claims/s, {file.Lines / seconds:N0} lines/s; "
                + $"{posted:N0} claims posted, {entries:N0} ledger entries; read alone {readSeconds:F2} s ({megabytes / readSeconds:F1} MB/s); load {LoadAverage()}");
            if (summary.Unmatched.Count > 0 || posted != summary.ClaimsInFile)
            {
                throw new InvalidOperationException($"{summary.Unmatched.Count} claims unmatched, {posted} of {summary.ClaimsInFile} posted.");
            }
            results.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {megabytes:F1} | {summary.ClaimsInFile:N0} | {file.Lines:N0} | {readSeconds:F2} | {megabytes / readSeconds:F1} | {seconds:F2} | {cpu:F2} | {megabytes / seconds:F2} | {summary.ClaimsInFile / seconds:N0} | {file.Lines / seconds:N0} | {entries:N0} |"));
        }
        results.Add("");
        results.Add($"load average at the end: {LoadAverage()}");
        var path = Path.Combine(settings.ArtifactsPath, "era-results.md");
        await File.WriteAllLinesAsync(path, results);
        foreach (var line in results)
        {
            log.WriteLine(line);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
