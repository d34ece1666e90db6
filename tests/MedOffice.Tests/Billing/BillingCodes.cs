using System.Text;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;

namespace MedOffice.Tests.Billing;

/// <summary>
/// Small code sets for charge tests (a handful of ICD-10-CM codes, the office's CPT list, three modifiers), loaded
/// through the real importer rather than the full CMS files, so charge tests stay quick. Shared with the web tests.
/// </summary>
public static class BillingCodes
{
    public static readonly Actor Biller = new(3, "biller", "10.0.0.9");

    public const string Icd =
        "code\tbillable\tshort_desc\tlong_desc\n" +
        "E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\n" +
        "E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\n" +
        "I10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n" +
        "J069\t1\tAcute upper respiratory infection, unspecified\tAcute upper respiratory infection, unspecified\n" +
        "Z0000\t1\tEncntr for general adult medical exam w/o abnormal findings\tEncounter for general adult medical examination without abnormal findings\n";

    public const string OfficeCpt =
        "code,description\n" +
        "99213,\"Office visit, established patient, low complexity\"\n" +
        "99214,\"Office visit, established patient, moderate complexity\"\n" +
        "36415,Collection of venous blood by venipuncture\n" +
        "93000,\"Electrocardiogram, routine, with interpretation and report\"\n";

    /// <summary>The ICD-10-CM codes go in as the given fiscal year (the one the tests' dates of service fall in).</summary>
    public static async Task LoadAsync(MedOfficeDb db, TimeProvider clock, int fiscalYear = 2026)
    {
        var importer = new CodeSetImporter(db, new AuditTrail(db, clock), clock);
        Assert.True((await importer.ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(Icd)), "icd10cm.tsv", fiscalYear, Biller)).Succeeded);
        Assert.True((await importer.ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes(OfficeCpt)), "office-cpt.csv", Biller)).Succeeded);
        foreach (var (code, text) in new[] { ("25", "Significant, separately identifiable E/M"), ("59", "Distinct procedural service"), ("26", "Professional component") })
        {
            Assert.True((await importer.SaveModifierAsync(code, text, Biller)).Succeeded);
        }
    }
}
