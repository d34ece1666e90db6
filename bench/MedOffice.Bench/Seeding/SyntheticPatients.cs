using Bogus.DataSets;
using MedOffice.Patients;

namespace MedOffice.Bench.Seeding;

/// <summary>One "Patients" row as the seeders write it: every NOT NULL column plus the optional ones a real chart has.</summary>
public sealed record PatientRow(
    int Id, string Mrn, string FirstName, string? MiddleName, string LastName, string? Suffix, string? PreferredName,
    DateOnly DateOfBirth, string SexAtBirth, string AddressLine1, string? AddressLine2, string City, string State, string PostalCode,
    string? MobilePhone, string? HomePhone, string? WorkPhone, string? Email, string PreferredLanguage, string PreferredContactChannel,
    bool AllowsSms, bool AllowsEmail, bool AllowsVoicemail,
    string? EmergencyContactName, string? EmergencyContactRelationship, string? EmergencyContactPhone,
    string GuarantorRelationship, string? GuarantorName, string Status, DateOnly? DeceasedOn, int? MergedIntoPatientId,
    string LastNameKey, string FirstNameKey, string LastNameSound, string FirstNameSound, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One "Coverages" row: the patient's primary insurance.</summary>
public sealed record CoverageRow(
    int PatientId, int PayerId, string PlanName, string MemberId, string MemberIdKey, string GroupNumber,
    string SubscriberFirstName, string SubscriberLastName, DateOnly SubscriberDateOfBirth, string SubscriberSex,
    DateOnly EffectiveOn, decimal Copay, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record PayerRow(int Id, string Name, string PayerIdentifier);

/// <summary>
/// A deterministic patient population: the same seed gives the same rows, so cached databases and figures stay comparable.
/// Surnames follow the US census shape — a few very common names (Smith ≈ 0.8 %), a middle band (Bogus's list) and a long
/// tail of rare names — because the common names are what make a name search slow.
/// </summary>
public sealed class SyntheticPatients
{
    /// <summary>Bump when the generated rows change, so cached databases are rebuilt.</summary>
    public const int Version = 1;

    /// <summary>A rare surname planted once every <see cref="RareSurnameEvery"/> patients, for the misspelled-rare-name query.</summary>
    public const string RareSurname = "Kowalczyk";
    public const int RareSurnameEvery = 40_000;

    private const int Seed = 20_240_517;

    // 2010 US census, occurrences per 100,000 people: the top 25 cover about 8.7 % of the population.
    private static readonly (string Name, int Per100k)[] CommonSurnames =
    [
        ("Smith", 828), ("Johnson", 655), ("Williams", 550), ("Brown", 487), ("Jones", 483), ("Garcia", 466), ("Miller", 456),
        ("Davis", 431), ("Rodriguez", 406), ("Martinez", 399), ("Hernandez", 393), ("Lopez", 314), ("Gonzalez", 304),
        ("Wilson", 303), ("Anderson", 298), ("Thomas", 280), ("Taylor", 273), ("Moore", 260), ("Jackson", 256), ("Martin", 253),
        ("Lee", 237), ("Perez", 234), ("Thompson", 234), ("White", 232), ("Harris", 212),
    ];

    // Share of patients whose surname comes from Bogus's list (each about 0.1 %); the rest come from the rare tail.
    private const double MiddleBandShare = 0.50;

    private static readonly string[] CommonMaleNames = ["James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher"];
    private static readonly string[] CommonFemaleNames = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen"];

    private static readonly Dictionary<string, string> Nicknames = new()
    {
        ["William"] = "Bill", ["Robert"] = "Bob", ["James"] = "Jim", ["Michael"] = "Mike", ["Richard"] = "Rick", ["Joseph"] = "Joe",
        ["Thomas"] = "Tom", ["Christopher"] = "Chris", ["Elizabeth"] = "Liz", ["Jennifer"] = "Jen", ["Patricia"] = "Pat", ["Susan"] = "Sue",
    };

    public static readonly IReadOnlyList<PayerRow> Payers =
    [
        new(1, "Medicare Part B", "MCRB"), new(2, "Medicaid", "MCD01"), new(3, "Blue Cross Blue Shield", "BCBS1"),
        new(4, "Aetna", "60054"), new(5, "UnitedHealthcare", "87726"), new(6, "Cigna", "62308"), new(7, "Humana", "61101"),
        new(8, "Tricare", "TRCR1"),
    ];

    private static readonly string[] Languages = ["English", "Spanish", "Chinese", "Vietnamese", "Tagalog", "Arabic", "French", "Korean"];
    private static readonly string[] Relationships = ["Spouse", "Parent", "Child", "Sibling", "Friend"];
    private static readonly string[] EmailDomains = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com"];
    private static readonly string[] AreaCodes = ["206", "253", "360", "425", "509", "503", "971", "208", "541", "564"];
    private static readonly DateOnly OldestBirth = new(1930, 1, 1);
    private static readonly DateOnly YoungestBirth = new(2024, 12, 31);
    private static readonly DateTime RegisteredFrom = new(2012, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(Seed);
    private readonly string[] _middleSurnames;
    private readonly string[] _rareSurnames;
    private readonly string[] _maleNames;
    private readonly string[] _femaleNames;
    private readonly string[] _streets;
    private readonly (string City, string State, string PostalCode)[] _places;
    private readonly double[] _commonCumulative;
    private readonly double _commonShare;

    public SyntheticPatients()
    {
        // Bogus is slow per call (template parsing), so it fills pools once and the per-row work is array picks.
        var randomizer = new Bogus.Randomizer(Seed);
        var name = new Name { Random = randomizer };
        var address = new Address { Random = randomizer };
        var common = CommonSurnames.Select(s => s.Name).ToHashSet();
        _middleSurnames = Distinct(20_000, () => name.LastName()).Where(n => !common.Contains(n) && n != RareSurname).ToArray();
        _maleNames = Distinct(20_000, () => name.FirstName(Name.Gender.Male));
        _femaleNames = Distinct(20_000, () => name.FirstName(Name.Gender.Female));
        _streets = Distinct(3_000, () => address.StreetName());
        _places = Enumerable.Range(0, 400).Select(_ => (address.City(), address.StateAbbr(), address.ZipCode("#####"))).ToArray();
        _rareSurnames = RareTail(60_000);

        var total = 0.0;
        _commonCumulative = CommonSurnames.Select(s => total += s.Per100k / 100_000.0).ToArray();
        _commonShare = total;
    }

    public static string MrnOf(int patientId)
    {
        var digits = (1_000_000 + patientId).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return digits + Mrns.CheckDigit(digits);
    }

    /// <summary>Patients 1..count in order; about three in four carry a primary coverage.</summary>
    public IEnumerable<(PatientRow Patient, CoverageRow? Coverage)> Generate(int count)
    {
        for (var id = 1; id <= count; id++)
        {
            yield return Next(id);
        }
    }

    private (PatientRow, CoverageRow?) Next(int id)
    {
        var r = _random;
        var sex = r.NextDouble() switch { < 0.49 => SexesAtBirth.Female, < 0.98 => SexesAtBirth.Male, _ => SexesAtBirth.Unknown };
        var female = sex == SexesAtBirth.Female || (sex == SexesAtBirth.Unknown && r.Next(2) == 0);
        var first = FirstName(female);
        var last = id % RareSurnameEvery == RareSurnameEvery / 2 ? RareSurname : Surname();
        var middle = r.NextDouble() < 0.6 ? FirstName(female) : null;
        var suffix = !female && r.NextDouble() < 0.02 ? (r.Next(3) switch { 0 => "Jr", 1 => "Sr", _ => "III" }) : null;
        var preferred = Nicknames.TryGetValue(first, out var nickname) && r.NextDouble() < 0.3 ? nickname : null;
        var birth = OldestBirth.AddDays(r.Next(YoungestBirth.DayNumber - OldestBirth.DayNumber + 1));
        var (city, state, postalCode) = _places[r.Next(_places.Length)];
        var minor = birth.Year > 2006;

        var created = RegisteredFrom.AddMinutes(r.Next(12 * 365 * 24 * 60));
        var updated = created.AddMinutes(r.Next(2 * 365 * 24 * 60));
        var status = r.NextDouble() switch { < 0.93 => PatientStatuses.Active, < 0.99 => PatientStatuses.Inactive, _ => PatientStatuses.Deceased };
        DateOnly? deceasedOn = status == PatientStatuses.Deceased ? DateOnly.FromDateTime(updated) : null;
        // A few charts were duplicates merged into an older one: the search must skip them.
        int? mergedInto = id > 1_000 && r.NextDouble() < 0.002 ? r.Next(1, id) : null;
        if (mergedInto is not null)
        {
            status = PatientStatuses.Inactive;
            deceasedOn = null;
        }

        var mobile = r.NextDouble() < 0.85 ? Phone() : null;
        var home = r.NextDouble() < 0.35 ? Phone() : null;
        var work = !minor && r.NextDouble() < 0.15 ? Phone() : null;
        var email = !minor && r.NextDouble() < 0.6
            ? $"{first}.{last}{r.Next(100)}@{EmailDomains[r.Next(EmailDomains.Length)]}".ToLowerInvariant()
            : null;
        var hasEmergencyContact = r.NextDouble() < 0.5;
        var firstKey = NameKeys.Normalize(first);
        var lastKey = NameKeys.Normalize(last);

        var patient = new PatientRow(
            id, MrnOf(id), first, middle, last, suffix, preferred, birth, sex,
            $"{r.Next(1, 20_000)} {_streets[r.Next(_streets.Length)]}", r.NextDouble() < 0.1 ? $"Apt {r.Next(1, 400)}" : null,
            city, state, postalCode, mobile, home, work, email,
            r.NextDouble() < 0.88 ? "English" : Languages[r.Next(Languages.Length)],
            r.NextDouble() switch { < 0.6 => ContactChannels.Phone, < 0.85 => ContactChannels.Sms, < 0.97 => ContactChannels.Email, _ => ContactChannels.Mail },
            mobile is not null && r.NextDouble() < 0.7, email is not null && r.NextDouble() < 0.8, r.NextDouble() < 0.75,
            hasEmergencyContact ? $"{FirstName(r.Next(2) == 0)} {last}" : null,
            hasEmergencyContact ? Relationships[r.Next(Relationships.Length)] : null,
            hasEmergencyContact ? Phone() : null,
            minor ? GuarantorRelationships.Parent : GuarantorRelationships.Self,
            minor ? $"{FirstName(r.Next(2) == 0)} {last}" : null,
            status, deceasedOn, mergedInto,
            lastKey, firstKey, NameKeys.Soundex(lastKey), NameKeys.Soundex(firstKey), created, updated);

        CoverageRow? coverage = null;
        if (r.NextDouble() < 0.75)
        {
            var payer = Payers[r.Next(Payers.Count)];
            var memberId = $"{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{(char)('A' + r.Next(26))}{r.Next(100_000_000, 999_999_999)}";
            coverage = new CoverageRow(id, payer.Id, $"{payer.Name} PPO", memberId, Coverage.KeyOf(memberId)!, $"G{r.Next(10_000, 99_999)}",
                first, last, birth, sex == SexesAtBirth.Unknown ? SexesAtBirth.Unknown : sex,
                DateOnly.FromDateTime(created), r.Next(0, 9) * 5m, created, updated);
        }
        return (patient, coverage);
    }

    private string Surname()
    {
        var roll = _random.NextDouble();
        if (roll < _commonShare)
        {
            var index = Array.BinarySearch(_commonCumulative, roll);
            return CommonSurnames[index < 0 ? ~index : index].Name;
        }
        return roll < _commonShare + MiddleBandShare
            ? _middleSurnames[_random.Next(_middleSurnames.Length)]
            : _rareSurnames[_random.Next(_rareSurnames.Length)];
    }

    private string FirstName(bool female)
    {
        if (_random.NextDouble() < 0.25)
        {
            var common = female ? CommonFemaleNames : CommonMaleNames;
            return common[_random.Next(common.Length)];
        }
        var pool = female ? _femaleNames : _maleNames;
        return pool[_random.Next(pool.Length)];
    }

    // NANP: area code from the practice's region, exchange not starting with 0 or 1.
    private string Phone() =>
        $"{AreaCodes[_random.Next(AreaCodes.Length)]}{_random.Next(200, 1_000)}{_random.Next(10_000):D4}";

    private static string[] Distinct(int draws, Func<string> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < draws; i++)
        {
            seen.Add(next());
        }
        return seen.Order(StringComparer.Ordinal).ToArray();
    }

    // Pronounceable made-up surnames: the census's long tail of names held by a handful of people each.
    private static string[] RareTail(int count)
    {
        string[] onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "y", "z"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"];
        string[] codas = ["", "", "", "n", "r", "l", "s", "k", "m", "tt", "nd", "sk", "v", "wicz", "berg", "ton", "ez"];
        var random = new Random(Seed + 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var syllables = random.Next(2, 4);
            var text = new System.Text.StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                text.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }
            text.Append(codas[random.Next(codas.Length)]);
            text[0] = char.ToUpperInvariant(text[0]);
            var candidate = text.ToString();
            if (candidate != RareSurname)
            {
                names.Add(candidate);
            }
        }
        return names.Order(StringComparer.Ordinal).ToArray();
    }
}
