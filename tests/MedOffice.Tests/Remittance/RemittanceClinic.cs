using MedOffice.Claims;
using MedOffice.Ledger;
using MedOffice.Remittance;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Remittance;

/// <summary>The claims clinic with the remittance services: claims are released and sent as an 837P batch, then paid by 835.</summary>
public static class RemittanceClinic
{
    public static RemittanceImport Import(this ClaimClinic clinic) =>
        new(clinic.Office.Db, new RemittancePosting(clinic.Office.Db, clinic.Ledger(), clinic.Maker(), clinic.Office.Clock),
            new MedOffice.Payments.PatientPayments(clinic.Office.Db, clinic.Ledger(), clinic.Office.Audit, clinic.Office.Clock), clinic.Office.Audit, clinic.Office.Clock);

    public static PatientLedger Ledger(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Office.Clock);

    public static RemittanceQueries Queries(this ClaimClinic clinic) => new(clinic.Office.Db, clinic.Office.Audit);

    /// <summary>Releases a charge sheet and sends its claim in a batch; the claim comes back as committed, lines in order.</summary>
    public static async Task<Claim> SendAsync(this ClaimClinic clinic, (string Code, string Modifiers, decimal Amount, string Pointers)[] lines, DateOnly? dateOfService = null)
    {
        var sheet = await clinic.ReleaseAsync(["I10", "R079"], lines, dateOfService: dateOfService);
        var batch = await clinic.Batches().CreateAsync(ClaimClinic.Biller);
        Assert.True(batch.Succeeded, string.Join("; ", batch.Errors));
        await using var db = clinic.Office.NewContext();
        var claim = await db.Claims.AsNoTracking().Include(c => c.Lines.OrderBy(l => l.LineNumber)).SingleAsync(c => c.ChargeSheetId == sheet.Id && c.PayerSequence == "P");
        Assert.Equal(ClaimStatuses.Sent, claim.Status);
        return claim;
    }

    public static async Task<RemittanceSummary> ImportOkAsync(this ClaimClinic clinic, string era, string fileName = "era.835")
    {
        var result = await clinic.Import().ImportAsync(era, fileName, ClaimClinic.Biller);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        clinic.Office.Db.ChangeTracker.Clear();
        return result.Value!;
    }

    /// <summary>Every balance the ledger gives equals the sum of its entries, recomputed here from the committed rows.</summary>
    public static async Task AssertBalancesAreSumsAsync(this ClaimClinic clinic, int patientId)
    {
        await using var db = clinic.Office.NewContext();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PatientId == patientId).ToListAsync();
        var ledger = new PatientLedger(db, clinic.Office.Clock);
        Assert.Equal(LedgerBalance.Of(entries.Select(e => (e.Side, e.Amount))), await ledger.PatientBalanceAsync(patientId));
        foreach (var line in entries.Where(e => e.ChargeLineId is not null).GroupBy(e => e.ChargeLineId!.Value))
        {
            Assert.Equal(LedgerBalance.Of(line.Select(e => (e.Side, e.Amount))), await ledger.LineBalanceAsync(line.Key));
        }
    }
}
