using System.Globalization;

namespace MedOffice;

/// <summary>Amounts as the office reads them: one way for screens and paper, one for messages and files.</summary>
public static class MoneyText
{
    /// <summary>"$1,234.56", "-$5.00": pages, PDFs, receipts (the same under any server culture).</summary>
    public static string Dollars(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>"1234.56", "-0.01": summaries, refusals and CSV, where a plain number reads best.</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
