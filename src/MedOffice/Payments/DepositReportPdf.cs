using System.Globalization;
using MedOffice.Printing;

namespace MedOffice.Payments;

/// <summary>The deposit report on US Letter: totals by method, the checks with their numbers, every payment and refund, and the deposit.</summary>
public static class DepositReportPdf
{
    private const double Margin = 40;
    private const double Size = 9;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(DepositReport report, DateTime printedAtLocal, string printedBy, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder($"Deposit report {report.LocationName} {report.BusinessDate.ToString("yyyy-MM-dd", Us)}", time, PdfPageSize.Letter);
        var page = pdf.AddPage();
        var right = page.Width - Margin;
        var y = Margin + 10;
        page.Text(Margin, y, report.PracticeName, PdfFont.HelveticaBold, Size);
        y += 20;
        page.Text(Margin, y, $"Deposit report: {report.LocationName}, {report.BusinessDate.ToString("dddd, MMMM d, yyyy", Us)}", PdfFont.HelveticaBold, 14);
        y += 16;
        page.Text(Margin, y, report.IsClosed ? $"Closed by {report.Deposit!.ClosedBy} at {report.Deposit.ClosedAtLocal.ToString("MM/dd/yyyy HH:mm", Us)}" : "Open: not closed yet",
            PdfFont.Helvetica, Size);
        y += 22;
        void Row(string label, decimal amount, bool bold = false)
        {
            var font = bold ? PdfFont.HelveticaBold : PdfFont.Helvetica;
            if (y > page.Height - Margin - 30)
            {
                page = pdf.AddPage();
                y = Margin + 10;
            }
            page.Text(Margin, y, PdfFontMetrics.Fit(label, font, Size, right - Margin - 90), font, Size);
            page.TextRight(right, y, MoneyText.Dollars(amount), font, Size);
            y += 13;
        }
        Row("Cash", report.CashTotal);
        Row("Checks", report.CheckTotal);
        Row("Cards", report.CardTotal);
        Row("Other", report.OtherTotal);
        Row("Payments", report.PaymentTotal, bold: true);
        Row("Refunds", -report.RefundTotal);
        Row("Net", report.Net, bold: true);
        y += 6;
        Row("Expected bank deposit (cash + checks − cash refunds)", report.ExpectedDeposit, bold: true);
        if (report.Deposit is { } deposit)
        {
            Row($"Deposited (slip {deposit.SlipNumber})", deposit.DepositedAmount, bold: true);
            Row(deposit.Difference == 0 ? "Difference: none" : deposit.Difference < 0 ? "Difference: deposit short by" : "Difference: deposit over by",
                Math.Abs(deposit.Difference), bold: true);
        }
        y += 10;
        page.Text(Margin, y, "Checks", PdfFont.HelveticaBold, 11);
        y += 15;
        foreach (var check in report.Checks)
        {
            Row($"Check {check.Reference} · {check.PatientName} · {check.ReceiptNumber}", check.Amount);
        }
        y += 10;
        page.Text(Margin, y, "All payments", PdfFont.HelveticaBold, 11);
        y += 15;
        foreach (var payment in report.Payments)
        {
            Row($"{payment.ReceiptNumber} · {payment.ReceivedAtLocal.ToString("MM/dd HH:mm", Us)} · {payment.PatientName} · {payment.Method}"
                + (payment.Reference is null ? "" : $" {payment.Reference}"), payment.Amount);
        }
        if (report.Refunds.Count > 0)
        {
            y += 10;
            page.Text(Margin, y, "Refunds", PdfFont.HelveticaBold, 11);
            y += 15;
            foreach (var refund in report.Refunds)
            {
                Row($"Refund {refund.RefundId} · {refund.PatientName} · {refund.Method}" + (refund.Reference is null ? "" : $" {refund.Reference}"), -refund.Amount);
            }
        }
        pdf.EveryPage((footer, number, count) =>
        {
            var footY = footer.Height - Margin + 10;
            footer.Text(Margin, footY, "Confidential: contains protected health information.", PdfFont.Helvetica, 7.5);
            footer.TextRight(footer.Width - Margin, footY,
                $"Printed {printedAtLocal.ToString("yyyy-MM-dd HH:mm", Us)} by {printedBy} · {PdfDocumentBuilder.PageOf(number, count)}", PdfFont.Helvetica, 7.5);
        });
        return pdf.ToArray();
    }
}
