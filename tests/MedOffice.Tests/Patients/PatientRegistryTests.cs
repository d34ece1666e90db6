using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Patients;

public class PatientRegistryTests
{
    private static readonly DateOnly March7th1980 = new(1980, 3, 7);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_valid_registration_gets_an_eight_digit_check_digit_MRN_and_is_audited(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var details = new PatientDetails
        {
            LegalFirstName = " John ", LegalLastName = "Smith", DateOfBirth = March7th1980, SexAtBirth = SexesAtBirth.Male,
            MobilePhone = "(512) 555-0142", Email = "john.smith@example.com", AddressLine1 = "12 Oak St", City = "Austin",
            State = "tx", PostalCode = "78701-1234",
        };

        var result = await office.Registry.RegisterAsync(details, acknowledgeDuplicates: false, TestOffice.FrontDesk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.Patients.SingleAsync();
        Assert.Matches("^[0-9]{8}$", stored.Mrn);
        Assert.True(Mrns.IsValid(stored.Mrn));
        Assert.Equal(("John", "Smith", "5125550142", "TX", PatientStatuses.Active), (stored.LegalFirstName, stored.LegalLastName, stored.MobilePhone, stored.State, stored.Status));
        var row = Assert.Single(await office.AuditRowsAsync());
        Assert.Equal((AuditActions.Create, stored.Id, "frontdesk"), (row.Action, row.PatientId!.Value, row.UserName));
        Assert.Contains(stored.Mrn, row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_MRN_fails_its_check_digit()
    {
        var digits = "4820193";
        var mrn = digits + Mrns.CheckDigit(digits);
        Assert.True(Mrns.IsValid(mrn));
        Assert.False(Mrns.IsValid(mrn[..6] + (char)('0' + (mrn[6] - '0' + 1) % 10) + mrn[7]));
        Assert.False(Mrns.IsValid("4820139" + mrn[7]));
        Assert.False(Mrns.IsValid(mrn[..7]));
    }

    public static TheoryData<DatabaseProvider, string> InvalidInputs()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var field in Mistakes.Keys)
            {
                data.Add(provider, field);
            }
        }
        return data;
    }

    /// <summary>One mistake per field, as made at the desk, applied to an otherwise valid adult.</summary>
    private static readonly Dictionary<string, Action<PatientDetails, DateOnly>> Mistakes = new()
    {
        [nameof(PatientDetails.DateOfBirth)] = (d, today) => d.DateOfBirth = today.AddDays(1),
        [nameof(PatientDetails.MobilePhone)] = (d, _) => d.MobilePhone = "555-12",
        [nameof(PatientDetails.Email)] = (d, _) => d.Email = "a@b",
        [nameof(PatientDetails.PostalCode)] = (d, _) => d.PostalCode = "1234",
        [nameof(PatientDetails.State)] = (d, _) => d.State = "XX",
        [nameof(PatientDetails.GuarantorRelationship)] = (d, today) =>
        {
            d.DateOfBirth = today.AddYears(-12);
            d.GuarantorRelationship = "Self";
        },
        [nameof(PatientDetails.LegalLastName)] = (d, _) => d.LegalLastName = "  ",
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task An_invalid_field_is_named_in_the_refusal_and_nothing_is_saved(DatabaseProvider provider, string field)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var details = TestOffice.Adult("Ada", "Lovelace", new DateOnly(1990, 12, 10));
        Mistakes[field](details, office.Today);

        var result = await office.Registry.RegisterAsync(details, acknowledgeDuplicates: true, TestOffice.FrontDesk);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        await using var db = office.NewContext();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_minor_with_a_parent_as_guarantor_is_registered(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var details = TestOffice.Adult("Mia", "Lovelace", office.Today.AddYears(-12));
        details.GuarantorRelationship = GuarantorRelationships.Parent;
        details.GuarantorName = "Ada Lovelace";

        var result = await office.Registry.RegisterAsync(details, acknowledgeDuplicates: false, TestOffice.FrontDesk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        Assert.Equal("Ada Lovelace", (await db.Patients.SingleAsync()).GuarantorName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_coverage_without_the_member_id_its_payer_requires_is_refused_and_not_saved(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var payer = await office.AddPayerAsync("Blue Cross Blue Shield of Texas", requiresMemberId: true);
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));

        var result = await office.Registry.AddCoverageAsync(patient.Id,
            new CoverageDetails { PayerId = payer.Id, MemberId = "  ", EffectiveOn = new DateOnly(2026, 1, 1) }, TestOffice.FrontDesk);

        Assert.NotNull(result);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(CoverageDetails.MemberId), error.Field);
        Assert.Contains("Blue Cross Blue Shield of Texas", error.Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Equal(0, await db.Coverages.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_self_pay_coverage_needs_no_member_id_and_copies_the_patient_as_subscriber(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var selfPay = await office.AddPayerAsync("Self-pay", requiresMemberId: false);
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));

        var result = await office.Registry.AddCoverageAsync(patient.Id,
            new CoverageDetails { PayerId = selfPay.Id, EffectiveOn = new DateOnly(2026, 1, 1), Copay = 25.50m }, TestOffice.FrontDesk);

        Assert.True(result!.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.Coverages.SingleAsync();
        Assert.Equal(("Ada", "Lovelace", new DateOnly(1990, 12, 10), 25.50m), (stored.SubscriberFirstName, stored.SubscriberLastName, stored.SubscriberDateOfBirth, stored.Copay!.Value));
        Assert.Null(stored.MemberId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Same_birth_date_and_a_similar_name_is_flagged_as_a_possible_duplicate_until_acknowledged(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var john = await office.RegisterAsync("John", "Smith", March7th1980);

        var warned = await office.Registry.RegisterAsync(TestOffice.Adult("Jon", "Smith", March7th1980), acknowledgeDuplicates: false, TestOffice.FrontDesk);

        Assert.False(warned.Succeeded);
        var warning = Assert.Single(warned.Errors);
        Assert.Equal(PatientRegistry.DuplicateField, warning.Field);
        Assert.Contains(john.Mrn, warning.Message, StringComparison.Ordinal);
        Assert.Contains("same date of birth", warning.Message, StringComparison.Ordinal);
        await using (var db = office.NewContext())
        {
            Assert.Equal(1, await db.Patients.CountAsync());
        }

        var acknowledged = await office.Registry.RegisterAsync(TestOffice.Adult("Jon", "Smith", March7th1980), acknowledgeDuplicates: true, TestOffice.FrontDesk);

        Assert.True(acknowledged.Succeeded, string.Join("; ", acknowledged.Errors));
        await using (var db = office.NewContext())
        {
            Assert.Equal(2, await db.Patients.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_shared_phone_number_is_flagged_and_a_family_member_is_registered_once_confirmed(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var john = await office.RegisterAsync("John", "Smith", March7th1980, "5125550142");

        var sameNumber = await office.Registry.RegisterAsync(TestOffice.Adult("Jon", "Smith", new DateOnly(1981, 3, 7), "512.555.0142"),
            acknowledgeDuplicates: false, TestOffice.FrontDesk);
        var spouse = await office.Registry.RegisterAsync(TestOffice.Adult("Maria", "Gonzalez", new DateOnly(1982, 5, 1), "512-555-0142"),
            acknowledgeDuplicates: false, TestOffice.FrontDesk);
        var differentPerson = await office.Registry.RegisterAsync(TestOffice.Adult("Jon", "Smith", new DateOnly(1981, 3, 7), "5125550199"),
            acknowledgeDuplicates: false, TestOffice.FrontDesk);

        Assert.False(sameNumber.Succeeded);
        Assert.Contains(john.Mrn, Assert.Single(sameNumber.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("same phone number", sameNumber.Errors[0].Message, StringComparison.Ordinal);
        Assert.False(spouse.Succeeded);
        Assert.Contains("a family member?", Assert.Single(spouse.Errors).Message, StringComparison.Ordinal);
        var confirmed = await office.Registry.RegisterAsync(TestOffice.Adult("Maria", "Gonzalez", new DateOnly(1982, 5, 1), "512-555-0142"),
            acknowledgeDuplicates: true, TestOffice.FrontDesk);
        Assert.True(confirmed.Succeeded, string.Join("; ", confirmed.Errors));
        Assert.True(differentPerson.Succeeded, string.Join("; ", differentPerson.Errors));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_update_is_saved_and_audited_with_the_names_of_the_changed_fields(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10), "5125550142");
        var details = TestOffice.Adult("Ada", "King", new DateOnly(1990, 12, 10), "(512) 555-0142");
        details.Email = "ada@example.com";

        var result = await office.Registry.UpdateAsync(patient.Id, details, TestOffice.FrontDesk);

        Assert.True(result!.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.Patients.SingleAsync();
        Assert.Equal(("King", "king", "ada@example.com"), (stored.LegalLastName, stored.LastNameKey, stored.Email));
        var row = (await office.AuditRowsAsync())[^1];
        Assert.Equal((AuditActions.Update, patient.Id), (row.Action, row.PatientId!.Value));
        Assert.Equal("changed LegalLastName, Email", row.Detail);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_update_with_an_invalid_field_changes_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));
        var auditRows = (await office.AuditRowsAsync()).Count;
        var details = TestOffice.Adult("Ada", "King", new DateOnly(1990, 12, 10));
        details.PostalCode = "1234";

        var result = await office.Registry.UpdateAsync(patient.Id, details, TestOffice.FrontDesk);

        Assert.Equal(nameof(PatientDetails.PostalCode), Assert.Single(result!.Errors).Field);
        await using var db = office.NewContext();
        Assert.Equal("Lovelace", (await db.Patients.SingleAsync()).LegalLastName);
        Assert.Equal(auditRows, (await office.AuditRowsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_second_primary_coverage_for_overlapping_dates_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var aetna = await office.AddPayerAsync("Aetna");
        var cigna = await office.AddPayerAsync("Cigna");
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));
        await office.AddCoverageAsync(patient.Id, aetna, "W123456789", effectiveOn: new DateOnly(2025, 1, 1), endsOn: new DateOnly(2025, 12, 31));

        var overlapping = await office.Registry.AddCoverageAsync(patient.Id, new CoverageDetails
        {
            PayerId = cigna.Id, MemberId = "U987654321", Priority = CoveragePriorities.Primary, EffectiveOn = new DateOnly(2025, 12, 1),
        }, TestOffice.FrontDesk);

        Assert.False(overlapping!.Succeeded);
        var error = Assert.Single(overlapping.Errors);
        Assert.Equal(nameof(CoverageDetails.Priority), error.Field);
        Assert.Contains("primary", error.Message, StringComparison.Ordinal);
        await using (var db = office.NewContext())
        {
            Assert.Equal(1, await db.Coverages.CountAsync());
        }

        // The same plan as secondary, or as primary once the old one has ended, is fine.
        await office.AddCoverageAsync(patient.Id, cigna, "U987654321", CoveragePriorities.Secondary, new DateOnly(2025, 12, 1));
        await office.AddCoverageAsync(patient.Id, cigna, "U987654322", CoveragePriorities.Primary, new DateOnly(2026, 1, 1));
        await using (var db = office.NewContext())
        {
            Assert.Equal(3, await db.Coverages.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Merging_two_records_that_both_have_an_open_primary_is_refused_until_one_ends(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var aetna = await office.AddPayerAsync("Aetna");
        var survivor = await office.RegisterAsync("John", "Smith", March7th1980);
        var duplicate = await office.RegisterAsync("Jon", "Smith", March7th1980);
        await office.AddCoverageAsync(survivor.Id, aetna, "W111111111");
        await office.AddCoverageAsync(duplicate.Id, aetna, "W111111111");

        var result = await office.Registry.MergeAsync(survivor.Id, duplicate.Id, new Actor(9, "manager", "10.0.0.3"));

        Assert.False(result!.Succeeded);
        Assert.Contains("open primary insurance", result.Errors[0].Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Null((await db.Patients.SingleAsync(p => p.Id == duplicate.Id)).MergedIntoPatientId);
        Assert.Equal(1, await db.Coverages.CountAsync(c => c.PatientId == survivor.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Merging_moves_coverages_to_the_survivor_and_retires_the_merged_record(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var aetna = await office.AddPayerAsync("Aetna");
        var cigna = await office.AddPayerAsync("Cigna");
        var survivor = await office.RegisterAsync("John", "Smith", March7th1980);
        var duplicate = await office.RegisterAsync("Jon", "Smith", March7th1980);
        await office.AddCoverageAsync(survivor.Id, aetna, "W111111111");
        var moved = await office.AddCoverageAsync(duplicate.Id, cigna, "U222222222", CoveragePriorities.Secondary);
        var manager = new Actor(9, "manager", "10.0.0.3");

        var result = await office.Registry.MergeAsync(survivor.Id, duplicate.Id, manager);

        Assert.True(result!.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        Assert.Equal(survivor.Id, (await db.Coverages.SingleAsync(c => c.Id == moved.Id)).PatientId);
        Assert.Equal(2, await db.Coverages.CountAsync(c => c.PatientId == survivor.Id));
        var retired = await db.Patients.SingleAsync(p => p.Id == duplicate.Id);
        Assert.Equal((PatientStatuses.Inactive, (int?)survivor.Id), (retired.Status, retired.MergedIntoPatientId));
        var merges = (await office.AuditRowsAsync()).Where(r => r.Action == AuditActions.Merge).ToList();
        Assert.Equal([survivor.Id, duplicate.Id], merges.Select(r => r.PatientId!.Value));
        Assert.All(merges, r => Assert.Equal("manager", r.UserName));
        Assert.Contains(duplicate.Mrn, merges[0].Detail, StringComparison.Ordinal);

        var hits = await office.Search.SearchAsync("smith", TestOffice.FrontDesk);
        Assert.Equal([survivor.Id], hits.Select(h => h.Id));
        Assert.Empty(await office.Search.SearchAsync(duplicate.Mrn, TestOffice.FrontDesk));
        var again = await office.Registry.MergeAsync(survivor.Id, duplicate.Id, manager);
        Assert.False(again!.Succeeded);
        var edit = await office.Registry.UpdateAsync(duplicate.Id, TestOffice.Adult("Jon", "Smythe", March7th1980), TestOffice.FrontDesk);
        Assert.False(edit!.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_PNG_card_image_is_stored_under_the_data_directory_and_linked_to_the_coverage(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var aetna = await office.AddPayerAsync("Aetna");
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));
        var coverage = await office.AddCoverageAsync(patient.Id, aetna, "W123456789");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

        var result = await office.Registry.AttachCardImageAsync(patient.Id, coverage.Id, front: true, new MemoryStream(png),
            "C:\\fakepath\\card-front.png", "image/png", TestOffice.FrontDesk);

        Assert.True(result!.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.StoredFiles.SingleAsync();
        Assert.Equal(("image/png", (long)png.Length, (int?)patient.Id), (stored.ContentType, stored.Length, stored.PatientId));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), stored.Sha256);
        var path = Path.Combine(office.Database.DataDirectory, "files", stored.RelativePath);
        Assert.Equal(png, await File.ReadAllBytesAsync(path));
        Assert.Equal(stored.Id, (await db.Coverages.SingleAsync()).CardFrontFileId);
        Assert.Contains("card front", (await office.AuditRowsAsync())[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_that_is_not_an_image_is_refused_as_a_card(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var aetna = await office.AddPayerAsync("Aetna");
        var patient = await office.RegisterAsync("Ada", "Lovelace", new DateOnly(1990, 12, 10));
        var coverage = await office.AddCoverageAsync(patient.Id, aetna, "W123456789");
        var script = "#!/bin/sh\necho hello\n"u8.ToArray();

        var disguised = await office.Registry.AttachCardImageAsync(patient.Id, coverage.Id, front: true, new MemoryStream(script),
            "card.png", "image/png", TestOffice.FrontDesk);
        var plainText = await office.Registry.AttachCardImageAsync(patient.Id, coverage.Id, front: false, new MemoryStream(script),
            "card.txt", "text/plain", TestOffice.FrontDesk);

        Assert.Equal("File", Assert.Single(disguised!.Errors).Field);
        Assert.Equal("File", Assert.Single(plainText!.Errors).Field);
        await using var db = office.NewContext();
        Assert.Equal(0, await db.StoredFiles.CountAsync());
        var coverageRow = await db.Coverages.SingleAsync();
        Assert.Null(coverageRow.CardFrontFileId);
        Assert.Null(coverageRow.CardBackFileId);
        var filesDirectory = Path.Combine(office.Database.DataDirectory, "files");
        Assert.False(Directory.Exists(filesDirectory) && Directory.EnumerateFiles(filesDirectory, "*", SearchOption.AllDirectories).Any());
    }
}
