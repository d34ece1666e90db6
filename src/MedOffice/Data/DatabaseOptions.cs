namespace MedOffice.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the office keeps its data: an embedded SQLite file by default, PostgreSQL for multi-node groups.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, $"Data Source={path};Foreign Keys=True;Pooling=True;Default Timeout=30");

    /// <summary>
    /// Reads "sqlite:PATH", "postgres:CONNECTION-STRING", or a bare PostgreSQL connection string ("Host=...").
    /// </summary>
    public static DatabaseOptions Parse(string value, string defaultDataDirectory)
    {
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return SqliteFile(value["sqlite:".Length..]);
        }
        if (value.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, value["postgres:".Length..]);
        }
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, value);
        }
        if (value.Length == 0)
        {
            return SqliteFile(Path.Combine(defaultDataDirectory, "medoffice.db"));
        }
        throw new ArgumentException($"Unrecognised database setting '{value}'. Use 'sqlite:PATH' or 'postgres:Host=...;Database=...'.");
    }
}
