using MedOffice.Claims;
using MedOffice.Eligibility;
using MedOffice.Patients;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;

namespace MedOffice.Tests.Eligibility;

/// <summary>The billing office of <see cref="ClaimClinic"/> with the eligibility and claim status services, and an inbox that reads 271s and 277s.</summary>
public sealed class EligibilityDesk(ClaimClinic clinic)
{
    public ClaimClinic Clinic { get; } = clinic;
    public TestOffice Office => Clinic.Office;
    public EligibilityOptions Options { get; } = new();

    public EligibilityRequests Requests() => new(Office.Db, new OutboundFiles(Office.Db, Office.Clock), Office.Audit);

    public NightlyEligibility Nightly() => new(Office.Db, Requests(), Options, Office.Clock);

    public ClaimStatusInquiries StatusInquiries() => new(Office.Db, new OutboundFiles(Office.Db, Office.Clock), Office.Audit, new ClearinghouseOptions(), Office.Clock);

    public EligibilityQueries Queries() => new(Office.Db, Office.Clock);

    public ClearinghouseInbox Inbox() => new(Office.Db,
    [
        new ImplementationAcknowledgmentHandler(Office.Db, Clinic.Maker()), new ClaimAcknowledgmentHandler(Office.Db, Clinic.Maker()),
        new ClaimStatusHandler(Office.Db, Clinic.Maker(), Office.Clock), new EligibilityResponseHandler(Office.Db, Office.Clock),
    ], Office.Clock);

    /// <summary>A child on the clinic patient's plan: the subscriber is the mother, the member ID hers.</summary>
    public async Task<Coverage> AddDependentAsync(string first = "Leo", string memberId = "W123456789")
    {
        var details = TestOffice.Adult(first, Clinic.Patient.LegalLastName, new DateOnly(2015, 9, 1));
        (details.SexAtBirth, details.GuarantorRelationship, details.GuarantorName) = (SexesAtBirth.Male, GuarantorRelationships.Parent, "Odette Marchetti");
        var registered = await Office.Registry.RegisterAsync(details, acknowledgeDuplicates: true, TestOffice.FrontDesk);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        var child = registered.Value!;
        var added = await Office.Registry.AddCoverageAsync(child.Id, new CoverageDetails
        {
            PayerId = Clinic.Aetna.Id, MemberId = memberId, SubscriberRelationship = SubscriberRelationships.Child,
            SubscriberFirstName = Clinic.Patient.LegalFirstName, SubscriberLastName = Clinic.Patient.LegalLastName,
            SubscriberDateOfBirth = Clinic.Patient.DateOfBirth, SubscriberSex = SexesAtBirth.Female, EffectiveOn = new DateOnly(2025, 1, 1),
        }, TestOffice.FrontDesk);
        Assert.True(added!.Succeeded, string.Join("; ", added.Errors));
        return added.Value!;
    }
}
