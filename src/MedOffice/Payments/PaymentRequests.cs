using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MedOffice.Payments;

/// <summary>Money taken from a patient. LocationId may be left out when the office has one location; ReceivedOn back-dates a mailed check.</summary>
public sealed record TakePayment(
    int PatientId, decimal? Amount, string? Method, string? Reference, string? Context, int? LocationId = null, int? AppointmentId = null,
    DateOnly? ReceivedOn = null, string? IdempotencyKey = null);

public sealed record RefundCredit(int PatientId, decimal? Amount, string? Method, string? Reference, string? Reason, int? LocationId = null,
    string? IdempotencyKey = null);

/// <summary>What a posting did: the receipt, and how much went onto visits and how much stayed as credit. Replayed when the key had posted before.</summary>
public sealed record PostedPayment(int PaymentId, string ReceiptNumber, decimal Amount, decimal AppliedToVisits, decimal UnappliedCredit, bool Replayed);

public sealed record PostedRefund(int RefundId, decimal Amount, decimal CreditLeft, bool Replayed);

/// <summary>The checks every payment and refund request goes through, in one place.</summary>
public static partial class PaymentRules
{
    public const string IdempotencyField = "idempotencyKey";

    /// <summary>Card numbers must never be stored: 13 or more digits in a row, once spaces and dashes are gone, is refused.</summary>
    public static bool LooksLikeCardNumber(string? reference) =>
        reference is not null && LongDigitRun().IsMatch(reference.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));

    public static void CheckMoney(decimal? amount, List<FieldError> errors, string what)
    {
        if (amount is null)
        {
            errors.Add(new FieldError("amount", $"Enter the amount {what}."));
        }
        else if (amount <= 0)
        {
            errors.Add(new FieldError("amount", "The amount must be more than $0.00."));
        }
        else if (decimal.Round(amount.Value, 2) != amount.Value)
        {
            errors.Add(new FieldError("amount", "The amount has at most two decimals (cents)."));
        }
        else if (amount > 999_999.99m)
        {
            errors.Add(new FieldError("amount", "The amount is too large (at most $999,999.99)."));
        }
    }

    public static void CheckMethodAndReference(string? method, string? reference, List<FieldError> errors)
    {
        if (method is null || !PaymentMethods.All.Contains(method))
        {
            errors.Add(new FieldError("method", "Choose the method: Cash, Check, Card or Other."));
        }
        if (LooksLikeCardNumber(reference))
        {
            errors.Add(new FieldError("reference",
                "That looks like a full card number, which must never be recorded. Enter only the card's last 4 digits and the authorization code."));
        }
        else if (reference is { Length: > 40 })
        {
            errors.Add(new FieldError("reference", "The reference is at most 40 characters."));
        }
        else if (string.IsNullOrWhiteSpace(reference) && method == PaymentMethods.Check)
        {
            errors.Add(new FieldError("reference", "Enter the check number."));
        }
        else if (string.IsNullOrWhiteSpace(reference) && method == PaymentMethods.Card)
        {
            errors.Add(new FieldError("reference", "Enter the card's last 4 digits and the authorization code."));
        }
    }

    public static void CheckKey(string? key, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(new FieldError(IdempotencyField, "Every posting needs an idempotency key (send the Idempotency-Key header)."));
        }
        else if (key.Length > 100)
        {
            errors.Add(new FieldError(IdempotencyField, "The idempotency key is at most 100 characters."));
        }
    }

    public static string Hash(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p switch
        {
            null => "",
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        })))));

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("[0-9]{13,}")]
    private static partial Regex LongDigitRun();
}
