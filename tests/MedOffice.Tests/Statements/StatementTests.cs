using System.Text.Json;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Security;
using MedOffice.Statements;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Statements;

public class StatementTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_parent_and_child_land_on_one_statement_whose_numbers_are_the_ledgers_after_the_835(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var child = await clinic.AddChildAsync();
        var parentClaim = await clinic.BillAndRemitAsync(clinic.Patient.Id, "99214", 180m, 100m, 30m, "CHK2001");
        var childClaim = await clinic.BillAndRemitAsync(child.Id, "99213", 120m, 70m, 20m, "CHK2002");
        // A visit released to billing but not yet claimed: its charge is still with insurance, not due from the family.
        await clinic.ReleaseAsync(["J029"], [("87880", "", 40m, "1")], patientId: child.Id, dateOfService: new DateOnly(2026, 3, 12));
        var ledger = new PatientLedger(office.NewContext(), office.Clock);
        var familyDue = (await ledger.PatientBalanceAsync(clinic.Patient.Id)).PatientDue + (await ledger.PatientBalanceAsync(child.Id)).PatientDue;
        Assert.Equal(50m, familyDue);

        var preview = await clinic.Runs().PreviewAsync(office.Today);
        var candidate = Assert.Single(preview.Candidates);
        Assert.Equal((StatementDecisions.Send, familyDue, "Odette Marchetti"), (candidate.Decision, candidate.PatientDue, candidate.GuarantorName));
        Assert.Equal("Odette Marchetti, Luca Marchetti", candidate.PatientNames);

        var run = await clinic.Runs().GenerateAsync(office.Today, ClaimClinic.Biller);
        Assert.True(run.Succeeded, string.Join("; ", run.Errors));
        Assert.Equal((1, 50m), (run.Value!.Added, run.Value.Total));
        await using var db = office.NewContext();
        var statement = await db.Statements.SingleAsync();
        Assert.Equal((50m, 40m, DunningCycles.First), (statement.AmountDue, statement.WithInsurance, statement.DunningCycle));
        var document = JsonSerializer.Deserialize<StatementDocument>(statement.ContentJson, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var parentVisit = Assert.Single(document.Patients[0].Visits);
        Assert.Equal((180m, 100m, 50m, 0m, 0m, 30m), (parentVisit.Charges, parentVisit.InsurancePaid, parentVisit.Adjustments, parentVisit.PatientPaid, parentVisit.WithInsurance, parentVisit.PatientDue));
        Assert.Equal([(120m, 20m, 0m), (40m, 0m, 40m)], document.Patients[1].Visits.Select(v => (v.Charges, v.PatientDue, v.WithInsurance)));
        Assert.Equal(new StatementAging(50m, 0m, 0m, 0m, 0m), document.Aging);

        var pdf = await clinic.Runs().StatementPdfAsync(statement.Id, ClaimClinic.Biller);
        await PdfTools.AssertValidAsync(pdf!);
        var text = await PdfTools.TextAsync(pdf!);
        foreach (var expected in new[]
                 {
                     "STATEMENT", "Riverside Family Medicine", "Patient: Odette Marchetti", "Patient: Luca Marchetti", "99214", "Office visit established patient",
                     "Patient due", "Current", "31–60 days", "Over 120 days", "With insurance (pending)", "$40.00", "Amount due now", "$50.00",
                     "Please detach and return this portion", "Account number", GuarantorAccount.AccountNumber(statement.GuarantorAccountId),
                     "Amount enclosed", "100 Main St", "Springfield, IL 62701-1234", "Page 1 of 1",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        // Re-printed, the stored statement comes out byte for byte as it was made.
        Assert.Equal(pdf, await clinic.Runs().StatementPdfAsync(statement.Id, ClaimClinic.Biller));
        var printed = await db.AuditEvents.Where(a => a.Action == AuditActions.Print && a.Category == AuditCategories.Billing).Select(a => a.PatientId).ToListAsync();
        Assert.Contains(child.Id, printed);
        Assert.Contains(clinic.Patient.Id, printed);
        Assert.NotEqual(parentClaim.Id, childClaim.Id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Dunning_messages_escalate_at_30_60_and_90_days_a_second_run_adds_nothing_and_paying_resets_the_cycle(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.BillAndRemitAsync(clinic.Patient.Id, "99214", 180m, 100m, 30m, "CHK3001");
        var runs = clinic.Runs();

        string?[] expected = [null, "PAST DUE", "SECOND NOTICE", "FINAL NOTICE BEFORE COLLECTIONS"];
        for (var cycle = 1; cycle <= 4; cycle++)
        {
            var result = await runs.GenerateAsync(office.Today, ClaimClinic.Biller);
            Assert.Equal(1, result.Value!.Added);
            // The same date again, and a week later: already sent, nothing more.
            Assert.Equal(0, (await runs.GenerateAsync(office.Today, ClaimClinic.Biller)).Value!.Added);
            var text = await PdfTools.TextAsync((await runs.RunPdfAsync(result.Value.RunId!.Value, ClaimClinic.Biller))!);
            Assert.Contains("$30.00", text, StringComparison.Ordinal);
            foreach (var message in expected.Where(m => m is not null))
            {
                Assert.Equal(message == expected[cycle - 1], text.Contains(message!, StringComparison.Ordinal));
            }
            office.Clock.Advance(TimeSpan.FromDays(7));
            var week = await runs.PreviewAsync(office.Today);
            Assert.Equal(StatementDecisions.RecentlySent, Assert.Single(week.Candidates).Decision);
            Assert.Equal(0, (await runs.GenerateAsync(office.Today, ClaimClinic.Biller)).Value!.Added);
            office.Clock.Advance(TimeSpan.FromDays(23));
        }
        await using (var db = office.NewContext())
        {
            Assert.Equal([1, 2, 3, 4], await db.Statements.OrderBy(s => s.StatementDate).Select(s => s.DunningCycle).ToListAsync());
            Assert.Equal(4, await db.StatementRuns.CountAsync());
        }

        // Paid at the desk: nothing to send. A new visit later starts again at a first statement.
        await clinic.PayAtDeskAsync(claim, 30m, "test:pay:1");
        Assert.Empty((await runs.PreviewAsync(office.Today)).Candidates);
        office.Clock.Advance(TimeSpan.FromDays(1));
        await clinic.BillAndRemitAsync(clinic.Patient.Id, "99213", 120m, 70m, 15m, "CHK3002", dateOfService: office.Today.AddDays(-1));
        var again = await runs.GenerateAsync(office.Today, ClaimClinic.Biller);
        Assert.Equal((1, 15m), (again.Value!.Added, again.Value.Total));
        await using (var db = office.NewContext())
        {
            Assert.Equal(DunningCycles.First, (await db.Statements.OrderByDescending(s => s.StatementDate).FirstAsync()).DunningCycle);
        }
        var pdf = await PdfTools.TextAsync((await runs.RunPdfAsync(again.Value.RunId!.Value, ClaimClinic.Biller))!);
        Assert.DoesNotContain("NOTICE", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("PAST DUE", pdf, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_do_not_send_account_is_skipped_with_its_reason_and_below_the_minimum_nothing_is_sent(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var other = await clinic.AddInsuredAsync("Bruno", "Ostrowski", new DateOnly(1975, 2, 3), "W555000111");
        var small = await clinic.AddInsuredAsync("Carla", "Nyberg", new DateOnly(1980, 6, 7), "W555000222");
        await clinic.BillAndRemitAsync(clinic.Patient.Id, "99214", 180m, 100m, 30m, "CHK4001");
        await clinic.BillAndRemitAsync(other.Id, "99213", 120m, 70m, 25m, "CHK4002");
        await clinic.BillAndRemitAsync(small.Id, "99213", 120m, 70m, 4.99m, "CHK4003");
        var runs = clinic.Runs();
        var accountId = (await runs.AccountIdForPatientAsync(other.Id))!.Value;

        var refused = await runs.SetDoNotSendAsync(accountId, true, "  ", ClaimClinic.Biller);
        Assert.Equal("reason", Assert.Single(refused!.Errors).Field);
        Assert.True((await runs.SetDoNotSendAsync(accountId, true, "Disputed with the payer", ClaimClinic.Biller))!.Succeeded);

        var preview = await runs.PreviewAsync(office.Today);
        Assert.Equal((1, 30m, 2), (preview.ToSend, preview.TotalToSend, preview.Skipped));
        Assert.Contains(preview.Candidates, c => c.Decision == StatementDecisions.DoNotSend && c.Reason == "Disputed with the payer" && c.PatientDue == 25m);
        Assert.Contains(preview.Candidates, c => c.Decision == StatementDecisions.BelowMinimum && c.PatientDue == 4.99m);
        var run = await runs.GenerateAsync(office.Today, ClaimClinic.Biller);
        Assert.Equal((1, 30m), (run.Value!.Added, run.Value.Total));

        // Cleared, the account goes out on the next run.
        Assert.True((await runs.SetDoNotSendAsync(accountId, false, null, ClaimClinic.Biller))!.Succeeded);
        office.Clock.Advance(TimeSpan.FromDays(1));
        var next = await runs.GenerateAsync(office.Today, ClaimClinic.Biller);
        Assert.Equal((1, 25m), (next.Value!.Added, next.Value.Total));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_patient_preview_reads_payments_posted_by_other_features_and_unposted_visits_as_with_insurance(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var child = await clinic.AddChildAsync();
        var claim = await clinic.BillAndRemitAsync(child.Id, "99213", 120m, 70m, 20m, "CHK5001");
        await clinic.PayAtDeskAsync(claim, 5m, "test:pay:5");

        // The child's preview is the parent's account: the parent has nothing open, the child owes 15 after paying 5.
        var pdf = await clinic.Runs().PreviewPdfForPatientAsync(child.Id, null, ClaimClinic.Biller);
        var text = await PdfTools.TextAsync(pdf!);
        Assert.Contains("Patient: Luca Marchetti", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Patient: Odette Marchetti", text, StringComparison.Ordinal);
        Assert.Contains("Odette Marchetti", text, StringComparison.Ordinal);
        Assert.Contains("$15.00", text, StringComparison.Ordinal);
        Assert.Contains("$5.00", text, StringComparison.Ordinal);
        Assert.Equal(await clinic.Runs().AccountIdForPatientAsync(clinic.Patient.Id), await clinic.Runs().AccountIdForPatientAsync(child.Id));
        Assert.Null(await clinic.Runs().PreviewPdfForPatientAsync(999_999, null, ClaimClinic.Biller));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Opening_a_preview_writes_nothing_but_the_audit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        await clinic.BillAndRemitAsync(clinic.Patient.Id, "99214", 180m, 100m, 30m, "CHK6001");

        var text = await PdfTools.TextAsync((await clinic.Runs().PreviewPdfForPatientAsync(clinic.Patient.Id, null, ClaimClinic.Biller))!);

        Assert.Contains(StatementRuns.NoAccountYet, text, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Empty(await db.GuarantorAccounts.ToListAsync());
        // Once sent, the preview carries the account's number.
        await clinic.Runs().GenerateAsync(office.Today, ClaimClinic.Biller);
        var account = await db.GuarantorAccounts.SingleAsync();
        text = await PdfTools.TextAsync((await clinic.Runs().PreviewPdfForPatientAsync(clinic.Patient.Id, null, ClaimClinic.Biller))!);
        Assert.Contains(account.Number, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Guarantor_names_match_however_the_desk_types_them()
    {
        Assert.Equal(GuarantorKeys.ForPerson("Marchetti, Odette M.", new DateOnly(1968, 4, 2)), GuarantorKeys.ForPerson("odette marchetti", new DateOnly(1968, 4, 2)));
        Assert.NotEqual(GuarantorKeys.ForPerson("Odette Marchetti", new DateOnly(1968, 4, 2)), GuarantorKeys.ForPerson("Odette Marchetti", new DateOnly(1968, 4, 3)));
        Assert.Equal(new StatementAging(-10m, 0m, 0m, 0m, 0m), StatementBuilder.Age([(new DateOnly(2026, 1, 1), -10m)], new DateOnly(2026, 3, 1)));
        Assert.Equal(new StatementAging(20m, 0m, 5m, 0m, 0m),
            StatementBuilder.Age([(new DateOnly(2026, 2, 20), 20m), (new DateOnly(2025, 12, 20), 15m), (new DateOnly(2026, 3, 1), -10m)], new DateOnly(2026, 3, 1)));
    }
}
