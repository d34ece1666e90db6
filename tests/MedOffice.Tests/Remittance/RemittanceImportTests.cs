using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Patients;
using MedOffice.Remittance;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Payments;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Tests.Remittance.Era;

namespace MedOffice.Tests.Remittance;

public class RemittanceImportTests
{
    private static readonly (string, string, decimal, string)[] VisitAndEcg = [("99214", "25", 180m, "1,2"), ("93000", "", 65m, "2")];

    /// <summary>The office visit paid 100 with 50 written off and 30 coinsurance; the ECG denied as not medically necessary.</summary>
    private static EraClaim PaidVisitDeniedEcg(Claim claim, string payerClaim = "PCN-1") => new(claim.ClaimNumber, "1", 245m, 100m, 30m, payerClaim,
    [
        new EraLine("99214", "25", 180m, 100m, claim.Lines[0].ChargeLineId, Co("45", 50m), Pr("2", 30m)),
        new EraLine("93000", "", 65m, 0m, claim.Lines[1].ChargeLineId, Co("50", 65m)),
    ]);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_835_for_our_claim_posts_payments_adjustments_and_patient_responsibility_per_line_and_twice_posts_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);
        var era = Build("CHK1001", [PaidVisitDeniedEcg(claim)]);

        var summary = await clinic.ImportOkAsync(era);

        Assert.Equal((1, 1, 1, 0, 0), (summary.Matched, summary.Paid, summary.Adjusted, summary.Denied, summary.Unmatched.Count));
        await using (var db = office.NewContext())
        {
            var posted = await db.Claims.SingleAsync(c => c.Id == claim.Id);
            Assert.Equal((ClaimStatuses.Adjudicated, "PCN-1"), (posted.Status, posted.PayerClaimNumber));
            Assert.StartsWith("Partly paid: 100.00 of 245.00", posted.StatusReason, StringComparison.Ordinal);
            var adjudications = await db.PayerLineAdjudications.Include(a => a.Adjustments).Where(a => a.ClaimId == claim.Id).OrderBy(a => a.ClaimLineId).ToListAsync();
            Assert.Equal([("835", 100m), ("835", 0m)], adjudications.Select(a => (a.Source, a.PaidAmount)));
            Assert.Equal([("CO", "45", 50m), ("PR", "2", 30m)], adjudications[0].Adjustments.OrderBy(a => a.GroupCode).Select(a => (a.GroupCode, a.ReasonCode, a.Amount)));
        }
        var ledger = clinic.Ledger();
        Assert.Equal(new LedgerBalance(0m, 30m), await ledger.LineBalanceAsync(claim.Lines[0].ChargeLineId));
        Assert.Equal(new LedgerBalance(0m, 0m), await ledger.LineBalanceAsync(claim.Lines[1].ChargeLineId));
        Assert.Equal(new LedgerBalance(0m, 30m), await ledger.ClaimBalanceAsync(claim.Id));
        Assert.Equal(new LedgerBalance(0m, 30m), await ledger.PatientBalanceAsync(claim.PatientId));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
        var entries = await EntryCountAsync(office);

        // The same file again, and the same payment in another envelope (another file name and SHA): nothing more.
        var again = await clinic.ImportOkAsync(era);
        var resent = await clinic.ImportOkAsync(era.Replace("*1200*", "*1300*", StringComparison.Ordinal), "resent.835");
        Assert.Equal((1, 1), (again.AlreadyPosted, resent.AlreadyPosted));
        Assert.Equal(entries, await EntryCountAsync(office));
        Assert.Equal(new LedgerBalance(0m, 30m), await ledger.PatientBalanceAsync(claim.PatientId));

        // The denied ECG is in the worklist, in words, with what to do next.
        var denials = await clinic.Queries().DenialsAsync(ClaimClinic.Biller);
        var group = Assert.Single(denials);
        Assert.Equal(Denials.Appeal, group.NextAction);
        Assert.Contains("(CO-50)", group.Reason, StringComparison.Ordinal);
        Assert.Equal(("93000", 65m, 0m), (group.Lines.Single().Procedure, group.Lines.Single().Amount, group.Lines.Single().Paid));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_835_that_does_not_balance_is_refused_with_the_difference_to_the_cent_and_nothing_posts(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);

        var result = await clinic.Import().ImportAsync(Build("CHK1002", [PaidVisitDeniedEcg(claim)], payment: 100.01m), "short.835", ClaimClinic.Biller);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("BPR02 payment 100.01", StringComparison.Ordinal) && e.Message.EndsWith("difference 0.01.", StringComparison.Ordinal));
        await using var db = office.NewContext();
        Assert.Equal((0, 0, 0), (await db.Remittances.CountAsync(), await db.LedgerEntries.CountAsync(), await db.PayerLineAdjudications.CountAsync()));
        Assert.Equal(ClaimStatuses.Sent, (await db.Claims.SingleAsync(c => c.Id == claim.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reversal_undoes_the_earlier_posting_and_the_corrected_payment_posts_in_its_place(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);
        await clinic.ImportOkAsync(Build("CHK2001", [PaidVisitDeniedEcg(claim)]), "first.835");

        // The payer takes back its payment and pays again, now allowing the ECG: 100 + 50 paid, PR 30 + 15.
        var reversal = new EraClaim(claim.ClaimNumber, "22", -245m, -100m, -30m, "PCN-1",
        [
            new EraLine("99214", "25", -180m, -100m, claim.Lines[0].ChargeLineId, Co("45", -50m), Pr("2", -30m)),
            new EraLine("93000", "", -65m, 0m, claim.Lines[1].ChargeLineId, Co("50", -65m)),
        ]);
        var corrected = new EraClaim(claim.ClaimNumber, "1", 245m, 150m, 45m, "PCN-2",
        [
            new EraLine("99214", "25", 180m, 100m, claim.Lines[0].ChargeLineId, Co("45", 50m), Pr("2", 30m)),
            new EraLine("93000", "", 65m, 50m, claim.Lines[1].ChargeLineId, Pr("2", 15m)),
        ]);
        var summary = await clinic.ImportOkAsync(Build("CHK2002", [reversal, corrected]), "correction.835");

        Assert.Equal((2, 1), (summary.Matched, summary.Reversed));
        var ledger = clinic.Ledger();
        Assert.Equal(new LedgerBalance(0m, 45m), await ledger.PatientBalanceAsync(claim.PatientId));
        Assert.Equal(new LedgerBalance(0m, 15m), await ledger.LineBalanceAsync(claim.Lines[1].ChargeLineId));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
        await using var db = office.NewContext();
        var posted = await db.Claims.SingleAsync(c => c.Id == claim.Id);
        Assert.Equal((ClaimStatuses.Adjudicated, "PCN-2"), (posted.Status, posted.PayerClaimNumber));
        Assert.Equal(150m, (await db.PayerLineAdjudications.Where(a => a.ClaimId == claim.Id).Select(a => a.PaidAmount).ToListAsync()).Sum());
        Assert.Equal(5, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerKinds.Reversal));
        Assert.Empty(await clinic.Queries().DenialsAsync(ClaimClinic.Biller));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_claim_split_across_two_remittances_adds_up_and_is_adjudicated_when_the_last_line_is_in(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);
        var visit = new EraClaim(claim.ClaimNumber, "1", 180m, 100m, 30m, "PCN-A",
            [new EraLine("99214", "25", 180m, 100m, null, Co("45", 50m), Pr("2", 30m))]);
        var ecg = new EraClaim(claim.ClaimNumber, "1", 65m, 40m, 10m, "PCN-B",
            [new EraLine("93000", "", 65m, 40m, null, Co("45", 15m), Pr("3", 10m))]);

        await clinic.ImportOkAsync(Build("CHK3001", [visit], providerAdjustments: [("L6", -1.25m)]), "part1.835");
        await using (var db = office.NewContext())
        {
            var half = await db.Claims.SingleAsync(c => c.Id == claim.Id);
            Assert.Equal(ClaimStatuses.Sent, half.Status);
            Assert.StartsWith("1 of 2 lines adjudicated so far.", half.StatusReason, StringComparison.Ordinal);
            var interest = await db.RemittanceProviderAdjustments.SingleAsync();
            Assert.Equal(("L6", -1.25m), (interest.ReasonCode, interest.Amount));
            Assert.Equal(101.25m, (await db.Remittances.SingleAsync()).PaymentAmount);
        }
        await clinic.ImportOkAsync(Build("CHK3002", [ecg]), "part2.835");

        await using var after = office.NewContext();
        Assert.Equal(ClaimStatuses.Adjudicated, (await after.Claims.SingleAsync(c => c.Id == claim.Id)).Status);
        Assert.Equal(new LedgerBalance(0m, 40m), await clinic.Ledger().ClaimBalanceAsync(claim.Id));
        Assert.Equal(2, await after.PayerLineAdjudications.CountAsync(a => a.ClaimId == claim.Id));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_primary_835_leaving_coinsurance_makes_the_secondary_claim_and_keeps_the_balance_on_insurance(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await office.AddCoverageAsync(clinic.Patient.Id, clinic.Medicare, "1EG4TE5MK73", CoveragePriorities.Secondary);
        var claim = await clinic.SendAsync([("99213", "", 120m, "1")]);

        var summary = await clinic.ImportOkAsync(Build("CHK4001", [new EraClaim(claim.ClaimNumber, "1", 120m, 70m, 20m, "PCN-4",
            [new EraLine("99213", "", 120m, 70m, claim.Lines[0].ChargeLineId, Co("45", 30m), Pr("2", 20m))])]));

        var secondaryNumber = Assert.Single(summary.SecondaryClaims);
        await using var db = office.NewContext();
        var secondary = await db.Claims.SingleAsync(c => c.ClaimNumber == secondaryNumber);
        Assert.Equal(("S", clinic.Medicare.Id), (secondary.PayerSequence, secondary.PayerId));
        // The coinsurance waits for Medicare: still on the insurance side, not billed to the patient yet.
        Assert.Equal(new LedgerBalance(20m, 0m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));

        // Medicare's 835 pays 16 of it and leaves 4 to the patient (OA-23 restates the primary's share).
        await clinic.ImportOkAsync(Build("CHK4002", [new EraClaim(secondaryNumber, "2", 120m, 16m, 4m, "MCR-1",
            [new EraLine("99213", "", 120m, 16m, claim.Lines[0].ChargeLineId, Oa("23", 100m), Pr("2", 4m))])]), "medicare.835");
        Assert.Equal(new LedgerBalance(0m, 4m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task When_the_secondary_denies_the_coinsurance_held_for_it_goes_to_the_patient_once(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await office.AddCoverageAsync(clinic.Patient.Id, clinic.Medicare, "1EG4TE5MK73", CoveragePriorities.Secondary);
        var claim = await clinic.SendAsync([("99213", "", 120m, "1")]);
        // The primary pays 70, writes off 30, leaves 20 coinsurance and 5 of OA-94 (processed in excess of charges): both held for Medicare.
        var summary = await clinic.ImportOkAsync(Build("CHK4101", [new EraClaim(claim.ClaimNumber, "1", 120m, 70m, 20m, "PCN-5",
            [new EraLine("99213", "", 120m, 70m, claim.Lines[0].ChargeLineId, Co("45", 25m), Pr("2", 20m), Oa("94", 5m))])]));
        var secondaryNumber = Assert.Single(summary.SecondaryClaims);
        Assert.Equal(new LedgerBalance(25m, 0m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));

        // Medicare denies: pays nothing, and only restates the whole charge as the prior payer's adjudication (OA-23).
        var denial = Build("CHK4102", [new EraClaim(secondaryNumber, "4", 120m, 0m, 0m, "MCR-2",
            [new EraLine("99213", "", 120m, 0m, claim.Lines[0].ChargeLineId, Oa("23", 120m))])]);
        await clinic.ImportOkAsync(denial, "medicare-denial.835");

        // The coinsurance is the patient's now; the OA is written off as it would have been without a secondary.
        Assert.Equal(new LedgerBalance(0m, 20m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
        var again = await clinic.ImportOkAsync(denial, "medicare-denial.835");
        Assert.Equal(1, again.AlreadyPosted);
        Assert.Equal(new LedgerBalance(0m, 20m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_corpus_835_imported_against_an_office_without_those_claims_lists_them_all_unmatched_and_posts_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var files = Directory.GetFiles(Corpora.Path("x12"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("835", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 9, $"{files.Count} corpus 835s");
        var (posted, refused) = (0, 0);
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            var result = await clinic.Import().ImportAsync(stream, Path.GetFileName(file), ClaimClinic.Biller);
            office.Db.ChangeTracker.Clear();
            if (result.Succeeded)
            {
                Assert.Equal(0, result.Value!.Matched);
                Assert.Equal(result.Value.ClaimsInFile, result.Value.Unmatched.Count);
                posted++;
            }
            else
            {
                // Refused only for a stated imbalance, never silently.
                Assert.Contains(result.Errors, e => e.Message.Contains("does not balance", StringComparison.Ordinal));
                refused++;
            }
        }
        await using var db = office.NewContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
        Assert.Equal(posted, await db.Remittances.Select(r => r.Sha256).Distinct().CountAsync());
        Assert.True(refused <= 2, $"{refused} refused");
        Assert.All(await db.RemittedClaims.ToListAsync(), c => Assert.Equal(RemittedClaimOutcomes.Unmatched, c.Outcome));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_835_dropped_in_the_clearinghouse_folder_posts_when_the_inbox_is_collected(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);
        await clinic.DropInboundAsync("remit.835", Build("CHK5001", [PaidVisitDeniedEcg(claim)]));
        var inbox = new ClearinghouseInbox(office.Db, [new RemittanceFileHandler(clinic.Import())], office.Clock);

        var outcome = await inbox.CollectAsync();

        Assert.Equal(1, outcome.Read);
        Assert.Contains("Matched 1: paid 1", outcome.Summaries.Single(), StringComparison.Ordinal);
        Assert.Equal(new LedgerBalance(0m, 30m), await clinic.Ledger().PatientBalanceAsync(claim.PatientId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_copay_taken_before_the_835_pays_what_the_payer_leaves_to_the_patient_and_the_rest_stays_credit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync(VisitAndEcg);
        // At check-in nothing is owed by the patient yet (the claim is out): the 40.00 waits as credit.
        await clinic.PayAsync(claim.PatientId, 40m, context: MedOffice.Payments.PaymentContexts.CheckIn);
        Assert.Equal(40m, await clinic.Payments().CreditAsync(claim.PatientId));

        var summary = await clinic.ImportOkAsync(Build("CHK1050", [PaidVisitDeniedEcg(claim)]));

        Assert.Equal(30m, summary.CreditApplied[claim.PatientId]);
        Assert.Contains("Unapplied patient credit applied to what the payers left to the patient: 30.00 for 1 patient(s).", summary.ToString(), StringComparison.Ordinal);
        Assert.Equal(new LedgerBalance(0m, 0m), await clinic.Ledger().LineBalanceAsync(claim.Lines[0].ChargeLineId));
        Assert.Equal(10m, await clinic.Payments().CreditAsync(claim.PatientId));
        Assert.Empty(await clinic.Payments().OpenLinesAsync(claim.PatientId));
        await clinic.AssertBalancesAreSumsAsync(claim.PatientId);
        Assert.Contains(await office.AuditRowsAsync(), a => a.PatientId == claim.PatientId && a.Detail.EndsWith("$30.00 of unapplied credit applied", StringComparison.Ordinal));
    }

    private static async Task<int> EntryCountAsync(TestOffice office)
    {
        await using var db = office.NewContext();
        return await db.LedgerEntries.CountAsync();
    }
}
