using MedOffice.Practice;
using MedOffice.Billing;
using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Receivables;

/// <summary>
/// A/R aging read straight from the ledger, whatever kinds of entries put the money there: each line's insurance-side and
/// patient-side sums, aged by the DATE OF SERVICE (not the posting or billing date) as of the end of a day in the office's
/// time zone. Insurance A/R goes to the payer of the line's latest open claim (else its latest claim; no claim: "Not yet
/// billed"); released lines whose charge is not posted yet count as insurance A/R at their charge. Patient entries on no line
/// (payments not applied, refunds) are the account's unapplied credit, shown in its own column and not netted into buckets.
/// A handful of set-based queries whatever the office's size; money is summed here in decimal because SQLite keeps it as text.
/// </summary>
public sealed class AgingQueries(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public const string NotYetBilled = "Not yet billed";

    /// <summary>What the ledger holds as of a day, line by line, with the accounts' credits and the two totals it must equal.</summary>
    internal sealed record Snapshot(List<AgingLine> Lines, Dictionary<int, decimal> Credits, Dictionary<int, string> PatientNames, decimal LedgerTotal, decimal UnpostedCharges);

    /// <summary>The day asked for, else today where the office is (its first location's zone; UTC when it has none).</summary>
    public async Task<DateOnly> AsOfAsync(DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (asOf is { } day)
        {
            return day;
        }
        return await OfficeDay.TodayAsync(db, time, cancellationToken);
    }

    public async Task<AgingReport> ReportAsync(DateOnly? asOf, Actor actor, CancellationToken cancellationToken = default)
    {
        var day = await AsOfAsync(asOf, cancellationToken);
        var snapshot = await SnapshotAsync(day, await CutoffAsync(day, cancellationToken), cancellationToken: cancellationToken);
        var payers = await db.Payers.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var referred = (await db.CollectionsReferrals.AsNoTracking().Select(r => r.PatientId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var byPayer = snapshot.Lines.Where(l => l.InsuranceDue != 0).GroupBy(l => l.PayerId)
            .Select(g => new PayerAgingRow(g.Key, g.Key is { } id ? payers.GetValueOrDefault(id, $"Payer {id}") : NotYetBilled,
                g.Aggregate(AgingBuckets.Zero, (b, l) => b.Add(l.Days, l.InsuranceDue))))
            .OrderBy(r => r.PayerId is null).ThenBy(r => r.PayerName, StringComparer.OrdinalIgnoreCase).ToList();
        var patientBuckets = snapshot.Lines.Where(l => l.PatientDue != 0).GroupBy(l => l.PatientId)
            .ToDictionary(g => g.Key, g => g.Aggregate(AgingBuckets.Zero, (b, l) => b.Add(l.Days, l.PatientDue)));
        var byPatient = patientBuckets.Keys.Union(snapshot.Credits.Where(c => c.Value != 0).Select(c => c.Key))
            .Select(id => new PatientAgingRow(id, snapshot.PatientNames.GetValueOrDefault(id, $"Patient {id}"), patientBuckets.GetValueOrDefault(id, AgingBuckets.Zero),
                snapshot.Credits.GetValueOrDefault(id), referred.Contains(id)))
            .OrderBy(r => r.PatientName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.PatientId).ToList();

        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing,
            Detail: $"A/R aging as of {day:yyyy-MM-dd} ({byPatient.Count} patient accounts)"), cancellationToken);
        return new AgingReport(day, byPayer, byPayer.Aggregate(AgingBuckets.Zero, (b, r) => b.Plus(r.Buckets)), byPatient,
            byPatient.Aggregate(AgingBuckets.Zero, (b, r) => b.Plus(r.Buckets)), byPatient.Sum(r => r.UnappliedCredit), snapshot.LedgerTotal, snapshot.UnpostedCharges);
    }

    /// <summary>One payer's lines with an insurance balance (payerId null: lines no claim holds yet), oldest service first.</summary>
    public async Task<PayerAgingDetail?> PayerAsync(int? payerId, DateOnly? asOf, Actor actor, CancellationToken cancellationToken = default)
    {
        var name = NotYetBilled;
        if (payerId is { } id)
        {
            var payer = await db.Payers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (payer is null)
            {
                return null;
            }
            name = payer.Name;
        }
        var day = await AsOfAsync(asOf, cancellationToken);
        var snapshot = await SnapshotAsync(day, await CutoffAsync(day, cancellationToken), cancellationToken: cancellationToken);
        var lines = snapshot.Lines.Where(l => l.InsuranceDue != 0 && l.PayerId == payerId)
            .OrderBy(l => l.DateOfService).ThenBy(l => l.ClaimNumber, StringComparer.Ordinal).ThenBy(l => l.LineNumber).ToList();
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Query, AuditCategories.Billing,
            Detail: $"A/R of {name} as of {day:yyyy-MM-dd} ({lines.Select(l => l.PatientId).Distinct().Count()} patients)"), cancellationToken);
        return new PayerAgingDetail(day, payerId, name, lines);
    }

    /// <summary>One patient's lines with any balance, the account's credit and any collections referral; a read of that patient's account.</summary>
    public async Task<PatientAgingDetail?> PatientAsync(int patientId, DateOnly? asOf, Actor actor, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.LegalLastName, p.LegalFirstName }).FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }
        var day = await AsOfAsync(asOf, cancellationToken);
        var snapshot = await SnapshotAsync(day, await CutoffAsync(day, cancellationToken), patientId, cancellationToken: cancellationToken);
        var referrals = await db.CollectionsReferrals.AsNoTracking().Where(r => r.PatientId == patientId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patientId, Detail: $"A/R of the account as of {day:yyyy-MM-dd}"), cancellationToken);
        return new PatientAgingDetail(day, patientId, $"{patient.LegalLastName}, {patient.LegalFirstName}",
            snapshot.Lines.Where(l => l.InsuranceDue != 0 || l.PatientDue != 0).OrderBy(l => l.DateOfService).ThenBy(l => l.ChargeSheetId).ThenBy(l => l.LineNumber).ToList(),
            snapshot.Credits.GetValueOrDefault(patientId), referrals);
    }

    /// <summary>The current balances of a visit's lines (every entry so far), for write-offs.</summary>
    internal async Task<List<AgingLine>> VisitLinesAsync(int chargeSheetId, CancellationToken cancellationToken)
    {
        var day = await AsOfAsync(null, cancellationToken);
        var snapshot = await SnapshotAsync(day, cutoff: null, chargeSheetId: chargeSheetId, cancellationToken: cancellationToken);
        return snapshot.Lines.Where(l => l.ChargeSheetId == chargeSheetId && l.ChargeLineId is not null).OrderBy(l => l.LineNumber).ToList();
    }

    /// <summary>The UTC instant the as-of day ends in the office's zone: entries posted before it count.</summary>
    public async Task<DateTime> CutoffAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var zone = LocalTimes.Zone(await OfficeDay.ZoneAsync(db, cancellationToken));
        return zone.AtStartOfDay(NodaTime.LocalDate.FromDateOnly(asOf.AddDays(1))).ToDateTimeUtc();
    }

    internal async Task<Snapshot> SnapshotAsync(DateOnly asOf, DateTime? cutoff, int? patientId = null, int? chargeSheetId = null,
        CancellationToken cancellationToken = default)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => cutoff == null || e.PostedAt < cutoff);
        var sheets = db.ChargeSheets.AsNoTracking().AsQueryable();
        var claims = db.Claims.AsNoTracking().Where(c => c.Status != ClaimStatuses.Cancelled && (cutoff == null || c.CreatedAt < cutoff));
        if (patientId is { } onePatient)
        {
            entries = entries.Where(e => e.PatientId == onePatient);
            sheets = sheets.Where(s => s.PatientId == onePatient);
            claims = claims.Where(c => c.PatientId == onePatient);
        }
        if (chargeSheetId is { } oneSheet)
        {
            entries = entries.Where(e => db.ChargeLines.Any(l => l.Id == e.ChargeLineId && l.ChargeSheetId == oneSheet));
            sheets = sheets.Where(s => s.Id == oneSheet);
            claims = claims.Where(c => c.ChargeSheetId == oneSheet);
        }

        var sums = await entries.Select(e => new { e.PatientId, e.ChargeLineId, e.ClaimId, e.Side, e.Amount, e.Kind }).ToListAsync(cancellationToken);
        var lines = await (
            from line in db.ChargeLines.AsNoTracking()
            join sheet in sheets on line.ChargeSheetId equals sheet.Id
            where entries.Any(e => e.ChargeLineId == line.Id)
                || (sheet.Status == ChargeSheetStatuses.Released && (cutoff == null || sheet.ReleasedAt < cutoff))
            select new
            {
                line.Id, line.ChargeSheetId, sheet.PatientId, sheet.DateOfService, line.LineNumber, line.ProcedureCode, line.Amount, sheet.Status,
                Modifiers = line.Modifier1,
            }).ToListAsync(cancellationToken);
        var claimLines = await (
            from claimLine in db.ClaimLines.AsNoTracking()
            join claim in claims on claimLine.ClaimId equals claim.Id
            select new { claimLine.ChargeLineId, claim.Id, claim.ClaimNumber, claim.PayerId, claim.Status, claim.PatientId, claim.DateOfService })
            .ToListAsync(cancellationToken);

        var claimById = claimLines.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        // The claim that holds the line now: the latest one still out with a payer, else the latest adjudicated one.
        var holder = claimLines.GroupBy(c => c.ChargeLineId).ToDictionary(g => g.Key,
            g => g.OrderBy(c => c.Status == ClaimStatuses.Adjudicated ? 0 : 1).ThenBy(c => c.Id).Last());

        var byLine = new Dictionary<int, (decimal Insurance, decimal Patient, bool Charged)>();
        var byClaim = new Dictionary<int, (int PatientId, decimal Insurance, decimal Patient)>();
        var credits = new Dictionary<int, decimal>();
        var unlinkedInsurance = new Dictionary<int, decimal>();
        var ledgerTotal = 0m;
        foreach (var e in sums)
        {
            ledgerTotal += e.Amount;
            var insurance = e.Side == LedgerSides.Insurance ? e.Amount : 0m;
            var patient = e.Side == LedgerSides.Patient ? e.Amount : 0m;
            if (e.ChargeLineId is { } lineId)
            {
                var (i, p, charged) = byLine.GetValueOrDefault(lineId);
                byLine[lineId] = (i + insurance, p + patient, charged || e.Kind == LedgerKinds.Charge);
            }
            else if (e.ClaimId is { } claimId)
            {
                var (_, i, p) = byClaim.GetValueOrDefault(claimId);
                byClaim[claimId] = (e.PatientId, i + insurance, p + patient);
            }
            else if (e.Side == LedgerSides.Patient)
            {
                credits[e.PatientId] = credits.GetValueOrDefault(e.PatientId) + e.Amount;
            }
            else
            {
                unlinkedInsurance[e.PatientId] = unlinkedInsurance.GetValueOrDefault(e.PatientId) + e.Amount;
            }
        }

        var patientIds = lines.Select(l => l.PatientId).Concat(byClaim.Values.Select(c => c.PatientId)).Concat(credits.Keys).Concat(unlinkedInsurance.Keys).Distinct().ToList();
        var names = (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).Select(p => new { p.Id, p.LegalLastName, p.LegalFirstName })
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id, p => $"{p.LegalLastName}, {p.LegalFirstName}");
        var payerNames = await db.Payers.AsNoTracking().Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        string PatientName(int id) => names.GetValueOrDefault(id, $"Patient {id}");
        string PayerName(int? id) => id is { } payer ? payerNames.GetValueOrDefault(payer, $"Payer {payer}") : NotYetBilled;

        var result = new List<AgingLine>();
        var unposted = 0m;
        foreach (var line in lines)
        {
            var (insurance, patient, charged) = byLine.GetValueOrDefault(line.Id);
            var onLedger = charged;
            if (!charged && line.Status == ChargeSheetStatuses.Released && line.Amount > 0)
            {
                insurance += line.Amount;
                unposted += line.Amount;
            }
            var claim = holder.GetValueOrDefault(line.Id);
            var procedure = line.Modifiers.Length > 0 ? $"{line.ProcedureCode}-{line.Modifiers}" : line.ProcedureCode;
            result.Add(new AgingLine(line.PatientId, PatientName(line.PatientId), line.ChargeSheetId, line.Id, line.LineNumber, procedure, line.Amount,
                line.DateOfService, asOf.DayNumber - line.DateOfService.DayNumber, claim?.Id, claim?.ClaimNumber, claim?.PayerId, PayerName(claim?.PayerId),
                insurance, patient, onLedger));
        }
        foreach (var (claimId, (owner, insurance, patient)) in byClaim)
        {
            var claim = claimById.GetValueOrDefault(claimId);
            var dateOfService = claim?.DateOfService ?? asOf;
            result.Add(new AgingLine(owner, PatientName(owner), null, null, 0, "claim level", 0m, dateOfService, asOf.DayNumber - dateOfService.DayNumber,
                claimId, claim?.ClaimNumber, claim?.PayerId, PayerName(claim?.PayerId), insurance, patient, OnLedger: true));
        }
        foreach (var (owner, insurance) in unlinkedInsurance)
        {
            result.Add(new AgingLine(owner, PatientName(owner), null, null, 0, "not on a service", 0m, asOf, 0, null, null, null, NotYetBilled,
                insurance, 0m, OnLedger: true));
        }
        return new Snapshot(result, credits, names, ledgerTotal, unposted);
    }
}
