using System.Globalization;
using CsvHelper;
using MedOffice.Receivables;
using MedOffice.Security;
using MedOffice.Web.Security;

namespace MedOffice.Web.Receivables;

/// <summary>
/// Receivables for the billing office: the JSON API under /api/receivables (aging and its drill-downs, the collections list
/// and referrals, a patient's account status, write-off requests), the aging CSVs, and the /receivables pages' form posts
/// (answering with a redirect). Approving or rejecting a write-off needs WriteOffsApprove; everything else ReceivablesRead.
/// A payer id of 0 in a route means "Not yet billed". An as-of day is yyyy-MM-dd; none means today where the office is.
/// </summary>
public static class ReceivablesEndpoints
{
    public sealed record DecisionRequest(string? Note);
    public sealed record SmallBalancesRequest(decimal? Threshold);

    public static void MapReceivablesEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/receivables").RequireAuthorization(Policies.ReceivablesRead);
        var approve = app.MapGroup("/api/receivables/write-offs").RequireAuthorization(Policies.WriteOffsApprove);

        api.MapGet("/aging", async (string? asOf, AgingQueries aging, HttpContext context) =>
            await WithDayAsync(asOf, async day => Results.Ok(await aging.ReportAsync(day, context.Actor()))));
        api.MapGet("/aging/payers/{payerId:int}", async (int payerId, string? asOf, AgingQueries aging, HttpContext context) =>
            await WithDayAsync(asOf, async day => await aging.PayerAsync(PayerOrNotBilled(payerId), day, context.Actor()) is { } detail ? Results.Ok(detail) : Results.NotFound()));
        api.MapGet("/aging/patients/{patientId:int}", async (int patientId, string? asOf, AgingQueries aging, HttpContext context) =>
            await WithDayAsync(asOf, async day => await aging.PatientAsync(patientId, day, context.Actor()) is { } detail ? Results.Ok(detail) : Results.NotFound()));
        api.MapGet("/collections", async (string? asOf, Collections collections, HttpContext context) =>
            await WithDayAsync(asOf, async day => Results.Ok(await collections.CandidatesAsync(day, context.Actor()))));
        api.MapGet("/collections/referrals", async (Collections collections) => Results.Ok(await collections.ReferralsAsync()));
        api.MapPost("/collections/{patientId:int}", async (int patientId, ReferToCollections request, Collections collections, HttpContext context) =>
            Answer(await collections.ReferAsync(patientId, request, context.Actor())));
        api.MapGet("/patients/{patientId:int}/account", async (int patientId, Collections collections, HttpContext context) =>
            await collections.AccountAsync(patientId, context.Actor()) is { } account ? Results.Ok(account) : Results.NotFound());
        api.MapGet("/write-offs", async (WriteOffs writeOffs, HttpContext context) =>
        {
            var (pending, decided) = await writeOffs.ListAsync(context.Actor());
            return Results.Ok(new { pending, decided });
        });
        api.MapPost("/write-offs", async (WriteOffInput request, WriteOffs writeOffs, HttpContext context) =>
            Answer(await writeOffs.RequestAsync(request, context.Actor())));
        approve.MapPost("/{id:int}/approve", async (int id, DecisionRequest request, WriteOffs writeOffs, HttpContext context) =>
            Answer(await writeOffs.ApproveAsync(id, request.Note, context.Actor())));
        approve.MapPost("/{id:int}/reject", async (int id, DecisionRequest request, WriteOffs writeOffs, HttpContext context) =>
            Answer(await writeOffs.RejectAsync(id, request.Note, context.Actor())));
        approve.MapPost("/small-balances", async (SmallBalancesRequest request, WriteOffs writeOffs, HttpContext context) =>
            Answer(await writeOffs.WriteOffSmallBalancesAsync(request.Threshold, context.Actor())));

        MapForms(app);
    }

    private static void MapForms(IEndpointRouteBuilder app)
    {
        var forms = app.MapGroup("/receivables").RequireAuthorization(Policies.ReceivablesRead);
        var approve = app.MapGroup("/receivables/write-offs").RequireAuthorization(Policies.WriteOffsApprove);

        forms.MapGet("/aging-by-payer.csv", async (string? asOf, AgingQueries aging, AuditTrail audit, HttpContext context) =>
            await WithDayAsync(asOf, async day =>
            {
                var report = await aging.ReportAsync(day, context.Actor());
                await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Export, AuditCategories.Billing, Detail: $"A/R aging by payer CSV as of {report.AsOf:yyyy-MM-dd}"));
                var rows = report.ByPayer.Select(r => new CsvRow(r.PayerId?.ToString(CultureInfo.InvariantCulture) ?? "", r.PayerName, r.Buckets, null, r.Total))
                    .Append(new CsvRow("", "Total", report.InsuranceTotals, null, report.InsuranceTotal));
                return Csv(rows, "Payer id,Payer", $"ar-aging-by-payer-{report.AsOf:yyyy-MM-dd}.csv");
            }));
        forms.MapGet("/aging-by-patient.csv", async (string? asOf, AgingQueries aging, AuditTrail audit, HttpContext context) =>
            await WithDayAsync(asOf, async day =>
            {
                var report = await aging.ReportAsync(day, context.Actor());
                await audit.RecordAsync(new AuditEntry(context.Actor(), AuditActions.Export, AuditCategories.Billing,
                    Detail: $"A/R aging by patient CSV as of {report.AsOf:yyyy-MM-dd} ({report.ByPatient.Count} patients)"));
                var rows = report.ByPatient.Select(r => new CsvRow(r.PatientId.ToString(CultureInfo.InvariantCulture), r.PatientName, r.Buckets, r.UnappliedCredit, r.Total))
                    .Append(new CsvRow("", "Total", report.PatientTotals, report.UnappliedCreditTotal, report.PatientTotal));
                return Csv(rows, "Patient id,Patient", $"ar-aging-by-patient-{report.AsOf:yyyy-MM-dd}.csv");
            }));

        forms.MapPost("/write-offs", async (IFormCollection form, WriteOffs writeOffs, HttpContext context) =>
        {
            var input = new WriteOffInput(IntOf(form["sheet"]) ?? 0, IntOf(form["line"]), form["side"], MoneyOf(form["amount"]), form["reason"], form["reasonText"]);
            if (form["amount"].ToString() is { Length: > 0 } typed && input.Amount is null)
            {
                return Results.Redirect(RequestPage(form, "Amount", $"\"{typed}\" is not an amount: enter dollars and cents, e.g. 12.50."));
            }
            var result = await writeOffs.RequestAsync(input, context.Actor());
            return result.Succeeded
                ? Results.Redirect($"/receivables/write-offs?done={Uri.EscapeDataString($"Write-off request {result.Value!.Id} is waiting for an office manager's approval.")}")
                : Results.Redirect(RequestPage(form, result.Errors[0].Field, string.Join(" ", result.Errors.Select(e => e.Message))));
        });
        forms.MapPost("/collections/{patientId:int}/refer", async (int patientId, IFormCollection form, Collections collections, HttpContext context) =>
        {
            ReceivablesText.TryDay(form["referredOn"], out var day);
            var result = await collections.ReferAsync(patientId, new ReferToCollections(form["agency"], day, form["writeOff"] == "true"), context.Actor());
            return result switch
            {
                null => Results.NotFound(),
                { Succeeded: false } => Results.Redirect($"/receivables/collections?error={Uri.EscapeDataString(string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}")))}"),
                _ => Results.Redirect($"/receivables/collections?done={Uri.EscapeDataString($"Sent to {result.Value!.AgencyName} for {result.Value.Amount:0.00}.")}"),
            };
        });
        approve.MapPost("/{id:int}/approve", async (int id, IFormCollection form, WriteOffs writeOffs, HttpContext context) =>
            Decided(await writeOffs.ApproveAsync(id, form["note"], context.Actor()), "approved and posted"));
        approve.MapPost("/{id:int}/reject", async (int id, IFormCollection form, WriteOffs writeOffs, HttpContext context) =>
            Decided(await writeOffs.RejectAsync(id, form["note"], context.Actor()), "rejected"));
        approve.MapPost("/small-balances", async (IFormCollection form, WriteOffs writeOffs, HttpContext context) =>
            await writeOffs.WriteOffSmallBalancesAsync(MoneyOf(form["threshold"]), context.Actor()) switch
            {
                { Succeeded: true } swept => Results.Redirect($"/receivables/write-offs?done={Uri.EscapeDataString($"Wrote off the small balances of {swept.Value} visits.")}"),
                var refused => Results.Redirect($"/receivables/write-offs?error={Uri.EscapeDataString(string.Join(" ", refused.Errors.Select(e => e.Message)))}"),
            });
    }

    private sealed record CsvRow(string Id, string Name, AgingBuckets Buckets, decimal? Credit, decimal Total);

    private static IResult Csv(IEnumerable<CsvRow> rows, string firstColumns, string fileName)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in firstColumns.Split(',').Concat(AgingBuckets.Labels.Select(l => l.Replace('–', '-'))).Concat(firstColumns.StartsWith("Patient", StringComparison.Ordinal) ? ["Unapplied credit"] : []).Append("Total"))
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                csv.WriteField(row.Id);
                csv.WriteField(row.Name);
                foreach (var amount in row.Buckets.Amounts)
                {
                    csv.WriteField(MoneyText.Plain(amount));
                }
                if (row.Credit is { } credit)
                {
                    csv.WriteField(MoneyText.Plain(credit));
                }
                csv.WriteField(MoneyText.Plain(row.Total));
                csv.NextRecord();
            }
        }
        return Results.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", fileName);
    }

    /// <summary>Reads the as-of day (yyyy-MM-dd, or none for today); anything else is refused by name.</summary>
    private static async Task<IResult> WithDayAsync(string? asOf, Func<DateOnly?, Task<IResult>> answer) =>
        ReceivablesText.TryDay(asOf, out var day)
            ? await answer(day)
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = [$"\"{asOf}\" is not a day: use yyyy-MM-dd."] });

    private static int? PayerOrNotBilled(int payerId) => payerId == 0 ? null : payerId;

    private static IResult Answer<T>(Result<T>? result) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: false } => Results.ValidationProblem(result.ErrorsByField()),
        _ => Results.Ok(result.Value),
    };

    private static IResult Decided(Result<WriteOffRequest>? result, string what) => result switch
    {
        null => Results.NotFound(),
        { Succeeded: false } => Results.Redirect($"/receivables/write-offs?error={Uri.EscapeDataString(string.Join(" ", result.Errors.Select(e => e.Message)))}"),
        _ => Results.Redirect($"/receivables/write-offs?done={Uri.EscapeDataString($"Write-off request {result.Value!.Id} {what}.")}"),
    };

    /// <summary>Back to the request form with everything typed kept and the refusal named by field.</summary>
    private static string RequestPage(IFormCollection form, string field, string error) =>
        "/receivables/write-offs/new?" + string.Join("&", new[] { "sheet", "line", "side", "amount", "reason", "reasonText" }
            .Select(k => $"{k}={Uri.EscapeDataString(form[k].ToString())}")
            .Append($"field={Uri.EscapeDataString(field)}").Append($"error={Uri.EscapeDataString(error)}"));

    private static int? IntOf(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? MoneyOf(string? text) =>
        decimal.TryParse((text ?? "").Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
