using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MedOffice.Tests.Printing;

/// <summary>
/// What real PDF software makes of a file: Debian's qpdf (structure, xref, streams) and poppler's pdftotext and pdfinfo
/// (what a reader shows). test.sh installs both packages.
/// </summary>
public static partial class PdfTools
{
    /// <summary>Fails the test with qpdf's words unless "qpdf --check" finds nothing wrong (no errors, no warnings).</summary>
    public static async Task AssertValidAsync(byte[] pdf)
    {
        var (exitCode, output) = await RunAsync(pdf, "qpdf", "--check", "{file}");
        Assert.True(exitCode == 0 && output.Contains("No syntax or stream encoding errors found", StringComparison.Ordinal) && !output.Contains("WARNING", StringComparison.Ordinal),
            $"qpdf --check (exit {exitCode}):\n{output}");
    }

    /// <summary>The text of each page, laid out as on paper (pdftotext -layout).</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(byte[] pdf)
    {
        var (exitCode, output) = await RunAsync(pdf, "pdftotext", "-layout", "-enc", "UTF-8", "{file}", "-");
        Assert.True(exitCode == 0, $"pdftotext (exit {exitCode}):\n{output}");
        // pdftotext ends every page with a form feed.
        return output.Split('\f')[..^1];
    }

    public static async Task<string> TextAsync(byte[] pdf) => string.Join("\n", await PagesAsync(pdf));

    /// <summary>pdfinfo's fields (Title, Pages, Page size, PDF version, CreationDate...).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> InfoAsync(byte[] pdf)
    {
        var (exitCode, output) = await RunAsync(pdf, "pdfinfo", "-isodates", "-enc", "UTF-8", "{file}");
        Assert.True(exitCode == 0, $"pdfinfo (exit {exitCode}):\n{output}");
        return InfoLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
    }

    /// <summary>Each word poppler finds with its box in points, origin top-left (pdftotext -bbox).</summary>
    public static async Task<IReadOnlyList<(string Word, double Left, double Top, double Right, double Bottom)>> WordsAsync(byte[] pdf)
    {
        var (exitCode, output) = await RunAsync(pdf, "pdftotext", "-bbox", "-enc", "UTF-8", "{file}", "-");
        Assert.True(exitCode == 0, $"pdftotext -bbox (exit {exitCode}):\n{output}");
        double At(Match m, string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return BoundingBox().Matches(output)
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups["word"].Value), At(m, "xMin"), At(m, "yMin"), At(m, "xMax"), At(m, "yMax")))
            .ToList();
    }

    public static async Task<int> PageCountAsync(byte[] pdf) => int.Parse((await InfoAsync(pdf))["Pages"], CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output)> RunAsync(byte[] pdf, string tool, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"medoffice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument == "{file}" ? file : argument);
            }
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{tool} is not installed (Debian: apt-get install qpdf poppler-utils; test.sh does it).", e);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                return (process.ExitCode, await output + await errors);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("""<word xMin="(?<xMin>[\d.]+)" yMin="(?<yMin>[\d.]+)" xMax="(?<xMax>[\d.]+)" yMax="(?<yMax>[\d.]+)">(?<word>[^<]*)</word>""")]
    private static partial Regex BoundingBox();

    [GeneratedRegex(@"^([A-Za-z ]+):\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex InfoLine();
}
