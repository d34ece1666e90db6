using System.Globalization;
using MedOffice.Printing;

namespace MedOffice.Statements;

/// <summary>
/// Draws statements on US Letter, portrait. Page one: the practice and the statement's numbers on top, the window-envelope
/// address, the messages, the visits, the aging row and totals, and at the foot a tear-off payment stub. Long statements
/// continue on further pages. A batch is one document with every statement starting on a new page; "Page n of m" counts
/// each statement's own pages.
/// </summary>
public static class StatementPdf
{
    private const double Margin = 36;
    private const double Row = 12;
    private const double Size = 8.5;
    private const double StubTop = 600;
    private const double PageBottom = 740;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    // Date / code, description, then the money columns (right-aligned at their right edge).
    private static readonly (string Heading, double Right)[] MoneyColumns =
    [
        ("Charges", 300), ("Ins. paid", 355), ("Adjusted", 405), ("You paid", 455), ("With ins.", 508), ("Patient due", 576),
    ];

    public static byte[] Render(IReadOnlyList<StatementDocument> statements, string title, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder(title, time);
        foreach (var statement in statements)
        {
            pdf.StartSection((footer, number, count) => footer.Footer(Margin, 24,
                $"Account {statement.AccountNumber} · Statement date {Date(statement.StatementDate)}", null, number, count));
            Draw(pdf, statement);
        }
        return pdf.ToArray();
    }

    public static byte[] Empty(string title, TimeProvider time)
    {
        var pdf = new PdfDocumentBuilder(title, time);
        pdf.AddPage().Text(Margin, 60, "No statements.", PdfFont.Helvetica, 10);
        return pdf.ToArray();
    }

    private static void Draw(PdfDocumentBuilder pdf, StatementDocument s)
    {
        var page = pdf.AddPage();
        var firstPage = page;
        var right = page.Width - Margin;

        // The practice (top left) and the statement's numbers (top right).
        page.Text(Margin, 48, s.PracticeName, PdfFont.HelveticaBold, 12);
        var y = 60.0;
        foreach (var line in s.RemitTo.Append(s.PracticePhone is null ? "" : $"Billing questions: {s.PracticePhone}").Where(l => l.Length > 0))
        {
            page.Text(Margin, y, line, PdfFont.Helvetica, Size);
            y += Row;
        }
        page.TextRight(right, 50, "STATEMENT", PdfFont.HelveticaBold, 16);
        KeyValue(page, right, 66, "Statement date", Date(s.StatementDate));
        KeyValue(page, right, 78, "Account number", s.AccountNumber);
        KeyValue(page, right, 90, "Amount due now", MoneyText.Dollars(s.AmountDueNow));
        if (s.DunningCycle > DunningCycles.First)
        {
            page.TextRight(right, 104, DunningCycles.Name(s.DunningCycle).ToUpperInvariant(), PdfFont.HelveticaBold, 10);
        }

        // The address as a window envelope shows it.
        y = 132;
        foreach (var line in s.MailingAddress)
        {
            page.Text(72, y, PdfFontMetrics.Fit(line, PdfFont.Helvetica, 10, 250), line == s.MailingAddress[0] ? PdfFont.HelveticaBold : PdfFont.Helvetica, 10);
            y += 13;
        }
        y = Math.Max(y, 190);
        foreach (var message in s.Messages)
        {
            y += page.TextBox(Margin, y, right - Margin, message, message.Contains("NOTICE", StringComparison.Ordinal) || message.StartsWith("PAST DUE", StringComparison.Ordinal)
                ? PdfFont.HelveticaBold : PdfFont.Helvetica, 9) + 2;
        }
        y += 6;

        // Further pages have no stub: they run down to the foot.
        var flow = new PdfFlow(pdf, page, Headings(page, y), StubTop - 20, next => Headings(next, Margin + 10), PageBottom);
        foreach (var patient in s.Patients)
        {
            flow.Need(2 * Row);
            flow.Page.Text(Margin, flow.Y + 9, $"Patient: {patient.Name}", PdfFont.HelveticaBold, 9);
            flow.Y += Row + 2;
            foreach (var visit in patient.Visits)
            {
                Visit(flow.Need((visit.Lines.Count + 2) * Row), visit);
            }
            if (patient.UnappliedCredit != 0)
            {
                flow.Need(Row);
                flow.Page.Text(Margin + 12, flow.Y + 9, "Payments not yet applied to a visit (credit)", PdfFont.Helvetica, Size);
                flow.Page.TextRight(MoneyColumns[^1].Right, flow.Y + 9, MoneyText.Dollars(patient.UnappliedCredit), PdfFont.Helvetica, Size);
                flow.Y += Row;
            }
        }

        // Aging of what the patient owes, then the totals.
        y = flow.Need(6 * Row).Y + 6;
        page = flow.Page;
        string[] agingHeadings = ["Current", "31–60 days", "61–90 days", "91–120 days", "Over 120 days", "Patient due"];
        decimal[] aging = [s.Aging.Current, s.Aging.Days31To60, s.Aging.Days61To90, s.Aging.Days91To120, s.Aging.Over120, s.PatientDue];
        var width = (right - Margin) / agingHeadings.Length;
        page.FillRectangle(Margin, y, right - Margin, Row + 2, grey: 0.88);
        for (var i = 0; i < agingHeadings.Length; i++)
        {
            page.TextRight(Margin + (i + 1) * width - 4, y + 10, agingHeadings[i], PdfFont.HelveticaBold, Size);
            page.TextRight(Margin + (i + 1) * width - 4, y + 10 + Row + 2, MoneyText.Dollars(aging[i]), i == aging.Length - 1 ? PdfFont.HelveticaBold : PdfFont.Helvetica, Size);
        }
        y += 2 * Row + 20;
        KeyValue(page, right, y, "With insurance (pending)", MoneyText.Dollars(s.WithInsurance));
        KeyValue(page, right, y + Row, "Total account balance", MoneyText.Dollars(s.AccountBalance));
        KeyValue(page, right, y + 2 * Row + 2, "Amount due now", MoneyText.Dollars(s.AmountDueNow), bold: true);

        Stub(firstPage, s);
    }

    private static void Stub(PdfPage page, StatementDocument s)
    {
        var right = page.Width - Margin;
        var y = StubTop;
        for (var x = Margin; x < right; x += 8)
        {
            page.Line(x, y, Math.Min(x + 4, right), y, grey: 0.4);
        }
        page.TextCentered(page.Width / 2, y + 11, "Please detach and return this portion with your payment", PdfFont.Helvetica, 7.5);
        y += 26;
        page.Text(Margin, y, "Make checks payable to and remit to:", PdfFont.Helvetica, Size);
        page.Text(Margin, y + Row + 2, s.PracticeName, PdfFont.HelveticaBold, 10);
        var line = y + 2 * Row + 4;
        foreach (var remit in s.RemitTo)
        {
            page.Text(Margin, line, remit, PdfFont.Helvetica, 10);
            line += Row + 1;
        }
        page.Text(Margin, line + 8, $"From: {s.GuarantorName}", PdfFont.Helvetica, Size);

        var labelsRight = right - 120;
        string[] labels = ["Account number", "Statement date", "Amount due", "Amount enclosed"];
        string[] values = [s.AccountNumber, Date(s.StatementDate), MoneyText.Dollars(s.AmountDueNow), ""];
        for (var i = 0; i < labels.Length; i++)
        {
            var top = y - 9 + i * 22;
            page.TextRight(labelsRight - 6, top + 13, labels[i], PdfFont.HelveticaBold, Size);
            page.StrokeRectangle(labelsRight, top, 120, 18);
            page.Text(labelsRight + 6, top + 13, values[i], PdfFont.Helvetica, 10);
        }
        page.Text(labelsRight + 6, y - 9 + 3 * 22 + 13, "$", PdfFont.Helvetica, 10);
    }

    private static double Headings(PdfPage page, double y)
    {
        page.FillRectangle(Margin, y, page.Width - 2 * Margin, Row + 2, grey: 0.88);
        page.Text(Margin + 2, y + 10, "Date / code", PdfFont.HelveticaBold, Size);
        page.Text(Margin + 70, y + 10, "Description", PdfFont.HelveticaBold, Size);
        foreach (var (heading, right) in MoneyColumns)
        {
            page.TextRight(right, y + 10, heading, PdfFont.HelveticaBold, Size);
        }
        return y + Row + 6;
    }

    /// <summary>A visit's date and provider, its lines, and its totals in every money column.</summary>
    private static void Visit(PdfFlow flow, StatementVisit visit)
    {
        var page = flow.Page;
        var y = flow.Y;
        page.Text(Margin, y + 9, $"{Date(visit.DateOfService)}  {visit.Provider}", PdfFont.Helvetica, Size);
        y += Row;
        foreach (var line in visit.Lines)
        {
            page.Text(Margin + 12, y + 9, line.Code, PdfFont.Helvetica, Size);
            page.Text(Margin + 70, y + 9, PdfFontMetrics.Fit(line.Description, PdfFont.Helvetica, Size, 150), PdfFont.Helvetica, Size);
            page.TextRight(MoneyColumns[0].Right, y + 9, MoneyText.Dollars(line.Charge), PdfFont.Helvetica, Size);
            y += Row;
        }
        decimal[] sums = [visit.Charges, visit.InsurancePaid, visit.Adjustments, visit.PatientPaid, visit.WithInsurance, visit.PatientDue];
        page.Text(Margin + 70, y + 9, "Visit total", PdfFont.HelveticaBold, Size);
        for (var i = 0; i < sums.Length; i++)
        {
            page.TextRight(MoneyColumns[i].Right, y + 9, MoneyText.Dollars(sums[i]), PdfFont.HelveticaBold, Size);
        }
        y += Row + 2;
        page.Line(Margin, y - 1, page.Width - Margin, y - 1, grey: 0.8);
        flow.Y = y;
    }

    private static void KeyValue(PdfPage page, double right, double y, string key, string value, bool bold = false)
    {
        var font = bold ? PdfFont.HelveticaBold : PdfFont.Helvetica;
        page.TextRight(right - 90, y, key, font, bold ? 10 : Size);
        page.TextRight(right, y, value, font, bold ? 10 : Size);
    }

    private static string Date(DateOnly date) => date.ToString("MM/dd/yyyy", Culture);
}

/// <summary>A clock stopped at one instant: re-printing a stored statement gives the bytes it had when it was made.</summary>
public sealed class FixedTime(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
