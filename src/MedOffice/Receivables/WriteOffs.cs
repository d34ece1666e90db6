using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Receivables;

/// <summary>What a biller asks to write off: a visit's (or one line's) balance on one side, how much and why.</summary>
public sealed record WriteOffInput(int ChargeSheetId, int? ChargeLineId, string? Side, decimal? Amount, string? Reason, string? ReasonText);

/// <summary>A request as the write-offs page lists it.</summary>
public sealed record WriteOffRow(int Id, int PatientId, string PatientName, int ChargeSheetId, DateOnly DateOfService, int? ChargeLineId, string? Procedure,
    string Side, decimal Amount, string Reason, string ReasonInWords, string? ReasonText, string Status, string RequestedBy, DateTime RequestedAt,
    string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int? CollectionsReferralId);

/// <summary>
/// Write-offs with four eyes: the billing office asks (amount at most the balance of that side now), and a DIFFERENT user
/// holding the office manager role approves — posting negative WriteOff entries on the lines of that side, in one
/// transaction, keyed by the request so nothing posts twice — or rejects with a note. Approval is refused, naming both
/// amounts, when the balance has fallen below the request since it was made.
/// </summary>
public sealed class WriteOffs(MedOfficeDb db, AgingQueries aging, PatientLedger ledger, AuditTrail audit, TimeProvider time)
{
    public async Task<Result<WriteOffRequest>> RequestAsync(WriteOffInput input, Actor actor, int? collectionsReferralId = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var sheet = await db.ChargeSheets.AsNoTracking().Where(s => s.Id == input.ChargeSheetId).Select(s => new { s.Id, s.PatientId }).FirstOrDefaultAsync(cancellationToken);
        if (sheet is null)
        {
            return Result<WriteOffRequest>.Fail(nameof(input.ChargeSheetId), $"There is no visit (charge sheet) {input.ChargeSheetId}.");
        }
        if (input.Side is not (LedgerSides.Insurance or LedgerSides.Patient))
        {
            errors.Add(new FieldError(nameof(input.Side), "Choose the side to write off: Insurance or Patient."));
        }
        if (input.Reason is null || !WriteOffReasons.All.Contains(input.Reason))
        {
            errors.Add(new FieldError(nameof(input.Reason), $"Choose a reason: {string.Join(", ", WriteOffReasons.All)}."));
        }
        var text = string.IsNullOrWhiteSpace(input.ReasonText) ? null : input.ReasonText.Trim();
        if (input.Reason == WriteOffReasons.Other && text is null)
        {
            errors.Add(new FieldError(nameof(input.ReasonText), "Say in words why, when the reason is Other."));
        }
        if (text is { Length: > 500 })
        {
            errors.Add(new FieldError(nameof(input.ReasonText), "Keep the reason to 500 characters."));
        }
        if (input.Amount is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            errors.Add(new FieldError(nameof(input.Amount), "Enter an amount above zero in dollars and cents."));
        }
        var lines = await aging.VisitLinesAsync(sheet.Id, cancellationToken);
        if (input.ChargeLineId is { } lineId && lines.All(l => l.ChargeLineId != lineId))
        {
            errors.Add(new FieldError(nameof(input.ChargeLineId), $"Line {lineId} is not a line of visit {sheet.Id} with anything on the account."));
        }
        if (errors.Count > 0)
        {
            return Result<WriteOffRequest>.Fail(errors);
        }
        var balance = Balance(lines, input.ChargeLineId, input.Side!);
        if (input.Amount > balance)
        {
            return Result<WriteOffRequest>.Fail(nameof(input.Amount),
                $"The {input.Side!.ToLowerInvariant()} balance {Scope(input.ChargeLineId, sheet.Id)} is {MoneyText.Plain(balance)}: {MoneyText.Plain(input.Amount!.Value)} cannot be written off.");
        }
        var request = new WriteOffRequest
        {
            PatientId = sheet.PatientId, ChargeSheetId = sheet.Id, ChargeLineId = input.ChargeLineId, Side = input.Side!, Amount = input.Amount!.Value,
            Reason = input.Reason!, ReasonText = text, RequestedByUserId = actor.UserId, RequestedBy = actor.UserName.Limit(64),
            RequestedAt = time.GetUtcNow().UtcDateTime, CollectionsReferralId = collectionsReferralId,
        };
        db.WriteOffRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, sheet.PatientId,
            Detail: $"write-off request {request.Id}: {request.Side} {MoneyText.Plain(request.Amount)} {Scope(request.ChargeLineId, sheet.Id)} ({WriteOffReasons.Describe(request.Reason)})"), cancellationToken);
        return Result<WriteOffRequest>.Ok(request);
    }

    /// <summary>Posts the write-off (null when there is no such request).</summary>
    public async Task<Result<WriteOffRequest>?> ApproveAsync(int id, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.WriteOffRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        if ((await RefuseDeciderAsync(request, actor, "approve", cancellationToken) ?? await ClaimAsync(request, cancellationToken)) is { } refused)
        {
            return refused;
        }
        var lines = await aging.VisitLinesAsync(request.ChargeSheetId, cancellationToken);
        var balance = Balance(lines, request.ChargeLineId, request.Side);
        if (balance < request.Amount)
        {
            return Result<WriteOffRequest>.Fail(nameof(request.Amount),
                $"The {request.Side.ToLowerInvariant()} balance {Scope(request.ChargeLineId, request.ChargeSheetId)} is now {MoneyText.Plain(balance)}, below the {MoneyText.Plain(request.Amount)} requested: reject this request and ask again for what is owed.");
        }
        Post(request, lines, actor.UserName.Limit(64));
        Decide(request, WriteOffStatuses.Approved, note, actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, request.PatientId,
            Detail: $"approved write-off request {request.Id}: {request.Side} {MoneyText.Plain(request.Amount)} posted"), cancellationToken);
        return Result<WriteOffRequest>.Ok(request);
    }

    public async Task<Result<WriteOffRequest>?> RejectAsync(int id, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        var request = await db.WriteOffRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return Result<WriteOffRequest>.Fail("Note", "Say why the write-off is rejected.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if ((await RefuseDeciderAsync(request, actor, "reject", cancellationToken) ?? await ClaimAsync(request, cancellationToken)) is { } refused)
        {
            return refused;
        }
        Decide(request, WriteOffStatuses.Rejected, note, actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, request.PatientId,
            Detail: $"rejected write-off request {request.Id}: {request.DecisionNote}"), cancellationToken);
        return Result<WriteOffRequest>.Ok(request);
    }

    /// <summary>Pending requests (oldest first) and then the latest decided ones; a read of those patients' accounts.</summary>
    public async Task<(List<WriteOffRow> Pending, List<WriteOffRow> Decided)> ListAsync(Actor actor, int history = 200, CancellationToken cancellationToken = default)
    {
        var rows = await (
            from r in db.WriteOffRequests.AsNoTracking()
            join s in db.ChargeSheets on r.ChargeSheetId equals s.Id
            join p in db.Patients on r.PatientId equals p.Id
            select new { r, s.DateOfService, p.LegalLastName, p.LegalFirstName, Procedure = db.ChargeLines.Where(l => l.Id == r.ChargeLineId).Select(l => l.ProcedureCode).FirstOrDefault() })
            .Where(x => x.r.Status == WriteOffStatuses.Pending || db.WriteOffRequests.Where(d => d.Status != WriteOffStatuses.Pending).OrderByDescending(d => d.Id).Take(history).Any(d => d.Id == x.r.Id))
            .ToListAsync(cancellationToken);
        var list = rows.Select(x => new WriteOffRow(x.r.Id, x.r.PatientId, $"{x.LegalLastName}, {x.LegalFirstName}", x.r.ChargeSheetId, x.DateOfService, x.r.ChargeLineId,
            x.Procedure, x.r.Side, x.r.Amount, x.r.Reason, WriteOffReasons.Describe(x.r.Reason), x.r.ReasonText, x.r.Status, x.r.RequestedBy, x.r.RequestedAt,
            x.r.DecidedBy, x.r.DecidedAt, x.r.DecisionNote, x.r.CollectionsReferralId)).ToList();
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing, Detail: $"write-off requests ({list.Count})"), cancellationToken);
        return (list.Where(r => r.Status == WriteOffStatuses.Pending).OrderBy(r => r.Id).ToList(),
            list.Where(r => r.Status != WriteOffStatuses.Pending).OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id).ToList());
    }

    /// <summary>Posts the request's amount as WriteOff entries on the lines of its side that owe something, in line order.</summary>
    private void Post(WriteOffRequest request, IEnumerable<AgingLine> lines, string postedBy)
    {
        var left = request.Amount;
        foreach (var line in lines.Where(l => request.ChargeLineId is null || l.ChargeLineId == request.ChargeLineId))
        {
            var due = request.Side == LedgerSides.Insurance ? line.InsuranceDue : line.PatientDue;
            if (left <= 0 || due <= 0)
            {
                continue;
            }
            if (!line.OnLedger && request.Side == LedgerSides.Insurance)
            {
                // The released charge has not reached the ledger yet: it must be there before anything is written off it.
                ledger.Post(new LedgerEntry
                {
                    PatientId = line.PatientId, ChargeLineId = line.ChargeLineId, ClaimId = line.ClaimId, Kind = LedgerKinds.Charge, Side = LedgerSides.Insurance,
                    Amount = line.Charge, IdempotencyKey = PatientLedger.ChargeKey(line.ChargeLineId!.Value), PostedBy = postedBy,
                });
            }
            var amount = Math.Min(left, due);
            ledger.Post(new LedgerEntry
            {
                PatientId = line.PatientId, ChargeLineId = line.ChargeLineId, ClaimId = line.ClaimId, PayerId = request.Side == LedgerSides.Insurance ? line.PayerId : null,
                Kind = LedgerKinds.WriteOff, Side = request.Side, Amount = -amount, WriteOffRequestId = request.Id,
                IdempotencyKey = $"writeoff:{request.Id}:{line.ChargeLineId}", PostedBy = postedBy,
            });
            left -= amount;
        }
    }

    /// <summary>
    /// The small-balance sweep an office manager runs: every visit whose patient side owes more than zero and at most the
    /// threshold (0.01–25.00) is written off at once, each as a request recorded as asked and approved by the system (the
    /// manager who ran it named in the note). Visits with a write-off already pending are left alone. Returns how many.
    /// </summary>
    public async Task<Result<int>> WriteOffSmallBalancesAsync(decimal? threshold, Actor actor, CancellationToken cancellationToken = default)
    {
        if (threshold is not { } limit || limit <= 0 || limit > 25m || decimal.Round(limit, 2) != limit)
        {
            return Result<int>.Fail("Threshold", "Enter a threshold from 0.01 to 25.00.");
        }
        if (!(actor.UserId is { } userId && await db.UserRoles.AnyAsync(r => r.UserId == userId && r.Role == Roles.OfficeManager, cancellationToken)))
        {
            return Result<int>.Fail("DecidedBy", "Only an office manager can write off small balances.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var today = await aging.AsOfAsync(null, cancellationToken);
        var snapshot = await aging.SnapshotAsync(today, cutoff: null, cancellationToken: cancellationToken);
        var pending = (await db.WriteOffRequests.AsNoTracking().Where(r => r.Status == WriteOffStatuses.Pending && r.Side == LedgerSides.Patient)
            .Select(r => r.ChargeSheetId).ToListAsync(cancellationToken)).ToHashSet();
        var visits = snapshot.Lines.Where(l => l.ChargeSheetId is not null && l.ChargeLineId is not null && !pending.Contains(l.ChargeSheetId.Value))
            .GroupBy(l => l.ChargeSheetId!.Value).Select(g => (Sheet: g.Key, Lines: g.OrderBy(l => l.LineNumber).ToList(), Due: g.Sum(l => l.PatientDue)))
            .Where(v => v.Due > 0 && v.Due <= limit).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var requests = visits.Select(visit => (Visit: visit, Request: new WriteOffRequest
        {
            PatientId = visit.Lines[0].PatientId, ChargeSheetId = visit.Sheet, Side = LedgerSides.Patient, Amount = visit.Due, Reason = WriteOffReasons.SmallBalance,
            ReasonText = $"At most {MoneyText.Plain(limit)}", Status = WriteOffStatuses.Approved, RequestedBy = "system", RequestedAt = now, DecidedBy = "system", DecidedAt = now,
            DecisionNote = $"Small-balance sweep run by {actor.UserName}".Limit(500),
        })).ToList();
        // One save gives every request its id (the entries' keys name it), one more posts them all: two round trips, not one per visit.
        db.WriteOffRequests.AddRange(requests.Select(r => r.Request));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (visit, request) in requests)
        {
            Post(request, visit.Lines, "system");
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var patient in visits.GroupBy(v => v.Lines[0].PatientId))
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, patient.Key,
                Detail: $"small-balance write-off of {MoneyText.Plain(patient.Sum(v => v.Due))} (at most {MoneyText.Plain(limit)} a visit)"), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<int>.Ok(visits.Count);
    }

    /// <summary>Only a pending request is decided, only by an office manager, and never by the user who asked.</summary>
    private async Task<Result<WriteOffRequest>?> RefuseDeciderAsync(WriteOffRequest request, Actor actor, string verb, CancellationToken cancellationToken)
    {
        if (request.Status != WriteOffStatuses.Pending)
        {
            return Result<WriteOffRequest>.Fail("Status", $"Write-off request {request.Id} was already {request.Status.ToLowerInvariant()} by {request.DecidedBy}.");
        }
        if ((actor.UserId is { } userId && userId == request.RequestedByUserId) || string.Equals(actor.UserName, request.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Result<WriteOffRequest>.Fail("DecidedBy", $"You asked for this write-off, so you cannot {verb} it: another office manager must.");
        }
        var manager = actor.UserId is { } id && await db.UserRoles.AnyAsync(r => r.UserId == id && r.Role == Roles.OfficeManager, cancellationToken);
        return manager ? null : Result<WriteOffRequest>.Fail("DecidedBy", $"Only an office manager can {verb} a write-off.");
    }

    /// <summary>
    /// Takes the request for this decision: a conditional update that only one of two managers deciding at once can make
    /// (the other waits on the row, then finds it decided). Rolled back with the caller's transaction if the decision fails.
    /// </summary>
    private async Task<Result<WriteOffRequest>?> ClaimAsync(WriteOffRequest request, CancellationToken cancellationToken)
    {
        var taken = await db.WriteOffRequests.Where(r => r.Id == request.Id && r.Status == WriteOffStatuses.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, WriteOffStatuses.Pending), cancellationToken);
        return taken == 1 ? null : Result<WriteOffRequest>.Fail("Status", $"Write-off request {request.Id} was decided by someone else just now.");
    }

    private void Decide(WriteOffRequest request, string status, string? note, Actor actor)
    {
        request.Status = status;
        request.DecidedByUserId = actor.UserId;
        request.DecidedBy = actor.UserName.Limit(64);
        request.DecidedAt = time.GetUtcNow().UtcDateTime;
        request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim().Limit(500);
    }

    private static decimal Balance(IEnumerable<AgingLine> lines, int? chargeLineId, string side) =>
        lines.Where(l => chargeLineId is null || l.ChargeLineId == chargeLineId).Sum(l => side == LedgerSides.Insurance ? l.InsuranceDue : l.PatientDue);

    private static string Scope(int? chargeLineId, int chargeSheetId) =>
        chargeLineId is { } line ? $"on line {line} of visit {chargeSheetId}" : $"of visit {chargeSheetId}";

}
