using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MedOffice.X12.Claims;
using MedOffice.X12.Remittance;
using MedOffice.X12.Validation;

namespace MedOffice.Bench.X12;

/// <summary>
/// The X12 library under BenchmarkDotNet, on files small enough for its statistics (a 10,000-claim 837P of ~2.5 MB and a
/// ~5 MB 835): `--x12-bdn`. The 50 MB runs against the npm parsers stay in <see cref="X12Run"/> (`--x12`).
/// </summary>
[MemoryDiagnoser]
public class X12Benchmarks
{
    private ProfessionalClaimBatch _batch = default!;
    private byte[] _claims = [];
    private byte[] _remittance = [];

    [GlobalSetup]
    public void Setup()
    {
        _batch = X12Files.ClaimBatch(10_000);
        _claims = Encoding.UTF8.GetBytes(ProfessionalClaimWriter.WriteToString(_batch));
        _remittance = Encoding.UTF8.GetBytes(X12Files.Remittance(X12Run.FindCorpus835(), 5_000_000));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"837P {_claims.Length / 1e6:0.00} MB, 835 {_remittance.Length / 1e6:0.00} MB"));
    }

    [Benchmark(Description = "Write 10,000 claims (837P)")]
    public long WriteClaims()
    {
        using var sink = new StreamWriter(Stream.Null);
        return ProfessionalClaimWriter.Write(_batch, sink).ClaimCount;
    }

    [Benchmark(Description = "Read every element of the 837P")]
    public long ReadClaims() => X12Run.WalkElements(_claims);

    [Benchmark(Description = "Read every element of the 835")]
    public long ReadRemittance() => X12Run.WalkElements(_remittance);

    [Benchmark(Description = "Validate the 837P")]
    public int ValidateClaims() => X12Validator.Validate(new MemoryStream(_claims)).Errors.Count;

    [Benchmark(Description = "Validate the 835")]
    public int ValidateRemittance() => X12Validator.Validate(new MemoryStream(_remittance)).Errors.Count;

    [Benchmark(Description = "Typed 835 with balancing")]
    public int ReadRemittanceModel() => RemittanceAdvice.Read(new MemoryStream(_remittance)).Transactions.Sum(t => t.Claims.Count);
}
