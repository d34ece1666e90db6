namespace MedOffice.Tests.Infrastructure;

/// <summary>
/// The shared test corpora (data nobody on the team wrote): MEDOFFICE_CORPORA, or the first shared/corpora folder found
/// walking up from the test binaries (CI and the worktrees keep ../shared beside the checkout).
/// </summary>
public static class Corpora
{
    private static readonly Lazy<string> Root = new(() =>
    {
        if (Environment.GetEnvironmentVariable("MEDOFFICE_CORPORA") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("The shared corpora were not found: set MEDOFFICE_CORPORA or keep ../shared/corpora beside the checkout.");
    });

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);
}
