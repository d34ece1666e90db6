using MedOffice.Practice;
using System.Globalization;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Patients;
using MedOffice.Security;
using MedOffice.X12.Remittance;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Remittance;

/// <summary>
/// Posts one CLP of an 835 to the claim it matches: ledger entries per line (payment negative; CO/PI/CR written off; PR moved
/// to the patient), the adjudication rows a secondary claim's COB loops are built from, the claim's status and the payer's
/// claim number. When the patient has secondary coverage on the date of service, PR and OA stay on the insurance side and
/// the secondary claim is made once every line is adjudicated. Nothing is saved here; the import saves and commits.
/// </summary>
/// <summary>One CLP to post: its place in the transaction, its posting key, and its row from an earlier import of the same file, if any.</summary>
public sealed record ClaimToPost(RemittanceClaim Clp, int Position, string Key, RemittedClaim? Existing);

public sealed class RemittancePosting(MedOfficeDb db, PatientLedger ledger, ClaimMaker maker, TimeProvider time)
{
    private sealed record LineMatch(ClaimLine? Line, RemittanceServiceLine? Service, decimal Charge, decimal Paid, IReadOnlyList<ClaimAdjustment> Adjustments, string Procedure);

    /// <summary>
    /// The rows a run adds — about twenty per claim — kept out of the change tracker (whose bookkeeping cost more than the
    /// writes) and written by BulkWrite, parents first so the children get their keys.
    /// </summary>
    private sealed class NewRows
    {
        public List<RemittedClaim> Claims { get; } = [];
        public List<LedgerEntry> Ledger { get; } = [];
        public List<PayerLineAdjudication> Adjudications { get; } = [];
        public List<ClaimEvent> Events { get; } = [];
        /// <summary>Claims whose status, reason or payer claim number posting changed (read untracked).</summary>
        public List<Claim> Changed { get; } = [];

        public async Task WriteAsync(MedOfficeDb db, CancellationToken cancellationToken)
        {
            await BulkWrite.InsertAsync(db, Claims, cancellationToken);
            var lines = new List<RemittedLine>();
            foreach (var claim in Claims)
            {
                claim.Lines.ForEach(l => l.RemittedClaimId = claim.Id);
                lines.AddRange(claim.Lines);
            }
            await BulkWrite.InsertAsync(db, lines, cancellationToken);
            await BulkWrite.InsertAsync(db, Ledger, cancellationToken);
            await BulkWrite.InsertAsync(db, Adjudications, cancellationToken);
            var adjustments = new List<PayerAdjustment>();
            foreach (var adjudication in Adjudications)
            {
                adjudication.Adjustments.ForEach(a => a.PayerLineAdjudicationId = adjudication.Id);
                adjustments.AddRange(adjudication.Adjustments);
            }
            await BulkWrite.InsertAsync(db, adjustments, cancellationToken);
            await BulkWrite.InsertAsync(db, Events, cancellationToken);
            await BulkWrite.UpdateAsync(db, Changed,
                [nameof(Claim.Status), nameof(Claim.StatusReason), nameof(Claim.UpdatedAt), nameof(Claim.PayerClaimNumber)], cancellationToken);
            Claims.Clear();
            Events.Clear();
            Changed.Clear();
            Ledger.Clear();
            Adjudications.Clear();
        }
    }

    /// <summary>
    /// Posts a run of CLPs (no claim twice in one run, so each sees the others' effects only through the database): what
    /// they need is read in a few set-based queries, the postings are made in memory and saved together, then let go of
    /// so the unit of work stays small however large the file. Runs inside the import's transaction.
    /// </summary>
    public async Task PostAsync(ReceivedRemittance remittance, RemittanceAdvice advice, IReadOnlyList<ClaimToPost> run, Actor actor, Tally tally,
        CancellationToken cancellationToken)
    {
        var keys = run.Select(r => r.Key).ToList();
        var postedBefore = (await db.RemittedClaims.AsNoTracking().Where(c => c.PostingKey != null && keys.Contains(c.PostingKey))
            .Select(c => c.PostingKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var numbers = run.Where(r => !postedBefore.Contains(r.Key)).Select(r => r.Clp.PatientControlNumber).Distinct().ToList();
        var claims = (await db.Claims.AsNoTracking().Include(c => c.Lines).Where(c => numbers.Contains(c.ClaimNumber)).ToListAsync(cancellationToken))
            .ToDictionary(c => c.ClaimNumber, StringComparer.Ordinal);
        var claimIds = claims.Values.Select(c => c.Id).ToList();
        var adjudicated = (await db.PayerLineAdjudications.AsNoTracking().Where(a => claimIds.Contains(a.ClaimId)).Select(a => new { a.ClaimId, a.ClaimLineId })
            .ToListAsync(cancellationToken)).ToLookup(a => a.ClaimId, a => a.ClaimLineId);
        var patientIds = claims.Values.Where(c => c.PayerSequence == "P").Select(c => c.PatientId).Distinct().ToList();
        var secondaries = (await db.Coverages.AsNoTracking().Where(c => patientIds.Contains(c.PatientId) && c.Priority == CoveragePriorities.Secondary)
            .ToListAsync(cancellationToken)).ToLookup(c => c.PatientId);

        var postedBy = RemittanceImport.Limit(actor.UserName, 64);
        var rows = new NewRows();
        var plans = new List<(ClaimToPost Item, RemittedClaim Record, Claim Claim, List<LineMatch>? Matches, IReadOnlyList<int> Already)>();
        foreach (var item in run)
        {
            var clp = item.Clp;
            if (postedBefore.Contains(item.Key))
            {
                tally.AlreadyPosted++;
                tally.Matched++;
                continue;
            }
            var record = item.Existing;
            if (record is null)
            {
                record = new RemittedClaim
                {
                    RemittanceId = remittance.Id, Position = item.Position, PatientControlNumber = RemittanceImport.Limit(clp.PatientControlNumber, 38),
                    StatusCode = RemittanceImport.Limit(clp.StatusCode, 2), ChargeAmount = clp.ChargeAmount, PaidAmount = clp.PaidAmount,
                    PatientResponsibility = clp.PatientResponsibility ?? 0m,
                    PayerClaimNumber = clp.PayerClaimControlNumber is null ? null : RemittanceImport.Limit(clp.PayerClaimControlNumber, 50),
                    Outcome = RemittedClaimOutcomes.Unmatched,
                };
                rows.Claims.Add(record);
            }
            else if (db.Entry(record).State == EntityState.Detached)
            {
                db.RemittedClaims.Attach(record);
            }
            var claim = claims.GetValueOrDefault(clp.PatientControlNumber);
            var problem = claim is null ? $"no claim of ours has number {clp.PatientControlNumber}" : null;
            List<LineMatch>? matches = null;
            var already = claim is null ? [] : adjudicated[claim.Id].ToList();
            if (claim is not null && !clp.IsReversal)
            {
                (matches, problem) = MatchLines(claim, clp, already);
            }
            if (problem is not null)
            {
                record.Outcome = RemittedClaimOutcomes.Unmatched;
                record.Note = RemittanceImport.Limit($"Not posted: {problem}.", 1000);
                tally.Unmatched.Add($"{clp.PatientControlNumber} ({MoneyText.Plain(clp.PaidAmount)}): {problem}");
                continue;
            }
            plans.Add((item, record, claim!, matches, already));
        }
        rows.Ledger.AddRange(await ledger.NewChargesAsync(plans.Where(p => !p.Item.Clp.IsReversal).Select(p => p.Claim).ToList(), postedBy, cancellationToken));
        foreach (var (item, record, claim, matches, already) in plans)
        {
            var holdForSecondary = claim.PayerSequence == "P" && secondaries[claim.PatientId].Any(c => c.IsActiveOn(claim.DateOfService));
            await PostClaimAsync(remittance, advice, item.Clp, item.Key, record, claim, matches, already.Count, holdForSecondary, postedBy, tally, rows, cancellationToken);
        }
        await rows.WriteAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Let go of what this run tracked (and only that: the caller may track its own rows), so the next run starts small.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Unchanged && e.Entity is LedgerEntry or RemittedClaim or RemittedLine).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task PostClaimAsync(ReceivedRemittance remittance, RemittanceAdvice advice, RemittanceClaim clp, string key, RemittedClaim record, Claim claim,
        List<LineMatch>? matches, int alreadyAdjudicated, bool holdForSecondary, string postedBy, Tally tally, NewRows rows, CancellationToken cancellationToken)
    {
        tally.Matched++;
        tally.Patients.Add(claim.PatientId);
        record.ClaimId = claim.Id;
        rows.Changed.Add(claim);
        record.PostingKey = key;
        if (clp.PayerClaimControlNumber is { Length: > 0 } payerNumber)
        {
            claim.PayerClaimNumber = RemittanceImport.Limit(payerNumber, 50);
        }
        if (clp.IsReversal)
        {
            var reversed = await ledger.ReverseClaimAsync(claim.Id, remittance.Id, key, postedBy, cancellationToken);
            await db.PayerAdjustments.Where(a => db.PayerLineAdjudications.Any(p => p.Id == a.PayerLineAdjudicationId && p.ClaimId == claim.Id))
                .ExecuteDeleteAsync(cancellationToken);
            await db.PayerLineAdjudications.Where(a => a.ClaimId == claim.Id).ExecuteDeleteAsync(cancellationToken);
            rows.Events.Add(maker.Transition(claim, ClaimStatuses.Accepted, "835",
                $"The payer reversed its earlier payment (check {remittance.TraceNumber}); {reversed} postings undone — a corrected payment should follow."));
            record.Outcome = RemittedClaimOutcomes.Reversed;
            record.Note = $"Reversal: {reversed} earlier postings reversed.";
            tally.Reversed++;
            return;
        }

        var adjudicatedOn = advice.PaymentDate ?? await OfficeDay.TodayAsync(db, time, cancellationToken);
        for (var i = 0; i < matches!.Count; i++)
        {
            var match = matches[i];
            PostLine(claim, match, remittance, $"{key}:{i}", holdForSecondary, postedBy, rows);
            if (match.Line is not null)
            {
                rows.Adjudications.Add(new PayerLineAdjudication
                {
                    ClaimId = claim.Id, ClaimLineId = match.Line.Id, PaidAmount = match.Paid, AdjudicatedOn = adjudicatedOn, Source = "835",
                    Adjustments = match.Adjustments.Where(a => a.Amount != 0).Select(a => new PayerAdjustment
                    {
                        GroupCode = a.Group, ReasonCode = RemittanceImport.Limit(a.ReasonCode, 5), Amount = a.Amount, Quantity = a.Quantity,
                    }).ToList(),
                });
            }
            record.Lines.Add(new RemittedLine
            {
                ClaimLineId = match.Line?.Id, Procedure = RemittanceImport.Limit(match.Procedure, 60), ChargeAmount = match.Charge, PaidAmount = match.Paid,
                AllowedAmount = match.Service?.AllowedAmount,
                Adjustments = RemittanceImport.Limit(string.Join("; ", match.Adjustments.Select(a => $"{a.Group}-{a.ReasonCode} {MoneyText.Plain(a.Amount)}")), 400),
                RemarkCodes = RemittanceImport.Limit(string.Join(" ", match.Service?.RemarkCodes ?? clp.RemarkCodes), 200),
            });
        }
        record.Outcome = RemittedClaimOutcomes.Posted;
        var adjusted = clp.AllAdjustments.Any(a => a.Amount != 0);
        var denied = clp.IsDenied || clp.PaidAmount == 0;
        tally.Paid += clp.PaidAmount > 0 ? 1 : 0;
        tally.Adjusted += adjusted ? 1 : 0;
        tally.Denied += denied ? 1 : 0;
        record.Note = denied ? "Denied." : clp.PaidAmount < clp.ChargeAmount ? "Partly paid." : "Paid in full.";

        var adjudicatedLines = alreadyAdjudicated + matches.Count(m => m.Line is not null);
        var what = denied ? "Denied" : clp.PaidAmount < clp.ChargeAmount ? "Partly paid" : "Paid";
        var reasons = string.Join(", ", clp.AllAdjustments.Where(a => a.Group != "PR" && a.ReasonCode != "45").Select(a => $"{a.Group}-{a.ReasonCode} {a.ReasonDescription}").Distinct().Take(3));
        var reason = $"{what}: {MoneyText.Plain(clp.PaidAmount)} of {MoneyText.Plain(clp.ChargeAmount)} (835, check {remittance.TraceNumber}){(reasons.Length > 0 ? " — " + reasons : "")}.";
        if (adjudicatedLines >= claim.Lines.Count)
        {
            rows.Events.Add(maker.Transition(claim, ClaimStatuses.Adjudicated, "835", reason));
            if (holdForSecondary)
            {
                // The secondary claim is built from the saved adjudications.
                await rows.WriteAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                var secondary = await maker.MakeSecondaryAsync(claim.Id, cancellationToken);
                if (secondary.Succeeded)
                {
                    tally.Secondary.Add(secondary.Value!.ClaimNumber);
                }
                else
                {
                    // Nothing left for the secondary: whatever PR/OA was held belongs to the patient after all.
                    ReleaseHeldToPatient(claim, matches, remittance, key, postedBy, rows);
                }
            }
            else if (claim.PayerSequence == "S")
            {
                await SettleAfterSecondaryAsync(claim, remittance, key, postedBy, rows, cancellationToken);
            }
        }
        else
        {
            claim.StatusReason = RemittanceImport.Limit($"{adjudicatedLines} of {claim.Lines.Count} lines adjudicated so far. {reason}", 1000);
            claim.UpdatedAt = time.GetUtcNow().UtcDateTime;
        }
    }

    private void PostLine(Claim claim, LineMatch match, ReceivedRemittance remittance, string key, bool holdForSecondary, string postedBy, NewRows rows)
    {
        var chargeLineId = match.Line?.ChargeLineId;
        void Post(string kind, string side, decimal amount, string suffix, ClaimAdjustment? adjustment = null) => rows.Ledger.Add(ledger.Stamp(new()
        {
            PatientId = claim.PatientId, ChargeLineId = chargeLineId, ClaimId = claim.Id, PayerId = claim.PayerId, Kind = kind, Side = side, Amount = amount,
            GroupCode = adjustment?.Group, ReasonCode = adjustment is null ? null : RemittanceImport.Limit(adjustment.ReasonCode, 5),
            RemittanceId = remittance.Id, IdempotencyKey = $"{key}:{suffix}", PostedBy = postedBy,
        }));
        if (match.Paid != 0)
        {
            Post(LedgerKinds.InsurancePayment, LedgerSides.Insurance, -match.Paid, "pay");
        }
        for (var j = 0; j < match.Adjustments.Count; j++)
        {
            var adjustment = match.Adjustments[j];
            // OA-23 is the earlier payer's adjudication restated on a secondary's 835: it was posted when that payer paid.
            if (adjustment.Amount == 0 || (adjustment.Group == "OA" && adjustment.ReasonCode == "23"))
            {
                continue;
            }
            switch (adjustment.Group)
            {
                case "PR" when !holdForSecondary:
                    Post(LedgerKinds.TransferToPatient, LedgerSides.Insurance, -adjustment.Amount, $"{j}:ins", adjustment);
                    Post(LedgerKinds.TransferToPatient, LedgerSides.Patient, adjustment.Amount, $"{j}:pat", adjustment);
                    break;
                case "OA" when !holdForSecondary:
                    Post(LedgerKinds.OtherAdjustment, LedgerSides.Insurance, -adjustment.Amount, $"{j}:adj", adjustment);
                    break;
                case "PR" or "OA":
                    break;
                default:
                    Post(LedgerKinds.ContractualAdjustment, LedgerSides.Insurance, -adjustment.Amount, $"{j}:adj", adjustment);
                    break;
            }
        }
    }

    /// <summary>
    /// The secondary has now adjudicated every line, and no third payer is billed: whatever is still on the insurance side of
    /// a line is settled here. That is the PR/OA the primary held for the secondary, less what the secondary paid, moved (PR)
    /// or wrote off (CO) — e.g. all of it when the secondary denies and only restates the primary (OA-23). The patient gets
    /// up to what the primary called patient responsibility (the secondary's money goes to that first); then up to the primary's
    /// OA is written off, as it would have been without a secondary. Anything beyond both is not explained by the remittances
    /// and stays on the insurance side, in A/R, for a person to look at. Keys per posting and line: a re-import adds nothing.
    /// </summary>
    private async Task SettleAfterSecondaryAsync(Claim claim, ReceivedRemittance remittance, string key, string postedBy, NewRows rows,
        CancellationToken cancellationToken)
    {
        await rows.WriteAsync(db, cancellationToken);
        var lineIds = claim.Lines.Select(l => (int?)l.ChargeLineId).ToList();
        var open = (await db.LedgerEntries.AsNoTracking().Where(e => lineIds.Contains(e.ChargeLineId) && e.Side == LedgerSides.Insurance)
                .Select(e => new { Line = e.ChargeLineId!.Value, e.Amount }).ToListAsync(cancellationToken))
            .GroupBy(e => e.Line).Select(g => (Line: g.Key, Due: g.Sum(e => e.Amount))).Where(g => g.Due > 0).OrderBy(g => g.Line).ToList();
        if (open.Count == 0)
        {
            return;
        }
        var chargeLines = open.Select(o => o.Line).ToList();
        var held = (await (
                from adjudication in db.PayerLineAdjudications.AsNoTracking()
                join line in db.ClaimLines on adjudication.ClaimLineId equals line.Id
                join primary in db.Claims on adjudication.ClaimId equals primary.Id
                where primary.ChargeSheetId == claim.ChargeSheetId && primary.PayerSequence == "P" && chargeLines.Contains(line.ChargeLineId)
                from adjustment in adjudication.Adjustments
                where adjustment.GroupCode == "PR" || (adjustment.GroupCode == "OA" && adjustment.ReasonCode != "23")
                select new { line.ChargeLineId, adjustment.GroupCode, adjustment.Amount }).ToListAsync(cancellationToken))
            .ToLookup(x => (x.ChargeLineId, x.GroupCode), x => x.Amount);
        foreach (var (line, due) in open)
        {
            var toPatient = Math.Min(due, Math.Max(0m, held[(line, "PR")].Sum()));
            var writeOff = Math.Min(due - toPatient, Math.Max(0m, held[(line, "OA")].Sum()));
            LedgerEntry Entry(string kind, string side, decimal amount, string suffix) => ledger.Stamp(new LedgerEntry
            {
                PatientId = claim.PatientId, ChargeLineId = line, ClaimId = claim.Id, PayerId = claim.PayerId, Kind = kind, Side = side, Amount = amount,
                RemittanceId = remittance.Id, IdempotencyKey = $"{key}:settle:{line}:{suffix}", PostedBy = postedBy,
            });
            if (toPatient > 0)
            {
                rows.Ledger.Add(Entry(LedgerKinds.TransferToPatient, LedgerSides.Insurance, -toPatient, "ins"));
                rows.Ledger.Add(Entry(LedgerKinds.TransferToPatient, LedgerSides.Patient, toPatient, "pat"));
            }
            if (writeOff > 0)
            {
                rows.Ledger.Add(Entry(LedgerKinds.OtherAdjustment, LedgerSides.Insurance, -writeOff, "adj"));
            }
        }
    }

    private void ReleaseHeldToPatient(Claim claim, List<LineMatch> matches, ReceivedRemittance remittance, string key, string postedBy, NewRows rows)
    {
        for (var i = 0; i < matches.Count; i++)
        {
            var held = matches[i] with { Paid = 0m, Adjustments = matches[i].Adjustments.Where(a => a.Group is "PR" or "OA").ToList() };
            PostLine(claim, held, remittance, $"{key}:{i}:held", holdForSecondary: false, postedBy, rows);
        }
    }

    /// <summary>
    /// SVC lines match ours by REF*6R (the charge line id our 837P sent), else by procedure, modifiers and charge. A CLP
    /// without SVC lines is taken as the whole claim when the claim has one line; claim-level CAS and any payment not on a
    /// line are posted to the claim without a line, so the claim still sums to what the payer said.
    /// </summary>
    private static (List<LineMatch>?, string?) MatchLines(Claim claim, RemittanceClaim clp, List<int> already)
    {
        var open = claim.Lines.Where(l => !already.Contains(l.Id)).OrderBy(l => l.LineNumber).ToList();
        var matches = new List<LineMatch>();
        if (clp.ServiceLines.Count == 0)
        {
            if (claim.Lines.Count != 1 || open.Count != 1)
            {
                return (null, "the payer sent no service lines and the claim has several (or they are already adjudicated)");
            }
            matches.Add(new LineMatch(open[0], null, clp.ChargeAmount, clp.PaidAmount, clp.Adjustments, open[0].ProcedureCode));
            return (matches, null);
        }
        for (var i = 0; i < clp.ServiceLines.Count; i++)
        {
            var service = clp.ServiceLines[i];
            var line = int.TryParse(service.LineItemControlNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var chargeLineId)
                ? open.FirstOrDefault(l => l.ChargeLineId == chargeLineId)
                : null;
            line ??= open.FirstOrDefault(l => (l.ProcedureCode == service.ProcedureCode || l.ProcedureCode == service.SubmittedProcedureCode)
                && l.Modifiers == string.Join(":", service.Modifiers) && l.Amount == service.ChargeAmount);
            if (line is null)
            {
                return (null, already.Count > 0 && claim.Lines.Any(l => already.Contains(l.Id) && l.ProcedureCode == service.ProcedureCode)
                    ? $"line {i + 1} ({service.Procedure}) was already adjudicated by an earlier remittance — a reversal must come first"
                    : $"line {i + 1} ({service.Procedure} {MoneyText.Plain(service.ChargeAmount)}) matches no line of claim {claim.ClaimNumber}");
            }
            open.Remove(line);
            matches.Add(new LineMatch(line, service, service.ChargeAmount, service.PaidAmount, service.Adjustments, service.Procedure));
        }
        var unassignedPaid = clp.PaidAmount - clp.ServiceLines.Sum(s => s.PaidAmount);
        if (clp.Adjustments.Count > 0 || unassignedPaid != 0)
        {
            matches.Add(new LineMatch(null, null, 0m, unassignedPaid, clp.Adjustments, "claim level"));
        }
        return (matches, null);
    }
}
