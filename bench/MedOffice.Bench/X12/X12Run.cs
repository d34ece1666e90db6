using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12;
using MedOffice.X12.Claims;
using MedOffice.X12.Remittance;

namespace MedOffice.Bench.X12;

/// <summary>
/// <c>--x12</c>: parse throughput of a ~50 MB 837P and 835 (MB/s), 837P generation (claims/s, and 100,000 claims), and the
/// same parse by the npm X12 parsers under node in the same run, as a ratio. Stopwatch, best of N rounds after a warm-up:
/// a 50 MB parse is long enough that BenchmarkDotNet's statistics add nothing but minutes on this shared 2-core machine.
/// </summary>
public static class X12Run
{
    private const long TargetBytes = 50_000_000;

    public static async Task RunAsync(string artifacts, int rounds, TextWriter log)
    {
        var folder = Path.Combine(artifacts, "x12");
        Directory.CreateDirectory(folder);
        log.WriteLine($"X12 benchmark, {rounds} rounds{QuickRun.LoadAverage()}");

        // (b) Generation: 100,000 claims, written to a null stream (the writer's cost, not the disk's).
        var hundredThousand = X12Files.ClaimBatch(100_000);
        ProfessionalClaimWriter.Write(X12Files.ClaimBatch(1_000), TextWriter.Null);
        var generation = Best(rounds, () =>
        {
            using var writer = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16);
            ProfessionalClaimWriter.Write(hundredThousand, writer);
        });

        // (a) The input files: an 837P of about 50 MB from the writer, an 835 of about 50 MB from a corpus 835.
        var claimPath = Path.Combine(folder, "bench-837p.x12");
        var claimsFor50Mb = await WriteClaimFileAsync(claimPath);
        var remittancePath = Path.Combine(folder, "bench-835.x12");
        await File.WriteAllTextAsync(remittancePath, X12Files.Remittance(FindCorpus835(), TargetBytes));
        await using var remittanceStream = File.OpenRead(remittancePath);
        var remittanceCheck = RemittanceAdvice.Read(remittanceStream);
        var advice = remittanceCheck.Transactions.Single();
        log.WriteLine($"835: {advice.Claims.Count:N0} claims, balances: {advice.Balance.IsBalanced}, reader errors: {remittanceCheck.Errors.Count(e => e.Severity == X12Severity.Error)}");

        var results = new List<(string What, string File, double MegaBytes, double Seconds)>();
        foreach (var path in new[] { claimPath, remittancePath })
        {
            var bytes = await File.ReadAllBytesAsync(path);
            var megaBytes = bytes.Length / 1e6;
            var name = Path.GetFileName(path);
            results.Add(("X12Reader: every element as a span", name, megaBytes, Best(rounds, () => WalkElements(bytes))));
            results.Add(("X12Reader + ToData: every element as a string", name, megaBytes, Best(rounds, () => CopySegments(bytes))));
            if (path == remittancePath)
            {
                results.Add(("RemittanceAdvice.Read: typed 835 model + balance", name, megaBytes, Best(rounds, () => RemittanceAdvice.Read(new MemoryStream(bytes)).Transactions[0].Balance)));
            }
        }

        // (c) The npm parsers, same files, same run.
        var peers = RunNode(rounds, [claimPath, remittancePath], log);

        var table = Report(rounds, generation, claimsFor50Mb, results, peers);
        await File.WriteAllTextAsync(Path.Combine(folder, "x12-results.md"), table);
        log.WriteLine();
        log.WriteLine(table);
    }

    private static async Task<int> WriteClaimFileAsync(string path)
    {
        using var probe = new StringWriter(CultureInfo.InvariantCulture);
        ProfessionalClaimWriter.Write(X12Files.ClaimBatch(10_000), probe);
        var claims = (int)(TargetBytes / (probe.GetStringBuilder().Length / 10_000.0));
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        ProfessionalClaimWriter.Write(X12Files.ClaimBatch(claims), writer, new ProfessionalClaimWriterOptions { LineBreakAfterSegment = true });
        return claims;
    }

    internal static long WalkElements(byte[] bytes)
    {
        using var reader = new X12Reader(new MemoryStream(bytes));
        long total = 0;
        while (reader.Read())
        {
            var segment = reader.Current;
            for (var i = 1; i <= segment.ElementCount; i++)
            {
                total += segment[i].Length;
            }
        }
        return total;
    }

    private static long CopySegments(byte[] bytes)
    {
        using var reader = new X12Reader(new MemoryStream(bytes));
        long total = 0;
        while (reader.Read())
        {
            total += reader.Current.ToData().Elements.Count;
        }
        return total;
    }

    private static double Best(int rounds, Func<object?> action)
    {
        action();
        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return best;
    }

    private static double Best(int rounds, Action action) => Best(rounds, () => { action(); return null; });

    private sealed record PeerResult(string Parser, string File, double Mb, double BestSeconds, double MbPerSecond, int Segments, string? Error);

    private static List<PeerResult> RunNode(int rounds, string[] files, TextWriter log)
    {
        var script = Path.Combine(FindBenchFolder(), "x12-node", "parse.js");
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules")))
        {
            log.WriteLine($"npm peers not installed: run `npm install` in {Path.GetDirectoryName(script)}; skipping them.");
            return [];
        }
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add("--max-old-space-size=8192");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(rounds.ToString(CultureInfo.InvariantCulture));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEnd();
        var errors = node.StandardError.ReadToEnd();
        node.WaitForExit();
        if (errors.Length > 0)
        {
            log.WriteLine(errors);
        }
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<PeerResult>(line, options)!).ToList();
    }

    private static string Report(int rounds, double generation, int claimsFor50Mb, List<(string What, string File, double MegaBytes, double Seconds)> results, List<PeerResult> peers)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Best of {rounds} rounds{QuickRun.LoadAverage()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"837P generation: 100,000 claims in {generation:F2} s = {100_000 / generation:N0} claims/s (the parse file below holds {claimsFor50Mb:N0} claims).");
        text.AppendLine();
        text.AppendLine("| parser | file | MB | best s | MB/s | × best npm peer |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var file in results.Select(r => r.File).Distinct())
        {
            var fileName = file;
            var bestPeer = peers.Where(p => Path.GetFileName(p.File) == fileName && p.Error is null).OrderByDescending(p => p.MbPerSecond).FirstOrDefault();
            foreach (var result in results.Where(r => r.File == file))
            {
                var speed = result.MegaBytes / result.Seconds;
                var ratio = bestPeer is null ? "—" : (speed / bestPeer.MbPerSecond).ToString("F1", CultureInfo.InvariantCulture) + "×";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {result.What} | {file} | {result.MegaBytes:F1} | {result.Seconds:F3} | {speed:F1} | {ratio} |");
            }
            foreach (var peer in peers.Where(p => Path.GetFileName(p.File) == fileName))
            {
                var speed = peer.Error is null ? peer.MbPerSecond.ToString("F1", CultureInfo.InvariantCulture) : "failed: " + peer.Error;
                text.AppendLine(CultureInfo.InvariantCulture, $"| npm {peer.Parser} (node {NodeVersion()}) | {file} | {peer.Mb:F1} | {(peer.Error is null ? peer.BestSeconds.ToString("F3", CultureInfo.InvariantCulture) : "—")} | {speed} | |");
            }
        }
        return text.ToString();
    }

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            var version = node.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    internal static string FindCorpus835() => Corpora.Path(Path.Combine("x12", "herophilus-assets", "835_Sample_Professional_Claims_only-w_payment.2014.txt"));

    private static string FindBenchFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "x12-node")))
            {
                return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
