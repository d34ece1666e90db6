using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Remittance;

public sealed record RemittanceRow(int Id, string FileName, string PayerName, string TraceNumber, DateOnly? PaymentDate, decimal PaymentAmount,
    decimal ProviderAdjustments, int Claims, int Posted, int Unmatched, DateTime ImportedAt);

public sealed record DenialLine(int ClaimId, string ClaimNumber, int PatientId, string PatientName, DateOnly DateOfService, int LineNumber,
    string Procedure, decimal Charge, decimal Paid, string GroupCode, string ReasonCode, decimal Amount);

/// <summary>Lines with one non-routine reason: the reason in words, what to do, and the lines.</summary>
public sealed record DenialGroup(string Reason, string NextAction, IReadOnlyList<DenialLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

public sealed class RemittanceQueries(MedOfficeDb db, AuditTrail audit)
{
    public async Task<List<RemittanceRow>> ListAsync(int take = 100, CancellationToken cancellationToken = default) =>
        await db.Remittances.AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new RemittanceRow(r.Id, r.FileName, r.PayerName, r.TraceNumber, r.PaymentDate, r.PaymentAmount, r.ProviderAdjustmentTotal,
                r.Claims.Count, r.Claims.Count(c => c.Outcome != RemittedClaimOutcomes.Unmatched), r.Claims.Count(c => c.Outcome == RemittedClaimOutcomes.Unmatched), r.ImportedAt))
            .ToListAsync(cancellationToken);

    /// <summary>One remittance with its claims and lines as posted; opening it is a read of those patients' money.</summary>
    public async Task<ReceivedRemittance?> FindAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var remittance = await db.Remittances.AsNoTracking().Include(r => r.Claims.OrderBy(c => c.Position)).ThenInclude(c => c.Lines)
            .Include(r => r.ProviderAdjustments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (remittance is null)
        {
            return null;
        }
        var claimIds = remittance.Claims.Where(c => c.ClaimId is not null).Select(c => c.ClaimId!.Value).ToList();
        var patients = await db.Claims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).Select(c => c.PatientId).Distinct().ToListAsync(cancellationToken);
        foreach (var patientId in patients)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: $"remittance {id}"), cancellationToken);
        }
        if (patients.Count == 0)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, Detail: $"remittance {id}"), cancellationToken);
        }
        return remittance;
    }

    /// <summary>
    /// The denials worklist: lines of adjudicated claims with a non-routine adjustment (denied or cut), grouped by reason
    /// in words with the next action — bill secondary when the patient has secondary coverage and the payer left OA.
    /// </summary>
    public async Task<List<DenialGroup>> DenialsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var rows = await (
            from adjustment in db.PayerAdjustments.AsNoTracking()
            join adjudication in db.PayerLineAdjudications on adjustment.PayerLineAdjudicationId equals adjudication.Id
            join line in db.ClaimLines on adjudication.ClaimLineId equals line.Id
            join claim in db.Claims on adjudication.ClaimId equals claim.Id
            join patient in db.Patients on claim.PatientId equals patient.Id
            where claim.Status == ClaimStatuses.Adjudicated
            select new
            {
                claim.Id, claim.ClaimNumber, claim.PatientId, patient.LegalFirstName, patient.LegalLastName, claim.DateOfService, claim.PayerSequence,
                line.LineNumber, line.ProcedureCode, line.Modifiers, line.Amount, adjudication.PaidAmount, adjustment.GroupCode, adjustment.ReasonCode, Adjusted = adjustment.Amount,
                HasSecondary = db.Claims.Any(s => s.ChargeSheetId == claim.ChargeSheetId && s.PayerSequence == "S" && s.Status != ClaimStatuses.Cancelled),
            }).ToListAsync(cancellationToken);
        var coverage = (await db.Coverages.AsNoTracking().Where(c => c.Priority == CoveragePriorities.Secondary).Select(c => new { c.PatientId, c.EffectiveOn, c.EndsOn })
            .ToListAsync(cancellationToken));
        var groups = rows.Where(r => !Denials.IsRoutine(r.GroupCode, r.ReasonCode))
            .Select(r =>
            {
                var secondary = r.PayerSequence == "P" && !r.HasSecondary
                    && coverage.Any(c => c.PatientId == r.PatientId && c.EffectiveOn <= r.DateOfService && (c.EndsOn is null || c.EndsOn >= r.DateOfService));
                return (Reason: Denials.InWords(r.GroupCode, r.ReasonCode), Action: Denials.NextAction(r.GroupCode, r.ReasonCode, secondary),
                    Line: new DenialLine(r.Id, r.ClaimNumber, r.PatientId, $"{r.LegalLastName}, {r.LegalFirstName}", r.DateOfService, r.LineNumber,
                        r.Modifiers.Length > 0 ? $"{r.ProcedureCode}-{r.Modifiers.Replace(':', '-')}" : r.ProcedureCode, r.Amount, r.PaidAmount, r.GroupCode, r.ReasonCode, r.Adjusted));
            })
            .GroupBy(x => (x.Reason, x.Action))
            .Select(g => new DenialGroup(g.Key.Reason, g.Key.Action, g.Select(x => x.Line).OrderBy(l => l.DateOfService).ThenBy(l => l.ClaimNumber).ToList()))
            .OrderByDescending(g => g.Lines.Count).ThenBy(g => g.Reason, StringComparer.Ordinal).ToList();
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, Detail: $"denials worklist ({groups.Sum(g => g.Lines.Count)} lines)"), cancellationToken);
        return groups;
    }
}
