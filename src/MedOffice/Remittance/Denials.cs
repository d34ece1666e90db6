using MedOffice.X12.Remittance;

namespace MedOffice.Remittance;

/// <summary>What the office does next about an adjustment that is not routine (a denial or a cut), by its CARC reason.</summary>
public static class Denials
{
    public const string CorrectAndResubmit = "Correct and resubmit";
    public const string Appeal = "Appeal";
    public const string WriteOff = "Write off";
    public const string BillSecondary = "Bill secondary";

    /// <summary>Routine adjustments: the contractual discount, sequestration, the prior payer's share, and what the patient owes.</summary>
    public static bool IsRoutine(string group, string reason) =>
        group == "PR" || reason is "45" or "253" || (group == "OA" && reason == "23");

    private static readonly HashSet<string> Correctable =
    [
        "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "16", "31", "32", "33", "34", "107", "125", "140", "146", "181", "182", "189",
        "206", "207", "208", "226", "227", "A1", "B7",
    ];

    private static readonly HashSet<string> WrittenOff = ["18", "29", "97", "119", "149", "234", "B13", "B15"];

    private static readonly HashSet<string> OtherPayer = ["22", "24", "109", "200"];

    public static string NextAction(string group, string reason, bool hasSecondary)
    {
        if (OtherPayer.Contains(reason) || (hasSecondary && group == "OA"))
        {
            return BillSecondary;
        }
        if (Correctable.Contains(reason))
        {
            return CorrectAndResubmit;
        }
        return WrittenOff.Contains(reason) ? WriteOff : Appeal;
    }

    public static string InWords(string group, string reason) => $"{AdjustmentCodes.DescribeReason(reason)} ({group}-{reason})";
}
