namespace MedOffice.Coding;

/// <summary>One fiscal year's ICD-10-CM codes in memory: by code, and by the words of their descriptions.</summary>
internal sealed class DiagnosisIndex
{
    private readonly DiagnosisCodeInfo[] _entries;
    private readonly string[] _codes;
    private readonly Dictionary<string, int> _byCode;
    private readonly string[] _words;
    private readonly int[][] _postings;
    private readonly int[] _wordCounts;

    // Words the office types for the words CMS writes; each side finds the other.
    private static readonly string[][] Synonyms =
    [
        ["kidney", "renal"], ["heart", "cardiac"], ["lung", "pulmonary"], ["liver", "hepatic"], ["stomach", "gastric"],
        ["sugar", "diabetes"], ["belly", "abdominal"], ["ear", "otitis"], ["throat", "pharyngitis"], ["flu", "influenza"],
    ];

    public DiagnosisIndex(int fiscalYear, IEnumerable<DiagnosisCodeInfo> entries)
    {
        FiscalYear = fiscalYear;
        _entries = entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToArray();
        _codes = _entries.Select(e => e.Code).ToArray();
        _byCode = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        _wordCounts = new int[_entries.Length];
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            _byCode[_entries[i].Code] = i;
            var words = Words(_entries[i].LongDescription).ToList();
            _wordCounts[i] = words.Count;
            foreach (var word in words.Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }
                list.Add(i);
            }
        }
        _words = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        _postings = _words.Select(w => postings[w].ToArray()).ToArray();
    }

    public int FiscalYear { get; }

    public int Count => _entries.Length;

    public DiagnosisCodeInfo? Find(string code) => _byCode.TryGetValue(code, out var i) ? _entries[i] : null;

    /// <summary>Billable codes under a header (E11 → E11.0 ... E11.9), in code order.</summary>
    public IEnumerable<DiagnosisCodeInfo> BillableUnder(string header) =>
        Prefixed(header).Where(e => e.IsBillable && e.Code.Length > header.Length);

    public IEnumerable<DiagnosisCodeInfo> Prefixed(string prefix)
    {
        var start = LowerBound(_codes, prefix);
        for (var i = start; i < _codes.Length && _codes[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _entries[i];
        }
    }

    /// <summary>
    /// Codes whose description has every word asked for (a word matches the start of a description word; numbers must
    /// match whole), billable before headers, the most specific wording (fewest words) first.
    /// </summary>
    public IReadOnlyList<DiagnosisCodeInfo> SearchWords(string query, int limit, IReadOnlySet<string>? favorites)
    {
        var terms = Words(query).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return [];
        }
        HashSet<int>? matches = null;
        foreach (var term in terms.OrderByDescending(t => t.Length))
        {
            var hits = new HashSet<int>();
            foreach (var variant in Variants(term))
            {
                AddHits(variant, hits);
            }
            if (matches is null)
            {
                matches = hits;
            }
            else
            {
                matches.IntersectWith(hits);
            }
            if (matches.Count == 0)
            {
                return [];
            }
        }
        return matches!
            .OrderByDescending(i => favorites?.Contains(_entries[i].Code) == true)
            .ThenByDescending(i => _entries[i].IsBillable)
            .ThenBy(i => _wordCounts[i])
            .ThenBy(i => _entries[i].Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(i => _entries[i])
            .ToList();
    }

    private void AddHits(string term, HashSet<int> hits)
    {
        var exact = term.All(char.IsAsciiDigit) || term.Length == 1;
        for (var w = LowerBound(_words, term); w < _words.Length && _words[w].StartsWith(term, StringComparison.Ordinal); w++)
        {
            if (exact && _words[w].Length != term.Length)
            {
                continue;
            }
            hits.UnionWith(_postings[w]);
        }
    }

    private static IEnumerable<string> Variants(string term)
    {
        yield return term;
        foreach (var group in Synonyms)
        {
            if (group.Contains(term, StringComparer.Ordinal))
            {
                foreach (var other in group.Where(g => g != term))
                {
                    yield return other;
                }
            }
        }
    }

    internal static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static int LowerBound(string[] sorted, string value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(sorted[mid], value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}

/// <summary>A code as search and checks return it; <see cref="Display"/> has the dot.</summary>
public sealed record DiagnosisCodeInfo(string Code, bool IsBillable, string ShortDescription, string LongDescription)
{
    public string Display => IcdCode.Format(Code);
}
