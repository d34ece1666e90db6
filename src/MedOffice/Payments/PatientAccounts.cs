using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Payments;

public sealed record AccountLine(int ChargeLineId, int LineNumber, string ProcedureCode, decimal Charge, decimal InsuranceDue, decimal PatientDue);

public sealed record AccountVisit(int ChargeSheetId, DateOnly DateOfService, IReadOnlyList<AccountLine> Lines)
{
    public decimal InsuranceDue => Lines.Sum(l => l.InsuranceDue);
    public decimal PatientDue => Lines.Sum(l => l.PatientDue);
}

public sealed record AccountPayment(int Id, string ReceiptNumber, DateTime ReceivedAtLocal, DateOnly BusinessDate, decimal Amount, string Method, string? Reference,
    string Context, string ReceivedBy, decimal AppliedToVisits);

public sealed record AccountRefund(int Id, DateTime RefundedAtLocal, decimal Amount, string Method, string? Reference, string Reason, string RefundedBy);

/// <summary>A patient's account as the desk sees it: what insurance and the patient owe, the credit, open visits, money in and out.</summary>
public sealed record PatientAccount(int PatientId, string PatientName, string Mrn, decimal InsuranceDue, decimal PatientDueOnVisits, decimal UnappliedCredit,
    IReadOnlyList<AccountVisit> OpenVisits, IReadOnlyList<AccountPayment> Payments, IReadOnlyList<AccountRefund> Refunds)
{
    /// <summary>What the patient owes after credit (negative when the office owes the patient).</summary>
    public decimal PatientBalance => PatientDueOnVisits - UnappliedCredit;
}

public sealed record ReceiptApplication(DateOnly DateOfService, string ProcedureCode, decimal Amount);

/// <summary>Everything printed on a receipt. The remaining balance is the patient's balance as it stood once this payment was posted.</summary>
public sealed record ReceiptData(string PracticeName, string LocationName, string LocationAddress, string? LocationPhone, int PatientId, string PatientName, string Mrn,
    string ReceiptNumber, DateTime ReceivedAtLocal, decimal Amount, string Method, string? Reference, string Context, string ReceivedBy,
    IReadOnlyList<ReceiptApplication> AppliedTo, decimal HeldAsCredit, decimal RemainingBalance);

/// <summary>Reads accounts and receipts; each read of a patient's money is audited.</summary>
public sealed class PatientAccounts(MedOfficeDb db, PatientPayments payments, AuditTrail audit, TimeProvider time)
{
    public async Task<PatientAccount?> AccountAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }
        await payments.EnsureChargesAsync(patientId, actor, cancellationToken);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PatientId == patientId)
            .Select(e => new { e.ChargeLineId, e.Side, e.Amount }).ToListAsync(cancellationToken);
        var byLine = entries.Where(e => e.ChargeLineId != null).GroupBy(e => e.ChargeLineId!.Value)
            .ToDictionary(g => g.Key, g => LedgerBalance.Of(g.Select(e => (e.Side, e.Amount))));
        var openIds = byLine.Where(b => b.Value.InsuranceDue != 0 || b.Value.PatientDue != 0).Select(b => b.Key).ToList();
        var lines = await (
                from line in db.ChargeLines.AsNoTracking()
                join sheet in db.ChargeSheets.AsNoTracking() on line.ChargeSheetId equals sheet.Id
                where openIds.Contains(line.Id)
                select new { line.Id, line.ChargeSheetId, sheet.DateOfService, line.LineNumber, line.ProcedureCode, line.Amount })
            .ToListAsync(cancellationToken);
        var visits = lines.GroupBy(l => (l.ChargeSheetId, l.DateOfService)).OrderBy(g => g.Key.DateOfService).ThenBy(g => g.Key.ChargeSheetId)
            .Select(g => new AccountVisit(g.Key.ChargeSheetId, g.Key.DateOfService, g.OrderBy(l => l.LineNumber)
                .Select(l => new AccountLine(l.Id, l.LineNumber, l.ProcedureCode, l.Amount, byLine[l.Id].InsuranceDue, byLine[l.Id].PatientDue)).ToList()))
            .ToList();
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.TimeZoneId, cancellationToken);
        var paymentRows = await db.Payments.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.ReceivedAt).ToListAsync(cancellationToken);
        var paymentIds = paymentRows.Select(p => p.Id).ToList();
        var applied = (await db.LedgerEntries.AsNoTracking().Where(e => e.PaymentId != null && paymentIds.Contains(e.PaymentId.Value) && e.ChargeLineId != null)
                .Select(e => new { PaymentId = e.PaymentId!.Value, e.Amount }).ToListAsync(cancellationToken))
            .GroupBy(e => e.PaymentId).ToDictionary(g => g.Key, g => -g.Sum(e => e.Amount));
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PatientId == patientId).OrderByDescending(r => r.RefundedAt).ToListAsync(cancellationToken);
        var insurance = entries.Where(e => e.Side == LedgerSides.Insurance).Sum(e => e.Amount);
        var account = new PatientAccount(patientId, patient.DisplayName, patient.Mrn, insurance,
            entries.Where(e => e.Side == LedgerSides.Patient && e.ChargeLineId != null).Sum(e => e.Amount),
            -entries.Where(e => e.Side == LedgerSides.Patient && e.ChargeLineId == null).Sum(e => e.Amount),
            visits,
            paymentRows.Select(p => new AccountPayment(p.Id, p.ReceiptLabel, LocalTimes.ToLocal(p.ReceivedAt, zones[p.LocationId]), p.BusinessDate, p.Amount, p.Method,
                p.Reference, p.Context, p.ReceivedBy, applied.GetValueOrDefault(p.Id))).ToList(),
            refunds.Select(r => new AccountRefund(r.Id, LocalTimes.ToLocal(r.RefundedAt, zones[r.LocationId]), r.Amount, r.Method, r.Reference, r.Reason, r.RefundedBy)).ToList());
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: "patient account"), cancellationToken);
        return account;
    }

    public async Task<ReceiptData?> ReceiptAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return null;
        }
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == payment.PatientId, cancellationToken);
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == payment.LocationId, cancellationToken);
        var practice = await db.Organizations.AsNoTracking().Where(o => o.Id == location.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PaymentId == payment.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var lineIds = entries.Where(e => e.ChargeLineId != null).Select(e => e.ChargeLineId!.Value).ToList();
        var lines = await (
                from line in db.ChargeLines.AsNoTracking()
                join sheet in db.ChargeSheets.AsNoTracking() on line.ChargeSheetId equals sheet.Id
                where lineIds.Contains(line.Id)
                select new { line.Id, sheet.DateOfService, line.ProcedureCode })
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        // The balance right after this payment (credit applications move money between lines and credit, never change it):
        // reprinting later gives the same receipt.
        var lastId = entries.Count == 0 ? 0 : entries.Max(e => e.Id);
        var remaining = (await db.LedgerEntries.AsNoTracking().Where(e => e.PatientId == payment.PatientId && e.Side == LedgerSides.Patient && e.Id <= lastId)
            .Select(e => e.Amount).ToListAsync(cancellationToken)).Sum();
        return new ReceiptData(practice ?? "", location.Name, $"{location.AddressLine1}, {location.City}, {location.State} {location.PostalCode}", location.Phone,
            patient.Id, patient.DisplayName, patient.Mrn, payment.ReceiptLabel, LocalTimes.ToLocal(payment.ReceivedAt, location.TimeZoneId), payment.Amount, payment.Method,
            payment.Reference, payment.Context, payment.ReceivedBy,
            entries.Where(e => e.ChargeLineId != null).Select(e => new ReceiptApplication(lines[e.ChargeLineId!.Value].DateOfService, lines[e.ChargeLineId.Value].ProcedureCode, -e.Amount)).ToList(),
            -entries.Where(e => e.ChargeLineId == null).Sum(e => e.Amount), remaining);
    }

    /// <summary>The receipt as a PDF, audited as printed.</summary>
    public async Task<(byte[] Pdf, string ReceiptNumber)?> PrintReceiptAsync(int paymentId, Actor actor, CancellationToken cancellationToken = default)
    {
        var receipt = await ReceiptAsync(paymentId, cancellationToken);
        if (receipt is null)
        {
            return null;
        }
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Print, AuditCategories.Billing, receipt.PatientId, Detail: $"receipt {receipt.ReceiptNumber}"), cancellationToken);
        return (ReceiptPdf.Render(receipt, time), receipt.ReceiptNumber);
    }
}
