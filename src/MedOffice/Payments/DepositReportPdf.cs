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
        var flow = new PdfFlow(pdf, page, y + 22, page.Height - Margin - 30, _ => Margin + 10);
        void Row(string label, decimal amount, bool bold = false)
        {
            var font = bold ? PdfFont.HelveticaBold : PdfFont.Helvetica;
            flow.Need(0).Page.Text(Margin, flow.Y, PdfFontMetrics.Fit(label, font, Size, right - Margin - 90), font, Size);
            flow.Page.TextRight(right, flow.Y, MoneyText.Dollars(amount), font, Size);
            flow.Y += 13;
        }
        void Heading(string text)
        {
            flow.Y += 10;
            flow.Page.Text(Margin, flow.Y, text, PdfFont.HelveticaBold, 11);
            flow.Y += 15;
        }
        Row("Cash", report.CashTotal);
        Row("Checks", report.CheckTotal);
        Row("Cards", report.CardTotal);
        Row("Other", report.OtherTotal);
        Row("Payments", report.PaymentTotal, bold: true);
        Row("Refunds", -report.RefundTotal);
        Row("Net", report.Net, bold: true);
        flow.Y += 6;
        Row("Expected bank deposit (cash + checks − cash refunds)", report.ExpectedDeposit, bold: true);
        if (report.Deposit is { } deposit)
        {
            Row($"Deposited (slip {deposit.SlipNumber})", deposit.DepositedAmount, bold: true);
            Row(deposit.Difference == 0 ? "Difference: none" : deposit.Difference < 0 ? "Difference: deposit short by" : "Difference: deposit over by",
                Math.Abs(deposit.Difference), bold: true);
        }
        Heading("Checks");
        foreach (var check in report.Checks)
        {
            Row($"Check {check.Reference} · {check.PatientName} · {check.ReceiptNumber}", check.Amount);
        }
        Heading("All payments");
        foreach (var payment in report.Payments)
        {
            Row($"{payment.ReceiptNumber} · {payment.ReceivedAtLocal.ToString("MM/dd HH:mm", Us)} · {payment.PatientName} · {payment.Method}"
                + (payment.Reference is null ? "" : $" {payment.Reference}"), payment.Amount);
        }
        if (report.Refunds.Count > 0)
        {
            Heading("Refunds");
            foreach (var refund in report.Refunds)
            {
                Row($"Refund {refund.RefundId} · {refund.PatientName} · {refund.Method}" + (refund.Reference is null ? "" : $" {refund.Reference}"), -refund.Amount);
            }
        }
        pdf.EveryPage((footer, number, count) => footer.Footer(Margin, Margin - 10, "Confidential: contains protected health information.",
            $"Printed {printedAtLocal.ToString("yyyy-MM-dd HH:mm", Us)} by {printedBy}", number, count));
        return pdf.ToArray();
    }
}
