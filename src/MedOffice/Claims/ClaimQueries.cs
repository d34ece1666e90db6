using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

public sealed record ClaimRow(int Id, string ClaimNumber, int PatientId, string PatientName, string PayerName, string PayerSequence, string Frequency,
    DateOnly DateOfService, decimal TotalCharge, string Status, string? StatusReason, int? BatchId);

public sealed record ClaimLineView(int Id, int LineNumber, string ProcedureCode, string Modifiers, decimal Units, decimal Amount, string DiagnosisPointers,
    decimal? Paid, string Adjustments);

public sealed record ClaimDetail(ClaimRow Claim, IReadOnlyList<string> Diagnoses, IReadOnlyList<ClaimLineView> Lines, IReadOnlyList<ClaimEvent> Events,
    IReadOnlyList<ScrubFinding> Findings, string? PayerClaimNumber, int ChargeSheetId);

/// <summary>What the billing office looks at: the worklist (claims waiting for a fix or rejected), claims by status, one claim in full.</summary>
public sealed class ClaimQueries(MedOfficeDb db, Scrubber scrubber, AuditTrail audit)
{
    public static readonly IReadOnlyList<string> WorklistStatuses = [ClaimStatuses.Open, ClaimStatuses.Rejected];

    public async Task<IReadOnlyList<ClaimRow>> ListAsync(IReadOnlyList<string> statuses, int limit = 200, CancellationToken cancellationToken = default) =>
        await Rows(db.Claims.Where(c => statuses.Contains(c.Status))).Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(CancellationToken cancellationToken = default) =>
        await db.Claims.AsNoTracking().GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    /// <summary>One claim in full, with the scrubber's current findings. Reading it is audited (it carries the patient's diagnoses).</summary>
    public async Task<ClaimDetail?> DetailAsync(int claimId, Actor actor, CancellationToken cancellationToken = default)
    {
        var row = await Rows(db.Claims.Where(c => c.Id == claimId)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var claim = await db.Claims.AsNoTracking().Include(c => c.Lines).FirstAsync(c => c.Id == claimId, cancellationToken);
        var diagnoses = await db.ChargeDiagnoses.AsNoTracking().Where(d => d.ChargeSheetId == claim.ChargeSheetId).OrderBy(d => d.Sequence)
            .Select(d => d.Code).ToListAsync(cancellationToken);
        var adjudications = await db.PayerLineAdjudications.AsNoTracking().Include(a => a.Adjustments).Where(a => a.ClaimId == claimId).ToListAsync(cancellationToken);
        var lines = claim.Lines.OrderBy(l => l.LineNumber).Select(l =>
        {
            var adjudication = adjudications.FirstOrDefault(a => a.ClaimLineId == l.Id);
            return new ClaimLineView(l.Id, l.LineNumber, l.ProcedureCode, l.Modifiers, l.Units, l.Amount, l.DiagnosisPointers, adjudication?.PaidAmount,
                adjudication is null ? "" : string.Join(", ", adjudication.Adjustments.Select(a => $"{a.GroupCode}-{a.ReasonCode} {a.Amount:0.00}")));
        }).ToList();
        var events = await db.ClaimEvents.AsNoTracking().Where(e => e.ClaimId == claimId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var findings = claim.Status is ClaimStatuses.Open or ClaimStatuses.Ready or ClaimStatuses.Rejected ? await scrubber.FindAsync(claim, cancellationToken) : [];
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, claim.PatientId, Detail: $"claim {claim.ClaimNumber}"), cancellationToken);
        return new ClaimDetail(row, diagnoses.Select(IcdCode.Format).ToList(), lines, events, findings, claim.PayerClaimNumber, claim.ChargeSheetId);
    }

    /// <summary>Claims as the lists show them: with the patient's name and the payer's, in date of service order.</summary>
    private IQueryable<ClaimRow> Rows(IQueryable<Claim> claims) =>
        from c in claims.AsNoTracking()
        join p in db.Patients on c.PatientId equals p.Id
        join y in db.Payers on c.PayerId equals y.Id
        orderby c.DateOfService, c.Id
        select new ClaimRow(c.Id, c.ClaimNumber, c.PatientId, p.LegalLastName + ", " + p.LegalFirstName, y.Name, c.PayerSequence, c.Frequency,
            c.DateOfService, c.TotalCharge, c.Status, c.StatusReason, c.BatchId);
}
