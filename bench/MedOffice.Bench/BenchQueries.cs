using MedOffice.Bench.Seeding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Bench;

public enum QueryKind
{
    MisspelledFullName,
    CommonSurname,
    RareMisspelledSurname,
    DateOfBirth,
    Phone,
    Mrn,
    LastCommaFirst,
}

public sealed record BenchQuery(QueryKind Kind, string Text);

/// <summary>What a front desk types into the one search box, one of each kind.</summary>
public static class BenchQueries
{
    public static async Task<IReadOnlyList<BenchQuery>> ResolveAsync(DatabaseOptions options, int size)
    {
        // Phone and MRN must belong to someone in this database: take a live patient from the middle of the table.
        await using var db = DataServices.CreateContext(options);
        var someone = await db.Patients.AsNoTracking()
            .Where(p => p.Id >= size / 2 && p.MobilePhone != null && p.MergedIntoPatientId == null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Mrn, p.MobilePhone })
            .FirstAsync();
        return
        [
            new(QueryKind.MisspelledFullName, "jon smth"),
            new(QueryKind.CommonSurname, "garcia"),
            new(QueryKind.RareMisspelledSurname, "kowalcyk"),
            new(QueryKind.DateOfBirth, "3/7/1980"),
            new(QueryKind.Phone, ContactFormats.FormatPhone(someone.MobilePhone)),
            new(QueryKind.Mrn, someone.Mrn),
            new(QueryKind.LastCommaFirst, "smith, john"),
        ];
    }

    /// <summary>One search as a request makes it: a fresh DbContext (pooled connection), then the search without the audit row.</summary>
    public static async Task<int> SearchAsync(DatabaseOptions options, string text)
    {
        await using var db = DataServices.CreateContext(options);
        var search = new PatientSearch(db, new AuditTrail(db, TimeProvider.System), TimeProvider.System);
        var hits = await search.FindAsync(text);
        return hits.Count;
    }

    /// <summary>
    /// Not a search: the same fresh context and round trip with a primary-key lookup. Its tail is the machine's noise, the
    /// floor under every query's p99.
    /// </summary>
    public static async Task<int> FloorAsync(DatabaseOptions options)
    {
        await using var db = DataServices.CreateContext(options);
        return await db.Patients.AsNoTracking().Where(p => p.Id == 1).Select(p => p.Id).FirstAsync();
    }

    public static string Describe(QueryKind kind) => kind switch
    {
        QueryKind.MisspelledFullName => "misspelled full name, common surname",
        QueryKind.CommonSurname => "exact common surname only",
        QueryKind.RareMisspelledSurname => $"misspelled rare surname ({SyntheticPatients.RareSurname})",
        QueryKind.DateOfBirth => "date of birth",
        QueryKind.Phone => "phone",
        QueryKind.Mrn => "MRN",
        QueryKind.LastCommaFirst => "\"last, first\"",
        _ => kind.ToString(),
    };
}
