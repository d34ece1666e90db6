using System.Text;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using MedOffice.X12.Validation;

namespace MedOffice.Web.Tests.Claims;

public class ClaimCommandTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Claims_export_writes_the_batch_into_a_folder_and_x12_check_passes_it(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        // The command runs on the real clock: bill a visit of last week, with that fiscal year's codes loaded.
        var visit = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-7);
        var codes = "code\tbillable\tshort_desc\tlong_desc\nI10\t1\tEssential (primary) hypertension\tEssential (primary) hypertension\n";
        Assert.True((await new CodeSetImporter(office.Db, office.Audit, office.Clock).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(codes)),
            "icd.tsv", IcdCode.FiscalYearOf(visit), ClaimClinic.Biller)).Succeeded);
        var sheet = await clinic.ReleaseAsync(["I10"], [("99213", "", 120m, "1")], dateOfService: visit);
        var folder = Path.Combine(clinic.Folder, "export");

        var export = await Cli.RunWithAsync(null, "claims", "export", folder, "--database", Cli.DatabaseArgument(office.Db));

        Assert.True(export.ExitCode == 0, export.Output);
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Contains($"Wrote {file}: 1 claims, total 120.00", export.Output, StringComparison.Ordinal);
        Assert.True(X12Validator.Validate(await File.ReadAllTextAsync(file)).IsValid);
        Assert.Contains($"CLM*{sheet.Id:D6}P1*120*", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        var check = await Cli.RunAsync("x12", "check", file);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("837 Professional 005010X222A1", check.Output, StringComparison.Ordinal);
        Assert.Contains("Valid: no implementation-guide errors.", check.Output, StringComparison.Ordinal);

        var again = await Cli.RunWithAsync(null, "claims", "export", folder, "--database", Cli.DatabaseArgument(office.Db));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("No claim is waiting to be sent.", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X12_check_explains_a_broken_file_and_exits_non_zero()
    {
        var broken = Corpora.Path("x12/imsweb-x12-parser/837_5010/x12_bad_segment_identifier.txt");

        var check = await Cli.RunAsync("x12", "check", broken);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error: ", check.Output, StringComparison.Ordinal);
        Assert.Contains("Invalid:", check.Output, StringComparison.Ordinal);
        var missing = await Cli.RunAsync("x12", "check", "/no/such/file.x12");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Output, StringComparison.Ordinal);
    }
}
