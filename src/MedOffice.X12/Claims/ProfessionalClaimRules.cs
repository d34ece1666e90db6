using System.Globalization;
using MedOffice.X12.Validation;
using MedOffice.X12.Writing;

namespace MedOffice.X12.Claims;

/// <summary>What a batch must satisfy before it is written, so that every file written passes the implementation guide.</summary>
internal static class ProfessionalClaimRules
{
    public static void Check(ProfessionalClaimBatch batch)
    {
        EnvelopeWriter.Check(batch.Envelope);
        Require(batch.BatchReference.Length is >= 1 and <= 50, "The batch reference (BHT03) must be 1 to 50 characters.");
        Require(batch.BillingProviders.Count > 0, "A batch needs at least one billing provider.");
        foreach (var provider in batch.BillingProviders)
        {
            var who = $"Billing provider {provider.Name.LastOrOrganizationName}";
            Require(Npi.IsValid(provider.Npi), $"{who}: NPI '{provider.Npi}' is not valid (10 digits with a Luhn check digit).");
            Require(provider.TaxId.Length == 9 && provider.TaxId.All(char.IsAsciiDigit), $"{who}: the tax identifier must be 9 digits without hyphens.");
            CheckAddress(who, provider.Address, nineDigitZip: true);
            Require(provider.Taxonomy is null || IsTaxonomy(provider.Taxonomy), $"{who}: taxonomy '{provider.Taxonomy}' is not a 10-character code ending in X.");
            if (provider.PayToAddress is { } payTo)
            {
                CheckAddress(who + " pay-to address", payTo, nineDigitZip: false);
            }
            Require(provider.Subscribers.Any(s => s.Claims.Count > 0 || s.Dependents.Any(d => d.Claims.Count > 0)), $"{who} has no claims.");
            foreach (var subscriber in provider.Subscribers)
            {
                CheckSubscriber(subscriber);
            }
        }
    }

    private static void CheckSubscriber(Subscriber subscriber)
    {
        var who = $"Subscriber {subscriber.MemberId}";
        Require(subscriber.MemberId.Length is >= 2 and <= 80, $"{who}: the member identifier must be 2 to 80 characters.");
        Require(CodeLists.Get("ClaimFiling").Contains(subscriber.ClaimFilingIndicator), $"{who}: '{subscriber.ClaimFilingIndicator}' is not a claim filing indicator code.");
        Require(subscriber.Payer.PayerId.Length is >= 2 and <= 80 && subscriber.Payer.Name.Length > 0, $"{who}: the payer needs a name and a payer identifier.");
        Require(subscriber.Person.Gender is 'F' or 'M' or 'U', $"{who}: gender must be F, M or U.");
        CheckAddress(who, subscriber.Person.Address, nineDigitZip: false);
        foreach (var claim in subscriber.Claims)
        {
            CheckClaim(claim, subscriber);
        }
        foreach (var dependent in subscriber.Dependents)
        {
            Require(CodeLists.Get("PatientRelationship").Contains(dependent.Relationship), $"{who}: dependent relationship '{dependent.Relationship}' is not a PAT01 code (18, self, means the subscriber is the patient).");
            Require(dependent.Person.Gender is 'F' or 'M' or 'U', $"{who}: dependent's gender must be F, M or U.");
            CheckAddress(who + " dependent", dependent.Person.Address, nineDigitZip: false);
            Require(dependent.Claims.Count > 0, $"{who}: a dependent without claims has no place in a claim batch.");
            foreach (var claim in dependent.Claims)
            {
                CheckClaim(claim, subscriber);
            }
        }
    }

    private static void CheckClaim(ProfessionalClaim claim, Subscriber subscriber)
    {
        var who = $"Claim {claim.PatientControlNumber}";
        Require(claim.PatientControlNumber.Length is >= 1 and <= 38, $"{who}: the claim number (CLM01) must be 1 to 38 characters.");
        Require(CodeLists.Get("POS").Contains(claim.PlaceOfService), $"{who}: '{claim.PlaceOfService}' is not a place of service code.");
        Require(claim.Frequency == ClaimFrequency.Original || !string.IsNullOrEmpty(claim.PayerClaimControlNumber),
            $"{who}: a replacement or void needs the payer's claim control number of the original claim (REF*F8).");
        Require(claim.ReleaseOfInformation is 'Y' or 'I' && claim.Assignment is 'A' or 'B' or 'C', $"{who}: release of information must be Y or I, assignment A, B or C.");
        Require(claim.Diagnoses.Count is >= 1 and <= 12, $"{who}: a claim needs 1 to 12 diagnosis codes.");
        foreach (var code in claim.Diagnoses)
        {
            var bare = code.Replace(".", "", StringComparison.Ordinal);
            Require(bare.Length is >= 3 and <= 7 && char.IsAsciiLetter(bare[0]) && bare.All(char.IsAsciiLetterOrDigit), $"{who}: '{code}' is not an ICD-10-CM code.");
        }
        Require(claim.Lines.Count is >= 1 and <= 50, $"{who}: a claim needs 1 to 50 service lines.");
        Require(claim.TotalCharge is >= 0 and < 10_000_000_000m, $"{who}: the total charge is out of range.");
        foreach (var provider in new[] { claim.ReferringProvider, claim.RenderingProvider }.OfType<ClaimProvider>())
        {
            Require(Npi.IsValid(provider.Npi), $"{who}: provider NPI '{provider.Npi}' is not valid.");
            Require(provider.Name.IsPerson || provider == claim.RenderingProvider, $"{who}: the referring provider must be a person.");
            Require(provider.Taxonomy is null || IsTaxonomy(provider.Taxonomy), $"{who}: taxonomy '{provider.Taxonomy}' is not a 10-character code ending in X.");
        }
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            CheckLine($"{who} line {i + 1}", claim, claim.Lines[i]);
        }
        CheckOtherPayers(who, claim, subscriber);
    }

    private static void CheckLine(string who, ProfessionalClaim claim, ServiceLine line)
    {
        Require(line.ProcedureCode.Length is >= 1 and <= 48, $"{who}: the procedure code must be 1 to 48 characters.");
        Require(line.Modifiers.Count <= 4 && line.Modifiers.All(m => m.Length == 2), $"{who}: up to four two-character modifiers.");
        Require(line.Charge >= 0 && line.Units > 0, $"{who}: the charge must not be negative and the units must be positive.");
        Require(line.DiagnosisPointers.Count is >= 1 and <= 4 && line.DiagnosisPointers.All(p => p >= 1 && p <= claim.Diagnoses.Count),
            $"{who}: 1 to 4 diagnosis pointers, each pointing to one of the claim's {claim.Diagnoses.Count} diagnoses.");
        Require(line.PlaceOfService is null || CodeLists.Get("POS").Contains(line.PlaceOfService), $"{who}: '{line.PlaceOfService}' is not a place of service code.");
        Require(line.ServiceDateTo is null || line.ServiceDateTo >= line.ServiceDate, $"{who}: the service period ends before it starts.");
        foreach (var adjudication in line.Adjudications)
        {
            Require(claim.OtherPayers.Any(p => p.Payer.PayerId == adjudication.PayerId), $"{who}: adjudicated by payer '{adjudication.PayerId}', which is not one of the claim's other payers.");
            CheckAdjustments(who, adjudication.Adjustments);
            var adjusted = adjudication.Adjustments.Sum(a => a.Amount);
            Require(line.Charge - adjusted == adjudication.PaidAmount,
                $"{who}: payer {adjudication.PayerId} paid {Money(adjudication.PaidAmount)}, but the charge {Money(line.Charge)} minus its adjustments {Money(adjusted)} is {Money(line.Charge - adjusted)}.");
        }
    }

    private static void CheckOtherPayers(string who, ProfessionalClaim claim, Subscriber subscriber)
    {
        Require(claim.OtherPayers.Count <= 10, $"{who}: at most 10 other payers.");
        var responsibilities = claim.OtherPayers.Select(p => p.Responsibility).Append(subscriber.Responsibility).ToList();
        Require(responsibilities.Distinct().Count() == responsibilities.Count, $"{who}: each payer (the one billed and each other payer) needs its own responsibility (primary, secondary, tertiary).");
        Require(claim.OtherPayers.Select(p => p.Payer.PayerId).Distinct(StringComparer.Ordinal).Count() == claim.OtherPayers.Count, $"{who}: two other payers share a payer identifier.");
        foreach (var other in claim.OtherPayers)
        {
            var payer = $"{who} other payer {other.Payer.PayerId}";
            Require(CodeLists.Get("Relationship").Contains(other.Relationship), $"{payer}: '{other.Relationship}' is not a relationship code.");
            Require(CodeLists.Get("ClaimFiling").Contains(other.ClaimFilingIndicator), $"{payer}: '{other.ClaimFilingIndicator}' is not a claim filing indicator code.");
            Require(other.InsuredMemberId.Length >= 2 && other.Payer.PayerId.Length >= 2, $"{payer}: the insured's member identifier and the payer identifier are required.");
            CheckAdjustments(payer, other.ClaimAdjustments);
            if (other.PaidAmount is not { } paid)
            {
                Require(other.ClaimAdjustments.Count == 0 && !claim.Lines.Any(l => l.Adjudications.Any(a => a.PayerId == other.Payer.PayerId)),
                    $"{payer}: adjustments without the amount paid (AMT*D).");
                continue;
            }
            var lineAdjudications = claim.Lines.SelectMany(l => l.Adjudications).Where(a => a.PayerId == other.Payer.PayerId).ToList();
            var adjusted = other.ClaimAdjustments.Sum(a => a.Amount) + lineAdjudications.Sum(a => a.Adjustments.Sum(x => x.Amount));
            Require(claim.TotalCharge - adjusted == paid,
                $"{payer}: paid {Money(paid)}, but the claim charge {Money(claim.TotalCharge)} minus all its adjustments {Money(adjusted)} is {Money(claim.TotalCharge - adjusted)}.");
            Require(lineAdjudications.Count > 0 || other.AdjudicationDate is not null, $"{payer}: paid at claim level, so the adjudication date (DTP*573) is required.");
        }
    }

    private static void CheckAdjustments(string who, IReadOnlyList<Adjustment> adjustments)
    {
        foreach (var adjustment in adjustments)
        {
            Require(CodeLists.Get("AdjustmentGroup").Contains(adjustment.GroupCode), $"{who}: '{adjustment.GroupCode}' is not an adjustment group code (CO, CR, OA, PI, PR).");
            Require(adjustment.ReasonCode.Length is >= 1 and <= 5, $"{who}: adjustment reason codes are 1 to 5 characters.");
        }
    }

    private static void CheckAddress(string who, Address address, bool nineDigitZip)
    {
        Require(address.Line1.Length is >= 1 and <= 55 && address.City.Length is >= 2 and <= 30, $"{who}: the address needs a street line (up to 55) and a city (2 to 30 characters).");
        Require(CodeLists.Get("State").Contains(address.State), $"{who}: '{address.State}' is not a US state code.");
        var zip = address.PostalCode;
        Require(zip.All(char.IsAsciiDigit) && (zip.Length == 9 || !nineDigitZip && zip.Length == 5),
            nineDigitZip ? $"{who}: the ZIP code must be all nine digits (ZIP+4)." : $"{who}: the ZIP code must be 5 or 9 digits.");
    }

    private static bool IsTaxonomy(string code) => code.Length == 10 && code.All(char.IsAsciiLetterOrDigit) && code[^1] == 'X';

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message) => EnvelopeWriter.Require(condition, message);
}
