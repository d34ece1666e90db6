using MedOffice.Data;

namespace MedOffice.Web;

/// <summary>How this office process runs: where its data lives and which database it uses.</summary>
public sealed record MedOfficeSettings(string DataDirectory, DatabaseOptions Database, string Urls, bool Demo)
{
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>--data, then MEDOFFICE_DATA, then ./data.</summary>
    public static string ResolveDataDirectory(string? option) =>
        Path.GetFullPath(option ?? Environment.GetEnvironmentVariable("MEDOFFICE_DATA") ?? "data");

    /// <summary>--database, then MEDOFFICE_DATABASE, then a SQLite file in the data directory.</summary>
    public static DatabaseOptions ResolveDatabase(string? option, string dataDirectory) =>
        DatabaseOptions.Parse(option ?? Environment.GetEnvironmentVariable("MEDOFFICE_DATABASE") ?? "", dataDirectory);
}
