namespace MedOffice.Tests.Infrastructure;

/// <summary>
/// Golden files under tests/MedOffice.Tests/Golden: output a reviewer has read and accepted. A change to the output fails
/// the test until the new file is reviewed: run with MEDOFFICE_UPDATE_GOLDEN=1 to rewrite it, then read the diff.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string name, string actual)
    {
        var source = Path.Combine(SourceFolder(), name);
        if (Environment.GetEnvironmentVariable("MEDOFFICE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }
        Assert.True(File.Exists(source), $"No golden file {source}: run with MEDOFFICE_UPDATE_GOLDEN=1 to write it, then review it.");
        Assert.Equal(File.ReadAllText(source), actual);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)!)!, "Golden");
}
