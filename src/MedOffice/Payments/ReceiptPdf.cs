using System.Globalization;
using MedOffice.Printing;

namespace MedOffice.Payments;

/// <summary>A one-page receipt on US Letter: practice and location, receipt number, patient, the payment, what it paid, the balance left.</summary>
public static class ReceiptPdf
{
    private const double Margin = 54;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(ReceiptData receipt, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder($"Receipt {receipt.ReceiptNumber}", time, PdfPageSize.Letter);
        var page = pdf.AddPage();
        var right = page.Width - Margin;
        var y = Margin;
        page.Text(Margin, y + 12, receipt.PracticeName, PdfFont.HelveticaBold, 14);
        page.Text(Margin, y + 28, $"{receipt.LocationName} · {receipt.LocationAddress}", PdfFont.Helvetica, 10);
        if (receipt.LocationPhone is { Length: > 0 } phone)
        {
            page.Text(Margin, y + 41, $"Phone {phone}", PdfFont.Helvetica, 10);
        }
        page.TextRight(right, y + 12, "Payment receipt", PdfFont.HelveticaBold, 14);
        page.TextRight(right, y + 28, $"Receipt {receipt.ReceiptNumber}", PdfFont.Helvetica, 10);
        y += 60;
        page.Line(Margin, y, right, y);
        y += 20;
        void Row(string label, string value)
        {
            page.Text(Margin, y, label, PdfFont.HelveticaBold, 10);
            page.Text(Margin + 150, y, value, PdfFont.Helvetica, 10);
            y += 15;
        }
        Row("Patient", $"{receipt.PatientName} (MRN {receipt.Mrn})");
        Row("Date", receipt.ReceivedAtLocal.ToString("MM/dd/yyyy h:mm tt", Us));
        Row("Amount paid", MoneyText.Dollars(receipt.Amount));
        Row("Method", receipt.Reference is null ? receipt.Method : $"{receipt.Method} · {receipt.Reference}");
        Row("Received", $"{PaymentContexts.DisplayName(receipt.Context)}, by {receipt.ReceivedBy}");
        y += 10;
        page.Text(Margin, y, "Applied to", PdfFont.HelveticaBold, 11);
        y += 16;
        foreach (var applied in receipt.AppliedTo)
        {
            page.Text(Margin + 10, y, $"Visit of {applied.DateOfService.ToString("MM/dd/yyyy", Us)} · {applied.ProcedureCode}", PdfFont.Helvetica, 10);
            page.TextRight(right, y, MoneyText.Dollars(applied.Amount), PdfFont.Helvetica, 10);
            y += 14;
        }
        if (receipt.HeldAsCredit > 0)
        {
            page.Text(Margin + 10, y, "Held as credit on the account (applied to later visits)", PdfFont.Helvetica, 10);
            page.TextRight(right, y, MoneyText.Dollars(receipt.HeldAsCredit), PdfFont.Helvetica, 10);
            y += 14;
        }
        y += 8;
        page.Line(Margin, y, right, y);
        y += 18;
        var balance = receipt.RemainingBalance;
        page.Text(Margin, y, balance < 0 ? "Credit on your account" : "Remaining balance", PdfFont.HelveticaBold, 11);
        page.TextRight(right, y, MoneyText.Dollars(Math.Abs(balance)), PdfFont.HelveticaBold, 11);
        y += 30;
        page.Text(Margin, y, "Thank you. Insurance may still be processing some visits; you will receive a statement for any amount you owe.", PdfFont.Helvetica, 8.5);
        return pdf.ToArray();
    }
}
