using Bogus;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Demo;

public sealed record DemoUsers(IReadOnlyList<string> UserNames, string Password);

/// <summary>
/// A demo practice for newcomers and evaluators: 2 locations, 4 providers, 3 rooms, 6 payers and 300 patients with coverage,
/// a schedule (see <see cref="DemoSchedule"/>) with two weeks of appointments, and a billing office with released charges
/// and claims ready to send (see <see cref="DemoBilling"/>).
/// Loaded once, into an empty database; the demo users share one generated password, shown once at start.
/// </summary>
public sealed class DemoPractice(MedOfficeDb db, UserAccounts accounts, AuditTrail audit, TimeProvider time, DataDirectory data)
{
    public const int PatientCount = 300;

    public async Task<DemoUsers?> LoadIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Organizations.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }
        var actor = Actor.System("demo loader");
        var faker = new Faker("en") { Random = new Randomizer(2026) };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

        var organization = new Organization { Name = "Riverside Family Medicine", TaxId = "741234567" };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);

        var main = new Location
        {
            OrganizationId = organization.Id, Name = "Riverside Main Clinic", AddressLine1 = "1200 River Road", City = "Austin",
            State = "TX", PostalCode = "78701", Phone = "5125550100", TimeZoneId = "America/Chicago",
        };
        var north = new Location
        {
            OrganizationId = organization.Id, Name = "Riverside North", AddressLine1 = "88 Parmer Lane", City = "Austin",
            State = "TX", PostalCode = "78727", Phone = "5125550200", TimeZoneId = "America/Chicago",
        };
        db.Locations.AddRange(main, north);
        await db.SaveChangesAsync(cancellationToken);
        var rooms = new List<Room>
        {
            new() { LocationId = main.Id, Name = "Exam 1" },
            new() { LocationId = main.Id, Name = "Exam 2" },
            new() { LocationId = north.Id, Name = "Exam A" },
        };
        db.Rooms.AddRange(rooms);

        var providers = new List<Provider>
        {
            Provider("Maria", "Alvarez", "MD", "207Q00000X", "123456789"),
            Provider("James", "Okafor", "MD", "207R00000X", "234567891"),
            Provider("Linda", "Chen", "DO", "207Q00000X", "345678912"),
            Provider("Samuel", "Brooks", "NP", "363LF0000X", "456789123"),
        };
        db.Providers.AddRange(providers);
        Provider Provider(string first, string last, string credentials, string taxonomy, string nineDigits) => new()
        {
            OrganizationId = organization.Id, FirstName = first, LastName = last, Credentials = credentials,
            TaxonomyCode = taxonomy, Npi = Npi.FromNineDigits(nineDigits).Value,
        };

        var payers = new List<Payer>
        {
            new() { Name = "Medicare Part B (Novitas JL)", PayerIdentifier = "12502" },
            new() { Name = "Texas Medicaid (TMHP)", PayerIdentifier = "617591011" },
            new() { Name = "Blue Cross Blue Shield of Texas", PayerIdentifier = "84980" },
            new() { Name = "Aetna", PayerIdentifier = "60054" },
            new() { Name = "UnitedHealthcare", PayerIdentifier = "87726" },
            new() { Name = "Cigna", PayerIdentifier = "62308" },
        };
        db.Payers.AddRange(payers);
        await db.SaveChangesAsync(cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var usedMrns = new HashSet<string>();
        for (var i = 0; i < PatientCount; i++)
        {
            var sex = faker.Random.Bool() ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
            var first = faker.Name.FirstName(sex);
            var last = faker.Name.LastName();
            var dob = DateOnly.FromDateTime(faker.Date.Between(new DateTime(1938, 1, 1), new DateTime(2024, 12, 31)));
            var isMinor = dob > today.AddYears(-18);
            string mrn;
            do
            {
                var digits = faker.Random.Int(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
                mrn = digits + Mrns.CheckDigit(digits);
            }
            while (!usedMrns.Add(mrn));
            var patient = new Patient
            {
                Mrn = mrn,
                LegalFirstName = first,
                LegalLastName = last,
                LegalMiddleName = faker.Random.Bool(0.4f) ? faker.Name.FirstName(sex) : null,
                DateOfBirth = dob,
                SexAtBirth = sex == Bogus.DataSets.Name.Gender.Female ? SexesAtBirth.Female : SexesAtBirth.Male,
                AddressLine1 = faker.Address.StreetAddress(),
                City = faker.PickRandom("Austin", "Round Rock", "Pflugerville", "Cedar Park", "Georgetown"),
                State = "TX",
                PostalCode = faker.PickRandom("78701", "78704", "78727", "78664", "78660", "78613", "78626"),
                MobilePhone = DemoPhone(faker),
                HomePhone = faker.Random.Bool(0.3f) ? DemoPhone(faker) : null,
                Email = faker.Random.Bool(0.7f) ? faker.Internet.Email(first, last).ToLowerInvariant() : null,
                PreferredLanguage = faker.Random.Bool(0.85f) ? "English" : "Spanish",
                AllowsSms = faker.Random.Bool(0.6f),
                AllowsEmail = faker.Random.Bool(0.6f),
                AllowsVoicemail = faker.Random.Bool(0.8f),
                EmergencyContactName = faker.Name.FullName(),
                EmergencyContactRelationship = faker.PickRandom("Spouse", "Parent", "Sibling", "Friend"),
                EmergencyContactPhone = DemoPhone(faker),
                GuarantorRelationship = isMinor ? GuarantorRelationships.Parent : GuarantorRelationships.Self,
                GuarantorName = isMinor ? $"{faker.Name.FirstName()} {last}" : null,
                GuarantorPhone = isMinor ? DemoPhone(faker) : null,
                CreatedAt = now,
                UpdatedAt = now,
            };
            patient.RefreshSearchKeys();

            var payer = dob < today.AddYears(-65) ? payers[0] : isMinor && faker.Random.Bool(0.5f) ? payers[1] : faker.PickRandom(payers.Skip(2).ToList());
            var subscriberIsParent = isMinor && payer != payers[1];
            patient.Coverages.Add(new Coverage
            {
                PayerId = payer.Id,
                PlanName = payer == payers[0] ? "Medicare Part B" : payer == payers[1] ? "STAR" : faker.PickRandom("PPO", "HMO", "EPO", "Choice Plus"),
                MemberId = faker.Random.Replace("???#########").ToUpperInvariant(),
                GroupNumber = payer == payers[0] || payer == payers[1] ? null : faker.Random.Replace("G######"),
                Priority = CoveragePriorities.Primary,
                SubscriberRelationship = subscriberIsParent ? SubscriberRelationships.Child : SubscriberRelationships.Self,
                SubscriberFirstName = subscriberIsParent ? patient.GuarantorName!.Split(' ')[0] : first,
                SubscriberLastName = last,
                SubscriberDateOfBirth = subscriberIsParent ? dob.AddYears(-faker.Random.Int(22, 40)) : dob,
                SubscriberSex = subscriberIsParent ? faker.PickRandom(SexesAtBirth.Female, SexesAtBirth.Male) : patient.SexAtBirth,
                EffectiveOn = new DateOnly(today.Year - faker.Random.Int(0, 5), 1, 1),
                Copay = payer == payers[0] || payer == payers[1] ? null : faker.PickRandom(20m, 25m, 30m, 40m),
                CreatedAt = now,
                UpdatedAt = now,
            });
            foreach (var coverage in patient.Coverages)
            {
                coverage.MemberIdKey = Coverage.KeyOf(coverage.MemberId);
            }
            if (payer == payers[0] && faker.Random.Bool(0.5f))
            {
                var secondary = payers[2 + faker.Random.Int(0, 3)];
                patient.Coverages.Add(new Coverage
                {
                    PayerId = secondary.Id, PlanName = "Medicare Supplement", MemberId = faker.Random.Replace("???#########").ToUpperInvariant(),
                    Priority = CoveragePriorities.Secondary, SubscriberRelationship = SubscriberRelationships.Self,
                    SubscriberFirstName = first, SubscriberLastName = last, SubscriberDateOfBirth = dob, SubscriberSex = patient.SexAtBirth,
                    EffectiveOn = new DateOnly(today.Year - 1, 1, 1), CreatedAt = now, UpdatedAt = now,
                });
                patient.Coverages[^1].MemberIdKey = Coverage.KeyOf(patient.Coverages[^1].MemberId);
            }
            db.Patients.Add(patient);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Practice,
            Detail: $"demo practice loaded: {PatientCount} patients"), cancellationToken);
        // The patients stay tracked otherwise, and every booking's save would scan them all.
        db.ChangeTracker.Clear();
        await DemoSchedule.LoadAsync(db, audit, time, main, north, providers, rooms, faker, actor, cancellationToken);
        await DemoBilling.LoadAsync(db, audit, time, data, organization, main, providers, payers, faker, actor, cancellationToken);

        var password = UserAccounts.GeneratePassword();
        var users = new (string UserName, string Name, string Role)[]
        {
            ("admin", "Avery Admin", Roles.Administrator),
            ("manager", "Morgan Manager", Roles.OfficeManager),
            ("frontdesk", "Frankie Desk", Roles.FrontDesk),
            ("clinician", "Dr. Maria Alvarez", Roles.Clinician),
            ("biller", "Blake Biller", Roles.Biller),
        };
        // The clinician is Dr. Alvarez, so meetings that invite the clinician block her calendar. Addresses are in a
        // reserved domain (RFC 2606): invitations from a demo with SMTP configured go nowhere real.
        var alvarez = providers[0].Id;
        var alvarezCalendar = await db.SchedulableResources.Where(r => r.Kind == ResourceKinds.Provider && r.ProviderId == alvarez)
            .Select(r => r.Id).FirstAsync(cancellationToken);
        foreach (var (userName, name, role) in users)
        {
            var contact = new UserContact($"{userName}@riverside.example.org", role == Roles.Clinician ? alvarezCalendar : null);
            var created = await accounts.CreateAsync(userName, name, password, [role], contact, actor, cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {userName}: {created.Errors[0].Message}");
            }
        }
        return new DemoUsers(users.Select(u => u.UserName).ToList(), password);
    }

    private static string DemoPhone(Faker faker) =>
        $"{faker.Random.Int(2, 9)}{faker.Random.Int(0, 9)}{faker.Random.Int(0, 9)}{faker.Random.Int(2, 9)}{faker.Random.Int(0, 9)}{faker.Random.Int(0, 9)}{faker.Random.Int(1000, 9999)}";
}
