using FsCheck;
using FsCheck.Xunit;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Patients;

public class PatientSearchTests
{
    private static readonly DateOnly March7th1980 = new(1980, 3, 7);
    private static readonly DateOnly Today = new(2026, 3, 16);

    /// <summary>A small front desk's worth of look-alike names, plus people who must not turn up.</summary>
    private sealed record Waiting(Patient JohnSmith, Patient JonSmyth, Patient JoanSmithers, Patient BornJuly3rd, Patient MariaGonzalez);

    private static async Task<Waiting> RegisterLookAlikesAsync(TestOffice office) => new(
        await office.RegisterAsync("John", "Smith", March7th1980, "(512) 555-0142"),
        await office.RegisterAsync("Jon", "Smyth", new DateOnly(1975, 11, 2), "5125550177"),
        await office.RegisterAsync("Joan", "Smithers", new DateOnly(1990, 6, 21)),
        // Day-first reading of 3/7/1980: must not match a US month-first date.
        await office.RegisterAsync("Priya", "Patel", new DateOnly(1980, 7, 3)),
        await office.RegisterAsync("María", "González", new DateOnly(1962, 1, 30), "7375550100"));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_name_is_found_despite_typos_case_and_word_order(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);

        foreach (var query in new[] { "john smith", "jon smth", "smith, john", "SMITH JOHN", "Smtih", "smith", "JOHN", "jo smi" })
        {
            var hits = await office.Search.FindAsync(query);
            Assert.True(hits.Any(h => h.Id == people.JohnSmith.Id), $"'{query}' did not find John Smith: {Names(hits)}");
            Assert.DoesNotContain(hits, h => h.Id == people.MariaGonzalez.Id || h.Id == people.BornJuly3rd.Id);
        }
        var accented = await office.Search.FindAsync("maria gonzalez");
        Assert.Equal([people.MariaGonzalez.Id], accented.Select(h => h.Id));
        Assert.Empty(await office.Search.FindAsync("zebulon quartermaine"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_closest_name_ranks_first_among_similar_names(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);

        Assert.Equal(people.JohnSmith.Id, (await office.Search.FindAsync("john smith"))[0].Id);
        Assert.Equal(people.JonSmyth.Id, (await office.Search.FindAsync("jon smyth"))[0].Id);
        Assert.Equal(people.JoanSmithers.Id, (await office.Search.FindAsync("joan smithers"))[0].Id);
        Assert.Equal(people.JohnSmith.Id, (await office.Search.FindAsync("smith, john"))[0].Id);
        var hits = await office.Search.FindAsync("john smith");
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), Names(hits));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_date_of_birth_is_found_in_the_formats_the_desk_types(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);

        foreach (var query in new[] { "3/7/1980", "03/07/1980", "1980-03-07", "03071980", "3-7-1980", "3/7/80" })
        {
            var hits = await office.Search.FindAsync(query);
            Assert.True(hits.Select(h => h.Id).SequenceEqual([people.JohnSmith.Id]), $"'{query}' found {Names(hits)}");
        }
        Assert.Equal([people.JohnSmith.Id], (await office.Search.FindAsync("smith 3/7/1980")).Select(h => h.Id));
        Assert.Equal([people.JohnSmith.Id], (await office.Search.FindAsync("Smith 1980-03-07")).Select(h => h.Id));
        Assert.Empty(await office.Search.FindAsync("gonzalez 3/7/1980"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_eight_digit_birth_date_that_is_also_a_valid_MRN_still_finds_the_birthday(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var newYear = await office.RegisterAsync("Nora", "Day", new DateOnly(1980, 1, 1));
        Assert.True(Mrns.IsValid("01011980"));

        var hits = await office.Search.FindAsync("01011980");

        Assert.Equal([newYear.Id], hits.Select(h => h.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_phone_number_is_found_however_it_is_typed(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);

        foreach (var query in new[] { "(512) 555-0142", "5125550142", "512.555.0142", "512-555-0142", "+1 512 555 0142", "15125550142" })
        {
            var hits = await office.Search.FindAsync(query);
            Assert.True(hits.Select(h => h.Id).SequenceEqual([people.JohnSmith.Id]), $"'{query}' found {Names(hits)}");
        }
        Assert.Empty(await office.Search.FindAsync("(512) 555-0143"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_MRN_finds_exactly_its_patient(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);

        var hits = await office.Search.FindAsync(people.JoanSmithers.Mrn);

        Assert.Equal([people.JoanSmithers.Id], hits.Select(h => h.Id));
        Assert.Equal((people.JoanSmithers.Mrn, "Smithers, Joan"), (hits[0].Mrn, hits[0].Name));
        Assert.Equal([people.JoanSmithers.Id], (await office.Search.FindAsync($"  {people.JoanSmithers.Mrn} ")).Select(h => h.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_member_id_is_found_with_dashes_and_spaces_typed_differently(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var people = await RegisterLookAlikesAsync(office);
        var aetna = await office.AddPayerAsync("Aetna");
        var cigna = await office.AddPayerAsync("Cigna");
        await office.AddCoverageAsync(people.JoanSmithers.Id, aetna, "XYZ-123-456");
        await office.AddCoverageAsync(people.JonSmyth.Id, cigna, "W 987 654 321");

        foreach (var query in new[] { "XYZ-123-456", "xyz123456", "XYZ 123 456", "xyz-123456", "XYZ 123-456" })
        {
            var hits = await office.Search.FindAsync(query);
            Assert.True(hits.Select(h => h.Id).SequenceEqual([people.JoanSmithers.Id]), $"'{query}' found {Names(hits)}");
        }
        foreach (var query in new[] { "W 987 654 321", "W987654321", "w-987-654-321", "W987 654321" })
        {
            var hits = await office.Search.FindAsync(query);
            Assert.True(hits.Select(h => h.Id).SequenceEqual([people.JonSmyth.Id]), $"'{query}' found {Names(hits)}");
        }
        Assert.Empty(await office.Search.FindAsync("XYZ-123-457"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_search_is_audited_as_a_query_naming_who_searched_for_what(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await RegisterLookAlikesAsync(office);
        var before = (await office.AuditRowsAsync()).Count;

        var hits = await office.Search.SearchAsync("jon smth", TestOffice.FrontDesk);
        await office.Search.SearchAsync("nobody at all", TestOffice.FrontDesk);

        var rows = (await office.AuditRowsAsync()).Skip(before).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((AuditActions.Query, AuditCategories.Demographics, "frontdesk", "10.0.0.5"),
            (r.Action, r.Category, r.UserName, r.SourceAddress)));
        Assert.Contains("jon smth", rows[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"{hits.Count} results", rows[0].Detail, StringComparison.Ordinal);
        Assert.Contains("0 results", rows[1].Detail, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public bool Parsing_any_text_never_throws_and_yields_only_clean_parts(NonNull<string> text)
    {
        var parsed = SearchQuery.Parse(text.Get, Today);
        return parsed.NameTokens.All(t => t.Length > 0 && t.All(char.IsAsciiLetterLower))
            && (parsed.Phone is null || parsed.Phone.Length == 10 && parsed.Phone.All(char.IsAsciiDigit));
    }

    [Property(MaxTest = 2000)]
    public bool Name_keys_of_any_text_never_throw_and_are_letters_and_a_Soundex_code(string? text)
    {
        var key = NameKeys.Normalize(text);
        var sound = NameKeys.Soundex(key);
        _ = NameKeys.Soundex(text ?? "");
        return key.All(char.IsAsciiLetterLower)
            && (key.Length == 0 ? sound.Length == 0 : sound.Length == 4 && char.IsAsciiLetterUpper(sound[0]) && sound[1..].All(char.IsAsciiDigit));
    }

    [Property(MaxTest = 500)]
    public bool Text_with_broken_unicode_never_breaks_parsing(char[]? characters)
    {
        // Lone surrogate halves arrive through JSON escapes ("\ud800"); they must not turn a search into a server error.
        characters ??= [];
        var text = new string(characters) + "\ud800 smith";
        var parsed = SearchQuery.Parse(text, Today);
        return parsed.NameTokens.Contains("smith") && NameKeys.Normalize(new string(characters) + "\udfff").All(char.IsAsciiLetterLower);
    }

    [Theory]
    [InlineData("Smith", "S530")]
    [InlineData("Smyth", "S530")]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Lee", "L000")]
    public void Soundex_matches_the_published_American_codes(string name, string code) =>
        Assert.Equal(code, NameKeys.Soundex(NameKeys.Normalize(name)));

    [Fact]
    public void Accents_and_punctuation_are_dropped_from_name_keys() =>
        Assert.Equal(["gonzalez", "obrien", "smithjones"],
            new[] { "González", "O'Brien", "Smith-Jones" }.Select(NameKeys.Normalize));

    private static string Names(List<PatientSearchHit> hits) => "[" + string.Join("; ", hits.Select(h => $"{h.Name} {h.Score}")) + "]";
}
