using System.Text;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Coding;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Claims;

/// <summary>
/// A billing office for claim tests: billing provider details, a clearinghouse exchanging files through temporary
/// folders, two payers, a provider, FY2026 ICD-10-CM codes and the office's CPT list, and helpers to release charges.
/// The test clock stands at Monday 2026-03-16 (FY2026).
/// </summary>
public sealed class ClaimClinic : IAsyncDisposable
{
    public static readonly Actor Biller = new(3, "biller", "10.0.0.9");
    public static readonly DateOnly Visit = new(2026, 3, 10);

    private const string Icd =
        "code\tbillable\tshort_desc\tlong_desc\n" +
        "E11\t0\tType 2 diabetes mellitus\tType 2 diabetes mellitus\n" +
        "E119\t1\tType 2 diabetes mellitus without complications\tType 2 diabetes mellitus without complications\n" +
        "I10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n" +
        "J029\t1\tAcute pharyngitis, unspecified\tAcute pharyngitis, unspecified\n" +
        "R079\t1\tChest pain, unspecified\tChest pain, unspecified\n" +
        "Z0000\t1\tEncntr for general adult medical exam w/o abnormal findings\tEncounter for general adult medical examination without abnormal findings\n";

    private const string Cpt =
        "code,description\n99213,Office visit established patient low\n99214,Office visit established patient moderate\n" +
        "93000,Electrocardiogram with interpretation\n93010,Electrocardiogram interpretation only\n87880,Rapid strep test\n" +
        "36415,Venipuncture\n83036,Hemoglobin A1c\n";

    private ClaimClinic(TestOffice office, string folder) => (Office, Folder) = (office, folder);

    public TestOffice Office { get; }
    public string Folder { get; }
    public string Outbound => Path.Combine(Folder, "out");
    public string Inbound => Path.Combine(Folder, "in");
    public required Organization Organization { get; init; }
    public required Location Location { get; init; }
    public required Provider Doctor { get; init; }
    public required Payer Aetna { get; init; }
    public required Payer Medicare { get; init; }
    public required Patient Patient { get; init; }
    public required Coverage Primary { get; init; }

    public static async Task<ClaimClinic> CreateAsync(TestOffice office)
    {
        var db = office.Db;
        var organization = new Organization
        {
            Name = "Riverside Family Medicine", TaxId = "362345678", BillingNpi = Npi.FromNineDigits("123456789").Value, BillingTaxonomyCode = "261QP2300X",
            BillingAddressLine1 = "100 Main St", BillingCity = "Springfield", BillingState = "IL", BillingPostalCode = "627011234", BillingPhone = "2175550100",
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var location = new Location
        {
            OrganizationId = organization.Id, Name = "Main Street", AddressLine1 = "100 Main St", City = "Springfield", State = "IL", PostalCode = "62701",
            TimeZoneId = "America/Chicago",
        };
        var doctor = new Provider
        {
            OrganizationId = organization.Id, FirstName = "Ana", LastName = "Ferreira", Credentials = "MD", Npi = Npi.FromNineDigits("198765432").Value,
            TaxonomyCode = "207Q00000X",
        };
        db.AddRange(location, doctor);
        await db.SaveChangesAsync();
        var aetna = await office.AddPayerAsync("Aetna");
        var medicare = await office.AddPayerAsync("Medicare Part B");
        medicare.ClaimFilingIndicator = "MB";
        var folder = Directory.CreateTempSubdirectory("medoffice-claims-").FullName;
        db.Clearinghouses.Add(new Clearinghouse
        {
            Name = "Test Clearinghouse", SubmitterId = "RIVERSIDE01", ReceiverId = "CLEARHOUSE", ContactName = "Billing Office", ContactPhone = "217-555-0100",
            OutboundFolder = Path.Combine(folder, "out"), InboundFolder = Path.Combine(folder, "in"),
        });
        await db.SaveChangesAsync();
        var importer = new CodeSetImporter(db, office.Audit, office.Clock);
        Assert.True((await importer.ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(Icd)), "icd10cm_2026.tsv", null, Biller)).Succeeded);
        Assert.True((await importer.ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes(Cpt)), "cpt.csv", Biller)).Succeeded);
        foreach (var (code, text) in new[] { ("25", "Significant, separately identifiable E/M"), ("59", "Distinct procedural service"), ("26", "Professional component"), ("TC", "Technical component") })
        {
            Assert.True((await importer.SaveModifierAsync(code, text, Biller)).Succeeded);
        }
        var patient = await office.RegisterAsync("Odette", "Marchetti", new DateOnly(1968, 4, 2));
        patient.AddressLine1 = "12 Elm St";
        patient.City = "Springfield";
        patient.State = "IL";
        patient.PostalCode = "62704";
        patient.SexAtBirth = SexesAtBirth.Female;
        await db.SaveChangesAsync();
        var primary = await office.AddCoverageAsync(patient.Id, aetna, "W123456789");
        return new ClaimClinic(office, folder)
        {
            Organization = organization, Location = location, Doctor = doctor, Aetna = aetna, Medicare = medicare, Patient = patient, Primary = primary,
        };
    }

    public ClaimMaker Maker() => new(Office.Db, Office.Clock);

    public Scrubber Scrubber() => new(Office.Db, new DiagnosisCodes(Office.Db, new DiagnosisIndexCache()), new ProcedureCodes(Office.Db, Office.Audit), Maker(), Office.Clock);

    public ClaimBatches Batches() => new(Office.Db, Maker(), Scrubber(), Office.Audit, Office.Clock);

    public ClearinghouseInbox Inbox() => new(Office.Db,
        [new ImplementationAcknowledgmentHandler(Office.Db, Maker()), new ClaimAcknowledgmentHandler(Office.Db, Maker())], Office.Clock);

    /// <summary>Puts a clearinghouse answer in the inbound folder, as the clearinghouse would.</summary>
    public async Task DropInboundAsync(string fileName, string content)
    {
        Directory.CreateDirectory(Inbound);
        await File.WriteAllTextAsync(Path.Combine(Inbound, fileName), content);
    }

    /// <summary>A released charge sheet: diagnoses in order, lines as (code, modifiers "25" or "26:59", amount, pointers "1,2").</summary>
    public async Task<ChargeSheet> ReleaseAsync(string[] diagnoses, (string Code, string Modifiers, decimal Amount, string Pointers)[] lines,
        int? patientId = null, DateOnly? dateOfService = null, string? referringNpi = null, int? replaces = null)
    {
        var sheet = new ChargeSheet
        {
            PatientId = patientId ?? Patient.Id, LocationId = Location.Id, DateOfService = dateOfService ?? Visit, RenderingProviderId = Doctor.Id,
            PlaceOfServiceCode = "11", Status = ChargeSheetStatuses.Released, CreatedAt = Office.Clock.GetUtcNow().UtcDateTime, CreatedBy = "biller",
            ReleasedAt = Office.Clock.GetUtcNow().UtcDateTime, ReleasedBy = "biller", ReplacesChargeSheetId = replaces,
            ReferringProviderFirstName = referringNpi is null ? null : "Paul", ReferringProviderLastName = referringNpi is null ? null : "Okafor",
            ReferringProviderNpi = referringNpi,
            Diagnoses = diagnoses.Select((d, i) => new ChargeDiagnosis { Sequence = i + 1, Code = d }).ToList(),
            Lines = lines.Select((l, i) =>
            {
                var modifiers = l.Modifiers.Split(':', StringSplitOptions.RemoveEmptyEntries);
                return new ChargeLine
                {
                    LineNumber = i + 1, ProcedureCode = l.Code, Amount = l.Amount, DiagnosisPointers = l.Pointers,
                    Modifier1 = modifiers.ElementAtOrDefault(0) ?? "", Modifier2 = modifiers.ElementAtOrDefault(1) ?? "",
                };
            }).ToList(),
        };
        Office.Db.ChargeSheets.Add(sheet);
        await Office.Db.SaveChangesAsync();
        return sheet;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
