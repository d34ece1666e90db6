using System.Globalization;
using System.Text;

namespace MedOffice.Tests.Remittance;

public sealed record EraAdjustment(string Group, string Reason, decimal Amount);

/// <summary>One SVC: our charge line id goes in REF*6R unless null (then the line matches by code, modifiers and charge).</summary>
public sealed record EraLine(string Code, string Modifiers, decimal Charge, decimal Paid, int? ChargeLineId, params EraAdjustment[] Adjustments);

public sealed record EraClaim(string Number, string Status, decimal Charge, decimal Paid, decimal PatientResponsibility, string PayerClaimNumber,
    EraLine[] Lines, EraAdjustment[]? ClaimAdjustments = null);

/// <summary>Writes an 835 (005010X221A1) the way a payer would for our claims: BPR = Σ CLP04 − Σ PLB unless told otherwise.</summary>
public static class Era
{
    public static EraAdjustment Co(string reason, decimal amount) => new("CO", reason, amount);
    public static EraAdjustment Pr(string reason, decimal amount) => new("PR", reason, amount);
    public static EraAdjustment Oa(string reason, decimal amount) => new("OA", reason, amount);

    public static string Build(string trace, IEnumerable<EraClaim> claims, IEnumerable<(string Reason, decimal Amount)>? providerAdjustments = null, decimal? payment = null)
    {
        var list = claims.ToList();
        var plb = (providerAdjustments ?? []).ToList();
        var body = new List<string>
        {
            $"BPR*I*{M(payment ?? list.Sum(c => c.Paid) - plb.Sum(p => p.Amount))}*C*CHK************20260320",
            $"TRN*1*{trace}*1512345678",
            "DTM*405*20260320",
            "N1*PR*AETNA",
            "N3*151 FARMINGTON AVE",
            "N4*HARTFORD*CT*06156",
            "N1*PE*RIVERSIDE FAMILY MEDICINE*XX*1234567893",
            "LX*1",
        };
        foreach (var claim in list)
        {
            body.Add($"CLP*{claim.Number}*{claim.Status}*{M(claim.Charge)}*{M(claim.Paid)}*{M(claim.PatientResponsibility)}*12*{claim.PayerClaimNumber}");
            body.AddRange(Cas(claim.ClaimAdjustments ?? []));
            body.Add("NM1*QC*1*MARCHETTI*ODETTE****MI*W123456789");
            foreach (var line in claim.Lines)
            {
                var modifiers = line.Modifiers.Length == 0 ? "" : ":" + line.Modifiers;
                body.Add($"SVC*HC:{line.Code}{modifiers}*{M(line.Charge)}*{M(line.Paid)}**1");
                body.Add("DTM*472*20260310");
                body.AddRange(Cas(line.Adjustments));
                if (line.ChargeLineId is { } id)
                {
                    body.Add($"REF*6R*{id}");
                }
            }
        }
        body.AddRange(plb.Select(p => $"PLB*1234567893*20261231*{p.Reason}:{trace}*{M(p.Amount)}"));
        var text = new StringBuilder();
        text.Append("ISA*00*          *00*          *ZZ*AETNA          *ZZ*RIVERSIDE01    *260320*1200*^*00501*000000001*0*T*:~");
        text.Append("GS*HP*AETNA*RIVERSIDE01*20260320*1200*1*X*005010X221A1~");
        text.Append("ST*835*0001~");
        foreach (var segment in body)
        {
            text.Append(segment).Append('~');
        }
        text.Append(CultureInfo.InvariantCulture, $"SE*{body.Count + 2}*0001~GE*1*1~IEA*1*000000001~");
        return text.ToString();
    }

    private static IEnumerable<string> Cas(IEnumerable<EraAdjustment> adjustments) =>
        adjustments.Select(a => $"CAS*{a.Group}*{a.Reason}*{M(a.Amount)}");

    private static string M(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
