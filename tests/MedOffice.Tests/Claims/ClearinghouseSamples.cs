using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Claims;

/// <summary>A clearinghouse's answers from published samples (shared corpora), pointed at our batch and claims.</summary>
public static class ClearinghouseSamples
{
    public static string Sample(string name) => File.ReadAllText(Corpora.Path($"x12/herophilus-assets/{name}"));

    /// <summary>A 999 accepting (or rejecting) the batch with this group control number.</summary>
    public static string ImplementationAcknowledgment(int groupControlNumber, bool accepted = true) =>
        Sample(accepted ? "999_Sample_Accepted.txt" : "999_Sample_Rejected.txt").Replace("AK1*HC*28*", $"AK1*HC*{groupControlNumber}*", StringComparison.Ordinal);

    /// <summary>A 277CA accepting our claim: the sample's claim trace (TRN*2 in the patient loop) becomes our claim number.</summary>
    public static string ClaimAccepted(string claimNumber) => Retarget(Sample("277CA_Sample_Accepted.txt"), claimNumber);

    /// <summary>A 277CA rejecting our claim (A7:562:85 with the payer's claim number 1107000000001120).</summary>
    public static string ClaimRejected(string claimNumber) => Retarget(Sample("277CA_Sample_Rejected.txt"), claimNumber);

    private static string Retarget(string sample, string claimNumber)
    {
        var segments = sample.Split('~');
        var patientLoop = Array.FindLastIndex(segments, s => s.TrimStart().StartsWith("HL*", StringComparison.Ordinal) && s.TrimEnd().EndsWith("*PT", StringComparison.Ordinal));
        var trace = Array.FindIndex(segments, patientLoop, s => s.TrimStart().StartsWith("TRN*2*", StringComparison.Ordinal));
        segments[trace] = segments[trace][..segments[trace].IndexOf("TRN*2*", StringComparison.Ordinal)] + "TRN*2*" + claimNumber;
        return string.Join('~', segments);
    }
}
