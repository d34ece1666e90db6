using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Receivables;

/// <summary>An account for the collections list: what the patient owes in all, how much of it is past 120 days, when they last paid.</summary>
public sealed record CollectionsCandidate(int PatientId, string PatientName, decimal PatientDue, decimal Over120, DateTime? LastPaymentAt);

/// <summary>A referral as the list shows it.</summary>
public sealed record CollectionsReferralRow(int Id, int PatientId, string PatientName, string AgencyName, DateOnly ReferredOn, decimal Amount, string ReferredBy,
    int WriteOffRequests);

/// <summary>What the account page shows of a patient's receivables: the balances and whether (and when) it went to collections.</summary>
public sealed record AccountReceivablesStatus(int PatientId, decimal InsuranceDue, decimal PatientDue, decimal UnappliedCredit, bool ReferredToCollections,
    IReadOnlyList<CollectionsReferral> Referrals, int PendingWriteOffs);

public sealed record ReferToCollections(string? AgencyName, DateOnly? ReferredOn, bool WriteOff);

/// <summary>
/// The collections list, from aging alone (statements and final notices are another feature; when they land, "final notice
/// sent" can join the rule): accounts whose patient side owes more than zero in all and has something past 120 days since the
/// date of service. Sending one to collections records the referral and, when asked (the office's choice per referral, on by
/// default), writes its balance off as "Bad debt / collections" through the ordinary approval flow — one pending request per
/// visit, oldest first, together never more than the account's net balance — so the four-eyes rule holds for every write-off.
/// </summary>
public sealed class Collections(MedOfficeDb db, AgingQueries aging, WriteOffs writeOffs, AuditTrail audit, TimeProvider time)
{
    public async Task<List<CollectionsCandidate>> CandidatesAsync(DateOnly? asOf, Actor actor, CancellationToken cancellationToken = default)
    {
        var day = await aging.AsOfAsync(asOf, cancellationToken);
        var snapshot = await aging.SnapshotAsync(day, await aging.CutoffAsync(day, cancellationToken), cancellationToken: cancellationToken);
        var referred = (await db.CollectionsReferrals.AsNoTracking().Select(r => r.PatientId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var accounts = snapshot.Lines.GroupBy(l => l.PatientId)
            .Select(g => (PatientId: g.Key, Due: g.Sum(l => l.PatientDue) + snapshot.Credits.GetValueOrDefault(g.Key),
                Over120: g.Where(l => AgingBuckets.BucketOf(l.Days) == 4).Sum(l => l.PatientDue)))
            .Where(a => a.Due > 0 && a.Over120 > 0 && !referred.Contains(a.PatientId)).ToList();
        var ids = accounts.Select(a => a.PatientId).ToList();
        var lastPayments = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerKinds.PatientPayment && ids.Contains(e.PatientId))
            .GroupBy(e => e.PatientId).Select(g => new { g.Key, Last = g.Max(e => e.PostedAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var list = accounts.Select(a => new CollectionsCandidate(a.PatientId, snapshot.PatientNames.GetValueOrDefault(a.PatientId, $"Patient {a.PatientId}"), a.Due, a.Over120,
                lastPayments.TryGetValue(a.PatientId, out var last) ? last : null))
            .OrderByDescending(c => c.Over120).ThenBy(c => c.PatientName, StringComparer.OrdinalIgnoreCase).ToList();
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing, Detail: $"collections list as of {day:yyyy-MM-dd} ({list.Count} accounts)"), cancellationToken);
        return list;
    }

    public async Task<List<CollectionsReferralRow>> ReferralsAsync(CancellationToken cancellationToken = default) =>
        await (from r in db.CollectionsReferrals.AsNoTracking()
               join p in db.Patients on r.PatientId equals p.Id
               orderby r.Id descending
               select new CollectionsReferralRow(r.Id, r.PatientId, p.LegalLastName + ", " + p.LegalFirstName, r.AgencyName, r.ReferredOn, r.Amount, r.ReferredBy,
                   db.WriteOffRequests.Count(w => w.CollectionsReferralId == r.Id)))
            .Take(200).ToListAsync(cancellationToken);

    /// <summary>Refers the account (null when there is no such patient); refused when the patient owes nothing or is already referred.</summary>
    public async Task<Result<CollectionsReferral>?> ReferAsync(int patientId, ReferToCollections input, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return null;
        }
        var agency = input.AgencyName?.Trim() ?? "";
        if (agency.Length is 0 or > 100)
        {
            return Result<CollectionsReferral>.Fail(nameof(input.AgencyName), "Name the collections agency (up to 100 characters).");
        }
        if (await db.CollectionsReferrals.AnyAsync(r => r.PatientId == patientId, cancellationToken))
        {
            return Result<CollectionsReferral>.Fail(nameof(patientId), "This account was already sent to collections.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var today = await aging.AsOfAsync(null, cancellationToken);
        var snapshot = await aging.SnapshotAsync(today, cutoff: null, patientId: patientId, cancellationToken: cancellationToken);
        var due = snapshot.Lines.Sum(l => l.PatientDue) + snapshot.Credits.GetValueOrDefault(patientId);
        if (due <= 0)
        {
            return Result<CollectionsReferral>.Fail(nameof(patientId), $"The patient owes nothing ({MoneyText.Plain(due)}): there is nothing to send to collections.");
        }
        var referral = new CollectionsReferral
        {
            PatientId = patientId, AgencyName = agency, ReferredOn = input.ReferredOn ?? today, Amount = due, ReferredByUserId = actor.UserId,
            ReferredBy = actor.UserName.Limit(64), ReferredAt = time.GetUtcNow().UtcDateTime,
        };
        db.CollectionsReferrals.Add(referral);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, patientId,
            Detail: $"sent to collections ({agency}) for {MoneyText.Plain(due)}"), cancellationToken);
        if (input.WriteOff)
        {
            var left = due;
            var visits = snapshot.Lines.Where(l => l.ChargeSheetId is not null).GroupBy(l => l.ChargeSheetId!.Value)
                .Select(g => (Sheet: g.Key, Date: g.Min(l => l.DateOfService), Due: g.Sum(l => l.PatientDue))).Where(v => v.Due > 0).OrderBy(v => v.Date).ThenBy(v => v.Sheet);
            foreach (var visit in visits)
            {
                var amount = Math.Min(left, visit.Due);
                if (amount <= 0)
                {
                    break;
                }
                var requested = await writeOffs.RequestAsync(new WriteOffInput(visit.Sheet, null, LedgerSides.Patient, amount, WriteOffReasons.BadDebt,
                    $"Sent to collections ({agency})"), actor, referral.Id, cancellationToken);
                if (requested.Succeeded)
                {
                    left -= amount;
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<CollectionsReferral>.Ok(referral);
    }

    /// <summary>The receivables side of a patient's account page (null when there is no such patient).</summary>
    public async Task<AccountReceivablesStatus?> AccountAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return null;
        }
        var today = await aging.AsOfAsync(null, cancellationToken);
        var snapshot = await aging.SnapshotAsync(today, cutoff: null, patientId: patientId, cancellationToken: cancellationToken);
        var referrals = await db.CollectionsReferrals.AsNoTracking().Where(r => r.PatientId == patientId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var pending = await db.WriteOffRequests.CountAsync(r => r.PatientId == patientId && r.Status == WriteOffStatuses.Pending, cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: "account receivables status"), cancellationToken);
        var credit = snapshot.Credits.GetValueOrDefault(patientId);
        return new AccountReceivablesStatus(patientId, snapshot.Lines.Sum(l => l.InsuranceDue), snapshot.Lines.Sum(l => l.PatientDue) + credit, credit,
            referrals.Count > 0, referrals, pending);
    }
}
