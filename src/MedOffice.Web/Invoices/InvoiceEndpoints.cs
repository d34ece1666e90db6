using System.Globalization;
using MedOffice.Invoices;
using MedOffice.Security;
using MedOffice.Web.Security;
using Microsoft.Net.Http.Headers;

namespace MedOffice.Web.Invoices;

public sealed record VoidInvoice(string? Reason);

/// <summary>
/// Invoices to third parties. JSON: GET /api/invoices (open; ?all=true for every one), POST /api/invoices, GET
/// /api/invoices/{id}, GET /api/invoices/{id}.pdf, POST /api/invoices/{id}/payments, POST /api/invoices/{id}/void.
/// The detail page's forms post to /invoices/{id}/payments and /invoices/{id}/void and answer with a redirect.
/// </summary>
public static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/invoices").RequireAuthorization(Policies.InvoicesWork);
        var forms = app.MapGroup("/invoices").RequireAuthorization(Policies.InvoicesWork);

        api.MapGet("", async (bool? all, InvoiceBook book) => Results.Ok(await book.ListAsync(openOnly: all != true)));
        api.MapPost("", async (NewInvoice request, InvoiceBook book, HttpContext context) =>
            await book.CreateAsync(request, context.Actor()) switch
            {
                { Succeeded: true } ok => Results.Created($"/api/invoices/{ok.Value!.Id}", View(ok.Value)),
                var refused => Results.ValidationProblem(refused.ErrorsByField()),
            });
        api.MapGet("/{id:int}", async (int id, InvoiceBook book, HttpContext context) =>
            await book.FindAsync(id, context.Actor()) is { } invoice ? Results.Ok(View(invoice)) : Results.NotFound());
        api.MapGet("/{id:int}.pdf", async (int id, InvoiceBook book, HttpContext context) =>
        {
            if (await book.PdfAsync(id, context.Actor()) is not { } pdf)
            {
                return Results.NotFound();
            }
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = $"{Invoice.InvoiceNumber(id)}.pdf" }.ToString();
            return Results.File(pdf, "application/pdf");
        });
        api.MapPost("/{id:int}/payments", async (int id, NewInvoicePayment request, InvoiceBook book, HttpContext context) =>
            Answer(await book.RecordPaymentAsync(id, request, context.Actor())));
        api.MapPost("/{id:int}/void", async (int id, VoidInvoice request, InvoiceBook book, HttpContext context) =>
            Answer(await book.VoidAsync(id, request.Reason, context.Actor())));

        forms.MapPost("/{id:int}/payments", async (int id, IFormCollection form, HttpContext context, InvoiceBook book) =>
        {
            var errors = new List<string>();
            decimal? amount = decimal.TryParse(form["amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null;
            if (amount is null)
            {
                errors.Add("Amount: enter an amount such as 125.00.");
            }
            DateOnly? receivedOn = null;
            if (!string.IsNullOrWhiteSpace(form["receivedOn"]))
            {
                if (MedOffice.Scheduling.LocalFormats.TryParseDate(form["receivedOn"], out var day))
                {
                    receivedOn = day;
                }
                else
                {
                    errors.Add("Received on: write the date as yyyy-MM-dd.");
                }
            }
            if (errors.Count > 0)
            {
                return Results.Redirect($"/invoices/{id}?error={Uri.EscapeDataString(string.Join(" ", errors))}");
            }
            var result = await book.RecordPaymentAsync(id, new NewInvoicePayment { Amount = amount, Method = form["method"], Reference = form["reference"], ReceivedOn = receivedOn }, context.Actor());
            return Redirect(id, result, "Payment recorded.");
        });
        forms.MapPost("/{id:int}/void", async (int id, IFormCollection form, HttpContext context, InvoiceBook book) =>
        {
            return Redirect(id, await book.VoidAsync(id, form["reason"], context.Actor()), "Invoice voided.");
        });
    }

    private static IResult Answer(Result<Invoice>? result) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: true } ok => Results.Ok(View(ok.Value!)),
        var refused => Results.ValidationProblem(refused.ErrorsByField()),
    };

    private static IResult Redirect(int id, Result<Invoice>? result, string done) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: true } => Results.Redirect($"/invoices/{id}?done={Uri.EscapeDataString(done)}"),
        var refused => Results.Redirect($"/invoices/{id}?error={Uri.EscapeDataString(string.Join(" ", refused.Errors.Select(e => $"{Label(e.Field)}: {e.Message}")))}"),
    };

    internal static string Label(string field) => field switch
    {
        "amount" => "Amount",
        "method" => "Method",
        "reference" => "Reference",
        "receivedOn" => "Received on",
        "reason" => "Reason",
        "invoice" => "Invoice",
        _ => field,
    };

    private static object View(Invoice invoice) => new
    {
        invoice.Id, invoice.Number, invoice.BillToName, invoice.BillToAddress, invoice.BillToContact, invoice.IssuedOn, invoice.DueOn, invoice.Status,
        invoice.Notes, invoice.VoidReason, invoice.Total, invoice.Paid, invoice.Balance,
        Lines = invoice.Lines.Select(l => new { l.LineNumber, l.Description, l.Quantity, l.UnitPrice, l.Amount, l.PatientId, l.PatientConsent }),
        Payments = invoice.Payments.Select(p => new { p.ReceivedOn, p.Amount, p.Method, p.Reference, p.RecordedBy }),
    };
}
