using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Claims;

public class ClaimBatchTests
{
    private static readonly (string, string, decimal, string)[] OfficeVisitAndEcg = [("99214", "25", 180m, "1,2"), ("93000", "", 65m, "2")];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Released_charges_become_a_valid_837P_file_in_the_outbound_folder_and_the_claims_are_sent(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var sheet = await clinic.ReleaseAsync(["I10", "R079"], OfficeVisitAndEcg, referringNpi: MedOffice.Practice.Npi.FromNineDigits("111222333").Value);

        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var outcome = result.Value!;
        Assert.Equal([$"{sheet.Id:D6}P1"], outcome.ClaimNumbers);
        var file = Path.Combine(clinic.Outbound, outcome.FileName);
        Assert.Equal([file], Directory.GetFiles(clinic.Outbound));
        var text = await File.ReadAllTextAsync(file);
        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal("837 Professional 005010X222A1", Assert.Single(report.Transactions).Description);
        Assert.Contains($"CLM*{sheet.Id:D6}P1*245*", text, StringComparison.Ordinal);
        Assert.Contains("HI*ABK:I10*ABF:R079~", text, StringComparison.Ordinal);
        Assert.Contains("SV1*HC:99214:25*180*UN*1***1:2~", text, StringComparison.Ordinal);
        Assert.Contains("NM1*DN*1*Okafor*Paul****XX*1112223330~".Replace("1112223330", MedOffice.Practice.Npi.FromNineDigits("111222333").Value), text, StringComparison.Ordinal);
        Assert.Contains("NM1*82*1*Ferreira*Ana****XX*", text, StringComparison.Ordinal);

        await using var db = office.NewContext();
        var claim = await db.Claims.SingleAsync();
        Assert.Equal((ClaimStatuses.Sent, outcome.Batch.Id, 245m), (claim.Status, claim.BatchId, claim.TotalCharge));
        Assert.Equal(["Open", "Ready", "Sent"], await db.ClaimEvents.Where(e => e.ClaimId == claim.Id).OrderBy(e => e.Id).Select(e => e.Status).ToListAsync());
        Assert.Contains((await office.AuditRowsAsync()), a => a.Action == "export" && a.Detail.StartsWith($"837P batch {outcome.Batch.Id}: 1 claims", StringComparison.Ordinal));

        // Nothing left to send: a second batch is refused in words; the next real one gets new control numbers.
        var empty = await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        Assert.Equal("No claim is waiting to be sent.", empty.Errors[0].Message);
        await clinic.ReleaseAsync(["J029"], [("99213", "", 120m, "1"), ("87880", "", 30m, "1")], dateOfService: ClaimClinic.Visit.AddDays(1));
        var second = (await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Value!;
        Assert.NotEqual(outcome.Batch.InterchangeControlNumber, second.Batch.InterchangeControlNumber);
        Assert.NotEqual(outcome.Batch.GroupControlNumber, second.Batch.GroupControlNumber);
        Assert.Equal(2, Directory.GetFiles(clinic.Outbound).Length);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_scrubber_holds_back_a_claim_with_planted_errors_and_lets_it_go_once_fixed(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        // A header diagnosis, a pointer past the diagnoses, 26 with TC, 25 on a non-E/M code, a bad referring NPI.
        var sheet = await clinic.ReleaseAsync(["E11", "I10"],
            [("99213", "", 120m, "1"), ("93000", "26:TC", 65m, "3"), ("36415", "25", 15m, "2")], referringNpi: "1234567890");
        var good = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")], dateOfService: ClaimClinic.Visit.AddDays(2));

        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded);
        Assert.Equal((1, 1), (result.Value!.ClaimNumbers.Count, result.Value.HeldBack));
        Assert.Equal($"{good.Id:D6}P1", result.Value.ClaimNumbers[0]);
        var claim = await office.Db.Claims.SingleAsync(c => c.ChargeSheetId == sheet.Id);
        Assert.Equal(ClaimStatuses.Open, claim.Status);
        var findings = await clinic.Scrubber().FindAsync(claim);
        Assert.Equal([
            ("ReferringProvider.Npi", "The referring provider's NPI 1234567890 fails the check digit: an NPI is ten digits, the last a Luhn check over 80840 and the first nine."),
            ("Diagnoses[1]", "E11 (Type 2 diabetes mellitus) is a category header, not billable: code it to the full depth, e.g. E11.9."),
            ("Lines[2].DiagnosisPointers", "Line 2 (93000) points at diagnosis 3, but the claim has 2."),
            ("Lines[2].Modifiers", "Line 2 (93000) has both 26 and TC, which exclude each other: keep the one that describes the service."),
            ("Lines[3].Modifiers", "Modifier 25 does not belong on 36415 (line 3): it is for 99202-99499."),
        ], findings.Select(f => (f.Field, f.Message)));
        Assert.StartsWith("ReferringProvider.Npi: The referring provider's NPI", claim.StatusReason, StringComparison.Ordinal);

        // The biller fixes the sheet's data (here directly: charge entry is corrected by void and replace in the product).
        var stored = await office.Db.ChargeSheets.Include(s => s.Diagnoses).Include(s => s.Lines).SingleAsync(s => s.Id == sheet.Id);
        stored.ReferringProviderNpi = MedOffice.Practice.Npi.FromNineDigits("111222333").Value;
        stored.Diagnoses.Single(d => d.Sequence == 1).Code = "E119";
        await office.Db.SaveChangesAsync();
        foreach (var line in await office.Db.ClaimLines.Where(l => l.ClaimId == claim.Id).ToListAsync())
        {
            (line.DiagnosisPointers, line.Modifiers) = line.LineNumber switch { 2 => ("2", "26"), 3 => ("2", ""), _ => (line.DiagnosisPointers, line.Modifiers) };
        }
        await office.Db.SaveChangesAsync();
        Assert.Empty(await clinic.Scrubber().ScrubAsync(claim.Id) ?? []);
        Assert.Equal(ClaimStatuses.Ready, (await office.Db.Claims.AsNoTracking().SingleAsync(c => c.Id == claim.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_secondary_coverage_without_a_member_id_holds_its_claim_instead_of_failing_the_whole_batch(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var county = await office.AddPayerAsync("County Program", requiresMemberId: false);
        var secondary = await office.AddCoverageAsync(clinic.Patient.Id, county, "", CoveragePriorities.Secondary);
        var other = await office.RegisterAsync("Ines", "Okafor", new DateOnly(1990, 5, 5));
        (other.AddressLine1, other.City, other.State, other.PostalCode, other.SexAtBirth) = ("3 Oak St", "Springfield", "IL", "62704", SexesAtBirth.Female);
        await office.Db.SaveChangesAsync();
        await office.AddCoverageAsync(other.Id, clinic.Aetna, "W555666777");
        var held = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")]);
        var fine = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")], patientId: other.Id);

        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([$"{fine.Id:D6}P1"], result.Value!.ClaimNumbers);
        Assert.Equal(1, result.Value.HeldBack);
        var claim = await office.Db.Claims.AsNoTracking().SingleAsync(c => c.ChargeSheetId == held.Id);
        Assert.Equal(ClaimStatuses.Open, claim.Status);
        Assert.Equal("SecondaryCoverage.MemberId: The patient's secondary insurance (County Program) has no member ID, and the claim must name it: add it to the coverage or end that coverage.",
            claim.StatusReason);

        (await office.Db.Coverages.SingleAsync(c => c.Id == secondary.Id)).MemberId = "CTY123";
        await office.Db.SaveChangesAsync();
        Assert.Empty(await clinic.Scrubber().ScrubAsync(claim.Id) ?? []);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rules_are_rows_a_payer_can_have_its_own_filing_limit_and_referral_requirement(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        office.Db.ScrubRules.AddRange(
            new ScrubRule { Kind = ScrubRuleKinds.TimelyFiling, PayerId = clinic.Aetna.Id, Parameter = "90", Note = "Aetna contract 2026" },
            new ScrubRule { Kind = ScrubRuleKinds.ReferringProviderRequired, PayerId = clinic.Medicare.Id });
        await office.Db.SaveChangesAsync();
        var old = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")], dateOfService: new DateOnly(2025, 12, 1));
        var claim = (await clinic.Maker().MakePrimaryAsync(old.Id)).Value!;

        var findings = await clinic.Scrubber().FindAsync(claim);

        var late = Assert.Single(findings);
        Assert.Equal(("TimelyFiling", "DateOfService"), (late.Kind, late.Field));
        Assert.Equal("Aetna takes claims up to 90 days after the service; the limit for 12/01/2025 was 03/01/2026. Appeal with proof of timely filing, or write it off. (Aetna contract 2026)", late.Message);
        // Switching the row off stops the edit; the other payer's referral rule never applied to Aetna.
        (await office.Db.ScrubRules.SingleAsync(r => r.PayerId == clinic.Aetna.Id)).IsActive = false;
        await office.Db.SaveChangesAsync();
        Assert.Empty(await clinic.Scrubber().FindAsync(claim));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_batch_the_claim_format_refuses_is_never_sent(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        // With the scrubber's ZIP rules off, a five-digit billing ZIP reaches the 837P writer's own checks, which must stop it.
        await office.Db.ScrubRules.Where(r => r.Kind == ScrubRuleKinds.NineDigitBillingZip || r.Parameter == "Organization.BillingPostalCode")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false));
        clinic.Organization.BillingPostalCode = "62701";
        await office.Db.SaveChangesAsync();
        await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")]);

        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.False(result.Succeeded);
        Assert.Equal("The 837P file was not written, nothing was sent: Billing provider Riverside Family Medicine: the ZIP code must be all nine digits (ZIP+4).",
            result.Errors[0].Message);
        Assert.False(Directory.Exists(clinic.Outbound) && Directory.EnumerateFileSystemEntries(clinic.Outbound).Any());
        Assert.Equal(ClaimStatuses.Ready, (await office.Db.Claims.AsNoTracking().SingleAsync()).Status);
        Assert.Equal(0, await office.Db.ClaimBatches.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Voided_charges_cancel_an_unsent_claim_and_void_or_replace_one_the_payer_has(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var unsent = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")], dateOfService: ClaimClinic.Visit.AddDays(-1));
        await clinic.Maker().SweepAsync();
        var sent = await clinic.ReleaseAsync(["I10"], [("99214", "", 180m, "1")]);
        var replaced = await clinic.ReleaseAsync(["J029"], [("99213", "", 120m, "1")], dateOfService: ClaimClinic.Visit.AddDays(1));
        await office.Db.Claims.Where(c => c.ChargeSheetId == unsent.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatuses.Cancelled));
        Assert.True((await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Succeeded);
        // The payer acknowledged both with its own numbers (as a 277CA would tell).
        await office.Db.Claims.Where(c => c.ChargeSheetId == sent.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PayerClaimNumber, "AET-555"));
        await office.Db.Claims.Where(c => c.ChargeSheetId == replaced.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PayerClaimNumber, "AET-777"));

        // The first sent visit is voided outright; the second is voided and replaced with corrected charges.
        await office.Db.ChargeSheets.Where(s => s.Id == sent.Id || s.Id == replaced.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, "Voided"));
        var correction = await clinic.ReleaseAsync(["J029"], [("99214", "", 180m, "1")], dateOfService: ClaimClinic.Visit.AddDays(1), replaces: replaced.Id);
        office.Db.ChangeTracker.Clear();
        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((0, 1), (result.Value!.Sweep.Cancelled, result.Value.Sweep.Voids));
        var text = await File.ReadAllTextAsync(Path.Combine(clinic.Outbound, result.Value.FileName));
        Assert.True(X12Validator.Validate(text).IsValid, X12Validator.Validate(text).ToString());
        Assert.Contains($"CLM*{sent.Id:D6}P2*180***11:B:8*", text, StringComparison.Ordinal);
        Assert.Contains("REF*F8*AET-555~", text, StringComparison.Ordinal);
        Assert.Contains($"CLM*{correction.Id:D6}P1*180***11:B:7*", text, StringComparison.Ordinal);
        Assert.Contains("REF*F8*AET-777~", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{replaced.Id:D6}P2", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task After_the_primary_pays_the_secondary_claim_carries_its_payments_and_adjustments(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await office.AddCoverageAsync(clinic.Patient.Id, clinic.Medicare, "1EG4TE5MK73", CoveragePriorities.Secondary);
        var sheet = await clinic.ReleaseAsync(["I10", "R079"], OfficeVisitAndEcg);
        Assert.True((await clinic.Batches().CreateAsync(ClaimClinic.Biller)).Succeeded);
        var primary = await office.Db.Claims.Include(c => c.Lines).SingleAsync();
        var firstBatch = await File.ReadAllTextAsync(Directory.GetFiles(clinic.Outbound).Single());
        // The primary claim names the secondary payer (2320/2330) without an adjudication.
        Assert.Contains("SBR*S*18*", firstBatch, StringComparison.Ordinal);

        var maker = clinic.Maker();
        Assert.Equal("The primary payer has not adjudicated every line of claim " + primary.ClaimNumber + " yet.", (await maker.MakeSecondaryAsync(primary.Id)).Errors[0].Message);
        var line1 = primary.Lines.Single(l => l.LineNumber == 1);
        var line2 = primary.Lines.Single(l => l.LineNumber == 2);
        Assert.True((await maker.RecordAdjudicationAsync(line1.Id, 100m, new DateOnly(2026, 3, 14), [("CO", "45", 50m), ("PR", "2", 30m)], "Manual")).Succeeded);
        var unbalanced = await maker.RecordAdjudicationAsync(line2.Id, 40m, new DateOnly(2026, 3, 14), [("CO", "45", 20m)], "Manual");
        Assert.Equal("Paid 40.00 plus adjustments 20.00 must equal the line's charge 65.00.", unbalanced.Errors[0].Message);
        Assert.True((await maker.RecordAdjudicationAsync(line2.Id, 40m, new DateOnly(2026, 3, 14), [("CO", "45", 15m), ("PR", "1", 10m)], "Manual")).Succeeded);
        primary.Status = ClaimStatuses.Adjudicated;
        await office.Db.SaveChangesAsync();

        var secondary = await maker.MakeSecondaryAsync(primary.Id);
        Assert.True(secondary.Succeeded, string.Join("; ", secondary.Errors));
        Assert.Equal(($"{sheet.Id:D6}S1", "S", clinic.Medicare.Id), (secondary.Value!.ClaimNumber, secondary.Value.PayerSequence, secondary.Value.PayerId));
        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var text = await File.ReadAllTextAsync(Path.Combine(clinic.Outbound, result.Value!.FileName));
        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        Assert.Contains("SBR*S*18*", text, StringComparison.Ordinal);
        Assert.Contains("*MB~", text, StringComparison.Ordinal);
        Assert.Contains("SBR*P*18*", text, StringComparison.Ordinal);
        Assert.Contains("AMT*D*140~", text, StringComparison.Ordinal);
        Assert.Contains("SVD*", text, StringComparison.Ordinal);
        Assert.Contains("CAS*CO*45*50~", text, StringComparison.Ordinal);
        Assert.Contains("CAS*PR*2*30~", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_dependent_is_billed_under_the_subscriber_and_a_leftover_staged_file_is_finished_or_discarded(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        // Twenty, still on a parent's plan.
        var child = await office.RegisterAsync("Luca", "Marchetti", new DateOnly(2005, 6, 1));
        child.AddressLine1 = "12 Elm St";
        (child.City, child.State, child.PostalCode, child.SexAtBirth) = ("Springfield", "IL", "62704", "M");
        await office.Db.SaveChangesAsync();
        var coverage = await office.Registry.AddCoverageAsync(child.Id, new CoverageDetails
        {
            PayerId = clinic.Aetna.Id, MemberId = "W123456789", SubscriberRelationship = SubscriberRelationships.Child,
            SubscriberFirstName = "Odette", SubscriberLastName = "Marchetti", SubscriberDateOfBirth = new DateOnly(1968, 4, 2), SubscriberSex = "F",
            EffectiveOn = new DateOnly(2025, 1, 1),
        }, TestOffice.FrontDesk);
        Assert.True(coverage!.Succeeded, string.Join("; ", coverage.Errors));
        await clinic.ReleaseAsync(["J029"], [("99213", "", 120m, "1"), ("87880", "", 30m, "1")], patientId: child.Id);

        // A file staged by a batch that never reached the database is discarded; one the database knows is published.
        Directory.CreateDirectory(clinic.Outbound);
        await File.WriteAllTextAsync(Path.Combine(clinic.Outbound, ".837P-orphan.x12.part"), "half a file");
        // An eligibility file being sent at the same moment is not the batch's to judge.
        await File.WriteAllTextAsync(Path.Combine(clinic.Outbound, ".270-in-flight.x12.part"), "an inquiry");
        var result = await clinic.Batches().CreateAsync(ClaimClinic.Biller);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([".270-in-flight.x12.part", result.Value!.FileName], Directory.GetFiles(clinic.Outbound).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var text = await File.ReadAllTextAsync(Path.Combine(clinic.Outbound, result.Value.FileName));
        Assert.True(X12Validator.Validate(text).IsValid, X12Validator.Validate(text).ToString());
        Assert.Contains("HL*3*2*23*0~PAT*19~NM1*QC*1*Marchetti*Luca", text, StringComparison.Ordinal);
        Assert.Contains("NM1*IL*1*Marchetti*Odette****MI*W123456789~", text, StringComparison.Ordinal);

        var transport = DropFolderTransport.For(await office.Db.Clearinghouses.SingleAsync());
        await transport.StageAsync("837P-recorded.x12", "file");
        office.Db.ClaimBatches.Add(new ClaimBatch { FileName = "837P-recorded.x12", InterchangeControlNumber = 999, GroupControlNumber = 999, CreatedBy = "biller" });
        await office.Db.SaveChangesAsync();
        await clinic.Batches().FinishPendingAsync(transport);
        Assert.True(File.Exists(Path.Combine(clinic.Outbound, "837P-recorded.x12")));
        Assert.Equal(["270-in-flight.x12"], transport.Staged());
    }
}
