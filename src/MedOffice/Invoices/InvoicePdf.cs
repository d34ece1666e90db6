using System.Globalization;
using MedOffice.Practice;
using MedOffice.Printing;

namespace MedOffice.Invoices;

/// <summary>An invoice on US Letter: the practice and the invoice's numbers, bill-to, the lines, total, paid and balance due.</summary>
public static class InvoicePdf
{
    private const double Margin = 48;
    private const double Row = 14;
    private const double Size = 9.5;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static byte[] Render(Invoice invoice, IReadOnlyDictionary<int, string> patientNames, Organization? practice, DateOnly today, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder($"Invoice {invoice.Number}", time);
        var page = pdf.AddPage();
        var right = page.Width - Margin;
        page.Text(Margin, 60, practice?.Name ?? "", PdfFont.HelveticaBold, 13);
        var y = 74.0;
        foreach (var line in new[]
                 {
                     practice?.BillingAddressLine1,
                     practice is null ? null : $"{practice.BillingCity}, {practice.BillingState} {practice.BillingPostalCode}",
                     practice?.BillingPhone is { Length: 10 } phone ? $"({phone[..3]}) {phone[3..6]}-{phone[6..]}" : practice?.BillingPhone,
                     practice?.TaxId is { Length: 9 } tin ? $"Tax ID {tin[..2]}-{tin[2..]}" : null,
                 }.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            page.Text(Margin, y, line!, PdfFont.Helvetica, Size);
            y += 12;
        }
        page.TextRight(right, 62, invoice.Status == InvoiceStatuses.Void ? "INVOICE (VOID)" : "INVOICE", PdfFont.HelveticaBold, 18);
        string[] keys = ["Invoice number", "Issued", "Due", "Status"];
        string[] values = [invoice.Number, Date(invoice.IssuedOn), Date(invoice.DueOn), invoice.Status];
        for (var i = 0; i < keys.Length; i++)
        {
            page.TextRight(right - 90, 80 + i * 12, keys[i], PdfFont.HelveticaBold, Size);
            page.TextRight(right, 80 + i * 12, values[i], PdfFont.Helvetica, Size);
        }

        y = Math.Max(y, 140) + 10;
        page.Text(Margin, y, "Bill to", PdfFont.HelveticaBold, Size);
        y += 14;
        page.Text(Margin, y, invoice.BillToName, PdfFont.HelveticaBold, 11);
        y += 14;
        foreach (var line in (invoice.BillToAddress ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Concat(invoice.BillToContact is null ? [] : [$"Attn: {invoice.BillToContact}"]))
        {
            page.Text(Margin, y, line, PdfFont.Helvetica, Size);
            y += 12;
        }
        y += 16;

        double quantityRight = 380, priceRight = 460;
        page.FillRectangle(Margin, y, right - Margin, Row + 2, grey: 0.88);
        page.Text(Margin + 4, y + 11, "Description", PdfFont.HelveticaBold, Size);
        page.TextRight(quantityRight, y + 11, "Quantity", PdfFont.HelveticaBold, Size);
        page.TextRight(priceRight, y + 11, "Unit price", PdfFont.HelveticaBold, Size);
        page.TextRight(right - 4, y + 11, "Amount", PdfFont.HelveticaBold, Size);
        var flow = new PdfFlow(pdf, page, y + Row + 8, page.Height - 150, _ => Margin + 20);
        foreach (var line in invoice.Lines.OrderBy(l => l.LineNumber))
        {
            var text = line.PatientId is { } id && patientNames.TryGetValue(id, out var name) ? $"{line.Description} — patient {name}" : line.Description;
            var wrapped = PdfFontMetrics.Wrap(text, PdfFont.Helvetica, Size, quantityRight - Margin - 70);
            flow.Need(wrapped.Count * 12);
            (page, y) = (flow.Page, flow.Y);
            for (var i = 0; i < wrapped.Count; i++)
            {
                page.Text(Margin + 4, y + i * 12, wrapped[i], PdfFont.Helvetica, Size);
            }
            page.TextRight(quantityRight, y, line.Quantity.ToString("0.##", Culture), PdfFont.Helvetica, Size);
            page.TextRight(priceRight, y, MoneyText.Dollars(line.UnitPrice), PdfFont.Helvetica, Size);
            page.TextRight(right - 4, y, MoneyText.Dollars(line.Amount), PdfFont.Helvetica, Size);
            flow.Y += wrapped.Count * 12 + 4;
        }
        (page, y) = (flow.Page, flow.Y);
        page.Line(Margin, y, right, y, grey: 0.5);
        y += 16;
        (string Key, decimal Value)[] totals = [("Total", invoice.Total), ("Paid", invoice.Paid), ("Balance due", invoice.Status == InvoiceStatuses.Void ? 0 : invoice.Balance)];
        foreach (var (key, value) in totals)
        {
            var font = key == "Balance due" ? PdfFont.HelveticaBold : PdfFont.Helvetica;
            page.TextRight(priceRight, y, key, font, 10);
            page.TextRight(right - 4, y, MoneyText.Dollars(value), font, 10);
            y += 14;
        }
        y += 12;
        var terms = invoice.Status switch
        {
            InvoiceStatuses.Void => $"This invoice is void: {invoice.VoidReason}",
            InvoiceStatuses.Paid => "Paid in full. Thank you.",
            _ => today > invoice.DueOn
                ? $"PAST DUE: payment was due {Date(invoice.DueOn)}. Please remit to {practice?.Name} at the address above, quoting {invoice.Number}."
                : $"Payment is due by {Date(invoice.DueOn)}. Please remit to {practice?.Name} at the address above, quoting {invoice.Number}.",
        };
        y += page.TextBox(Margin, y, right - Margin, terms, PdfFont.Helvetica, Size);
        if (invoice.Notes is { } notes)
        {
            page.TextBox(Margin, y + 8, right - Margin, notes, PdfFont.Helvetica, Size);
        }
        pdf.EveryPage((footer, number, count) => footer.Footer(Margin, 30, null, invoice.Number, number, count));
        return pdf.ToArray();
    }

    private static string Date(DateOnly date) => date.ToString("MM/dd/yyyy", Culture);
}
