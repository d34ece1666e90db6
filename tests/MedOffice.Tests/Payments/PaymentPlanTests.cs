using FsCheck;
using FsCheck.Xunit;
using MedOffice.Data;
using MedOffice.Payments;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Payments;

public class PaymentPlanTests
{
    [Property(MaxTest = 1000)]
    public bool Any_schedule_sums_exactly_to_the_plan_and_only_the_last_instalment_differs(PositiveInt cents, PositiveInt count, bool monthly)
    {
        var n = count.Get % 60 + 1;
        var amount = (cents.Get % 100_000_000 + n) / 100m;
        var schedule = PaymentPlans.Schedule(amount, n, new DateOnly(2026, 1, 31), monthly ? PlanIntervals.Monthly : PlanIntervals.EveryTwoWeeks);
        return schedule.Count == n
            && schedule.Sum(i => i.Amount) == amount
            && schedule.All(i => i.Amount > 0 && decimal.Round(i.Amount, 2) == i.Amount)
            && schedule.Take(n - 1).All(i => i.Amount == schedule[0].Amount)
            && schedule[^1].Amount >= schedule[0].Amount && schedule[^1].Amount - schedule[0].Amount < n * 0.01m
            && schedule.Zip(schedule.Skip(1)).All(p => p.Second.DueOn > p.First.DueOn);
    }

    [Fact]
    public void A_hundred_dollars_in_three_is_33_33_twice_and_33_34()
    {
        var schedule = PaymentPlans.Schedule(100m, 3, new DateOnly(2026, 4, 1), PlanIntervals.EveryTwoWeeks);
        Assert.Equal([33.33m, 33.33m, 33.34m], schedule.Select(i => i.Amount));
        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 15), new DateOnly(2026, 4, 29)], schedule.Select(i => i.DueOn));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Payments_mark_instalments_paid_in_order_and_unpaid_past_ones_are_overdue(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var patient = await clinic.SelfPayPatientAsync();
        await clinic.SelfPayVisitAsync(patient, new DateOnly(2026, 2, 2), 300m);

        var tooBig = (await clinic.Plans().CreatePlanAsync(patient, 301m))!;
        Assert.Contains("more than the patient owes ($300.00)", Assert.Single(tooBig.Errors).Message, StringComparison.Ordinal);
        var created = (await clinic.Plans().CreatePlanAsync(patient, null))!;
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        Assert.Equal([100m, 100m, 100m], created.Value!.Installments.Select(i => i.Amount));
        var second = (await clinic.Plans().CreatePlanAsync(patient, 10m))!;
        Assert.Equal("plan", Assert.Single(second.Errors).Field);

        await clinic.PayAsync(patient, 150m);
        office.Clock.Advance(TimeSpan.FromDays(45));
        var plan = (await clinic.Plans().ViewAsync(created.Value.Id))!;
        Assert.Equal([true, false, false], plan.Installments.Select(i => i.Paid));
        Assert.Equal([2], plan.OverdueInstallments.Select(i => i.Number));
        Assert.Equal([created.Value.Id], (await clinic.Plans().OverdueAsync()).Select(p => p.Id));

        var cancelled = (await clinic.Plans().CancelAsync(patient, plan.Id, ClaimClinic.Biller))!;
        Assert.Equal(PlanStatuses.Cancelled, cancelled.Value!.Status);
        Assert.Empty(await clinic.Plans().OverdueAsync());
    }
}

internal static class PlanTestExtensions
{
    /// <summary>A plan of three monthly instalments, the first due ten days after the test clock's day.</summary>
    public static Task<Result<PlanView>?> CreatePlanAsync(this PaymentPlans plans, int patientId, decimal? amount) =>
        plans.CreateAsync(new CreatePlan(patientId, amount, 3, new DateOnly(2026, 3, 26), PlanIntervals.Monthly), ClaimClinic.Biller);
}
