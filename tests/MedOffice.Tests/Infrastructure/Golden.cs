using System.Runtime.CompilerServices;

namespace MedOffice.Tests.Infrastructure;

/// <summary>
/// Golden files in the calling test project's Golden/ folder (tests/MedOffice.Tests/Golden, tests/MedOffice.X12.Tests/Golden):
/// output a reviewer has read and accepted. A change to the output fails the test until the new file is reviewed: run
/// with MEDOFFICE_UPDATE_GOLDEN=1 to rewrite the source file, then read the diff.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var source = Path.Combine(GoldenFolder(callerFile), name);
        if (Environment.GetEnvironmentVariable("MEDOFFICE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }
        Assert.True(File.Exists(source), $"No golden file {source}: run with MEDOFFICE_UPDATE_GOLDEN=1 to write it, then review it.");
        Assert.Equal(File.ReadAllText(source), actual);
    }

    /// <summary>The Golden/ folder of the project holding the calling test (the first folder above it with a .csproj).</summary>
    private static string GoldenFolder(string callerFile)
    {
        for (var folder = Path.GetDirectoryName(callerFile); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return Path.Combine(folder, "Golden");
            }
        }
        throw new DirectoryNotFoundException($"No test project above {callerFile}.");
    }
}
