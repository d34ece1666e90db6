using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.X12.Claims;
using Microsoft.EntityFrameworkCore;
using Edi = MedOffice.X12.Claims;

namespace MedOffice.Claims;

/// <summary>Turns the office's claims into the X12 library's 837P model: billing provider, subscribers, patients, claims, COB.</summary>
internal sealed class ClaimFile(MedOfficeDb db)
{
    public async Task<ProfessionalClaimBatch> BuildAsync(IReadOnlyList<Claim> claims, Clearinghouse clearinghouse, Organization organization,
        int interchange, int group, DateTime createdLocal, CancellationToken cancellationToken)
    {
        var sheetIds = claims.Select(c => c.ChargeSheetId).Distinct().ToList();
        var sheets = await db.ChargeSheets.AsNoTracking().Include(s => s.Diagnoses).Where(s => sheetIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var patientIds = claims.Select(c => c.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var coverages = await db.Coverages.AsNoTracking().Include(c => c.Payer).Where(c => patientIds.Contains(c.PatientId)).ToListAsync(cancellationToken);
        var providerIds = sheets.Values.Select(s => s.RenderingProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var claimIds = claims.Select(c => c.Id).ToList();
        // The primary claims of secondary claims, with the primary's adjudication of each line.
        var primaryIds = claims.Where(c => c.PayerSequence != "P").Select(c => c.ChargeSheetId).ToList();
        var primaries = await db.Claims.AsNoTracking().Include(c => c.Lines)
            .Where(c => primaryIds.Contains(c.ChargeSheetId) && c.PayerSequence == "P" && c.Status == ClaimStatuses.Adjudicated).ToListAsync(cancellationToken);
        var primaryClaimIds = primaries.Select(p => p.Id).ToList();
        var adjudications = await db.PayerLineAdjudications.AsNoTracking().Include(a => a.Adjustments)
            .Where(a => primaryClaimIds.Contains(a.ClaimId)).ToListAsync(cancellationToken);

        var subscribers = claims.GroupBy(c => c.CoverageId).Select(byCoverage =>
        {
            var coverage = coverages.First(c => c.Id == byCoverage.Key);
            var holder = patients[byCoverage.First().PatientId];
            var subscriberPerson = new Person(
                new EntityName(coverage.SubscriberLastName, coverage.SubscriberFirstName), coverage.SubscriberDateOfBirth,
                Gender(coverage.SubscriberSex), AddressOf(holder));
            var built = byCoverage.Select(c => (Claim: c, Built: BuildClaim(c, sheets[c.ChargeSheetId], providers[sheets[c.ChargeSheetId].RenderingProviderId],
                coverages, primaries, adjudications))).ToList();
            var isSelf = coverage.SubscriberRelationship == SubscriberRelationships.Self;
            return new Subscriber
            {
                Responsibility = Responsibility(byCoverage.First().PayerSequence),
                Person = isSelf ? PersonOf(holder) : subscriberPerson,
                MemberId = coverage.MemberId ?? "",
                GroupNumber = coverage.GroupNumber,
                GroupName = coverage.GroupNumber is null ? coverage.PlanName : null,
                ClaimFilingIndicator = coverage.Payer!.ClaimFilingIndicator,
                Payer = new Edi.Payer(coverage.Payer.Name, coverage.Payer.PayerIdentifier),
                Claims = isSelf ? built.Select(b => b.Built).ToList() : [],
                Dependents = isSelf ? [] : built.GroupBy(b => b.Claim.PatientId)
                    .Select(g => new Dependent(PersonOf(patients[g.Key]), coverage.SubscriberRelationship, g.Select(b => b.Built).ToList())).ToList(),
            };
        }).ToList();

        return new ProfessionalClaimBatch
        {
            Envelope = new X12Envelope
            {
                SenderQualifier = clearinghouse.IdQualifier, SenderId = clearinghouse.SubmitterId,
                ReceiverQualifier = clearinghouse.IdQualifier, ReceiverId = clearinghouse.ReceiverId,
                InterchangeControlNumber = interchange, GroupControlNumber = group, Created = createdLocal,
                IsProduction = clearinghouse.UsageIndicator == "P",
            },
            BatchReference = interchange.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Submitter = new Submitter(organization.Name, clearinghouse.SubmitterId, clearinghouse.ContactName, clearinghouse.ContactPhone.DigitsOnly()),
            Receiver = new Party(clearinghouse.Name, clearinghouse.ReceiverId),
            BillingProviders =
            [
                new BillingProvider
                {
                    Name = new EntityName(organization.Name), Npi = organization.BillingNpi ?? "", TaxId = (organization.TaxId ?? "").DigitsOnly(),
                    Taxonomy = organization.BillingTaxonomyCode,
                    Address = new Edi.Address(organization.BillingAddressLine1 ?? "", organization.BillingCity ?? "", organization.BillingState ?? "",
                        (organization.BillingPostalCode ?? "").DigitsOnly()),
                    Subscribers = subscribers,
                },
            ],
        };
    }

    private static ProfessionalClaim BuildClaim(Claim claim, ChargeSheet sheet, Provider provider, List<Coverage> coverages,
        List<Claim> primaries, List<PayerLineAdjudication> adjudications)
    {
        var otherPayers = new List<OtherPayer>();
        var lineAdjudications = new Dictionary<int, Edi.LineAdjudication>();
        if (claim.PayerSequence == "P")
        {
            // The secondary insurance, when the patient has one that day, is named so the payer knows of it.
            if (coverages.InForce(claim.PatientId, CoveragePriorities.Secondary, claim.DateOfService) is { } secondary)
            {
                otherPayers.Add(OtherPayerOf(secondary, PayerResponsibility.Secondary));
            }
        }
        else if (primaries.FirstOrDefault(p => p.ChargeSheetId == claim.ChargeSheetId) is { } primary
            && coverages.FirstOrDefault(c => c.Id == primary.CoverageId) is { } primaryCoverage)
        {
            var lines = adjudications.Where(a => a.ClaimId == primary.Id).ToList();
            otherPayers.Add(OtherPayerOf(primaryCoverage, PayerResponsibility.Primary) with
            {
                PaidAmount = lines.Sum(l => l.PaidAmount),
                RemainingPatientLiability = lines.SelectMany(l => l.Adjustments).Where(a => a.GroupCode == "PR").Sum(a => a.Amount),
                AdjudicationDate = lines.Max(l => l.AdjudicatedOn),
            });
            foreach (var line in primary.Lines)
            {
                if (lines.FirstOrDefault(a => a.ClaimLineId == line.Id) is { } adjudication)
                {
                    lineAdjudications[line.LineNumber] = new Edi.LineAdjudication
                    {
                        PayerId = primaryCoverage.Payer!.PayerIdentifier, PaidAmount = adjudication.PaidAmount, AdjudicationDate = adjudication.AdjudicatedOn,
                        Adjustments = adjudication.Adjustments.Select(a => new Adjustment(a.GroupCode, a.ReasonCode, a.Amount, a.Quantity)).ToList(),
                    };
                }
            }
        }

        return new ProfessionalClaim
        {
            PatientControlNumber = claim.ClaimNumber,
            PlaceOfService = sheet.PlaceOfServiceCode,
            Frequency = claim.Frequency switch { ClaimFrequencies.Replacement => ClaimFrequency.Replacement, ClaimFrequencies.Void => ClaimFrequency.Void, _ => ClaimFrequency.Original },
            PayerClaimControlNumber = claim.Frequency == ClaimFrequencies.Original ? null : claim.PayerClaimNumber,
            Diagnoses = sheet.Diagnoses.OrderBy(d => d.Sequence).Select(d => d.Code).ToList(),
            ReferringProvider = sheet.ReferringProviderNpi is { Length: > 0 } npi
                ? new ClaimProvider(new EntityName(sheet.ReferringProviderLastName ?? "", sheet.ReferringProviderFirstName), npi)
                : null,
            RenderingProvider = new ClaimProvider(new EntityName(provider.LastName, provider.FirstName), provider.Npi, provider.TaxonomyCode),
            OtherPayers = otherPayers,
            Lines = claim.Lines.OrderBy(l => l.LineNumber).Select(l => new ServiceLine
            {
                ProcedureCode = l.ProcedureCode,
                Modifiers = l.Modifiers.Split(':', StringSplitOptions.RemoveEmptyEntries),
                Charge = l.Amount, Units = l.Units,
                DiagnosisPointers = l.DiagnosisPointers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList(),
                ServiceDate = claim.DateOfService,
                LineControlNumber = l.ChargeLineId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Adjudications = lineAdjudications.TryGetValue(l.LineNumber, out var adjudicated) ? [adjudicated] : [],
            }).ToList(),
        };
    }

    private static OtherPayer OtherPayerOf(Coverage coverage, PayerResponsibility responsibility) => new()
    {
        Responsibility = responsibility, Relationship = coverage.SubscriberRelationship, GroupNumber = coverage.GroupNumber,
        ClaimFilingIndicator = coverage.Payer!.ClaimFilingIndicator,
        InsuredName = new EntityName(coverage.SubscriberLastName, coverage.SubscriberFirstName), InsuredMemberId = coverage.MemberId ?? "",
        Payer = new Edi.Payer(coverage.Payer.Name, coverage.Payer.PayerIdentifier),
    };

    /// <summary>The coverage the file names for this priority (the scrubber checks the same one): of two in force, the one that started last.</summary>
    private static PayerResponsibility Responsibility(string sequence) => sequence switch
    {
        "S" => PayerResponsibility.Secondary,
        "T" => PayerResponsibility.Tertiary,
        _ => PayerResponsibility.Primary,
    };

    private static Person PersonOf(Patient patient) =>
        new(new EntityName(patient.LegalLastName, patient.LegalFirstName, patient.LegalMiddleName, patient.Suffix), patient.DateOfBirth,
            Gender(patient.SexAtBirth), AddressOf(patient));

    private static Edi.Address AddressOf(Patient patient) =>
        new(patient.AddressLine1 ?? "", patient.City ?? "", patient.State ?? "", (patient.PostalCode ?? "").DigitsOnly(), patient.AddressLine2);

    private static char Gender(string sex) => sex is "F" or "M" ? sex[0] : 'U';

}
