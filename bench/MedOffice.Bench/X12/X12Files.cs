using System.Globalization;
using System.Text;
using MedOffice.X12.Claims;

namespace MedOffice.Bench.X12;

/// <summary>The benchmark's input files: a large 837P from the writer and a large 835 repeated from a corpus 835's claims.</summary>
public static class X12Files
{
    private static readonly DateOnly Visit = new(2024, 3, 4);
    private static readonly string[] Procedures = ["99213", "99214", "36415", "85025", "80053", "93000", "97110", "90471"];
    private static readonly string[] Diagnoses = ["E11.9", "I10", "J06.9", "M54.50", "Z00.00", "E78.5"];

    /// <summary>A batch of <paramref name="claims"/> varied claims (1–4 lines, 1–3 diagnoses, every tenth with a referring provider), 25 claims per subscriber.</summary>
    public static ProfessionalClaimBatch ClaimBatch(int claims)
    {
        var subscribers = new List<Subscriber>();
        for (var start = 0; start < claims; start += 25)
        {
            var batch = Enumerable.Range(start, Math.Min(25, claims - start)).Select(Claim).ToArray();
            var n = start / 25;
            subscribers.Add(new Subscriber
            {
                Person = new Person(new EntityName("PATIENT" + n.ToString(CultureInfo.InvariantCulture), "ALEX"), new DateOnly(1960 + n % 50, 1 + n % 12, 1 + n % 28),
                    n % 2 == 0 ? 'F' : 'M', new Address($"{n % 900 + 1} MAIN ST", "SPRINGFIELD", "IL", "62704")),
                MemberId = "M" + n.ToString("D9", CultureInfo.InvariantCulture), GroupNumber = "GRP-7788", Payer = new Payer("ACME HEALTH PLAN", "60054"), Claims = batch,
            });
        }
        return new ProfessionalClaimBatch
        {
            Envelope = new X12Envelope
            {
                SenderId = "RIVERSIDEFM", ReceiverId = "CLEARINGHOUSE", InterchangeControlNumber = 9001, GroupControlNumber = 9001,
                Created = new DateTime(2024, 3, 15, 14, 30, 0, DateTimeKind.Unspecified),
            },
            BatchReference = "BENCH9001",
            Submitter = new Submitter("RIVERSIDE FAMILY MEDICINE", "RFM001", "PAT BILLER", "2175550100"),
            Receiver = new Party("CLEARINGHOUSE INC", "CH0001"),
            BillingProviders =
            [
                new BillingProvider
                {
                    Name = new EntityName("RIVERSIDE FAMILY MEDICINE"), Npi = "1245319599", TaxId = "364123456", Taxonomy = "207Q00000X",
                    Address = new Address("100 RIVER RD", "SPRINGFIELD", "IL", "627011234"), Subscribers = subscribers,
                },
            ],
        };
    }

    private static ProfessionalClaim Claim(int i)
    {
        var lines = Enumerable.Range(0, 1 + i % 4).Select(l => new ServiceLine
        {
            ProcedureCode = Procedures[(i + l) % Procedures.Length], Charge = 40m + (i * 7 + l * 13) % 200, DiagnosisPointers = [1], ServiceDate = Visit,
            LineControlNumber = $"L{i}-{l}",
        }).ToArray();
        return new ProfessionalClaim
        {
            PatientControlNumber = "PCN" + i.ToString("D8", CultureInfo.InvariantCulture),
            Diagnoses = Enumerable.Range(0, 1 + i % 3).Select(d => Diagnoses[(i + d) % Diagnoses.Length]).ToArray(),
            ReferringProvider = i % 10 == 0 ? new ClaimProvider(new EntityName("WELBY", "MARCUS"), "1234567893") : null,
            Lines = lines,
        };
    }

    /// <summary>
    /// A realistic 835 of about <paramref name="targetBytes"/>: the header, payer and payee of a corpus 835, then its claim
    /// loops (CLP…, up to the PLB/SE) repeated with fresh patient control numbers and payer claim numbers, and BPR02 and
    /// the SE count recomputed so that the file balances.
    /// </summary>
    public static string Remittance(string corpus835, long targetBytes)
    {
        var text = File.ReadAllText(corpus835).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        var segments = text.Split('~', StringSplitOptions.RemoveEmptyEntries);
        var isa = segments[0];
        var element = isa[3];
        var st = Array.FindIndex(segments, s => s.StartsWith("ST" + element, StringComparison.Ordinal));
        var firstClaim = Array.FindIndex(segments, s => s.StartsWith("CLP" + element, StringComparison.Ordinal));
        var end = Array.FindIndex(segments, s => s.StartsWith("SE" + element, StringComparison.Ordinal) || s.StartsWith("PLB" + element, StringComparison.Ordinal));
        var header = segments[(st + 1)..firstClaim].Where(s => !s.StartsWith("BPR", StringComparison.Ordinal)).ToList();
        var claims = segments[firstClaim..end];
        var bpr = segments.First(s => s.StartsWith("BPR", StringComparison.Ordinal)).Split(element);

        var body = new StringBuilder();
        var paid = 0m;
        var count = 0;
        var copies = 0;
        while (body.Length < targetBytes)
        {
            copies++;
            foreach (var segment in claims)
            {
                var fields = segment.Split(element);
                if (fields[0] == "CLP")
                {
                    fields[1] = $"{fields[1]}-{copies.ToString(CultureInfo.InvariantCulture)}";
                    fields[7] = $"{copies.ToString("D9", CultureInfo.InvariantCulture)}{fields[7]}";
                    paid += decimal.Parse(fields[4], CultureInfo.InvariantCulture);
                }
                body.Append(string.Join(element, fields)).Append("~\n");
                count++;
            }
        }
        bpr[2] = paid.ToString("0.00", CultureInfo.InvariantCulture);
        var output = new StringBuilder(body.Length + 4096);
        output.Append(isa).Append("~\n").Append(segments[1]).Append("~\n").Append(segments[st]).Append("~\n").Append(string.Join(element, bpr)).Append("~\n");
        foreach (var segment in header)
        {
            output.Append(segment).Append("~\n");
        }
        output.Append(body);
        var control = segments[st].Split(element)[2];
        output.Append($"SE{element}{count + header.Count + 3}{element}{control}~\n");
        output.Append(string.Join("~\n", segments.SkipWhile(s => !s.StartsWith("GE" + element, StringComparison.Ordinal)))).Append("~\n");
        return output.ToString();
    }
}
