using MedOffice.Data;
using MedOffice.Eligibility;
using MedOffice.Patients;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.X12.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Eligibility;

public class EligibilityRequestTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task One_valid_270_asks_about_a_subscriber_a_dependent_and_a_second_payer_and_the_checks_are_recorded(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var child = await desk.AddDependentAsync();
        var medicare = await office.AddCoverageAsync(clinic.Patient.Id, clinic.Medicare, "1EG4TE5MK73", CoveragePriorities.Secondary);

        var result = await desk.Requests().RequestAsync([clinic.Primary.Id, child.Id, medicare.Id], new DateOnly(2026, 3, 17), TestOffice.FrontDesk);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var file = Path.Combine(clinic.Outbound, result.Value!.FileName);
        Assert.Equal([file], Directory.GetFiles(clinic.Outbound));
        Assert.StartsWith("270-", result.Value.FileName, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        var report = X12Validator.Validate(text);
        Assert.True(report.IsValid, report.ToString());
        // One interchange per payer: Aetna asked about mother and child, Medicare about the mother.
        Assert.Equal(["270 Eligibility Inquiry", "270 Eligibility Inquiry"], report.Transactions.Select(t => t.Description.Split(" 005")[0]));
        Assert.Contains($"NM1*1P*2*Riverside Family Medicine*****XX*{clinic.Organization.BillingNpi}~", text, StringComparison.Ordinal);
        Assert.Contains("NM1*IL*1*Marchetti*Odette****MI*W123456789~", text, StringComparison.Ordinal);
        Assert.Contains("NM1*03*1*Marchetti*Leo~DMG*D8*20150901*M~DTP*291*D8*20260317~EQ*30~", text, StringComparison.Ordinal);
        Assert.Contains("NM1*IL*1*Marchetti*Odette****MI*1EG4TE5MK73~", text, StringComparison.Ordinal);

        await using var db = office.NewContext();
        var checks = await db.EligibilityChecks.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([clinic.Primary.Id, child.Id, medicare.Id], checks.Select(c => c.CoverageId));
        Assert.All(checks, c => Assert.Equal((EligibilityStatuses.Requested, result.Value.FileName, "frontdesk"), (c.Status, c.RequestFile, c.RequestedBy)));
        Assert.Equal(3, checks.Select(c => c.TraceNumber).Distinct().Count());
        Assert.All(checks, c => Assert.Contains($"TRN*1*{c.TraceNumber}*1362345678~", text, StringComparison.Ordinal));
        // The dependent's trace is in the dependent's loop (2000D), after the subscriber's name.
        var childCheck = checks.Single(c => c.CoverageId == child.Id);
        Assert.Contains($"HL*5*4*23*0~TRN*1*{childCheck.TraceNumber}*", text, StringComparison.Ordinal);
        Assert.Equal(3, (await office.AuditRowsAsync()).Count(a => a.Action == "export" && a.Detail.Contains(result.Value.FileName, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_coverage_that_cannot_be_asked_about_or_a_practice_without_an_NPI_sends_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var desk = new EligibilityDesk(clinic);
        var county = await office.AddPayerAsync("County Program", requiresMemberId: false);
        var noMemberId = await office.AddCoverageAsync(clinic.Patient.Id, county, "", CoveragePriorities.Secondary);

        var refused = await desk.Requests().RequestAsync([noMemberId.Id], new DateOnly(2026, 3, 17), TestOffice.FrontDesk);
        Assert.Equal($"Coverage {noMemberId.Id} cannot be checked: County Program does not use member IDs, so it cannot be asked electronically.",
            Assert.Single(refused.Errors).Message);

        clinic.Organization.BillingNpi = null;
        await office.Db.SaveChangesAsync();
        var noNpi = await desk.Requests().RequestAsync([clinic.Primary.Id], new DateOnly(2026, 3, 17), TestOffice.FrontDesk);
        Assert.Equal("BillingNpi", Assert.Single(noNpi.Errors).Field);
        Assert.False(Directory.Exists(clinic.Outbound) && Directory.EnumerateFileSystemEntries(clinic.Outbound).Any());
        await using var db = office.NewContext();
        Assert.Equal(0, await db.EligibilityChecks.CountAsync());
    }
}
