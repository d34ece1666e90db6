using MedOffice.Claims;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Eligibility;

/// <summary>
/// The test app's practice made ready to ask payers: a billing NPI and tax id, and a clearinghouse exchanging files
/// through temporary folders. <see cref="AnswerAsync"/> plays the clearinghouse: a 271 for the newest question, into the inbound folder.
/// </summary>
public sealed class EligibilityExchange : IAsyncDisposable
{
    private EligibilityExchange(string folder) => Folder = folder;

    public string Folder { get; }
    public string Outbound => Path.Combine(Folder, "out");
    public string Inbound => Path.Combine(Folder, "in");

    public static async Task<EligibilityExchange> CreateAsync(TestApp app)
    {
        var exchange = new EligibilityExchange(Directory.CreateTempSubdirectory("medoffice-eligibility-").FullName);
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedOfficeDb>();
        var organization = await db.Organizations.FirstAsync();
        (organization.BillingNpi, organization.TaxId) = (Npi.FromNineDigits("123456789").Value, "362345678");
        db.Clearinghouses.Add(new Clearinghouse
        {
            Name = "Test Clearinghouse", SubmitterId = "TESTFP01", ReceiverId = "CLEARHOUSE", ContactName = "Billing Office", ContactPhone = "3125550100",
            OutboundFolder = exchange.Outbound, InboundFolder = exchange.Inbound,
        });
        await db.SaveChangesAsync();
        return exchange;
    }

    /// <summary>The clearinghouse's 271 for the newest check: linuxforhealth's active subscriber, with a deductible and coinsurance.</summary>
    public async Task AnswerAsync(TestApp app)
    {
        await using var db = app.NewDb();
        var check = await db.EligibilityChecks.OrderByDescending(c => c.Id).FirstAsync();
        var payer = await db.Payers.SingleAsync(p => p.Id == check.PayerId);
        var memberId = await db.Coverages.Where(c => c.Id == check.CoverageId).Select(c => c.MemberId).SingleAsync();
        Directory.CreateDirectory(Inbound);
        await File.WriteAllTextAsync(Path.Combine(Inbound, $"271-{check.TraceNumber}.x12"),
            MedOffice.Tests.Eligibility.X12Samples.Subscriber271(check.TraceNumber, payer.PayerIdentifier, memberId!, MedOffice.Tests.Eligibility.X12Samples.DeductibleAndCoinsurance));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
