using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Patients;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Statements;

/// <summary>
/// Reads a guarantor's statement from the ledger. The money on each line is the sum of its entries by kind (a reversal
/// counts as the kind it reverses), patient side and insurance side apart; nothing here knows which feature posted an
/// entry, so patient payments, credits, refunds and write-offs show as soon as they are on the ledger. A line of a
/// released charge sheet that has no Charge entry yet (its claim has not been posted) shows its charge as still with
/// insurance: this reads, it never posts.
/// </summary>
public sealed class StatementBuilder(MedOfficeDb db)
{
    public async Task<StatementDocument> BuildAsync(GuarantorGroup group, string accountNumber, DateOnly statementDate, int dunningCycle,
        StatementSettings settings, CancellationToken cancellationToken = default)
    {
        var patientIds = group.Patients.Select(p => p.Id).ToList();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => patientIds.Contains(e.PatientId)).ToListAsync(cancellationToken);
        var kindOf = entries.ToDictionary(e => e.Id, e => e.Kind);
        var onLedger = entries.Where(e => e.ChargeLineId is not null).Select(e => e.ChargeLineId!.Value).Distinct().ToList();
        var sheets = await db.ChargeSheets.AsNoTracking().Include(s => s.Lines)
            .Where(s => patientIds.Contains(s.PatientId) && (s.Status == ChargeSheetStatuses.Released || s.Lines.Any(l => onLedger.Contains(l.Id))))
            .OrderBy(s => s.DateOfService).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var codes = sheets.SelectMany(s => s.Lines).Select(l => l.ProcedureCode).Distinct().ToList();
        var descriptions = (await db.BillingCodes.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => new { c.Code, c.ShortDescription }).ToListAsync(cancellationToken))
            .GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First().ShortDescription);
        var providerIds = sheets.Select(s => s.RenderingProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
        var byLine = entries.Where(e => e.ChargeLineId is not null).ToLookup(e => e.ChargeLineId!.Value);

        var patients = new List<StatementPatient>();
        var agingInput = new List<(DateOnly DateOfService, decimal Due)>();
        foreach (var patient in group.Patients)
        {
            var visits = new List<StatementVisit>();
            foreach (var sheet in sheets.Where(s => s.PatientId == patient.Id))
            {
                var visit = Visit(sheet, byLine, kindOf, providers, descriptions);
                if (visit is not null && (visit.WithInsurance != 0 || visit.PatientDue != 0))
                {
                    visits.Add(visit);
                    agingInput.Add((visit.DateOfService, visit.PatientDue));
                }
            }
            var unapplied = entries.Where(e => e.PatientId == patient.Id && e.ChargeLineId is null && e.Side == LedgerSides.Patient).Sum(e => e.Amount);
            if (unapplied != 0)
            {
                agingInput.Add((statementDate, unapplied));
            }
            if (visits.Count > 0 || unapplied != 0)
            {
                patients.Add(new StatementPatient(patient.Id, Name(patient), visits, unapplied, visits.Sum(v => v.PatientDue) + unapplied));
            }
        }

        var cycle = dunningCycle;
        var messages = new List<string>();
        if (!string.IsNullOrWhiteSpace(settings.Message))
        {
            messages.Add(settings.Message.Trim());
        }
        if (DunningCycles.Message(cycle) is { } dunning)
        {
            messages.Add(dunning);
        }
        var withInsurance = patients.Sum(p => p.Visits.Sum(v => v.WithInsurance));
        if (withInsurance > 0)
        {
            messages.Add("Amounts shown as with insurance are waiting for your insurance and are not due yet.");
        }
        var practice = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        var remitTo = practice is null ? new List<string>() : new List<string>
        {
            practice.BillingAddressLine1 ?? "",
            $"{practice.BillingCity}, {practice.BillingState} {Zip(practice.BillingPostalCode)}".Trim(' ', ','),
        }.Where(l => l.Length > 0).ToList();
        return new StatementDocument(accountNumber, statementDate, group.Name, MailingAddress(group), practice?.Name ?? "", remitTo,
            Phone(practice?.BillingPhone), patients, withInsurance, patients.Sum(p => p.PatientDue), Age(agingInput, statementDate), cycle, messages);
    }

    /// <summary>The patient-side entries of the guarantor's patients, oldest first: what the dunning cycle reads.</summary>
    public async Task<List<(DateTime PostedAt, decimal Amount)>> PatientSideHistoryAsync(GuarantorGroup group, CancellationToken cancellationToken = default)
    {
        var patientIds = group.Patients.Select(p => p.Id).ToList();
        var rows = await db.LedgerEntries.AsNoTracking().Where(e => patientIds.Contains(e.PatientId) && e.Side == LedgerSides.Patient)
            .OrderBy(e => e.PostedAt).ThenBy(e => e.Id).Select(e => new { e.PostedAt, e.Amount }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.PostedAt, r.Amount)).ToList();
    }

    private static StatementVisit? Visit(ChargeSheet sheet, ILookup<int, LedgerEntry> byLine, Dictionary<long, string> kindOf,
        Dictionary<int, string> providers, Dictionary<string, string> descriptions)
    {
        var lines = new List<StatementLine>();
        decimal charges = 0, insurancePaid = 0, adjustments = 0, patientPaid = 0, withInsurance = 0, patientDue = 0;
        foreach (var line in sheet.Lines.OrderBy(l => l.LineNumber))
        {
            var entries = byLine[line.Id].ToList();
            var charged = entries.Where(e => e.Kind == LedgerKinds.Charge).Sum(e => e.Amount);
            var posted = entries.Any(e => e.Kind == LedgerKinds.Charge);
            if (!posted && sheet.Status != ChargeSheetStatuses.Released)
            {
                continue; // a voided sheet never billed: nothing is owed on it
            }
            var charge = posted ? charged : line.Amount;
            lines.Add(new StatementLine(line.ProcedureCode + (line.Modifiers.Any() ? "-" + string.Join("-", line.Modifiers) : ""),
                descriptions.GetValueOrDefault(line.ProcedureCode, ""), charge));
            charges += charge;
            foreach (var entry in entries.Where(e => e.Kind is not LedgerKinds.Charge and not LedgerKinds.TransferToPatient))
            {
                var kind = entry.Kind == LedgerKinds.Reversal && entry.ReversesEntryId is { } reversed ? kindOf.GetValueOrDefault(reversed, entry.Kind) : entry.Kind;
                switch (kind)
                {
                    case LedgerKinds.TransferToPatient:
                        break; // a reversed transfer pair sums to zero across the sides, like the transfer itself
                    case LedgerKinds.InsurancePayment:
                        insurancePaid -= entry.Amount;
                        break;
                    case LedgerKinds.PatientPayment or LedgerKinds.CreditApplication or LedgerKinds.Refund:
                        patientPaid -= entry.Amount;
                        break;
                    default:
                        adjustments -= entry.Amount;
                        break;
                }
            }
            var balance = LedgerBalance.Of(entries.Select(e => (e.Side, e.Amount)));
            withInsurance += balance.InsuranceDue + (posted ? 0 : charge);
            patientDue += balance.PatientDue;
        }
        return lines.Count == 0 ? null : new StatementVisit(sheet.DateOfService, providers.GetValueOrDefault(sheet.RenderingProviderId, ""), lines,
            charges, insurancePaid, adjustments, patientPaid, withInsurance, patientDue);
    }

    /// <summary>Buckets by days from service to statement date; negative amounts (credits) pay the oldest buckets first.</summary>
    internal static StatementAging Age(IEnumerable<(DateOnly DateOfService, decimal Due)> items, DateOnly statementDate)
    {
        var buckets = new decimal[5];
        var credit = 0m;
        foreach (var (dateOfService, due) in items)
        {
            if (due < 0)
            {
                credit -= due;
                continue;
            }
            var days = statementDate.DayNumber - dateOfService.DayNumber;
            buckets[days switch { <= 30 => 0, <= 60 => 1, <= 90 => 2, <= 120 => 3, _ => 4 }] += due;
        }
        for (var i = 4; i >= 0 && credit > 0; i--)
        {
            var used = Math.Min(credit, buckets[i]);
            buckets[i] -= used;
            credit -= used;
        }
        buckets[0] -= credit;
        return new StatementAging(buckets[0], buckets[1], buckets[2], buckets[3], buckets[4]);
    }

    private static string Name(Patient patient) => $"{patient.LegalFirstName} {patient.LegalLastName}";

    private static List<string> MailingAddress(GuarantorGroup group)
    {
        var lines = new List<string> { group.Name };
        if (group.GuarantorPatient is { } guarantor)
        {
            lines.AddRange(PatientAddress(guarantor));
        }
        else if (group.Patients.Select(p => p.GuarantorAddress).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a)) is { } typed)
        {
            lines.AddRange(typed.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else
        {
            lines.AddRange(PatientAddress(group.Patients[0]));
        }
        return lines;
    }

    private static IEnumerable<string> PatientAddress(Patient patient)
    {
        foreach (var line in new[] { patient.AddressLine1, patient.AddressLine2 }.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            yield return line!;
        }
        if (!string.IsNullOrWhiteSpace(patient.City))
        {
            yield return $"{patient.City}, {patient.State} {patient.PostalCode}".TrimEnd();
        }
    }

    private static string Zip(string? zip) => zip is { Length: 9 } ? $"{zip[..5]}-{zip[5..]}" : zip ?? "";

    private static string? Phone(string? phone) => phone is { Length: 10 } ? $"({phone[..3]}) {phone[3..6]}-{phone[6..]}" : phone;
}
