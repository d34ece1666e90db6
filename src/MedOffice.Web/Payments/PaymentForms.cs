using System.Globalization;
using MedOffice.Payments;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace MedOffice.Web.Payments;

/// <summary>
/// The account and day-close pages' form posts. Each answers with a redirect: to the receipt (or what was done) on success,
/// back to the form with the error and what was typed on refusal — except a refused reference, which is never echoed
/// (it may be a card number).
/// </summary>
internal static class PaymentForms
{
    public static void Map(RouteGroupBuilder take, RouteGroupBuilder manage)
    {
        take.MapPost("/patients/{id:int}/account/payments", async (int id, IFormCollection form, PatientPayments payments, HttpContext context) =>
        {
            var amount = Money(form, "amount", out var amountError);
            var result = await payments.PostAsync(new TakePayment(id, amount, Text(form, "method"), Text(form, "reference"), Text(form, "context"),
                Number(form, "locationId"), Number(form, "appointmentId"), Date(form, "receivedOn"), Text(form, "idempotencyKey")), context.Actor());
            if (result is null)
            {
                return Results.NotFound();
            }
            if (result.Succeeded && amountError is null)
            {
                return Results.Redirect($"/patients/{id}/account?receipt={result.Value!.PaymentId}");
            }
            var errors = (amountError is null ? [] : new[] { amountError }).Concat(result.Errors.Where(e => e.Field != "amount" || amountError is null)).ToList();
            var keep = new Dictionary<string, string?>
            {
                ["error"] = string.Join(" ", errors.Select(e => e.Message)),
                ["amount"] = Text(form, "amount"), ["method"] = Text(form, "method"), ["context"] = Text(form, "context"),
                ["appointment"] = Text(form, "appointmentId"), ["location"] = Text(form, "locationId"), ["receivedOn"] = Text(form, "receivedOn"),
                ["key"] = Text(form, "idempotencyKey"),
                ["reference"] = errors.Any(e => e.Field == "reference") ? null : Text(form, "reference"),
            };
            return Results.Redirect(QueryHelpers.AddQueryString($"/patients/{id}/account", keep.Where(k => k.Value is not null)) + "#take-payment");
        });

        take.MapPost("/patients/{id:int}/account/apply-credit", async (int id, PatientPayments payments, HttpContext context) =>
            await payments.ApplyCreditAsync(id, context.Actor()) is { } applied
                ? Back(id, applied > 0 ? $"{MoneyText.Dollars(applied)} of credit applied to open visits." : "No credit to apply, or nothing open to apply it to.", error: false)
                : Results.NotFound());

        manage.MapPost("/patients/{id:int}/account/refunds", async (int id, IFormCollection form, PatientPayments payments, HttpContext context) =>
        {
            var amount = Money(form, "amount", out var amountError);
            var result = await payments.RefundAsync(new RefundCredit(id, amount, Text(form, "method"), Text(form, "reference"), Text(form, "reason"),
                Number(form, "locationId"), Text(form, "idempotencyKey")), context.Actor());
            return result switch
            {
                null => Results.NotFound(),
                _ when amountError is not null => Back(id, amountError.Message, error: true),
                { Succeeded: true } => Back(id, $"Refunded {MoneyText.Dollars(result.Value!.Amount)}; credit left {MoneyText.Dollars(result.Value.CreditLeft)}.", error: false),
                _ => Back(id, string.Join(" ", result.Errors.Select(e => e.Message)), error: true),
            };
        });

        manage.MapPost("/patients/{id:int}/account/plans", async (int id, IFormCollection form, PaymentPlans plans, HttpContext context) =>
        {
            var amount = Text(form, "amount") is null ? null : Money(form, "amount", out _);
            var result = await plans.CreateAsync(new CreatePlan(id, amount, Number(form, "installments"), Date(form, "firstDueOn"), Text(form, "interval")), context.Actor());
            return result switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Back(id, $"Payment plan set up: {MoneyText.Dollars(result.Value!.Amount)} in {result.Value.Installments.Count} instalments.", error: false),
                _ => Back(id, string.Join(" ", result.Errors.Select(e => e.Message)), error: true),
            };
        });

        manage.MapPost("/patients/{id:int}/account/plans/{planId:int}/cancel", async (int id, int planId, PaymentPlans plans, HttpContext context) =>
            await plans.CancelAsync(id, planId, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } => Back(id, "Payment plan cancelled.", error: false),
                var refused => Back(id, string.Join(" ", refused.Errors.Select(e => e.Message)), error: true),
            });

        manage.MapPost("/payments/day-close", async (IFormCollection form, DayClose days, HttpContext context) =>
        {
            var location = Number(form, "locationId");
            var date = Text(form, "businessDate");
            var deposited = Money(form, "depositedAmount", out var amountError);
            var result = await days.CloseAsync(new CloseDay(location, Date(form, "businessDate"), Text(form, "slipNumber"), deposited), context.Actor());
            var (key, message) = amountError is not null ? ("error", amountError.Message)
                : result.Succeeded ? ("done", $"Day closed: deposit slip {result.Value!.Deposit!.SlipNumber}.")
                : ("error", string.Join(" ", result.Errors.Select(e => e.Message)));
            return Results.Redirect(QueryHelpers.AddQueryString("/payments/day-close", new Dictionary<string, string?>
            {
                ["location"] = location?.ToString(CultureInfo.InvariantCulture), ["date"] = date, [key] = message,
            }.Where(k => k.Value is not null)));
        });
    }

    private static IResult Back(int patientId, string message, bool error) =>
        Results.Redirect(QueryHelpers.AddQueryString($"/patients/{patientId}/account", error ? "error" : "done", message));

    private static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    private static int? Number(IFormCollection form, string name) =>
        int.TryParse(Text(form, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? Date(IFormCollection form, string name) =>
        DateOnly.TryParseExact(Text(form, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>An amount as typed ("30", "$1,250.00"); null with an error naming the field when it is not a number.</summary>
    private static decimal? Money(IFormCollection form, string name, out MedOffice.FieldError? error)
    {
        error = null;
        var text = Text(form, name)?.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (text is null)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        error = new MedOffice.FieldError(name, $"Write the {(name == "amount" ? "amount" : "deposited amount")} as dollars and cents, e.g. 30.00.");
        return null;
    }
}
