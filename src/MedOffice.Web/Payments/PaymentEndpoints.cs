using System.Globalization;
using MedOffice.Payments;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MedOffice.Web.Payments;

public sealed record PaymentRequest(decimal? Amount, string? Method, string? Reference, string? Context, int? LocationId, int? AppointmentId, DateOnly? ReceivedOn);

public sealed record RefundRequest(decimal? Amount, string? Method, string? Reference, string? Reason, int? LocationId);

public sealed record PlanRequest(decimal? Amount, int? Installments, DateOnly? FirstDueOn, string? Interval);

public sealed record CloseDayRequest(int? LocationId, DateOnly? BusinessDate, string? SlipNumber, decimal? DepositedAmount);

/// <summary>
/// Patient money over JSON under /api (payments and refunds need an Idempotency-Key header: a repeat with the same body gets
/// the first answer, a repeat with another body 409) and the account and day-close pages' form posts, which carry the key
/// the page put in a hidden field and answer with a redirect. Taking payments: the desk and the billing office; refunds,
/// plans and closing the day: the billing office.
/// </summary>
public static class PaymentEndpoints
{
    private const string KeyHeader = "Idempotency-Key";

    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var take = app.MapGroup("").RequireAuthorization(Policies.PaymentsTake);
        var manage = app.MapGroup("").RequireAuthorization(Policies.PaymentsManage);

        take.MapGet("/api/patients/{id:int}/account", async (int id, PatientAccounts accounts, HttpContext context) =>
            await accounts.AccountAsync(id, context.Actor()) is { } account ? Results.Ok(account) : Results.NotFound());
        take.MapGet("/api/patients/{id:int}/payments", async (int id, PatientAccounts accounts, HttpContext context) =>
            await accounts.AccountAsync(id, context.Actor()) is { } account ? Results.Ok(account.Payments) : Results.NotFound());
        take.MapPost("/api/patients/{id:int}/payments", async (int id, PaymentRequest request, PatientPayments payments, HttpContext context) =>
            await payments.PostAsync(new TakePayment(id, request.Amount, request.Method, request.Reference, request.Context, request.LocationId,
                    request.AppointmentId, request.ReceivedOn, Key(context)), context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } posted => Results.Created($"/api/payments/{posted.Value!.PaymentId}/receipt.pdf", posted.Value),
                var refused => Refused(refused.Errors, refused.ErrorsByField()),
            });
        take.MapPost("/api/patients/{id:int}/credit-applications", async (int id, PatientPayments payments, HttpContext context) =>
            await payments.ApplyCreditAsync(id, context.Actor()) is { } applied ? Results.Ok(new { Applied = applied }) : Results.NotFound());
        take.MapGet("/api/payments/{id:int}/receipt.pdf", async (int id, PatientAccounts accounts, HttpContext context) =>
            await accounts.PrintReceiptAsync(id, context.Actor()) is { } receipt ? Pdf(context, receipt.Pdf, $"receipt-{receipt.ReceiptNumber}.pdf") : Results.NotFound());
        take.MapGet("/api/patients/{id:int}/payment-plans", async (int id, PaymentPlans plans) => Results.Ok(await plans.ForPatientAsync(id)));

        manage.MapPost("/api/patients/{id:int}/refunds", async (int id, RefundRequest request, PatientPayments payments, HttpContext context) =>
            await payments.RefundAsync(new RefundCredit(id, request.Amount, request.Method, request.Reference, request.Reason, request.LocationId, Key(context)),
                    context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } posted => Results.Created($"/api/patients/{id}/account", posted.Value),
                var refused => Refused(refused.Errors, refused.ErrorsByField()),
            });
        manage.MapPost("/api/patients/{id:int}/payment-plans", async (int id, PlanRequest request, PaymentPlans plans, HttpContext context) =>
            await plans.CreateAsync(new CreatePlan(id, request.Amount, request.Installments, request.FirstDueOn, request.Interval), context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } created => Results.Created($"/api/patients/{id}/payment-plans", created.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        manage.MapPost("/api/patients/{id:int}/payment-plans/{planId:int}/cancel", async (int id, int planId, PaymentPlans plans, HttpContext context) =>
            await plans.CancelAsync(id, planId, context.Actor()) switch
            {
                null => Results.NotFound(),
                { Succeeded: true } cancelled => Results.Ok(cancelled.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        manage.MapGet("/api/payment-plans/overdue", async (PaymentPlans plans) => Results.Ok(await plans.OverdueAsync()));
        manage.MapGet("/api/day-close", async (int? location, DateOnly? date, DayClose days, HttpContext context) =>
            location is null || date is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["location"] = ["Give location (id) and date (yyyy-MM-dd)."] })
                : await days.ViewAsync(location.Value, date.Value, context.Actor()) is { } report ? Results.Ok(report) : Results.NotFound());
        manage.MapPost("/api/day-close", async (CloseDayRequest request, DayClose days, HttpContext context) =>
            await days.CloseAsync(new CloseDay(request.LocationId, request.BusinessDate, request.SlipNumber, request.DepositedAmount), context.Actor()) switch
            {
                { Succeeded: true } closed => Results.Ok(closed.Value),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        manage.MapGet("/payments/day-close/report.pdf", async (int? location, string? date, DayClose days, HttpContext context) =>
            location is null || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Choose the location and write the date as yyyy-MM-dd."] })
                : await days.PrintAsync(location.Value, day, context.Actor()) is { } pdf ? Pdf(context, pdf, $"deposit-{location}-{day:yyyy-MM-dd}.pdf") : Results.NotFound());

        PaymentForms.Map(take, manage);
    }

    private static string? Key(HttpContext context) =>
        context.Request.Headers.TryGetValue(KeyHeader, out var key) && key.Count > 0 && !string.IsNullOrWhiteSpace(key[0]) ? key[0]!.Trim() : null;

    /// <summary>A key reused for a different request is a conflict (409); anything else is a 400 naming the field (the header for a missing key).</summary>
    private static IResult Refused(IReadOnlyList<FieldError> errors, Dictionary<string, string[]> byField)
    {
        if (byField.Remove(PaymentRules.IdempotencyField, out var keyErrors))
        {
            byField[KeyHeader] = keyErrors;
        }
        var conflict = errors.Any(e => e.Field == PaymentRules.IdempotencyField && e.Message.Contains("already posted", StringComparison.Ordinal));
        return Results.ValidationProblem(byField, statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    /// <summary>The PDF shown in the browser's tab to print, with a file name for saving it.</summary>
    public static IResult Pdf(HttpContext context, byte[] pdf, string fileName)
    {
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        return Results.File(pdf, "application/pdf");
    }
}
