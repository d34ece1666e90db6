using MedOffice.Tests.Infrastructure;

namespace MedOffice.X12.Tests;

/// <summary>The X12 part of the shared test corpora (found by <see cref="Corpora"/>).</summary>
internal static class Corpus
{
    public static string X12 => Corpora.Path("x12");

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
}

/// <summary>Corpus files by transaction set, found by reading their ST01 (file names are not to be trusted).</summary>
internal static class CorpusByKind
{
    private static readonly Lazy<Dictionary<string, List<string>>> Kinds = new(Index);

    /// <summary>Relative paths of the files holding at least one transaction set with this ST01 and guide (e.g. "277" and "X214").</summary>
    public static TheoryData<string> Files(string transactionSetId, string? guide = null) => new(Paths(transactionSetId, guide));

    public static IEnumerable<string> Paths(string transactionSetId, string? guide = null) =>
        Kinds.Value.Where(k => k.Key.StartsWith(transactionSetId + "/", StringComparison.Ordinal) && (guide is null || k.Key.Contains(guide, StringComparison.Ordinal)))
            .SelectMany(k => k.Value).Distinct().Order(StringComparer.Ordinal);

    private static Dictionary<string, List<string>> Index()
    {
        var kinds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Corpus.AllX12Files())
        {
            try
            {
                using var reader = new X12Reader(File.OpenRead(file));
                while (reader.Read())
                {
                    if (reader.Current.Is("ST"))
                    {
                        var key = $"{reader.TransactionSetId}/{reader.ImplementationReference}";
                        if (!kinds.TryGetValue(key, out var files))
                        {
                            kinds[key] = files = [];
                        }
                        files.Add(Path.GetRelativePath(Corpus.X12, file));
                    }
                }
            }
            catch (X12Exception)
            {
                // Broken on purpose; the corpus read tests cover it.
            }
        }
        return kinds;
    }
}
