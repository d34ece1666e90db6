namespace MedOffice.X12;

/// <summary>A code list with short descriptions, written as lines <c>code|words</c>.</summary>
internal sealed class CodeTable
{
    private readonly Dictionary<string, string> _descriptions;

    public CodeTable(string lines)
    {
        _descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            _descriptions[line[..bar]] = line[(bar + 1)..];
        }
    }

    public int Count => _descriptions.Count;

    public IEnumerable<string> Codes => _descriptions.Keys;

    public string? Find(string? code) => code is not null && _descriptions.TryGetValue(code, out var words) ? words : null;

    /// <summary>The description, or "<paramref name="what"/> X (not in MedOffice's table)" so a reader always gets words.</summary>
    public string Describe(string? code, string what) =>
        string.IsNullOrEmpty(code) ? $"no {what}" : Find(code) ?? $"{what} {code} (not in MedOffice's table)";
}
