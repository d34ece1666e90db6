using System.Globalization;
using System.Text;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Bench.Remittance;

/// <summary>
/// An 835 (005010X221A1) paying the bench office's claims the way payers do: one transaction set per payer (BPR, TRN, DTM*405,
/// N1*PR/N1*PE loops with addresses and REFs), then per claim CLP with NM1*QC/IL/82, REF*EA, DTM*050/232/233, AMT*AU and
/// per line SVC, DTM*472, CAS (CO-45 contractual, PR-1/2/3 deductible/coinsurance/copay, some OA-121), REF*6R (our charge
/// line id), AMT*B6 and sometimes LQ*HE. 6 % of claims are denied (CLP02 4, CO-50/CO-197). Every 250th claim is paid,
/// reversed (CLP02 22) and paid again later in the same file, as a payer's correction does. Each transaction ends with PLB
/// interest (L6) and a recoupment (WO). BPR02 = Σ CLP04 − Σ PLB, so the file balances.
/// </summary>
public static class EraFile
{
    private sealed record Line(int ChargeLineId, string Code, string Modifiers, decimal Amount);
    private sealed record SentClaim(string Number, int PayerId, string Payer, string Mrn, string PatientFirst, string PatientLast, string MemberId, DateOnly DateOfService, List<Line> Lines);

    public sealed record Built(string Text, int Claims, int Lines, int Reversals);

    /// <summary>The 835 for the first <paramref name="claims"/> claims of the bench office.</summary>
    public static async Task<Built> BuildAsync(DatabaseOptions options, int claims)
    {
        await using var db = DataServices.CreateContext(options);
        var rows = await (from c in db.Claims.AsNoTracking()
                          join p in db.Patients on c.PatientId equals p.Id
                          join v in db.Coverages on c.CoverageId equals v.Id
                          join y in db.Payers on c.PayerId equals y.Id
                          orderby c.ClaimNumber
                          select new { c.ClaimNumber, c.PayerId, Payer = y.Name, p.Mrn, p.LegalFirstName, p.LegalLastName, v.MemberId, c.DateOfService,
                              Lines = c.Lines.OrderBy(l => l.LineNumber).Select(l => new { l.ChargeLineId, l.ProcedureCode, l.Modifiers, l.Amount }).ToList() })
            .Take(claims).ToListAsync();
        var sent = rows.Select(r => new SentClaim(r.ClaimNumber, r.PayerId, r.Payer, r.Mrn, r.LegalFirstName, r.LegalLastName, r.MemberId ?? "", r.DateOfService,
            r.Lines.Select(l => new Line(l.ChargeLineId, l.ProcedureCode, l.Modifiers, l.Amount)).ToList())).ToList();

        var text = new StringBuilder(64 * 1024 * 1024);
        text.Append("ISA*00*          *00*          *ZZ*BENCHPAYERS    *ZZ*BENCHFM01      *260320*1200*^*00501*000000777*0*P*:~");
        text.Append("GS*HP*BENCHPAYERS*BENCHFM01*20260320*1200*777*X*005010X221A1~");
        var transactions = 0;
        var (claimCount, lineCount, reversals) = (0, 0, 0);
        foreach (var payer in sent.GroupBy(c => (c.PayerId, c.Payer)).OrderBy(g => g.Key.PayerId))
        {
            transactions++;
            var body = new List<string>();
            var paid = 0m;
            var reversed = new List<(SentClaim Claim, string PayerClaimNumber)>();
            var index = 0;
            foreach (var claim in payer)
            {
                var n = int.Parse(claim.Number.AsSpan(1), CultureInfo.InvariantCulture);
                var payerClaimNumber = $"26079{n:D9}";
                paid += WriteClaim(body, claim, n, "1", payerClaimNumber, sign: 1);
                claimCount++;
                lineCount += claim.Lines.Count;
                if (n % 250 == 7 && n % 17 != 3)
                {
                    reversed.Add((claim, payerClaimNumber));
                }
                // Reversals and corrections come a little later in the file, as a payer's reprocessing does.
                if (++index % 500 == 0 && reversed.Count > 0)
                {
                    foreach (var (r, number) in reversed)
                    {
                        var rn = int.Parse(r.Number.AsSpan(1), CultureInfo.InvariantCulture);
                        paid += WriteClaim(body, r, rn, "22", number, sign: -1);
                        paid += WriteClaim(body, r, rn + 1, "1", number + "C", sign: 1);
                        reversals++;
                    }
                    reversed.Clear();
                }
            }
            foreach (var (r, number) in reversed)
            {
                var rn = int.Parse(r.Number.AsSpan(1), CultureInfo.InvariantCulture);
                paid += WriteClaim(body, r, rn, "22", number, sign: -1);
                paid += WriteClaim(body, r, rn + 1, "1", number + "C", sign: 1);
                reversals++;
            }
            var interest = -12.34m - transactions;
            var recoupment = 150m + transactions;
            body.Add($"PLB*1234567893*20261231*L6*{M(interest)}*WO:PRIOR{transactions:D4}*{M(recoupment)}");
            var header = new List<string>
            {
                $"BPR*I*{M(paid - interest - recoupment)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20260320",
                $"TRN*1*EFT{transactions:D3}2026032{transactions}*1512345678",
                "REF*EV*BENCHFM01",
                "DTM*405*20260319",
                $"N1*PR*{payer.Key.Payer}",
                "N3*151 FARMINGTON AVE",
                "N4*HARTFORD*CT*06156",
                $"REF*2U*6005{payer.Key.PayerId}",
                "PER*BL*PROVIDER SERVICES*TE*8005551234*UR*WWW.PAYER.EXAMPLE",
                "N1*PE*BENCH FAMILY MEDICINE*XX*1234567893",
                "N3*1 BENCH ST",
                "N4*CHICAGO*IL*60601",
                "REF*TJ*362345678",
                "LX*1",
            };
            text.Append(CultureInfo.InvariantCulture, $"ST*835*{transactions:D4}~");
            foreach (var segment in header.Concat(body))
            {
                text.Append(segment).Append('~');
            }
            text.Append(CultureInfo.InvariantCulture, $"SE*{header.Count + body.Count + 2}*{transactions:D4}~");
        }
        text.Append(CultureInfo.InvariantCulture, $"GE*{transactions}*777~IEA*1*000000777~");
        return new Built(text.ToString(), claimCount, lineCount, reversals);
    }

    /// <summary>Writes one CLP loop; returns CLP04. A reversal (sign −1) negates every amount.</summary>
    private static decimal WriteClaim(List<string> body, SentClaim claim, int n, string status, string payerClaimNumber, int sign)
    {
        var denied = status == "1" && n % 17 == 3;
        var lines = new List<(Line Line, decimal Paid, decimal Allowed, List<(string Group, string Reason, decimal Amount)> Adjustments)>();
        foreach (var (line, l) in claim.Lines.Select((x, i) => (x, i)))
        {
            var adjustments = new List<(string, string, decimal)>();
            if (denied)
            {
                adjustments.Add(("CO", n % 2 == 0 ? "50" : "197", line.Amount));
                lines.Add((line, 0m, 0m, adjustments));
                continue;
            }
            var allowed = Math.Round(line.Amount * 0.72m, 2);
            adjustments.Add(("CO", "45", line.Amount - allowed));
            (string, string, decimal) patient = ((n + l) % 5) switch
            {
                0 => ("PR", "1", Math.Min(allowed, 25m)),
                1 => ("PR", "3", Math.Min(allowed, 20m)),
                2 or 3 => ("PR", "2", Math.Round(allowed * 0.2m, 2)),
                _ => ("PR", "", 0m),
            };
            var other = (n + l) % 23 == 0 ? Math.Round(allowed * 0.05m, 2) : 0m;
            if (patient.Item3 > 0)
            {
                adjustments.Add(patient);
            }
            if (other > 0)
            {
                adjustments.Add(("OA", "121", other));
            }
            lines.Add((line, allowed - patient.Item3 - other, allowed, adjustments));
        }
        var charge = claim.Lines.Sum(l => l.Amount);
        var paid = lines.Sum(l => l.Paid);
        var responsibility = lines.Sum(l => l.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount));
        var clpStatus = denied ? "4" : status;
        body.Add($"CLP*{claim.Number}*{clpStatus}*{M(sign * charge)}*{M(sign * paid)}*{(responsibility == 0 ? "" : M(sign * responsibility))}*12*{payerClaimNumber}*11*1");
        body.Add($"NM1*QC*1*{claim.PatientLast}*{claim.PatientFirst}****MI*{claim.MemberId}");
        if (n % 4 == 0)
        {
            body.Add($"NM1*IL*1*{claim.PatientLast}*{claim.PatientFirst}*A***MI*{claim.MemberId}");
        }
        body.Add("NM1*82*1*FERREIRA*ANA****XX*1982765437");
        body.Add($"REF*EA*{claim.Mrn}");
        body.Add("DTM*050*20260312");
        body.Add($"DTM*232*{claim.DateOfService:yyyyMMdd}");
        body.Add($"DTM*233*{claim.DateOfService:yyyyMMdd}");
        if (!denied)
        {
            body.Add($"AMT*AU*{M(sign * lines.Sum(l => l.Allowed))}");
        }
        foreach (var (line, linePaid, allowed, adjustments) in lines)
        {
            var modifiers = line.Modifiers.Length == 0 ? "" : ":" + line.Modifiers;
            body.Add($"SVC*HC:{line.Code}{modifiers}*{M(sign * line.Amount)}*{M(sign * linePaid)}**1");
            body.Add($"DTM*472*{claim.DateOfService:yyyyMMdd}");
            foreach (var group in adjustments.GroupBy(a => a.Group))
            {
                body.Add($"CAS*{group.Key}*" + string.Join("**", group.Select(a => $"{a.Reason}*{M(sign * a.Amount)}")));
            }
            body.Add($"REF*6R*{line.ChargeLineId}");
            if (!denied)
            {
                body.Add($"AMT*B6*{M(sign * allowed)}");
            }
            if (denied || (n + line.ChargeLineId) % 7 == 0)
            {
                body.Add(denied ? "LQ*HE*N290" : "LQ*HE*N130");
            }
        }
        return sign * paid;
    }

    private static string M(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
