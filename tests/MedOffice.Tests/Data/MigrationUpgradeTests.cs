using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Data;

public class MigrationUpgradeTests
{
    private const string Password = "winter is coming 1999";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_office_database_from_version_1_upgrades_to_the_latest_with_every_row_intact(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrateTo: 1);
        var clock = TestClock.At(2025, 6, 2, 9);
        var createdAt = new DateTime(2025, 6, 1, 14, 30, 15, DateTimeKind.Utc);
        var passwordHash = new PasswordHasher<User>().HashPassword(null!, Password);
        var adaMrn = "1234567" + Mrns.CheckDigit("1234567");
        var boMrn = "7654321" + Mrns.CheckDigit("7654321");

        // What version 1 of the app wrote, as plain SQL against the version 1 schema.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Users" ("UserName", "NormalizedUserName", "DisplayName", "PasswordHash", "SecurityStamp", "IsActive", "FailedSignInCount", "LockedOutUntil", "CreatedAt")
                VALUES ('Office.Manager', 'office.manager', 'Olive Manager', {passwordHash}, 'A1B2C3', {true}, 2, {(DateTime?)null}, {createdAt})
                """);
            var userId = await ScalarAsync(db, $"SELECT \"Id\" AS \"Value\" FROM \"Users\" WHERE \"NormalizedUserName\" = 'office.manager'");
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"UserRoles\" (\"UserId\", \"Role\") VALUES ({userId}, 'OfficeManager'), ({userId}, 'Biller')");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Organizations" ("Name", "TaxId", "IdleTimeoutMinutes") VALUES ('Hill Country Pediatrics', '741234567', 20)
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Payers" ("Name", "PayerIdentifier", "RequiresMemberId", "IsActive") VALUES ('Aetna', '60054', {true}, {true})
                """);
            var payerId = await ScalarAsync(db, $"SELECT \"Id\" AS \"Value\" FROM \"Payers\" WHERE \"PayerIdentifier\" = '60054'");
            await InsertPatientAsync(db, adaMrn, "Ada", "Lovelace", new DateOnly(1990, 12, 10), "F", "5125550142", createdAt);
            await InsertPatientAsync(db, boMrn, "Bo", "Nguyễn", new DateOnly(2015, 4, 1), "M", null, createdAt);
            var adaId = await ScalarAsync(db, $"SELECT \"Id\" AS \"Value\" FROM \"Patients\" WHERE \"Mrn\" = {adaMrn}");
            var boId = await ScalarAsync(db, $"SELECT \"Id\" AS \"Value\" FROM \"Patients\" WHERE \"Mrn\" = {boMrn}");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Coverages" ("PatientId", "PayerId", "PlanName", "MemberId", "MemberIdKey", "GroupNumber", "Priority", "SubscriberRelationship",
                    "SubscriberFirstName", "SubscriberLastName", "SubscriberDateOfBirth", "SubscriberSex", "EffectiveOn", "EndsOn", "Copay", "CreatedAt", "UpdatedAt")
                VALUES ({adaId}, {payerId}, 'Choice POS II', 'W12-345 678', 'W12345678', 'G0042', 1, '18',
                    'Ada', 'Lovelace', {new DateOnly(1990, 12, 10)}, 'F', {new DateOnly(2025, 1, 1)}, {new DateOnly(2025, 12, 31)}, {27.50m}, {createdAt}, {createdAt})
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Coverages" ("PatientId", "PayerId", "PlanName", "MemberId", "MemberIdKey", "GroupNumber", "Priority", "SubscriberRelationship",
                    "SubscriberFirstName", "SubscriberLastName", "SubscriberDateOfBirth", "SubscriberSex", "EffectiveOn", "EndsOn", "Copay", "CreatedAt", "UpdatedAt")
                VALUES ({boId}, {payerId}, NULL, 'W99 000 111', 'W99000111', NULL, 1, '19',
                    'Linh', 'Nguyễn', {new DateOnly(1988, 2, 29)}, 'F', {new DateOnly(2024, 7, 1)}, NULL, NULL, {createdAt}, {createdAt})
                """);

            var audit = new AuditTrail(db, clock);
            var manager = new Actor(userId, "Office.Manager", "192.168.1.20");
            await audit.RecordAsync(new AuditEntry(manager, AuditActions.Create, AuditCategories.Demographics, adaId, Detail: $"registered MRN {adaMrn}"));
            clock.Advance(TimeSpan.FromMinutes(3));
            await audit.RecordAsync(new AuditEntry(manager, AuditActions.Read, AuditCategories.Insurance, boId));
            clock.Advance(TimeSpan.FromTicks(12_345_670));
            await audit.RecordAsync(new AuditEntry(manager, AuditActions.SignOut, AuditCategories.Security, Detail: "sign-out after idle"));
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal(SchemaMigrator.Migrations(provider).Select(m => m.Version).Where(v => v > 1), await SchemaMigrator.MigrateAsync(db));
            Assert.Empty(await SchemaMigrator.MigrateAsync(db));
        }

        await using (var db = database.NewContext())
        {
            var user = await db.Users.Include(u => u.Roles).SingleAsync();
            Assert.Equal(("Office.Manager", "Olive Manager", "A1B2C3", true, 2, createdAt), (user.UserName, user.DisplayName, user.SecurityStamp, user.IsActive, user.FailedSignInCount, user.CreatedAt));
            Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
            Assert.Equal((null, null, null), (user.Email, user.NormalizedEmail, user.ProviderResourceId));
            Assert.Equal([Roles.Biller, Roles.OfficeManager], user.Roles.Select(r => r.Role).Order());
            var organization = await db.Organizations.SingleAsync();
            Assert.Equal(("Hill Country Pediatrics", "741234567", 20), (organization.Name, organization.TaxId, organization.IdleTimeoutMinutes));

            var patients = await db.Patients.Include(p => p.Coverages).ThenInclude(c => c.Payer).OrderBy(p => p.Mrn).ToListAsync();
            var ada = patients.Single(p => p.Mrn == adaMrn);
            Assert.Equal(("Ada", "Lovelace", new DateOnly(1990, 12, 10), "5125550142", createdAt), (ada.LegalFirstName, ada.LegalLastName, ada.DateOfBirth, ada.MobilePhone, ada.CreatedAt));
            var adaCoverage = Assert.Single(ada.Coverages);
            Assert.Equal(("Aetna", "W12-345 678", 27.50m, new DateOnly(2025, 12, 31)), (adaCoverage.Payer!.Name, adaCoverage.MemberId, adaCoverage.Copay!.Value, adaCoverage.EndsOn!.Value));
            var bo = patients.Single(p => p.Mrn == boMrn);
            Assert.Equal(("Nguyễn", "nguyen"), (bo.LegalLastName, bo.LastNameKey));
            var boCoverage = Assert.Single(bo.Coverages);
            Assert.Equal((SubscriberRelationships.Child, "Linh", new DateOnly(1988, 2, 29), (decimal?)null, (DateOnly?)null),
                (boCoverage.SubscriberRelationship, boCoverage.SubscriberFirstName, boCoverage.SubscriberDateOfBirth, boCoverage.Copay, boCoverage.EndsOn));

            var auditRows = await db.AuditEvents.OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([AuditActions.Create, AuditActions.Read, AuditActions.SignOut], auditRows.Select(a => a.Action));
            Assert.Equal(new DateTime(2025, 6, 2, 9, 3, 1, DateTimeKind.Utc).AddTicks(2345670), auditRows[2].OccurredAt);
            var verification = await new AuditVerifier(db).VerifyAsync();
            Assert.True(verification.IsIntact, verification.Message);
            Assert.Equal(3, verification.RowsChecked);
        }

        // The upgraded office keeps working: old data is found, new rows get fresh ids, the trail keeps chaining and is now append-only.
        await using (var db = database.NewContext())
        {
            var audit = new AuditTrail(db, clock);
            var accounts = new UserAccounts(db, audit, clock);
            var signIn = await accounts.SignInAsync("office.manager", Password, "192.168.1.20");
            Assert.True(signIn.Succeeded, signIn.Refusal);
            var search = new PatientSearch(db, audit, clock);
            Assert.Equal([adaMrn], (await search.FindAsync("W12345678")).Select(h => h.Mrn));
            Assert.Equal([adaMrn], (await search.FindAsync("lovelace ada")).Select(h => h.Mrn));
            var registry = new PatientRegistry(db, audit, new FileStore(db, new DataDirectory(database.DataDirectory), clock), new MedOffice.Live.InProcessLiveUpdates(), clock);
            var manager = new Actor(signIn.User!.Id, signIn.User.UserName, "192.168.1.20");
            var registered = await registry.RegisterAsync(TestOffice.Adult("Grace", "Hopper", new DateOnly(1986, 12, 9)), false, manager);
            Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
            Assert.Equal(3, await db.Patients.CountAsync());
            Assert.True((await new AuditVerifier(db).VerifyAsync()) is { IsIntact: true, RowsChecked: 5 });
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'x'"));
        }
    }

    private static async Task InsertPatientAsync(MedOfficeDb db, string mrn, string first, string last, DateOnly dateOfBirth, string sex,
        string? mobilePhone, DateTime createdAt)
    {
        var lastKey = NameKeys.Normalize(last);
        var firstKey = NameKeys.Normalize(first);
        var isMinor = dateOfBirth > new DateOnly(2007, 6, 1);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Patients" ("Mrn", "LegalFirstName", "LegalLastName", "DateOfBirth", "SexAtBirth", "City", "State", "PostalCode", "MobilePhone",
                "PreferredLanguage", "PreferredContactChannel", "AllowsSms", "AllowsEmail", "AllowsVoicemail", "GuarantorRelationship", "GuarantorName",
                "Status", "LastNameKey", "FirstNameKey", "LastNameSound", "FirstNameSound", "CreatedAt", "UpdatedAt")
            VALUES ({mrn}, {first}, {last}, {dateOfBirth}, {sex}, 'Austin', 'TX', '78701', {mobilePhone},
                'English', 'Phone', {true}, {false}, {true}, {(isMinor ? "Parent" : "Self")}, {(isMinor ? "Linh Nguyễn" : null)},
                'Active', {lastKey}, {firstKey}, {NameKeys.Soundex(lastKey)}, {NameKeys.Soundex(firstKey)}, {createdAt}, {createdAt})
            """);
    }

    private static async Task<int> ScalarAsync(MedOfficeDb db, FormattableString sql) =>
        (await db.Database.SqlQuery<int>(sql).ToListAsync()).Single();
}
