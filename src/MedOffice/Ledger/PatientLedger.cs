using MedOffice.Claims;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Ledger;

/// <summary>What is owed on a line, a claim or an account: by insurance and by the patient. Always a sum of entries.</summary>
public sealed record LedgerBalance(decimal InsuranceDue, decimal PatientDue)
{
    public static readonly LedgerBalance Zero = new(0m, 0m);

    public decimal Total => InsuranceDue + PatientDue;

    public static LedgerBalance Of(IEnumerable<(string Side, decimal Amount)> entries)
    {
        var (insurance, patient) = (0m, 0m);
        foreach (var (side, amount) in entries)
        {
            if (side == LedgerSides.Patient)
            {
                patient += amount;
            }
            else
            {
                insurance += amount;
            }
        }
        return new LedgerBalance(insurance, patient);
    }
}

/// <summary>
/// Appends to the patients' ledger and sums it. Nothing here saves: callers post inside their own transaction, so a
/// remittance (or, later, a payment) lands whole or not at all. Balances are never stored, only summed — exactly, in
/// decimal, on the client side because SQLite keeps decimals as text.
/// </summary>
public sealed class PatientLedger(MedOfficeDb db, TimeProvider time)
{
    /// <summary>Puts each line of the claim's charge sheet on the ledger once (key charge:{line}); later calls add nothing.</summary>
    public async Task EnsureChargesAsync(Claim claim, string postedBy, CancellationToken cancellationToken = default)
    {
        foreach (var entry in await NewChargesAsync([claim], postedBy, cancellationToken))
        {
            db.LedgerEntries.Add(entry);
        }
    }

    /// <summary>
    /// The Charge entries (key charge:{line}) the claims' lines still need, stamped but not added to the unit of work: the
    /// caller posts them, or writes them with BulkWrite. A query or two per thousand lines (an 835 posts tens of thousands).
    /// </summary>
    public async Task<List<LedgerEntry>> NewChargesAsync(IReadOnlyCollection<Claim> claims, string postedBy, CancellationToken cancellationToken = default)
    {
        var owners = new Dictionary<int, Claim>();
        foreach (var claim in claims)
        {
            foreach (var line in claim.Lines)
            {
                owners.TryAdd(line.ChargeLineId, claim);
            }
        }
        var present = db.LedgerEntries.Local.Where(e => e.Kind == LedgerKinds.Charge).Select(e => e.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var added = new List<LedgerEntry>();
        foreach (var chunk in owners.Keys.Chunk(1000))
        {
            var keys = chunk.Select(ChargeKey).ToList();
            present.UnionWith(await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).Select(e => e.IdempotencyKey).ToListAsync(cancellationToken));
            var lines = await db.ChargeLines.AsNoTracking().Where(l => chunk.Contains(l.Id)).Select(l => new { l.Id, l.Amount }).ToListAsync(cancellationToken);
            foreach (var line in lines.Where(l => !present.Contains(ChargeKey(l.Id)) && l.Amount > 0).OrderBy(l => l.Id))
            {
                var claim = owners[line.Id];
                added.Add(Stamp(new LedgerEntry
                {
                    PatientId = claim.PatientId, ChargeLineId = line.Id, ClaimId = claim.Id, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance,
                    Amount = line.Amount, IdempotencyKey = ChargeKey(line.Id), PostedBy = postedBy,
                }));
            }
        }
        return added;
    }

    /// <summary>
    /// Puts a released charge sheet's lines on the ledger once, before any claim is paid: each line's Charge (key charge:{line},
    /// the same key EnsureChargesAsync uses, so whichever comes first wins and the other adds nothing) on the insurance side.
    /// When the patient had no coverage in force on the date of service the visit is self-pay, and each charge is moved to
    /// the patient side at once by a TransferToPatient pair (keys selfpay:{line}:ins/pat). Nothing is saved here.
    /// Returns how many lines were added.
    /// </summary>
    public async Task<int> EnsureSheetChargesAsync(int chargeSheetId, string postedBy, CancellationToken cancellationToken = default)
    {
        var sheet = await db.ChargeSheets.AsNoTracking().Include(s => s.Lines)
            .FirstOrDefaultAsync(s => s.Id == chargeSheetId && s.Status == Billing.ChargeSheetStatuses.Released, cancellationToken);
        if (sheet is null)
        {
            return 0;
        }
        var keys = sheet.Lines.Select(l => ChargeKey(l.Id)).ToList();
        var present = await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).Select(e => e.IdempotencyKey).ToListAsync(cancellationToken);
        present.AddRange(db.LedgerEntries.Local.Select(e => e.IdempotencyKey));
        var missing = sheet.Lines.Where(l => !present.Contains(ChargeKey(l.Id)) && l.Amount > 0).OrderBy(l => l.LineNumber).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        var date = sheet.DateOfService;
        var selfPay = !await db.Coverages.AnyAsync(c => c.PatientId == sheet.PatientId && c.EffectiveOn <= date && (c.EndsOn == null || c.EndsOn >= date), cancellationToken);
        var claimId = await db.Claims.Where(c => c.ChargeSheetId == sheet.Id).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        foreach (var line in missing)
        {
            Post(new LedgerEntry
            {
                PatientId = sheet.PatientId, ChargeLineId = line.Id, ClaimId = claimId, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance,
                Amount = line.Amount, IdempotencyKey = ChargeKey(line.Id), PostedBy = postedBy,
            });
            if (selfPay)
            {
                Post(new LedgerEntry
                {
                    PatientId = sheet.PatientId, ChargeLineId = line.Id, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Insurance,
                    Amount = -line.Amount, IdempotencyKey = $"selfpay:{line.Id}:ins", PostedBy = postedBy,
                });
                Post(new LedgerEntry
                {
                    PatientId = sheet.PatientId, ChargeLineId = line.Id, Kind = LedgerKinds.TransferToPatient, Side = LedgerSides.Patient,
                    Amount = line.Amount, IdempotencyKey = $"selfpay:{line.Id}:pat", PostedBy = postedBy,
                });
            }
        }
        return missing.Count;
    }

    /// <summary>Adds an entry to the unit of work (stamped now); the caller's SaveChanges and commit make it real.</summary>
    public LedgerEntry Post(LedgerEntry entry)
    {
        db.LedgerEntries.Add(Stamp(entry));
        return entry;
    }

    /// <summary>Stamps an entry with the posting time without adding it to the unit of work (for BulkWrite).</summary>
    public LedgerEntry Stamp(LedgerEntry entry)
    {
        entry.PostedAt = time.GetUtcNow().UtcDateTime;
        return entry;
    }

    /// <summary>Reverses every entry of the claim (other than its charges) not reversed already; returns how many.</summary>
    public async Task<int> ReverseClaimAsync(int claimId, int? remittanceId, string keyPrefix, string postedBy, CancellationToken cancellationToken = default)
    {
        var open = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ClaimId == claimId && e.Kind != LedgerKinds.Charge && e.Kind != LedgerKinds.Reversal)
            .Where(e => !db.LedgerEntries.Any(r => r.ReversesEntryId == e.Id))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        foreach (var entry in open)
        {
            Post(ReversalOf(entry, remittanceId, $"{keyPrefix}:rev:{entry.Id}", postedBy));
        }
        return open.Count;
    }

    /// <summary>Reverses the Charge entries of these lines that are on the ledger and not reversed yet (their sheet was voided); returns how many.</summary>
    public async Task<int> ReverseChargesAsync(IReadOnlyCollection<int> chargeLineIds, string postedBy, CancellationToken cancellationToken = default)
    {
        var ids = chargeLineIds.Select(id => (int?)id).ToList();
        var open = await db.LedgerEntries.AsNoTracking()
            .Where(e => ids.Contains(e.ChargeLineId) && e.Kind == LedgerKinds.Charge)
            .Where(e => !db.LedgerEntries.Any(r => r.ReversesEntryId == e.Id))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        foreach (var entry in open)
        {
            Post(ReversalOf(entry, null, $"void:rev:{entry.Id}", postedBy));
        }
        return open.Count;
    }

    private static LedgerEntry ReversalOf(LedgerEntry entry, int? remittanceId, string key, string postedBy) => new()
    {
        PatientId = entry.PatientId, ChargeLineId = entry.ChargeLineId, ClaimId = entry.ClaimId, PayerId = entry.PayerId,
        Kind = LedgerKinds.Reversal, Side = entry.Side, Amount = -entry.Amount, GroupCode = entry.GroupCode, ReasonCode = entry.ReasonCode,
        RemittanceId = remittanceId, ReversesEntryId = entry.Id, IdempotencyKey = key, PostedBy = postedBy,
    };

    public Task<LedgerBalance> LineBalanceAsync(int chargeLineId, CancellationToken cancellationToken = default) =>
        SumAsync(db.LedgerEntries.Where(e => e.ChargeLineId == chargeLineId), cancellationToken);

    /// <summary>A claim's balance: everything on its lines (the charge, and every payer's postings on them).</summary>
    public Task<LedgerBalance> ClaimBalanceAsync(int claimId, CancellationToken cancellationToken = default) =>
        SumAsync(db.LedgerEntries.Where(e => db.ClaimLines.Any(l => l.ClaimId == claimId && l.ChargeLineId == e.ChargeLineId)), cancellationToken);

    public Task<LedgerBalance> PatientBalanceAsync(int patientId, CancellationToken cancellationToken = default) =>
        SumAsync(db.LedgerEntries.Where(e => e.PatientId == patientId), cancellationToken);

    private static async Task<LedgerBalance> SumAsync(IQueryable<LedgerEntry> entries, CancellationToken cancellationToken) =>
        LedgerBalance.Of((await entries.AsNoTracking().Select(e => new { e.Side, e.Amount }).ToListAsync(cancellationToken)).Select(e => (e.Side, e.Amount)));

    public static string ChargeKey(int chargeLineId) => $"charge:{chargeLineId}";
}
