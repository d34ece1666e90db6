namespace MedOffice.X12.Tests;

/// <summary>The shared test corpora (../shared/corpora beside the checkout, or $MEDOFFICE_CORPORA).</summary>
internal static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string X12 => Path.Combine(Root.Value, "x12");

    public static string File(string relativePath) => Path.Combine(X12, relativePath);

    public static IEnumerable<string> AllX12Files() =>
        Directory.EnumerateFiles(X12, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Files broken on purpose, by their names.</summary>
    public static bool IsBrokenOnPurpose(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name.Contains("malformed") || name.Contains("bad") || name.Contains("missing") || name.Contains("error")
            || name.Contains("no_isa") || name.Contains("out_of_order") || name.Contains("ambiguous");
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MEDOFFICE_CORPORA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No shared/corpora folder above the test assembly; set MEDOFFICE_CORPORA.");
    }
}
