using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Payments;

/// <summary>One service line with something the patient owes on it, in the order money is applied (oldest date of service first).</summary>
public sealed record OpenLine(int ChargeLineId, int ChargeSheetId, DateOnly DateOfService, int LineNumber, string ProcedureCode, decimal Charge, decimal PatientDue);

/// <summary>
/// Takes patient money and gives credit back. A payment is one transaction: the Payment row (receipt number, idempotency key)
/// and PatientPayment ledger entries applied to the patient's open patient-side balances oldest first, the rest as unapplied
/// credit (no line). Credit is applied to later balances by CreditApplication pairs; a refund pays credit back. Every posting
/// is serialized per office (one writer in SQLite, an advisory lock in PostgreSQL), so receipt numbers and credit stay exact.
/// </summary>
public sealed class PatientPayments(MedOfficeDb db, PatientLedger ledger, AuditTrail audit, TimeProvider time)
{
    private const long PostgresPaymentLockKey = 727_017;

    public async Task<Result<PostedPayment>?> PostAsync(TakePayment request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken))
        {
            return null;
        }
        var errors = new List<FieldError>();
        PaymentRules.CheckKey(request.IdempotencyKey, errors);
        PaymentRules.CheckMoney(request.Amount, errors, "received");
        var reference = PaymentRules.Clean(request.Reference);
        PaymentRules.CheckMethodAndReference(request.Method, reference, errors);
        if (request.Context is null || !PaymentContexts.All.Contains(request.Context))
        {
            errors.Add(new FieldError("context", "Choose how the money came in: CheckIn, CheckOut, Mail or Phone."));
        }
        if (request.AppointmentId is { } appointmentId
            && !await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.PatientId == request.PatientId, cancellationToken))
        {
            errors.Add(new FieldError("appointmentId", "That appointment is not this patient's."));
        }
        var (location, locationError) = await LocationAsync(request.LocationId, cancellationToken);
        if (locationError is not null)
        {
            errors.Add(locationError);
        }
        if (errors.Count > 0)
        {
            return Result<PostedPayment>.Fail(errors);
        }
        var today = Today(location!.TimeZoneId);
        var businessDate = request.ReceivedOn ?? today;
        if (businessDate > today)
        {
            return Result<PostedPayment>.Fail("receivedOn", $"The payment cannot be dated after today ({today:MM/dd/yyyy}).");
        }
        var hash = PaymentRules.Hash("payment", request.PatientId, request.Amount, request.Method, reference, request.Context, location.Id,
            request.AppointmentId, request.ReceivedOn);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        var earlier = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (earlier is not null)
        {
            if (earlier.RequestHash != hash || earlier.PatientId != request.PatientId)
            {
                return Result<PostedPayment>.Fail(PaymentRules.IdempotencyField,
                    $"This idempotency key already posted a different payment (receipt {earlier.ReceiptLabel}); use a new key for a new payment.");
            }
            return Result<PostedPayment>.Ok(await DescribeAsync(earlier, replayed: true, cancellationToken));
        }
        if (businessDate < today && await db.Deposits.AnyAsync(d => d.LocationId == location.Id && d.BusinessDate == businessDate, cancellationToken))
        {
            return Result<PostedPayment>.Fail("receivedOn",
                $"{businessDate:MM/dd/yyyy} is closed at {location.Name} (its deposit is made). Post the payment with today's date; it goes into the next deposit.");
        }

        await EnsureChargesAsync(request.PatientId, actor, cancellationToken);
        var receipt = (await db.Payments.MaxAsync(p => (int?)p.ReceiptNumber, cancellationToken) ?? 0) + 1;
        var postedBy = actor.UserName.Limit(64);
        var payment = new Payment
        {
            PatientId = request.PatientId, LocationId = location.Id, Amount = request.Amount!.Value, Method = request.Method!, Reference = reference,
            Context = request.Context!, AppointmentId = request.AppointmentId, ReceivedAt = time.GetUtcNow().UtcDateTime, BusinessDate = businessDate,
            ReceivedBy = postedBy, ReceiptNumber = receipt, IdempotencyKey = request.IdempotencyKey!, RequestHash = hash,
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);

        var left = payment.Amount;
        foreach (var line in await OpenLinesAsync(request.PatientId, cancellationToken))
        {
            if (left == 0)
            {
                break;
            }
            var applied = Math.Min(left, line.PatientDue);
            ledger.Post(new LedgerEntry
            {
                PatientId = payment.PatientId, ChargeLineId = line.ChargeLineId, Kind = LedgerKinds.PatientPayment, Side = LedgerSides.Patient,
                Amount = -applied, PaymentId = payment.Id, IdempotencyKey = $"payment:{payment.Id}:line:{line.ChargeLineId}", PostedBy = postedBy,
            });
            left -= applied;
        }
        if (left > 0)
        {
            ledger.Post(new LedgerEntry
            {
                PatientId = payment.PatientId, Kind = LedgerKinds.PatientPayment, Side = LedgerSides.Patient, Amount = -left, PaymentId = payment.Id,
                IdempotencyKey = $"payment:{payment.Id}:credit", PostedBy = postedBy,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        // Credit from earlier payments meets whatever this one left open.
        await ApplyCreditCoreAsync(request.PatientId, postedBy, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, payment.PatientId,
            Detail: $"payment {payment.ReceiptLabel}: {MoneyText.Dollars(payment.Amount)} {payment.Method} ({PaymentContexts.DisplayName(payment.Context)}), {MoneyText.Dollars(payment.Amount - left)} applied to visits"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<PostedPayment>.Ok(await DescribeAsync(payment, replayed: false, cancellationToken));
    }

    /// <summary>
    /// After an 835 moved balances to these patients, inside the import's transaction: each one's unapplied credit (a copay
    /// taken at check-in before anything was owed) goes onto their open balances, oldest first. One query per thousand
    /// patients finds who has credit. Returns what was applied, by patient (only those with something applied).
    /// </summary>
    public async Task<Dictionary<int, decimal>> ApplyCreditsAsync(IReadOnlyCollection<int> patientIds, string postedBy, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Credit is applied inside the posting's transaction.");
        }
        await LockAsync(cancellationToken);
        var withCredit = new List<int>();
        foreach (var chunk in patientIds.Chunk(1000))
        {
            withCredit.AddRange((await db.LedgerEntries.AsNoTracking()
                    .Where(e => chunk.Contains(e.PatientId) && e.Side == LedgerSides.Patient && e.ChargeLineId == null)
                    .Select(e => new { e.PatientId, e.Amount }).ToListAsync(cancellationToken))
                .GroupBy(e => e.PatientId).Where(g => g.Sum(e => e.Amount) < 0).Select(g => g.Key));
        }
        var applied = new Dictionary<int, decimal>();
        foreach (var patientId in withCredit.Order())
        {
            if (await ApplyCreditCoreAsync(patientId, postedBy, cancellationToken) is > 0 and var amount)
            {
                applied[patientId] = amount;
            }
        }
        return applied;
    }

    /// <summary>Moves unapplied credit onto open patient balances, oldest first. Returns the amount applied (0 when nothing to do).</summary>
    public async Task<decimal?> ApplyCreditAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        await EnsureChargesAsync(patientId, actor, cancellationToken);
        var applied = await ApplyCreditCoreAsync(patientId, actor.UserName.Limit(64), cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, patientId,
            Detail: $"applied {MoneyText.Dollars(applied)} of unapplied credit to open visits"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    public async Task<Result<PostedRefund>?> RefundAsync(RefundCredit request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken))
        {
            return null;
        }
        var errors = new List<FieldError>();
        PaymentRules.CheckKey(request.IdempotencyKey, errors);
        PaymentRules.CheckMoney(request.Amount, errors, "to refund");
        var reference = PaymentRules.Clean(request.Reference);
        PaymentRules.CheckMethodAndReference(request.Method, reference, errors);
        var reason = PaymentRules.Clean(request.Reason);
        if (reason is null)
        {
            errors.Add(new FieldError("reason", "Say why the money is refunded."));
        }
        else if (reason.Length > 500)
        {
            errors.Add(new FieldError("reason", "The reason is at most 500 characters."));
        }
        var (location, locationError) = await LocationAsync(request.LocationId, cancellationToken);
        if (locationError is not null)
        {
            errors.Add(locationError);
        }
        if (errors.Count > 0)
        {
            return Result<PostedRefund>.Fail(errors);
        }
        var hash = PaymentRules.Hash("refund", request.PatientId, request.Amount, request.Method, reference, reason, location!.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        var earlier = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (earlier is not null)
        {
            return earlier.RequestHash != hash || earlier.PatientId != request.PatientId
                ? Result<PostedRefund>.Fail(PaymentRules.IdempotencyField, "This idempotency key already posted a different refund; use a new key for a new refund.")
                : Result<PostedRefund>.Ok(new PostedRefund(earlier.Id, earlier.Amount, await CreditAsync(request.PatientId, cancellationToken), Replayed: true));
        }
        var credit = await CreditAsync(request.PatientId, cancellationToken);
        if (request.Amount > credit)
        {
            return Result<PostedRefund>.Fail("amount",
                $"The refund of {MoneyText.Dollars(request.Amount!.Value)} is more than the patient's unapplied credit of {MoneyText.Dollars(credit)}.");
        }
        var refund = new Refund
        {
            PatientId = request.PatientId, LocationId = location.Id, Amount = request.Amount!.Value, Method = request.Method!, Reference = reference, Reason = reason!,
            RefundedAt = time.GetUtcNow().UtcDateTime, BusinessDate = Today(location.TimeZoneId), RefundedBy = actor.UserName.Limit(64),
            IdempotencyKey = request.IdempotencyKey!, RequestHash = hash,
        };
        db.Refunds.Add(refund);
        await db.SaveChangesAsync(cancellationToken);
        ledger.Post(new LedgerEntry
        {
            PatientId = refund.PatientId, Kind = LedgerKinds.Refund, Side = LedgerSides.Patient, Amount = refund.Amount,
            IdempotencyKey = $"refund:{refund.Id}", PostedBy = refund.RefundedBy,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, refund.PatientId,
            Detail: $"refund {refund.Id}: {MoneyText.Dollars(refund.Amount)} {refund.Method} — {refund.Reason}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<PostedRefund>.Ok(new PostedRefund(refund.Id, refund.Amount, credit - refund.Amount, Replayed: false));
    }

    /// <summary>Puts every released charge sheet of the patient on the ledger (once), so visits not yet remitted have balances.</summary>
    public async Task EnsureChargesAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            // Two screens opening one account at once must not both add the same charge: the lock makes the second see the first's.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(cancellationToken);
            await EnsureChargesAsync(patientId, actor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }
        var sheetIds = await db.ChargeSheets.AsNoTracking()
            .Where(s => s.PatientId == patientId && s.Status == ChargeSheetStatuses.Released)
            .Where(s => db.ChargeLines.Any(l => l.ChargeSheetId == s.Id && !db.LedgerEntries.Any(e => e.ChargeLineId == l.Id && e.Kind == LedgerKinds.Charge)))
            .Select(s => s.Id).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var sheetId in sheetIds)
        {
            added += await ledger.EnsureSheetChargesAsync(sheetId, actor.UserName.Limit(64), cancellationToken);
        }
        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Lines the patient owes on, oldest date of service first.</summary>
    public async Task<List<OpenLine>> OpenLinesAsync(int patientId, CancellationToken cancellationToken = default)
    {
        var dues = (await db.LedgerEntries.AsNoTracking()
                .Where(e => e.PatientId == patientId && e.Side == LedgerSides.Patient && e.ChargeLineId != null)
                .Select(e => new { LineId = e.ChargeLineId!.Value, e.Amount }).ToListAsync(cancellationToken))
            .GroupBy(e => e.LineId).Select(g => (LineId: g.Key, Due: g.Sum(e => e.Amount))).Where(g => g.Due > 0).ToDictionary(g => g.LineId, g => g.Due);
        var ids = dues.Keys.ToList();
        var lines = await (
                from line in db.ChargeLines.AsNoTracking()
                join sheet in db.ChargeSheets.AsNoTracking() on line.ChargeSheetId equals sheet.Id
                where ids.Contains(line.Id)
                select new { line.Id, line.ChargeSheetId, sheet.DateOfService, line.LineNumber, line.ProcedureCode, line.Amount })
            .ToListAsync(cancellationToken);
        return lines.Select(l => new OpenLine(l.Id, l.ChargeSheetId, l.DateOfService, l.LineNumber, l.ProcedureCode, l.Amount, dues[l.Id]))
            .OrderBy(l => l.DateOfService).ThenBy(l => l.ChargeSheetId).ThenBy(l => l.LineNumber).ToList();
    }

    /// <summary>Unapplied credit: what the patient paid that sits on no line (payments, less applications and refunds).</summary>
    public async Task<decimal> CreditAsync(int patientId, CancellationToken cancellationToken = default) =>
        -(await db.LedgerEntries.AsNoTracking().Where(e => e.PatientId == patientId && e.Side == LedgerSides.Patient && e.ChargeLineId == null)
            .Select(e => e.Amount).ToListAsync(cancellationToken)).Sum();

    private async Task<decimal> ApplyCreditCoreAsync(int patientId, string postedBy, CancellationToken cancellationToken)
    {
        var credit = await CreditAsync(patientId, cancellationToken);
        if (credit <= 0)
        {
            return 0m;
        }
        // Keys name the account's state (how many entries it had), so two clicks on the same state collide instead of applying twice.
        var version = await db.LedgerEntries.CountAsync(e => e.PatientId == patientId, cancellationToken);
        var applied = 0m;
        foreach (var line in await OpenLinesAsync(patientId, cancellationToken))
        {
            if (credit == 0)
            {
                break;
            }
            var amount = Math.Min(credit, line.PatientDue);
            var key = $"apply:{patientId}:v{version}:{line.ChargeLineId}";
            ledger.Post(new LedgerEntry
            {
                PatientId = patientId, Kind = LedgerKinds.CreditApplication, Side = LedgerSides.Patient, Amount = amount, IdempotencyKey = key + ":credit", PostedBy = postedBy,
            });
            ledger.Post(new LedgerEntry
            {
                PatientId = patientId, ChargeLineId = line.ChargeLineId, Kind = LedgerKinds.CreditApplication, Side = LedgerSides.Patient, Amount = -amount,
                IdempotencyKey = key + ":line", PostedBy = postedBy,
            });
            credit -= amount;
            applied += amount;
        }
        await db.SaveChangesAsync(cancellationToken);
        return applied;
    }

    private async Task<PostedPayment> DescribeAsync(Payment payment, bool replayed, CancellationToken cancellationToken)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.PaymentId == payment.Id).Select(e => new { e.ChargeLineId, e.Amount }).ToListAsync(cancellationToken);
        return new PostedPayment(payment.Id, payment.ReceiptLabel, payment.Amount,
            -entries.Where(e => e.ChargeLineId != null).Sum(e => e.Amount), -entries.Where(e => e.ChargeLineId == null).Sum(e => e.Amount), replayed);
    }

    private async Task<(Practice.Location? Location, FieldError? Error)> LocationAsync(int? locationId, CancellationToken cancellationToken)
    {
        if (locationId is { } id)
        {
            var chosen = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
            return chosen is null ? (null, new FieldError("locationId", "There is no such location.")) : (chosen, null);
        }
        var locations = await db.Locations.AsNoTracking().Take(2).ToListAsync(cancellationToken);
        return locations.Count == 1 ? (locations[0], null) : (null, new FieldError("locationId", "Choose the location where the money was received."));
    }

    private DateOnly Today(string timeZoneId) => DateOnly.FromDateTime(LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, timeZoneId));

    private async Task LockAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresPaymentLockKey})", cancellationToken);
        }
    }
}
