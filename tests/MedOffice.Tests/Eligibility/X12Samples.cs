using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Eligibility;

/// <summary>Published X12 samples (shared corpora), edited segment by segment to point at our data; SE01 is recounted.</summary>
public static class X12Samples
{
    public static string Read(string relative) => File.ReadAllText(Corpora.Path("x12/" + relative));

    public static string Edit(string sample, Func<List<string>, IEnumerable<string>> edit)
    {
        var segments = sample.Split('~').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var edited = edit(segments).ToList();
        var (start, end) = (edited.FindIndex(s => s.StartsWith("ST*", StringComparison.Ordinal)), edited.FindIndex(s => s.StartsWith("SE*", StringComparison.Ordinal)));
        var se = edited[end].Split('*');
        se[1] = (end - start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        edited[end] = string.Join('*', se);
        return string.Join("~\n", edited) + "~\n";
    }

    /// <summary>Replaces each segment starting with a key by its value (the first match only when <paramref name="once"/>).</summary>
    public static IEnumerable<string> Replace(IEnumerable<string> segments, string startsWith, string with, bool once = false)
    {
        var done = false;
        foreach (var segment in segments)
        {
            if (!done && segment.StartsWith(startsWith, StringComparison.Ordinal))
            {
                done = once;
                yield return with;
                continue;
            }
            yield return segment;
        }
    }

    /// <summary>Inserts segments before the first one starting with <paramref name="before"/>.</summary>
    public static IEnumerable<string> Insert(IEnumerable<string> segments, string before, params string[] added)
    {
        var done = false;
        foreach (var segment in segments)
        {
            if (!done && segment.StartsWith(before, StringComparison.Ordinal))
            {
                done = true;
                foreach (var extra in added)
                {
                    yield return extra;
                }
            }
            yield return segment;
        }
    }

    /// <summary>
    /// linuxforhealth's subscriber 271 (active, GOLD 123 PLAN from 2006-01-01, office visit copay $10 in network, $30 out)
    /// answered for our trace, payer and member; <paramref name="extra"/> benefits go before the PCP loop.
    /// </summary>
    public static string Subscriber271(string trace, string payerId, string memberId, params string[] extra) =>
        Edit(Read("linuxforhealth-x12/271_005010X279A1/subscriber-health-benefit-check.271"), s =>
        {
            var edited = Replace(s, "TRN*2*", $"TRN*2*{trace}*9877281234");
            edited = Replace(edited, "NM1*PR*", $"NM1*PR*2*ABC COMPANY*****PI*{payerId}");
            edited = Replace(edited, "NM1*IL*", $"NM1*IL*1*SMITH*JOHN****MI*{memberId}");
            return Insert(edited, "EB*L", extra);
        });

    /// <summary>A deductible of $1,500 a calendar year with $450 left, 20 % coinsurance and $2,100 out-of-pocket left, all in network.</summary>
    public static readonly string[] DeductibleAndCoinsurance =
    [
        "EB*C*IND*30***23*1500*****Y", "EB*C*IND*30***29*450*****Y", "EB*A*IND*30*****.2****Y", "EB*G*IND*30***29*2100*****Y",
        "EB*C*IND*30***23*3000*****N",
    ];
}
