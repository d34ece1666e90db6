using System.Globalization;
using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Patients;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

/// <summary>One line of a paper EOB: what the payer paid on the line, when, and its adjustments (group, CARC reason, amount).</summary>
public sealed record EobLine(int ClaimLineId, decimal Paid, DateOnly AdjudicatedOn, IReadOnlyList<(string Group, string Reason, decimal Amount)> Adjustments);

public sealed record SweepOutcome(int Made, int Cancelled, int Voids, IReadOnlyList<string> NotBilled);

/// <summary>
/// Keeps claims in step with charge sheets. A released sheet gets a claim to the primary payer active on its date of
/// service (a replacement sheet's claim replaces the payer's copy, frequency 7); a voided sheet's unsent claims are
/// cancelled, and a claim the payer already has is voided (frequency 8) unless a replacement sheet is on its way.
/// A secondary claim is made once the primary has adjudicated every line and a balance is left.
/// </summary>
public sealed class ClaimMaker(MedOfficeDb db, TimeProvider time)
{
    private static readonly string[] PayerHas = [ClaimStatuses.Sent, ClaimStatuses.Accepted, ClaimStatuses.Adjudicated];

    public async Task<SweepOutcome> SweepAsync(CancellationToken cancellationToken = default)
    {
        var notBilled = new List<string>();
        var made = 0;
        var unclaimed = await db.ChargeSheets.AsNoTracking()
            .Where(s => s.Status == ChargeSheetStatuses.Released && !db.Claims.Any(c => c.ChargeSheetId == s.Id && c.PayerSequence == "P"))
            .Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var sheetId in unclaimed)
        {
            var result = await MakePrimaryAsync(sheetId, cancellationToken);
            if (result.Succeeded)
            {
                made++;
            }
            else
            {
                notBilled.Add(result.Errors[0].Message);
            }
        }

        var (cancelled, voids) = (0, 0);
        var voided = await db.ChargeSheets.AsNoTracking().Where(s => s.Status == ChargeSheetStatuses.Voided)
            .Where(s => db.Claims.Any(c => c.ChargeSheetId == s.Id && c.Status != ClaimStatuses.Cancelled && c.Frequency != ClaimFrequencies.Void))
            .Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var sheetId in voided)
        {
            var claims = await db.Claims.Include(c => c.Lines)
                .Where(c => c.ChargeSheetId == sheetId && c.Status != ClaimStatuses.Cancelled && c.Frequency != ClaimFrequencies.Void)
                .ToListAsync(cancellationToken);
            var replacementComing = await db.ChargeSheets.AnyAsync(s => s.ReplacesChargeSheetId == sheetId && s.Status != ChargeSheetStatuses.Voided, cancellationToken);
            foreach (var claim in claims)
            {
                if (!PayerHas.Contains(claim.Status))
                {
                    Move(claim, ClaimStatuses.Cancelled, "charges", "The charges were voided before the claim was sent.");
                    cancelled++;
                }
                else if (!replacementComing && !await db.Claims.AnyAsync(c => c.CorrectsClaimId == claim.Id, cancellationToken))
                {
                    db.Claims.Add(Copy(claim, ClaimFrequencies.Void, await NextNumberAsync(claim.ChargeSheetId, claim.PayerSequence, cancellationToken), claim.Lines));
                    voids++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SweepOutcome(made, cancelled, voids, notBilled);
    }

    public async Task<Result<Claim>> MakePrimaryAsync(int chargeSheetId, CancellationToken cancellationToken = default)
    {
        var sheet = await db.ChargeSheets.AsNoTracking().Include(s => s.Lines).FirstOrDefaultAsync(s => s.Id == chargeSheetId, cancellationToken);
        if (sheet is not { Status: ChargeSheetStatuses.Released })
        {
            return Result<Claim>.Fail("ChargeSheetId", "Only released charges are billed.");
        }
        var existing = await db.Claims.FirstOrDefaultAsync(c => c.ChargeSheetId == chargeSheetId && c.PayerSequence == "P", cancellationToken);
        if (existing is not null)
        {
            return Result<Claim>.Ok(existing);
        }
        var coverage = await db.Coverages.AsNoTracking().InForceAsync(sheet.PatientId, CoveragePriorities.Primary, sheet.DateOfService, cancellationToken);
        if (coverage is null)
        {
            return Result<Claim>.Fail("Coverage",
                $"Charges of {sheet.DateOfService:MM/dd/yyyy} (sheet {sheet.Id}): the patient had no primary insurance that day, so no claim is made (self-pay).");
        }
        // A replacement sheet corrects the claim the payer already holds; otherwise it is a new claim.
        Claim? corrected = null;
        if (sheet.ReplacesChargeSheetId is { } replaced)
        {
            corrected = await db.Claims.AsNoTracking()
                .Where(c => c.ChargeSheetId == replaced && c.PayerSequence == "P" && PayerHas.Contains(c.Status) && c.Frequency != ClaimFrequencies.Void)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        }
        var claim = new Claim
        {
            ClaimNumber = await NextNumberAsync(sheet.Id, "P", cancellationToken),
            ChargeSheetId = sheet.Id, PatientId = sheet.PatientId, CoverageId = coverage.Id, PayerId = coverage.PayerId, PayerSequence = "P",
            Frequency = corrected is null ? ClaimFrequencies.Original : ClaimFrequencies.Replacement,
            CorrectsClaimId = corrected?.Id, PayerClaimNumber = corrected?.PayerClaimNumber,
            DateOfService = sheet.DateOfService, TotalCharge = sheet.Lines.Sum(l => l.Amount),
            CreatedAt = Now, UpdatedAt = Now,
            Lines = sheet.Lines.OrderBy(l => l.LineNumber).Select((l, i) => new ClaimLine
            {
                LineNumber = i + 1, ChargeLineId = l.Id, ProcedureCode = l.ProcedureCode, Modifiers = string.Join(":", l.Modifiers),
                Units = l.Units, Amount = l.Amount, DiagnosisPointers = l.DiagnosisPointers,
            }).ToList(),
        };
        db.Claims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(claim, "charges", corrected is null ? "Made from released charges." : $"Replaces claim {corrected.ClaimNumber}.", cancellationToken);
        return Result<Claim>.Ok(claim);
    }

    /// <summary>
    /// After the primary adjudicated every line: the claim to the secondary payer, carrying the primary's payments and
    /// adjustments. Refused when there is no secondary coverage on the date, or nothing is left for it to pay.
    /// </summary>
    public async Task<Result<Claim>> MakeSecondaryAsync(int primaryClaimId, CancellationToken cancellationToken = default)
    {
        var primary = await db.Claims.AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == primaryClaimId, cancellationToken);
        if (primary is not { PayerSequence: "P" })
        {
            return Result<Claim>.Fail("ClaimId", "A secondary claim follows a primary claim.");
        }
        if (await db.Claims.AnyAsync(c => c.ChargeSheetId == primary.ChargeSheetId && c.PayerSequence == "S" && c.Status != ClaimStatuses.Cancelled, cancellationToken))
        {
            return Result<Claim>.Fail("ClaimId", $"Claim {primary.ClaimNumber} already has a secondary claim.");
        }
        var adjudications = await db.PayerLineAdjudications.AsNoTracking().Include(a => a.Adjustments)
            .Where(a => a.ClaimId == primary.Id).ToListAsync(cancellationToken);
        if (adjudications.Count < primary.Lines.Count)
        {
            return Result<Claim>.Fail("ClaimId", $"The primary payer has not adjudicated every line of claim {primary.ClaimNumber} yet.");
        }
        var left = primary.TotalCharge - adjudications.Sum(a => a.PaidAmount)
            - adjudications.SelectMany(a => a.Adjustments).Where(x => x.GroupCode is "CO" or "PI").Sum(x => x.Amount);
        if (left <= 0)
        {
            return Result<Claim>.Fail("ClaimId", $"Nothing is left for a secondary payer on claim {primary.ClaimNumber}.");
        }
        var coverage = await db.Coverages.AsNoTracking().InForceAsync(primary.PatientId, CoveragePriorities.Secondary, primary.DateOfService, cancellationToken);
        if (coverage is null)
        {
            return Result<Claim>.Fail("Coverage", $"The patient had no secondary insurance on {primary.DateOfService:MM/dd/yyyy}: the balance is the patient's.");
        }
        var claim = Copy(primary, ClaimFrequencies.Original, await NextNumberAsync(primary.ChargeSheetId, "S", cancellationToken), primary.Lines);
        (claim.PayerSequence, claim.CoverageId, claim.PayerId, claim.CorrectsClaimId, claim.PayerClaimNumber) = ("S", coverage.Id, coverage.PayerId, null, null);
        db.Claims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(claim, "charges", $"Secondary to claim {primary.ClaimNumber}: {left.ToString("0.00", CultureInfo.InvariantCulture)} left after the primary.", cancellationToken);
        return Result<Claim>.Ok(claim);
    }

    /// <summary>Records the primary's adjudication of a line typed from a paper EOB (an 835 posts the same rows).</summary>
    public async Task<Result<PayerLineAdjudication>> RecordAdjudicationAsync(int claimLineId, decimal paid, DateOnly adjudicatedOn,
        IReadOnlyList<(string Group, string Reason, decimal Amount)> adjustments, string source, CancellationToken cancellationToken = default)
    {
        var line = await db.ClaimLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == claimLineId, cancellationToken);
        if (line is null)
        {
            return Result<PayerLineAdjudication>.Fail("ClaimLineId", "No such claim line.");
        }
        if (adjustments.Any(a => a.Group is not ("CO" or "PR" or "OA" or "PI" or "CR")))
        {
            return Result<PayerLineAdjudication>.Fail("Adjustments", "Adjustment groups are CO, PR, OA, PI or CR.");
        }
        var accounted = paid + adjustments.Sum(a => a.Amount);
        if (accounted != line.Amount)
        {
            return Result<PayerLineAdjudication>.Fail("Adjustments",
                $"Paid {paid:0.00} plus adjustments {adjustments.Sum(a => a.Amount):0.00} must equal the line's charge {line.Amount:0.00}.");
        }
        if (await db.PayerLineAdjudications.AnyAsync(a => a.ClaimLineId == claimLineId, cancellationToken))
        {
            return Result<PayerLineAdjudication>.Fail("ClaimLineId", "This line's adjudication is already recorded.");
        }
        var row = new PayerLineAdjudication
        {
            ClaimId = line.ClaimId, ClaimLineId = line.Id, PaidAmount = paid, AdjudicatedOn = adjudicatedOn, Source = source,
            Adjustments = adjustments.Select(a => new PayerAdjustment { GroupCode = a.Group, ReasonCode = a.Reason, Amount = a.Amount }).ToList(),
        };
        db.PayerLineAdjudications.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Result<PayerLineAdjudication>.Ok(row);
    }

    /// <summary>Records a paper EOB for a claim the payer has: every line given, all or none; with every line in, the claim is adjudicated.</summary>
    public async Task<Result<Claim>?> RecordEobAsync(int claimId, IReadOnlyList<EobLine> lines, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }
        if (claim.Status is not (ClaimStatuses.Sent or ClaimStatuses.Accepted))
        {
            return Result<Claim>.Fail("Status", $"Claim {claim.ClaimNumber} is {claim.Status}: an EOB is entered for a claim the payer has.");
        }
        if (lines.Count == 0 || lines.Any(l => claim.Lines.All(c => c.Id != l.ClaimLineId)))
        {
            return Result<Claim>.Fail("Lines", "Enter what the payer paid on the claim's lines.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var line in lines)
        {
            var recorded = await RecordAdjudicationAsync(line.ClaimLineId, line.Paid, line.AdjudicatedOn, line.Adjustments, "Manual", cancellationToken);
            if (!recorded.Succeeded)
            {
                var number = claim.Lines.First(c => c.Id == line.ClaimLineId).LineNumber;
                return Result<Claim>.Fail($"Lines[{number}]", $"Line {number}: {recorded.Errors[0].Message}");
            }
        }
        if (await db.PayerLineAdjudications.CountAsync(a => a.ClaimId == claimId, cancellationToken) == claim.Lines.Count)
        {
            Move(claim, ClaimStatuses.Adjudicated, "eob", "Paper EOB entered.");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<Claim>.Ok(claim);
    }

    internal void Move(Claim claim, string status, string source, string reason) => db.ClaimEvents.Add(Transition(claim, status, source, reason));

    /// <summary>Moves the claim and returns the event that records it, not yet added (an 835 writes thousands with BulkWrite).</summary>
    internal ClaimEvent Transition(Claim claim, string status, string source, string reason)
    {
        claim.Status = status;
        claim.StatusReason = reason.Limit(1000);
        claim.UpdatedAt = Now;
        return new ClaimEvent { ClaimId = claim.Id, OccurredAt = Now, Status = status, Source = source, Detail = claim.StatusReason };
    }

    private async Task RecordAsync(Claim claim, string source, string detail, CancellationToken cancellationToken)
    {
        db.ClaimEvents.Add(new ClaimEvent { ClaimId = claim.Id, OccurredAt = Now, Status = claim.Status, Source = source, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }

    private Claim Copy(Claim from, string frequency, string number, IEnumerable<ClaimLine> lines) => new()
    {
        ClaimNumber = number, ChargeSheetId = from.ChargeSheetId, PatientId = from.PatientId, CoverageId = from.CoverageId, PayerId = from.PayerId,
        PayerSequence = from.PayerSequence, Frequency = frequency, CorrectsClaimId = frequency == ClaimFrequencies.Original ? null : from.Id,
        PayerClaimNumber = from.PayerClaimNumber, DateOfService = from.DateOfService, TotalCharge = from.TotalCharge, CreatedAt = Now, UpdatedAt = Now,
        Lines = lines.Select(l => new ClaimLine
        {
            LineNumber = l.LineNumber, ChargeLineId = l.ChargeLineId, ProcedureCode = l.ProcedureCode, Modifiers = l.Modifiers,
            Units = l.Units, Amount = l.Amount, DiagnosisPointers = l.DiagnosisPointers,
        }).ToList(),
    };

    /// <summary>Claim numbers say where they come from: the charge sheet, the payer's place (P/S/T) and a count, e.g. 000123P1.</summary>
    private async Task<string> NextNumberAsync(int sheetId, string sequence, CancellationToken cancellationToken)
    {
        var count = await db.Claims.CountAsync(c => c.ChargeSheetId == sheetId && c.PayerSequence == sequence, cancellationToken)
            + db.Claims.Local.Count(c => c.ChargeSheetId == sheetId && c.PayerSequence == sequence && c.Id == 0);
        return $"{sheetId.ToString("D6", CultureInfo.InvariantCulture)}{sequence}{(count + 1).ToString(CultureInfo.InvariantCulture)}";
    }


    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
