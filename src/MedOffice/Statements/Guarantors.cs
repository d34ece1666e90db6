using MedOffice.Data;
using MedOffice.Patients;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Statements;

/// <summary>A guarantor and the patients whose share they pay: one statement goes to each.</summary>
public sealed record GuarantorGroup(string Key, string Name, IReadOnlyList<Patient> Patients, Patient? GuarantorPatient);

/// <summary>
/// How patients are grouped under one guarantor, from the free-text guarantor on each patient:
/// <list type="bullet">
/// <item>Self, or no guarantor name: the patient is the guarantor — key patient:{id}.</item>
/// <item>A named guarantor who is also a patient (same date of birth, and the patient's first and last names among the
/// guarantor name's words) and is their own guarantor: key patient:{that id}, so a parent and the children naming them
/// land on one statement. Several such patients: the lowest id.</item>
/// <item>Otherwise: key person:{name words}:{date of birth} — the name's words (accents folded, lower case, initials and
/// Jr/Sr/II/III dropped, sorted, so "Marchetti, Odette" = "Odette M. Marchetti") and the date of birth (or "-"), so
/// siblings naming the same non-patient parent share a statement.</item>
/// </list>
/// Editing the guarantor on a patient moves the patient to another account from the next statement on.
/// </summary>
public static class GuarantorKeys
{
    private static readonly HashSet<string> Suffixes = ["jr", "sr", "ii", "iii", "iv"];

    public static string ForPatient(int patientId) => $"patient:{patientId}";

    public static int? PatientIdOf(string key) =>
        key.StartsWith("patient:", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8), out var id) ? id : null;

    public static bool IsSelf(Patient patient) =>
        patient.GuarantorRelationship == GuarantorRelationships.Self || NameWords(patient.GuarantorName).Count == 0;

    public static string ForPerson(string? name, DateOnly? dateOfBirth) =>
        $"person:{string.Join(' ', NameWords(name))}:{dateOfBirth?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>The guarantor name's words, normalised and sorted.</summary>
    public static IReadOnlyList<string> NameWords(string? name) =>
        (name ?? "").Split([' ', ',', '.', '-', '\'', '/', '&'], StringSplitOptions.RemoveEmptyEntries)
            .Select(NameKeys.Normalize).Where(w => w.Length > 1 && !Suffixes.Contains(w)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether the named guarantor is this patient: same date of birth, first and last name among the words.</summary>
    public static bool Names(Patient guarantorCandidate, string? guarantorName, DateOnly? guarantorDateOfBirth)
    {
        if (guarantorDateOfBirth is null || guarantorCandidate.DateOfBirth != guarantorDateOfBirth)
        {
            return false;
        }
        var words = NameWords(guarantorName);
        var first = NameKeys.Normalize(guarantorCandidate.LegalFirstName);
        var preferred = NameKeys.Normalize(guarantorCandidate.PreferredName);
        return words.Contains(NameKeys.Normalize(guarantorCandidate.LegalLastName)) && (words.Contains(first) || (preferred.Length > 0 && words.Contains(preferred)));
    }

    /// <summary>The key of a patient's guarantor, given the patients who could be that guarantor (same date of birth).</summary>
    public static string For(Patient patient, IEnumerable<Patient> candidates)
    {
        if (IsSelf(patient))
        {
            return ForPatient(patient.Id);
        }
        var match = candidates.Where(c => c.Id != patient.Id && c.MergedIntoPatientId is null && IsSelf(c) && Names(c, patient.GuarantorName, patient.GuarantorDateOfBirth))
            .OrderBy(c => c.Id).FirstOrDefault();
        return match is null ? ForPerson(patient.GuarantorName, patient.GuarantorDateOfBirth) : ForPatient(match.Id);
    }
}

/// <summary>Finds guarantor groups: the one a patient belongs to, and every group with money on the patient side.</summary>
public sealed class Guarantors(MedOfficeDb db)
{
    /// <summary>The keys of the given patients' guarantors, looking up patients who could be the named guarantors.</summary>
    public async Task<Dictionary<int, string>> KeysAsync(IReadOnlyCollection<Patient> patients, CancellationToken cancellationToken = default)
    {
        var dates = patients.Where(p => !GuarantorKeys.IsSelf(p) && p.GuarantorDateOfBirth is not null).Select(p => p.GuarantorDateOfBirth!.Value).Distinct().ToList();
        var candidates = dates.Count == 0 ? [] : await db.Patients.AsNoTracking()
            .Where(p => dates.Contains(p.DateOfBirth) && p.MergedIntoPatientId == null).ToListAsync(cancellationToken);
        return patients.ToDictionary(p => p.Id, p => GuarantorKeys.For(p, candidates));
    }

    public async Task<string?> KeyOfPatientAsync(int patientId, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        return patient is null ? null : (await KeysAsync([patient], cancellationToken))[patient.Id];
    }

    /// <summary>Every patient of the guarantor with this key (none when no patient has it).</summary>
    public async Task<GuarantorGroup?> GroupAsync(string key, CancellationToken cancellationToken = default) =>
        (await GroupsAsync([key], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The groups with these keys, in the keys' order, leaving out keys no patient has. Three queries for any number of
    /// keys: the guarantors who are patients, everyone naming a guarantor born on one of the dates, and their keys.
    /// </summary>
    public async Task<List<GuarantorGroup>> GroupsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var guarantorIds = keys.Select(GuarantorKeys.PatientIdOf).OfType<int>().Distinct().ToList();
        var guarantorPatients = guarantorIds.Count == 0 ? [] : await db.Patients.AsNoTracking()
            .Where(p => guarantorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var personDates = keys.Where(k => GuarantorKeys.PatientIdOf(k) is null).Select(PersonDateOfBirth).ToList();
        var dates = guarantorPatients.Values.Select(p => (DateOnly?)p.DateOfBirth).Concat(personDates.Where(d => d is not null)).Distinct().ToList();
        var undated = personDates.Any(d => d is null);
        var dependants = await db.Patients.AsNoTracking()
            .Where(p => (dates.Contains(p.GuarantorDateOfBirth) || (undated && p.GuarantorDateOfBirth == null))
                && p.GuarantorRelationship != GuarantorRelationships.Self && p.MergedIntoPatientId == null)
            .ToListAsync(cancellationToken);
        var possible = guarantorPatients.Values.Concat(dependants).DistinctBy(p => p.Id).ToList();
        var keyOf = await KeysAsync(possible, cancellationToken);

        var groups = new List<GuarantorGroup>();
        foreach (var key in keys)
        {
            var guarantorPatient = GuarantorKeys.PatientIdOf(key) is { } id ? guarantorPatients.GetValueOrDefault(id) : null;
            if (GuarantorKeys.PatientIdOf(key) is not null && guarantorPatient is null)
            {
                continue;
            }
            var dateOfBirth = guarantorPatient?.DateOfBirth ?? PersonDateOfBirth(key);
            var members = possible
                .Where(p => keyOf[p.Id] == key && (p.Id == guarantorPatient?.Id
                    || (p.GuarantorDateOfBirth == dateOfBirth && p.GuarantorRelationship != GuarantorRelationships.Self && p.MergedIntoPatientId is null)))
                .OrderBy(p => p.Id == guarantorPatient?.Id ? 0 : 1).ThenBy(p => p.DateOfBirth).ThenBy(p => p.Id).ToList();
            if (members.Count == 0)
            {
                continue;
            }
            var name = guarantorPatient is not null ? $"{guarantorPatient.LegalFirstName} {guarantorPatient.LegalLastName}" : members[0].GuarantorName!.Trim();
            groups.Add(new GuarantorGroup(key, name, members, guarantorPatient));
        }
        return groups;
    }

    /// <summary>The account for a key, if it has one yet; unlike <see cref="AccountAsync"/> it never writes.</summary>
    public Task<GuarantorAccount?> FindAccountAsync(string key, CancellationToken cancellationToken = default) =>
        db.GuarantorAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.GuarantorKey == key, cancellationToken);

    private static DateOnly? PersonDateOfBirth(string key) =>
        DateOnly.TryParseExact(key[(key.LastIndexOf(':') + 1)..], "yyyyMMdd", out var parsed) ? parsed : null;

    /// <summary>The account for a key, created on first use.</summary>
    public async Task<GuarantorAccount> AccountAsync(GuarantorGroup group, DateTime now, CancellationToken cancellationToken = default)
    {
        var account = await db.GuarantorAccounts.FirstOrDefaultAsync(a => a.GuarantorKey == group.Key, cancellationToken);
        if (account is null)
        {
            account = new GuarantorAccount { GuarantorKey = group.Key, Name = group.Name.Limit(200), CreatedAt = now };
            db.GuarantorAccounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (account.Name != group.Name.Limit(200))
        {
            account.Name = group.Name.Limit(200);
            await db.SaveChangesAsync(cancellationToken);
        }
        return account;
    }
}
