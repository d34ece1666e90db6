using MedOffice.Practice;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Statements;

public static class StatementDecisions
{
    public const string Send = "Send";
    public const string DoNotSend = "Do not send";
    public const string BelowMinimum = "Below minimum";
    public const string RecentlySent = "Recently sent";
}

/// <summary>A guarantor with money due, and what a run on the date would do with them.</summary>
public sealed record StatementCandidate(int? AccountId, string GuarantorKey, string GuarantorName, string PatientNames, decimal PatientDue,
    int DunningCycle, string Decision, string? Reason);

public sealed record StatementRunPreview(DateOnly StatementDate, IReadOnlyList<StatementCandidate> Candidates)
{
    public int ToSend => Candidates.Count(c => c.Decision == StatementDecisions.Send);
    public decimal TotalToSend => Candidates.Where(c => c.Decision == StatementDecisions.Send).Sum(c => c.PatientDue);
    public int Skipped => Candidates.Count - ToSend;
}

public sealed record StatementRunResult(int? RunId, DateOnly StatementDate, int Added, decimal Total, IReadOnlyList<StatementCandidate> Candidates);

public sealed record StatementRunRow(int Id, DateOnly StatementDate, int Statements, decimal Total, DateTime CreatedAt, string CreatedBy);

public sealed record StatementRow(int Id, int StatementRunId, DateOnly StatementDate, decimal AmountDue, decimal WithInsurance, int DunningCycle, string AccountNumber, string GuarantorName);

public sealed record GuarantorAccountView(GuarantorAccount Account, IReadOnlyList<(int PatientId, string Name)> Patients, decimal PatientDue,
    int NextDunningCycle, IReadOnlyList<StatementRow> Statements);

/// <summary>
/// Statement runs: which guarantors get a statement on a date (patient due at least the office's minimum, not flagged
/// "do not send", not sent one within the resend gap), the dunning cycle each is in, and the statements as sent.
/// The cycle counts from the first statement sent since the guarantor's patient-side balance was last at zero or below:
/// under 30 days the first statement, then past due (30+), second notice (60+), final notice before collections (90+).
/// </summary>
public sealed class StatementRuns(MedOfficeDb db, Guarantors guarantors, StatementBuilder builder, AuditTrail audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The account number a preview prints for a guarantor who has never been sent a statement.</summary>
    public const string NoAccountYet = "Not assigned yet";

    public async Task<StatementSettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        await db.StatementSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new StatementSettings { Id = 1 };

    public async Task<Result<StatementSettings>> SaveSettingsAsync(string? message, decimal? minimumDue, int? resendDays, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (minimumDue is null or < 0 or > 100_000)
        {
            errors.Add(new FieldError("minimumDue", "The minimum is an amount from 0.00 up."));
        }
        else if (decimal.Round(minimumDue.Value, 2) != minimumDue)
        {
            errors.Add(new FieldError("minimumDue", "The minimum is in dollars and cents."));
        }
        if (resendDays is null or < 0 or > 365)
        {
            errors.Add(new FieldError("resendDays", "The resend gap is a number of days from 0 to 365."));
        }
        if ((message ?? "").Trim().Length > 1000)
        {
            errors.Add(new FieldError("message", "The message is at most 1000 characters."));
        }
        if (errors.Count > 0)
        {
            return Result<StatementSettings>.Fail(errors);
        }
        var settings = await db.StatementSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new StatementSettings { Id = 1 };
            db.StatementSettings.Add(settings);
        }
        settings.Message = (message ?? "").Trim();
        settings.MinimumDue = minimumDue!.Value;
        settings.ResendDays = resendDays!.Value;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        settings.UpdatedBy = actor.UserName.Limit(64);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing,
            Detail: $"statement settings: minimum {MoneyText.Plain(settings.MinimumDue)}, resend after {settings.ResendDays} days"), cancellationToken);
        return Result<StatementSettings>.Ok(settings);
    }

    /// <summary>Every guarantor with a patient due above zero, with what a run on the date would do.</summary>
    public async Task<StatementRunPreview> PreviewAsync(DateOnly statementDate, CancellationToken cancellationToken = default)
    {
        var candidates = (await CandidatesAsync(statementDate, await SettingsAsync(cancellationToken), cancellationToken)).Select(c => c.Candidate);
        return new StatementRunPreview(statementDate, candidates.OrderBy(c => c.Decision != StatementDecisions.Send).ThenBy(c => c.GuarantorName, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Sends (records) a statement to each guarantor the preview says to send to. The same date again adds nothing.</summary>
    public async Task<Result<StatementRunResult>> GenerateAsync(DateOnly statementDate, Actor actor, CancellationToken cancellationToken = default)
    {
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        if (statementDate > today.AddDays(31) || statementDate < today.AddYears(-1))
        {
            return Result<StatementRunResult>.Fail("statementDate", "The statement date is within a year before and a month after today.");
        }
        var settings = await SettingsAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        StatementRun? run = await db.StatementRuns.FirstOrDefaultAsync(r => r.StatementDate == statementDate, cancellationToken);
        var added = new List<(Statement Statement, GuarantorGroup Group)>();
        var candidates = await CandidatesAsync(statementDate, settings, cancellationToken);
        foreach (var (group, candidate) in candidates)
        {
            if (candidate.Decision != StatementDecisions.Send)
            {
                continue;
            }
            if (run is null)
            {
                run = new StatementRun { StatementDate = statementDate, CreatedAt = now, CreatedBy = actor.UserName.Limit(64) };
                db.StatementRuns.Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }
            var account = await guarantors.AccountAsync(group, now, cancellationToken);
            var document = await builder.BuildAsync(group, account.Number, statementDate, candidate.DunningCycle, settings, cancellationToken);
            if (document.AmountDueNow <= 0)
            {
                continue;
            }
            var statement = new Statement
            {
                StatementRunId = run.Id, GuarantorAccountId = account.Id, StatementDate = statementDate, AmountDue = document.AmountDueNow,
                WithInsurance = document.WithInsurance, DunningCycle = document.DunningCycle, ContentJson = JsonSerializer.Serialize(document, Json),
                CreatedAt = now, CreatedBy = actor.UserName.Limit(64),
            };
            db.Statements.Add(statement);
            added.Add((statement, group));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (statement, group) in added)
        {
            foreach (var patient in group.Patients)
            {
                await audit.RecordAsync(new AuditEntry(actor, AuditActions.Print, AuditCategories.Billing, patient.Id,
                    Detail: $"statement {statement.Id} for {statement.StatementDate:yyyy-MM-dd}, account {GuarantorAccount.AccountNumber(statement.GuarantorAccountId)}, cycle {statement.DunningCycle}"), cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return Result<StatementRunResult>.Ok(new StatementRunResult(run?.Id, statementDate, added.Count, added.Sum(a => a.Statement.AmountDue),
            candidates.Select(c => c.Candidate).ToList()));
    }

    public async Task<List<StatementRunRow>> RunsAsync(CancellationToken cancellationToken = default)
    {
        var runs = await db.StatementRuns.AsNoTracking().OrderByDescending(r => r.StatementDate).Take(200).ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var amounts = await db.Statements.AsNoTracking().Where(s => ids.Contains(s.StatementRunId)).Select(s => new { s.StatementRunId, s.AmountDue }).ToListAsync(cancellationToken);
        return runs.Select(r => new StatementRunRow(r.Id, r.StatementDate, amounts.Count(a => a.StatementRunId == r.Id),
            amounts.Where(a => a.StatementRunId == r.Id).Sum(a => a.AmountDue), r.CreatedAt, r.CreatedBy)).ToList();
    }

    public async Task<List<StatementRow>> StatementsAsync(int? runId = null, int? accountId = null, CancellationToken cancellationToken = default)
    {
        var query = from s in db.Statements.AsNoTracking()
                    join a in db.GuarantorAccounts.AsNoTracking() on s.GuarantorAccountId equals a.Id
                    where (runId == null || s.StatementRunId == runId) && (accountId == null || s.GuarantorAccountId == accountId)
                    orderby s.StatementDate descending, a.Name
                    select new { s.Id, s.StatementRunId, s.StatementDate, s.AmountDue, s.WithInsurance, s.DunningCycle, a.Name, AccountId = a.Id };
        return (await query.ToListAsync(cancellationToken))
            .Select(s => new StatementRow(s.Id, s.StatementRunId, s.StatementDate, s.AmountDue, s.WithInsurance, s.DunningCycle, GuarantorAccount.AccountNumber(s.AccountId), s.Name)).ToList();
    }

    /// <summary>A stored statement re-printed exactly as sent (audited as printed). Null when there is no such statement.</summary>
    public async Task<byte[]?> StatementPdfAsync(int statementId, Actor actor, CancellationToken cancellationToken = default)
    {
        var statement = await db.Statements.AsNoTracking().FirstOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        return statement is null ? null : await PrintStoredAsync([statement], $"Statement {GuarantorAccount.AccountNumber(statement.GuarantorAccountId)} {statement.StatementDate:yyyy-MM-dd}", actor, cancellationToken);
    }

    /// <summary>Every statement of a run in one PDF, for mailing (audited as printed). Null when there is no such run.</summary>
    public async Task<byte[]?> RunPdfAsync(int runId, Actor actor, CancellationToken cancellationToken = default)
    {
        var run = await db.StatementRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }
        var statements = await db.Statements.AsNoTracking().Where(s => s.StatementRunId == runId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return await PrintStoredAsync(statements, $"Statements {run.StatementDate:yyyy-MM-dd}", actor, cancellationToken);
    }

    /// <summary>
    /// The statement a guarantor would get today (or on the date), read live from the ledger — a preview, nothing recorded
    /// but the audit. Null when there is no such patient.
    /// </summary>
    public async Task<byte[]?> PreviewPdfForPatientAsync(int patientId, DateOnly? statementDate, Actor actor, CancellationToken cancellationToken = default)
    {
        var key = await guarantors.KeyOfPatientAsync(patientId, cancellationToken);
        return key is null ? null : await PreviewPdfAsync(key, statementDate, actor, cancellationToken);
    }

    public async Task<byte[]?> PreviewPdfForAccountAsync(int accountId, DateOnly? statementDate, Actor actor, CancellationToken cancellationToken = default)
    {
        var key = await db.GuarantorAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.GuarantorKey).FirstOrDefaultAsync(cancellationToken);
        return key is null ? null : await PreviewPdfAsync(key, statementDate, actor, cancellationToken);
    }

    public async Task<int?> AccountIdForPatientAsync(int patientId, CancellationToken cancellationToken = default)
    {
        var key = await guarantors.KeyOfPatientAsync(patientId, cancellationToken);
        var group = key is null ? null : await guarantors.GroupAsync(key, cancellationToken);
        return group is null ? null : (await guarantors.AccountAsync(group, time.GetUtcNow().UtcDateTime, cancellationToken)).Id;
    }

    public async Task<GuarantorAccountView?> AccountAsync(int accountId, Actor actor, CancellationToken cancellationToken = default)
    {
        var account = await db.GuarantorAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }
        var group = await guarantors.GroupAsync(account.GuarantorKey, cancellationToken);
        var history = group is null ? [] : await builder.PatientSideHistoryAsync(group, cancellationToken);
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        var cycle = group is null ? DunningCycles.First : await CycleAsync(account, history, today, cancellationToken);
        foreach (var patient in group?.Patients ?? [])
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Billing, patient.Id, Detail: $"statement account {account.Number}"), cancellationToken);
        }
        return new GuarantorAccountView(account, group?.Patients.Select(p => (p.Id, $"{p.LegalFirstName} {p.LegalLastName}")).ToList() ?? [],
            history.Sum(h => h.Amount), cycle, await StatementsAsync(accountId: accountId, cancellationToken: cancellationToken));
    }

    /// <summary>Sets or clears "do not send" on an account; setting it needs a reason.</summary>
    public async Task<Result<GuarantorAccount>?> SetDoNotSendAsync(int accountId, bool doNotSend, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var account = await db.GuarantorAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }
        reason = reason?.Trim();
        if (doNotSend && string.IsNullOrEmpty(reason))
        {
            return Result<GuarantorAccount>.Fail("reason", "Say why statements should not be sent (e.g. in bankruptcy, disputed, with collections).");
        }
        if (reason is { Length: > 500 })
        {
            return Result<GuarantorAccount>.Fail("reason", "The reason is at most 500 characters.");
        }
        account.DoNotSend = doNotSend;
        account.DoNotSendReason = doNotSend ? reason : null;
        account.DoNotSendSetAt = time.GetUtcNow().UtcDateTime;
        account.DoNotSendSetBy = actor.UserName.Limit(64);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, GuarantorKeys.PatientIdOf(account.GuarantorKey),
            Detail: doNotSend ? $"statement account {account.Number}: do not send ({reason})" : $"statement account {account.Number}: statements resumed"), cancellationToken);
        return Result<GuarantorAccount>.Ok(account);
    }

    private async Task<byte[]?> PreviewPdfAsync(string key, DateOnly? statementDate, Actor actor, CancellationToken cancellationToken)
    {
        var group = await guarantors.GroupAsync(key, cancellationToken);
        if (group is null)
        {
            return null;
        }
        var date = statementDate ?? await OfficeDay.TodayAsync(db, time, cancellationToken);
        // A preview only reads: a guarantor never sent a statement has no account (and no number) until the first run.
        var account = await guarantors.FindAccountAsync(group.Key, cancellationToken);
        var number = account?.Number ?? NoAccountYet;
        var history = await builder.PatientSideHistoryAsync(group, cancellationToken);
        var cycle = await CycleAsync(account, history, date, cancellationToken);
        var document = await builder.BuildAsync(group, number, date, cycle, await SettingsAsync(cancellationToken), cancellationToken);
        var pdf = StatementPdf.Render([document], $"Statement {number} {date:yyyy-MM-dd} (preview)", time);
        foreach (var patient in group.Patients)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Print, AuditCategories.Billing, patient.Id, Detail: $"statement preview, account {number}"), cancellationToken);
        }
        return pdf;
    }

    private async Task<byte[]> PrintStoredAsync(IReadOnlyList<Statement> statements, string title, Actor actor, CancellationToken cancellationToken)
    {
        var documents = statements.Select(s => JsonSerializer.Deserialize<StatementDocument>(s.ContentJson, Json)!).ToList();
        // One statement prints with the instant it was made, so it comes out byte for byte as sent; a batch with its first.
        var stamp = statements.Count == 0 ? time.GetUtcNow() : new DateTimeOffset(statements.Min(s => s.CreatedAt), TimeSpan.Zero);
        var pdf = documents.Count == 0
            ? StatementPdf.Empty(title, time)
            : StatementPdf.Render(documents, title, new FixedTime(stamp));
        foreach (var patientId in documents.SelectMany(d => d.Patients.Select(p => p.PatientId)).Distinct().DefaultIfEmpty())
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Print, AuditCategories.Billing, patientId == 0 ? null : patientId, Detail: title), cancellationToken);
        }
        return pdf;
    }

    /// <summary>
    /// Every guarantor whose patients' patient-side balances add up to more than zero, with what a run on the date would do,
    /// in guarantor-key order. A fixed handful of queries however many guarantors there are: the patient side of the
    /// ledger, the owing patients and their groups, the accounts, and the statements already sent.
    /// </summary>
    private async Task<List<(GuarantorGroup Group, StatementCandidate Candidate)>> CandidatesAsync(DateOnly statementDate, StatementSettings settings,
        CancellationToken cancellationToken)
    {
        var entries = (await db.LedgerEntries.AsNoTracking().Where(e => e.Side == LedgerSides.Patient)
            .Select(e => new { e.Id, e.PatientId, e.PostedAt, e.Amount }).ToListAsync(cancellationToken)).ToLookup(e => e.PatientId);
        var owing = entries.Where(g => g.Sum(e => e.Amount) != 0).Select(g => g.Key).ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => owing.Contains(p.Id)).ToListAsync(cancellationToken);
        var keys = (await guarantors.KeysAsync(patients, cancellationToken)).Values.Distinct().Order(StringComparer.Ordinal).ToList();
        var groups = await guarantors.GroupsAsync(keys, cancellationToken);
        var groupKeys = groups.Select(g => g.Key).ToList();
        var accounts = await db.GuarantorAccounts.AsNoTracking().Where(a => groupKeys.Contains(a.GuarantorKey)).ToDictionaryAsync(a => a.GuarantorKey, cancellationToken);
        var accountIds = accounts.Values.Select(a => a.Id).ToList();
        var sent = (await db.Statements.AsNoTracking().Where(s => accountIds.Contains(s.GuarantorAccountId) && s.StatementDate <= statementDate)
            .Select(s => new { s.GuarantorAccountId, s.StatementDate, s.CreatedAt }).ToListAsync(cancellationToken))
            .ToLookup(s => s.GuarantorAccountId, s => (s.StatementDate, s.CreatedAt));

        var candidates = new List<(GuarantorGroup, StatementCandidate)>();
        foreach (var group in groups)
        {
            var history = group.Patients.SelectMany(p => entries[p.Id]).OrderBy(e => e.PostedAt).ThenBy(e => e.Id).Select(e => (e.PostedAt, e.Amount)).ToList();
            var due = history.Sum(h => h.Amount);
            if (due <= 0)
            {
                continue;
            }
            var account = accounts.GetValueOrDefault(group.Key);
            var accountSent = account is null ? [] : sent[account.Id].ToList();
            var cycle = Cycle(history, accountSent.Where(s => s.StatementDate < statementDate), statementDate);
            var last = accountSent.Count == 0 ? (DateOnly?)null : accountSent.Max(s => s.StatementDate);
            var names = string.Join(", ", group.Patients.Select(p => $"{p.LegalFirstName} {p.LegalLastName}"));
            var (decision, reason) = account is { DoNotSend: true } ? (StatementDecisions.DoNotSend, account.DoNotSendReason)
                : due < settings.MinimumDue ? (StatementDecisions.BelowMinimum, $"under the minimum of {MoneyText.Dollars(settings.MinimumDue)}")
                : last is { } lastSent && (statementDate.DayNumber - lastSent.DayNumber < settings.ResendDays || lastSent == statementDate)
                    ? (StatementDecisions.RecentlySent, $"last statement {lastSent:MM/dd/yyyy}")
                    : (StatementDecisions.Send, null);
            candidates.Add((group, new StatementCandidate(account?.Id, group.Key, group.Name, names, due, cycle, decision, reason)));
        }
        return candidates;
    }

    /// <summary>The dunning cycle of one account (the first for a guarantor without one), reading the statements sent before the date.</summary>
    private async Task<int> CycleAsync(GuarantorAccount? account, IReadOnlyList<(DateTime PostedAt, decimal Amount)> history, DateOnly statementDate,
        CancellationToken cancellationToken)
    {
        if (account is null)
        {
            return DunningCycles.First;
        }
        var sent = await db.Statements.AsNoTracking().Where(s => s.GuarantorAccountId == account.Id && s.StatementDate < statementDate)
            .Select(s => new { s.StatementDate, s.CreatedAt }).ToListAsync(cancellationToken);
        return Cycle(history, sent.Select(s => (s.StatementDate, s.CreatedAt)), statementDate);
    }

    /// <summary>1 + whole 30-day periods (up to 3) since the first statement sent after the balance was last at zero or below.</summary>
    private static int Cycle(IReadOnlyList<(DateTime PostedAt, decimal Amount)> history, IEnumerable<(DateOnly StatementDate, DateTime CreatedAt)> sentBefore,
        DateOnly statementDate)
    {
        var running = 0m;
        var settledAt = DateTime.MinValue;
        foreach (var (postedAt, amount) in history)
        {
            running += amount;
            if (running <= 0)
            {
                settledAt = postedAt;
            }
        }
        var firstUnpaid = sentBefore.Where(s => s.CreatedAt > settledAt).OrderBy(s => s.StatementDate).Select(s => (DateOnly?)s.StatementDate).FirstOrDefault();
        return firstUnpaid is { } first ? DunningCycles.ForDaysPastFirstUnpaid(statementDate.DayNumber - first.DayNumber) : DunningCycles.First;
    }
}
