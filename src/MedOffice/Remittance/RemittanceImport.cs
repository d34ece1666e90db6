using System.Security.Cryptography;
using System.Text;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.X12.Remittance;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Remittance;

/// <summary>What one import did, in counts and words; <see cref="ToString"/> is the posting summary the command prints.</summary>
public sealed record RemittanceSummary(
    string FileName, IReadOnlyList<int> RemittanceIds, decimal PaymentAmount, int ClaimsInFile, int Matched, int Paid, int Adjusted, int Denied,
    int Reversed, int AlreadyPosted, IReadOnlyList<string> Unmatched, IReadOnlyList<string> SecondaryClaims, IReadOnlyDictionary<int, decimal> CreditApplied)
{
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"{FileName}: payment {MoneyText.Plain(PaymentAmount)}, {ClaimsInFile} claims in the file.",
            "Balance check: the payment equals the claims' payments less provider adjustments, and every claim and line balances.",
            $"Matched {Matched}: paid {Paid}, adjusted {Adjusted}, denied {Denied}, reversed {Reversed}" +
                (AlreadyPosted > 0 ? $"; {AlreadyPosted} already posted before (nothing posted again)." : "."),
            $"Unmatched {Unmatched.Count}{(Unmatched.Count > 0 ? " (kept for posting by hand): " + string.Join("; ", Unmatched.Take(20)) : ".")}",
        };
        if (SecondaryClaims.Count > 0)
        {
            lines.Add($"Secondary claims made: {string.Join(", ", SecondaryClaims)}.");
        }
        if (CreditApplied.Count > 0)
        {
            lines.Add($"Unapplied patient credit applied to what the payers left to the patient: {MoneyText.Plain(CreditApplied.Values.Sum())} for {CreditApplied.Count} patient(s).");
        }
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Imports an 835: refused whole when it does not balance (every difference stated to the cent); otherwise each claim is
/// matched to ours by its patient control number and posted — payments and adjustments per line to the ledger and to the
/// claim's adjudication rows, PR to the patient, a reversal (CLP02 22) undoing what was posted — in one transaction, so a
/// crash leaves all or none of it. Claims already posted (same file, or the same adjudication in another file) are skipped.
/// </summary>
public sealed class RemittanceImport(MedOfficeDb db, RemittancePosting posting, Payments.PatientPayments payments, AuditTrail audit, TimeProvider time)
{
    /// <summary>Called after each claim is written (inside the transaction); the crash test pauses here to kill the process.</summary>
    public Func<string, Task>? AfterClaim { get; set; }

    public async Task<Result<RemittanceSummary>> ImportAsync(Stream stream, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return await ImportAsync(Encoding.UTF8.GetString(buffer.ToArray()), fileName, actor, cancellationToken);
    }

    public async Task<Result<RemittanceSummary>> ImportAsync(string content, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        var read = RemittanceAdvice.Read(content);
        if (read.Transactions.Count == 0)
        {
            var why = read.Errors.FirstOrDefault()?.ToString() ?? "no 835 transaction set in it";
            return Result<RemittanceSummary>.Fail("File", $"{fileName} is not an 835 MedOffice can read: {why}.");
        }
        var differences = read.Transactions.SelectMany(t => t.Balance.Differences).Select(d => new FieldError("Balance", d.Message)).ToList();
        if (differences.Count > 0)
        {
            differences.Insert(0, new FieldError("Balance", $"{fileName} does not balance, so nothing was posted:"));
            return Result<RemittanceSummary>.Fail(differences);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        var tally = new Tally();
        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var ids = new List<int>();
        for (var sequence = 0; sequence < read.Transactions.Count; sequence++)
        {
            var advice = read.Transactions[sequence];
            var remittance = await RemittanceFor(advice, hash, sequence, fileName, actor, cancellationToken);
            ids.Add(remittance.Id);
            var existing = remittance.Claims.ToDictionary(c => c.Position);
            // Posting refers to the remittance by id only. Tracked, it would gather every posted claim into its Claims list,
            // and letting go of each run's claims would then search that list once per claim: quadratic in the file.
            foreach (var claim in existing.Values)
            {
                db.Entry(claim).State = EntityState.Detached;
            }
            db.Entry(remittance).State = EntityState.Detached;
            var occurrences = new Dictionary<string, int>();
            var run = new List<ClaimToPost>();
            var inRun = new HashSet<string>(StringComparer.Ordinal);
            for (var position = 0; position < advice.Claims.Count; position++)
            {
                var clp = advice.Claims[position];
                var identity = $"{advice.TraceNumber}|{advice.PayerId}|{clp.PatientControlNumber}|{clp.StatusCode}|{clp.PayerClaimControlNumber}|{clp.ChargeAmount}|{clp.PaidAmount}";
                occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
                var key = "835:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}|{occurrences[identity]}")));
                // A claim met again (a reversal, then its correction) starts a new run, so it sees what the earlier one posted.
                if (run.Count == RunSize || !inRun.Add(clp.PatientControlNumber))
                {
                    await PostRunAsync(remittance, advice, run, actor, tally, cancellationToken);
                    inRun.Clear();
                    inRun.Add(clp.PatientControlNumber);
                }
                run.Add(new ClaimToPost(clp, position, key, existing.GetValueOrDefault(position)));
            }
            await PostRunAsync(remittance, advice, run, actor, tally, cancellationToken);
        }
        // A copay taken before the visit was adjudicated waits as credit; now that the payer says what the patient owes, it pays that.
        var credited = await payments.ApplyCreditsAsync(tally.Patients, Limit(actor.UserName, 64), cancellationToken);
        await audit.RecordManyAsync([
            .. tally.Patients.Select(patientId => new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, patientId,
                Detail: $"835 {fileName} posted to the patient's account"
                    + (credited.TryGetValue(patientId, out var credit) ? $"; {MoneyText.Dollars(credit)} of unapplied credit applied" : ""))),
            new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing,
                Detail: $"835 {fileName} imported: {tally.Matched} claims posted, {tally.Unmatched.Count} unmatched"),
        ], cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return Result<RemittanceSummary>.Ok(new RemittanceSummary(fileName, ids, read.Transactions.Sum(t => t.PaymentAmount), read.Transactions.Sum(t => t.Claims.Count),
            tally.Matched, tally.Paid, tally.Adjusted, tally.Denied, tally.Reversed, tally.AlreadyPosted, tally.Unmatched, tally.Secondary, credited));
    }

    // Claims posted per run: a few queries and one save each. The crash test's pause needs every claim saved on its own.
    private int RunSize => AfterClaim is null ? 1000 : 1;

    private async Task PostRunAsync(ReceivedRemittance remittance, RemittanceAdvice advice, List<ClaimToPost> run, Actor actor, Tally tally,
        CancellationToken cancellationToken)
    {
        if (run.Count == 0)
        {
            return;
        }
        await posting.PostAsync(remittance, advice, run, actor, tally, cancellationToken);
        if (AfterClaim is not null)
        {
            foreach (var item in run)
            {
                await AfterClaim(item.Clp.PatientControlNumber);
            }
        }
        run.Clear();
    }

    /// <summary>The file's remittance row: made on first import, found again when the same file comes back (to post what was unmatched).</summary>
    private async Task<ReceivedRemittance> RemittanceFor(RemittanceAdvice advice, string hash, int sequence, string fileName, Actor actor, CancellationToken cancellationToken)
    {
        var existing = await db.Remittances.Include(r => r.Claims).FirstOrDefaultAsync(r => r.Sha256 == hash && r.Sequence == sequence, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var remittance = new ReceivedRemittance
        {
            FileName = Limit(Path.GetFileName(fileName), 260), Sha256 = hash, Sequence = sequence,
            PayerName = Limit(advice.Payer?.DisplayName ?? "(no payer name)", 60), PayerIdentifier = advice.PayerId is null ? null : Limit(advice.PayerId, 50),
            TraceNumber = Limit(advice.TraceNumber, 50), PaymentMethod = Limit(advice.PaymentMethod, 3), PaymentAmount = advice.PaymentAmount,
            PaymentDate = advice.PaymentDate, ProviderAdjustmentTotal = advice.ProviderAdjustments.Sum(a => a.Amount),
            ImportedAt = time.GetUtcNow().UtcDateTime, ImportedBy = Limit(actor.UserName, 64),
            ProviderAdjustments = advice.ProviderAdjustments.Where(a => a.Amount != 0).Select(a => new RemittanceProviderAdjustment
            {
                ProviderIdentifier = Limit(a.ProviderId, 50), ReasonCode = Limit(a.ReasonCode, 2), Reference = a.Reference is null ? null : Limit(a.Reference, 50), Amount = a.Amount,
            }).ToList(),
        };
        db.Remittances.Add(remittance);
        await db.SaveChangesAsync(cancellationToken);
        return remittance;
    }

    internal static string Limit(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Counts and names gathered while posting one import.</summary>
public sealed class Tally
{
    public int Matched { get; set; }
    public int Paid { get; set; }
    public int Adjusted { get; set; }
    public int Denied { get; set; }
    public int Reversed { get; set; }
    public int AlreadyPosted { get; set; }
    public List<string> Unmatched { get; } = [];
    public List<string> Secondary { get; } = [];
    public HashSet<int> Patients { get; } = [];
}
