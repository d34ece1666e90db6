using MedOffice.Billing;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Remittance;

public class VoidedChargesTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Voiding_a_sheet_whose_charges_are_on_the_ledger_reverses_them_once(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var claim = await clinic.SendAsync([("99213", "", 120m, "1"), ("93000", "", 65m, "1,2")]);
        await clinic.Ledger().EnsureChargesAsync(claim, "biller");
        await office.Db.SaveChangesAsync();
        Assert.Equal(new LedgerBalance(185m, 0m), await clinic.Ledger().PatientBalanceAsync(clinic.Patient.Id));

        var voided = await Charges(clinic).VoidAsync(claim.ChargeSheetId, "Wrong patient", ClaimClinic.Biller);
        var again = await Charges(clinic).VoidAsync(claim.ChargeSheetId, "Wrong patient", ClaimClinic.Biller);

        Assert.True(voided is { Succeeded: true });
        Assert.False(again!.Succeeded);
        await using var db = office.NewContext();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PatientId == clinic.Patient.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([LedgerKinds.Charge, LedgerKinds.Charge, LedgerKinds.Reversal, LedgerKinds.Reversal], entries.Select(e => e.Kind));
        Assert.Equal([-120m, -65m], entries.Where(e => e.Kind == LedgerKinds.Reversal).Select(e => e.Amount));
        Assert.Equal(entries.Take(2).Select(e => (long?)e.Id), entries.Skip(2).Select(e => e.ReversesEntryId));
        Assert.Equal(LedgerBalance.Zero, await clinic.Ledger().PatientBalanceAsync(clinic.Patient.Id));
        Assert.Equal(0, await clinic.Ledger().ReverseChargesAsync(claim.Lines.Select(l => l.ChargeLineId).ToList(), "biller"));
        Assert.Contains(await office.AuditRowsAsync(), a => a.Detail.EndsWith("voided: Wrong patient; 2 charges reversed on the ledger", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Voiding_a_sheet_never_on_the_ledger_posts_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var sheet = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")]);

        var voided = await Charges(clinic).VoidAsync(sheet.Id, "Entered twice", ClaimClinic.Biller);

        Assert.True(voided is { Succeeded: true });
        await using var db = office.NewContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    private static ChargeEntry Charges(ClaimClinic clinic)
    {
        var db = clinic.Office.Db;
        var fees = new FeeSchedules(db, clinic.Office.Audit);
        var procedures = new ProcedureCodes(db, clinic.Office.Audit);
        var rules = new ChargeRules(db, new DiagnosisCodes(db, new DiagnosisIndexCache()), procedures, fees);
        return new ChargeEntry(db, rules, fees, new Superbills(db, procedures, clinic.Office.Audit), clinic.Office.Audit, clinic.Office.Clock);
    }
}
