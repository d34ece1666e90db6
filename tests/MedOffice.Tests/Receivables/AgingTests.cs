using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Receivables;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Remittance;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Tests.Remittance.Era;

namespace MedOffice.Tests.Receivables;

public class AgingTests
{
    // The clinic's clock stands at 2026-03-16 15:00 UTC: 10:00 that day in Springfield (America/Chicago), the office's zone.
    private static readonly DateOnly Today = new(2026, 3, 16);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Lines_age_by_date_of_service_into_the_five_buckets_and_move_on_as_days_pass(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        // Released but never billed: insurance A/R under "Not yet billed", each line a different number of dollars to tell them apart.
        foreach (var (days, amount) in new[] { (29, 1m), (30, 2m), (31, 4m), (60, 8m), (61, 16m), (90, 32m), (91, 64m), (120, 128m), (121, 256m) })
        {
            await clinic.ReleaseAsync(["I10"], [("99213", "", amount, "1")], dateOfService: Today.AddDays(-days));
        }

        var report = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);

        Assert.Equal(Today, report.AsOf);
        var row = Assert.Single(report.ByPayer);
        Assert.Equal((null, AgingQueries.NotYetBilled), (row.PayerId, row.PayerName));
        Assert.Equal(new AgingBuckets(3m, 12m, 48m, 192m, 256m), row.Buckets);
        Assert.Equal(511m, report.GrandTotal);
        Assert.Equal((0m, 511m), (report.LedgerTotal, report.UnpostedCharges));
        Assert.Empty(report.ByPatient);

        // Two days on, the line seen on day 29 is on day 31 and the one on day 120 is past 120.
        office.Clock.Advance(TimeSpan.FromDays(2));
        var later = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);
        Assert.Equal(new AgingBuckets(0m, 7m, 24m, 96m, 384m), later.ByPayer.Single().Buckets);
        // An as-of day in the past counts only what was released by its end.
        Assert.Empty((await clinic.Aging().ReportAsync(Today.AddDays(-1), ClaimClinic.Biller)).ByPayer);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task After_an_835_insurance_AR_drops_and_the_patient_owes_the_PR_amount(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync([("99214", "25", 180m, "1,2"), ("93000", "", 65m, "2")]);

        var before = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);
        var aetna = Assert.Single(before.ByPayer);
        Assert.Equal(("Aetna", 245m, 245m), (aetna.PayerName, aetna.Buckets.Days0To30, before.GrandTotal));
        var billed = await clinic.Aging().PayerAsync(clinic.Aetna.Id, null, ClaimClinic.Biller);
        Assert.Equal([(claim.ClaimNumber, "99214-25", 180m), (claim.ClaimNumber, "93000", 65m)], billed!.Lines.Select(l => (l.ClaimNumber, l.Procedure, l.InsuranceDue)));

        await clinic.ImportOkAsync(Build("CHK7001", [new EraClaim(claim.ClaimNumber, "1", 245m, 100m, 30m, "PCN-7",
        [
            new EraLine("99214", "25", 180m, 100m, claim.Lines[0].ChargeLineId, Co("45", 50m), Pr("2", 30m)),
            new EraLine("93000", "", 65m, 0m, claim.Lines[1].ChargeLineId, Co("50", 65m)),
        ])]));

        var after = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);
        Assert.Empty(after.ByPayer);
        Assert.Equal(0m, after.InsuranceTotal);
        var patient = Assert.Single(after.ByPatient);
        Assert.Equal((clinic.Patient.Id, "Marchetti, Odette", 30m, 30m, 0m), (patient.PatientId, patient.PatientName, patient.Buckets.Days0To30, patient.Total, patient.UnappliedCredit));
        var detail = await clinic.Aging().PatientAsync(clinic.Patient.Id, null, ClaimClinic.Biller);
        var line = Assert.Single(detail!.Lines);
        Assert.Equal(("99214-25", 6, 0m, 30m), (line.Procedure, line.Days, line.InsuranceDue, line.PatientDue));
        Assert.Contains(await office.AuditRowsAsync(), a => a.PatientId == clinic.Patient.Id && a.Action == "read" && a.Detail.StartsWith("A/R of the account", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Grand_totals_equal_the_sum_of_every_ledger_entry_plus_charges_not_posted_yet_and_credit_stays_apart(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync([("99213", "", 120.35m, "1")]);
        await clinic.ImportOkAsync(Build("CHK7002", [new EraClaim(claim.ClaimNumber, "1", 120.35m, 80.10m, 20.05m, "PCN-8",
            [new EraLine("99213", "", 120.35m, 80.10m, claim.Lines[0].ChargeLineId, Co("45", 20.20m), Pr("2", 20.05m))])]));
        var other = await office.RegisterAsync("Ruth", "Abernathy", new DateOnly(1950, 1, 2));
        await clinic.PatientOwesAsync(other.Id, Today.AddDays(-200), 75.50m);
        await clinic.PatientPaysAsync(other.Id, null, 12.25m, "desk:1");
        await clinic.SendAsync([("36415", "", 19.99m, "1")], Today.AddDays(-45));
        await clinic.ReleaseAsync(["I10"], [("83036", "", 33.33m, "1")], patientId: other.Id, dateOfService: Today.AddDays(-3));

        var report = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);

        await using var db = office.NewContext();
        var ledgerSum = (await db.LedgerEntries.AsNoTracking().Select(e => e.Amount).ToListAsync()).Sum();
        Assert.Equal(ledgerSum, report.LedgerTotal);
        Assert.Equal(19.99m + 33.33m, report.UnpostedCharges);
        Assert.Equal(ledgerSum + 19.99m + 33.33m, report.GrandTotal);
        Assert.Equal(report.GrandTotal, report.ByPayer.Sum(r => r.Total) + report.ByPatient.Sum(r => r.Total));
        Assert.Equal(report.InsuranceTotals, report.ByPayer.Aggregate(AgingBuckets.Zero, (b, r) => b.Plus(r.Buckets)));
        var ruth = report.ByPatient.Single(r => r.PatientId == other.Id);
        Assert.Equal((75.50m, -12.25m, 63.25m), (ruth.Buckets.Over120, ruth.UnappliedCredit, ruth.Total));
        Assert.Equal([("Aetna", 19.99m), (AgingQueries.NotYetBilled, 33.33m)], report.ByPayer.Select(r => (r.PayerName, r.Total)));
    }
}
