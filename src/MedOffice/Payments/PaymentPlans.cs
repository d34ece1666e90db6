using MedOffice.Practice;
using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Payments;

public sealed record CreatePlan(int PatientId, decimal? Amount, int? Installments, DateOnly? FirstDueOn, string? Interval);

public sealed record InstallmentStatus(int Number, DateOnly DueOn, decimal Amount, bool Paid, bool Overdue);

public sealed record PlanView(int Id, int PatientId, string PatientName, decimal Amount, string Interval, string Status, decimal PaidSoFar,
    DateTime CreatedAt, string CreatedBy, IReadOnlyList<InstallmentStatus> Installments)
{
    public IEnumerable<InstallmentStatus> OverdueInstallments => Installments.Where(i => i.Overdue);
}

/// <summary>
/// Payment plans: a patient balance split into N instalments (monthly or every two weeks). Every instalment but the last is
/// the amount divided by N rounded down to the cent; the last absorbs the rest, so the schedule sums exactly to the plan.
/// Which instalments are paid follows from the patient's payments since the plan began, applied to the instalments in order.
/// One active plan per patient.
/// </summary>
public sealed class PaymentPlans(MedOfficeDb db, PatientPayments payments, AuditTrail audit, TimeProvider time)
{
    public static IReadOnlyList<(int Number, DateOnly DueOn, decimal Amount)> Schedule(decimal amount, int count, DateOnly firstDueOn, string interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var each = Math.Floor(amount / count * 100m) / 100m;
        return Enumerable.Range(1, count).Select(n => (n,
                interval == PlanIntervals.EveryTwoWeeks ? firstDueOn.AddDays(14 * (n - 1)) : firstDueOn.AddMonths(n - 1),
                n < count ? each : amount - each * (count - 1)))
            .ToList();
    }

    public async Task<Result<PlanView>?> CreateAsync(CreatePlan request, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken))
        {
            return null;
        }
        await payments.EnsureChargesAsync(request.PatientId, actor, cancellationToken);
        var due = (await new PatientLedger(db, time).PatientBalanceAsync(request.PatientId, cancellationToken)).PatientDue;
        var amount = request.Amount ?? due;
        var errors = new List<FieldError>();
        PaymentRules.CheckMoney(amount, errors, "of the plan");
        if (errors.Count == 0 && amount > due)
        {
            errors.Add(new FieldError("amount", $"The plan of {MoneyText.Dollars(amount)} is more than the patient owes ({MoneyText.Dollars(due)})."));
        }
        if (request.Installments is not (>= 2 and <= 60))
        {
            errors.Add(new FieldError("installments", "Choose between 2 and 60 instalments."));
        }
        else if (amount < request.Installments.Value * 0.01m)
        {
            errors.Add(new FieldError("installments", "Each instalment must be at least one cent."));
        }
        if (request.FirstDueOn is null)
        {
            errors.Add(new FieldError("firstDueOn", "Enter the date the first instalment is due (yyyy-MM-dd)."));
        }
        if (request.Interval is null || !PlanIntervals.All.Contains(request.Interval))
        {
            errors.Add(new FieldError("interval", "Choose Monthly or EveryTwoWeeks."));
        }
        if (await db.PaymentPlans.AnyAsync(p => p.PatientId == request.PatientId && p.Status == PlanStatuses.Active, cancellationToken))
        {
            errors.Add(new FieldError("plan", "The patient already has an active payment plan; cancel it first."));
        }
        if (errors.Count > 0)
        {
            return Result<PlanView>.Fail(errors);
        }
        var plan = new PaymentPlan
        {
            PatientId = request.PatientId, Amount = amount, Interval = request.Interval!, FirstDueOn = request.FirstDueOn!.Value,
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName.Limit(64),
            Installments = Schedule(amount, request.Installments!.Value, request.FirstDueOn.Value, request.Interval!)
                .Select(i => new PlanInstallment { Number = i.Number, DueOn = i.DueOn, Amount = i.Amount }).ToList(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PaymentPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing, plan.PatientId,
            Detail: $"payment plan {plan.Id}: {MoneyText.Dollars(amount)} in {plan.Installments.Count} instalments {PlanIntervals.DisplayName(plan.Interval)} from {plan.FirstDueOn:yyyy-MM-dd}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<PlanView>.Ok((await ViewAsync(plan.Id, cancellationToken))!);
    }

    public async Task<Result<PlanView>?> CancelAsync(int patientId, int planId, Actor actor, CancellationToken cancellationToken = default)
    {
        var plan = await db.PaymentPlans.FirstOrDefaultAsync(p => p.Id == planId && p.PatientId == patientId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        if (plan.Status == PlanStatuses.Cancelled)
        {
            return Result<PlanView>.Fail("plan", $"The plan was already cancelled by {plan.CancelledBy}.");
        }
        plan.Status = PlanStatuses.Cancelled;
        plan.CancelledAt = time.GetUtcNow().UtcDateTime;
        plan.CancelledBy = actor.UserName.Limit(64);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, plan.PatientId, Detail: $"payment plan {plan.Id} cancelled"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<PlanView>.Ok((await ViewAsync(plan.Id, cancellationToken))!);
    }

    /// <summary>The patient's plans, newest first (the active one, if any, comes first).</summary>
    public async Task<List<PlanView>> ForPatientAsync(int patientId, CancellationToken cancellationToken = default)
    {
        var ids = await db.PaymentPlans.AsNoTracking().Where(p => p.PatientId == patientId)
            .OrderBy(p => p.Status == PlanStatuses.Active ? 0 : 1).ThenByDescending(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var views = new List<PlanView>();
        foreach (var id in ids)
        {
            views.Add((await ViewAsync(id, cancellationToken))!);
        }
        return views;
    }

    /// <summary>Every active plan with an instalment past due and unpaid.</summary>
    public async Task<List<PlanView>> OverdueAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.PaymentPlans.AsNoTracking().Where(p => p.Status == PlanStatuses.Active).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var overdue = new List<PlanView>();
        foreach (var id in ids)
        {
            if (await ViewAsync(id, cancellationToken) is { } view && view.OverdueInstallments.Any())
            {
                overdue.Add(view);
            }
        }
        return overdue;
    }

    public async Task<PlanView?> ViewAsync(int planId, CancellationToken cancellationToken = default)
    {
        var plan = await db.PaymentPlans.AsNoTracking().Include(p => p.Installments).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == plan.PatientId).Select(p => p.LegalLastName + ", " + p.LegalFirstName).SingleAsync(cancellationToken);
        var paid = (await db.Payments.AsNoTracking().Where(p => p.PatientId == plan.PatientId && p.ReceivedAt >= plan.CreatedAt).Select(p => p.Amount)
            .ToListAsync(cancellationToken)).Sum();
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        var covered = 0m;
        var installments = new List<InstallmentStatus>();
        foreach (var i in plan.Installments.OrderBy(i => i.Number))
        {
            covered += i.Amount;
            var isPaid = paid >= covered;
            installments.Add(new InstallmentStatus(i.Number, i.DueOn, i.Amount, isPaid, !isPaid && plan.Status == PlanStatuses.Active && i.DueOn < today));
        }
        return new PlanView(plan.Id, plan.PatientId, patient, plan.Amount, plan.Interval, plan.Status, Math.Min(paid, plan.Amount), plan.CreatedAt, plan.CreatedBy, installments);
    }
}
