using System.Globalization;
using MedOffice.X12.Validation;
using MedOffice.X12.Writing;

namespace MedOffice.X12.Claims;

/// <summary>
/// Writes an 837 Professional (005010X222A1) batch: one interchange, one functional group, and as many transaction
/// sets as the claims need, with HL numbering, segment counts and trailers computed here and control numbers taken
/// from the caller.
/// </summary>
/// <remarks>The batch is checked before anything is written (<see cref="ArgumentException"/> names the claim and the fault), so a file is either whole and valid or not written.</remarks>
public static class ProfessionalClaimWriter
{
    private const string Version = "005010X222A1";

    /// <summary>Writes the batch to <paramref name="output"/> (which the caller flushes and disposes).</summary>
    /// <exception cref="ArgumentException">When the batch cannot make a valid 837P (the message says which claim and why).</exception>
    public static X12WriteResult Write(ProfessionalClaimBatch batch, TextWriter output, ProfessionalClaimWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ProfessionalClaimWriterOptions();
        ProfessionalClaimRules.Check(batch);
        var envelope = EnvelopeWriter.Begin(output, batch.Envelope, options.Delimiters, options.LineBreakAfterSegment, "837", Version);
        var writer = envelope.Writer;
        var claims = 0;
        var transaction = new TransactionState(envelope, batch, options.MaxClaimsPerTransaction);
        foreach (var provider in batch.BillingProviders)
        {
            transaction.StartProvider(provider);
            foreach (var subscriber in provider.Subscribers)
            {
                if (subscriber.Claims.Count > 0)
                {
                    transaction.Reserve(subscriber.Claims.Count);
                    WriteSubscriber(transaction, subscriber, isPatient: true);
                    foreach (var claim in subscriber.Claims)
                    {
                        WriteClaim(writer, claim);
                    }
                    claims += subscriber.Claims.Count;
                }
                foreach (var dependent in subscriber.Dependents)
                {
                    transaction.Reserve(dependent.Claims.Count);
                    WriteSubscriber(transaction, subscriber, isPatient: false);
                    transaction.NextHl(transaction.SubscriberHl, "23", hasChildren: false);
                    writer.Begin("PAT").Element(dependent.Relationship).End();
                    WritePerson(writer, "QC", dependent.Person, null);
                    foreach (var claim in dependent.Claims)
                    {
                        WriteClaim(writer, claim);
                    }
                    claims += dependent.Claims.Count;
                }
            }
        }
        return envelope.Finish(claims);
    }

    /// <summary>Writes the batch to a string (for tests and small batches).</summary>
    public static string WriteToString(ProfessionalClaimBatch batch, ProfessionalClaimWriterOptions? options = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(batch, text, options);
        return text.ToString();
    }

    private static void WriteSubscriber(TransactionState transaction, Subscriber subscriber, bool isPatient)
    {
        var writer = transaction.Writer;
        transaction.SubscriberHl = transaction.NextHl(transaction.ProviderHl, "22", hasChildren: !isPatient);
        writer.Begin("SBR").Element(Responsibility(subscriber.Responsibility)).Element(isPatient ? "18" : null).Element(subscriber.GroupNumber)
            .Element(subscriber.GroupNumber is null ? subscriber.GroupName : null).Element(null).Element(null).Element(null).Element(null)
            .Element(subscriber.ClaimFilingIndicator).End();
        WritePerson(writer, "IL", subscriber.Person, subscriber.MemberId, withDetails: isPatient);
        writer.PayerName(subscriber.Payer.Name, subscriber.Payer.PayerId);
        if (subscriber.Payer.Address is { } payerAddress)
        {
            WriteAddress(writer, payerAddress);
        }
    }

    private static void WritePerson(SegmentWriter writer, string entity, Person person, string? memberId, bool withDetails = true)
    {
        writer.Name(entity, person.Name, memberId is null ? null : "MI", memberId);
        if (withDetails)
        {
            WriteAddress(writer, person.Address);
            writer.Demographics(person.BirthDate, person.Gender.ToString());
        }
    }

    private static void WriteAddress(SegmentWriter writer, Address address)
    {
        writer.Begin("N3").Element(address.Line1).Element(address.Line2).End();
        writer.Begin("N4").Element(address.City).Element(address.State).Element(address.PostalCode).End();
    }

    private static void WriteClaim(SegmentWriter writer, ProfessionalClaim claim)
    {
        writer.Begin("CLM").Element(claim.PatientControlNumber).Element(claim.TotalCharge).Element(null).Element(null)
            .Composite(claim.PlaceOfService, "B", ((int)claim.Frequency).ToString(CultureInfo.InvariantCulture))
            .Element("Y").Element(claim.Assignment.ToString()).Element(claim.BenefitsAssigned ? "Y" : "N").Element(claim.ReleaseOfInformation.ToString()).End();
        if (claim.OnsetDate is { } onset)
        {
            writer.Begin("DTP").Element("431").Element("D8").Element(onset).End();
        }
        if (claim.PriorAuthorization is { } authorization)
        {
            writer.Begin("REF").Element("G1").Element(authorization).End();
        }
        if (claim.Frequency != ClaimFrequency.Original)
        {
            writer.Begin("REF").Element("F8").Element(claim.PayerClaimControlNumber).End();
        }
        writer.Begin("HI");
        for (var i = 0; i < claim.Diagnoses.Count; i++)
        {
            writer.Composite(i == 0 ? "ABK" : "ABF", claim.Diagnoses[i].Replace(".", "", StringComparison.Ordinal).ToUpperInvariant());
        }
        writer.End();
        if (claim.ReferringProvider is { } referring)
        {
            writer.Name("DN", referring.Name, "XX", referring.Npi);
        }
        if (claim.RenderingProvider is { } rendering)
        {
            writer.Name("82", rendering.Name, "XX", rendering.Npi);
            if (rendering.Taxonomy is { } taxonomy)
            {
                writer.Begin("PRV").Element("PE").Element("PXC").Element(taxonomy).End();
            }
        }
        foreach (var other in claim.OtherPayers)
        {
            WriteOtherPayer(writer, claim, other);
        }
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            WriteLine(writer, claim, claim.Lines[i], i + 1);
        }
    }

    private static void WriteOtherPayer(SegmentWriter writer, ProfessionalClaim claim, OtherPayer other)
    {
        writer.Begin("SBR").Element(Responsibility(other.Responsibility)).Element(other.Relationship).Element(other.GroupNumber)
            .Element(null).Element(null).Element(null).Element(null).Element(null).Element(other.ClaimFilingIndicator).End();
        WriteAdjustments(writer, other.ClaimAdjustments);
        if (other.PaidAmount is { } paid)
        {
            writer.Begin("AMT").Element("D").Element(paid).End();
        }
        if (other.RemainingPatientLiability is { } remaining)
        {
            writer.Begin("AMT").Element("EAF").Element(remaining).End();
        }
        writer.Begin("OI").Element(null).Element(null).Element(claim.BenefitsAssigned ? "Y" : "N").Element(null).Element(null)
            .Element(claim.ReleaseOfInformation.ToString()).End();
        writer.Name("IL", other.InsuredName, "MI", other.InsuredMemberId);
        writer.PayerName(other.Payer.Name, other.Payer.PayerId);
        if (other.Payer.Address is { } address)
        {
            WriteAddress(writer, address);
        }
        if (other.AdjudicationDate is { } adjudicated)
        {
            writer.Begin("DTP").Element("573").Element("D8").Element(adjudicated).End();
        }
    }

    private static void WriteAdjustments(SegmentWriter writer, IReadOnlyList<Adjustment> adjustments)
    {
        // One CAS per group code, up to six reasons each.
        foreach (var group in adjustments.GroupBy(a => a.GroupCode, StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(6))
            {
                writer.Begin("CAS").Element(group.Key);
                foreach (var adjustment in chunk)
                {
                    writer.Element(adjustment.ReasonCode).Element(adjustment.Amount);
                    if (adjustment.Quantity is { } quantity)
                    {
                        writer.Element(quantity);
                    }
                    else
                    {
                        writer.Element(null);
                    }
                }
                writer.End();
            }
        }
    }

    private static void WriteLine(SegmentWriter writer, ProfessionalClaim claim, ServiceLine line, int number)
    {
        writer.Begin("LX").Element(number.ToString(CultureInfo.InvariantCulture)).End();
        var modifiers = line.Modifiers;
        string? Modifier(int i) => i < modifiers.Count ? modifiers[i] : null;
        writer.Begin("SV1").Composite("HC", line.ProcedureCode, Modifier(0), Modifier(1), Modifier(2), Modifier(3))
            .Element(line.Charge).Element("UN").Element(line.Units).Element(line.PlaceOfService != claim.PlaceOfService ? line.PlaceOfService : null).Element(null);
        var pointers = line.DiagnosisPointers;
        string? Pointer(int i) => i < pointers.Count ? pointers[i].ToString(CultureInfo.InvariantCulture) : null;
        writer.Composite(Pointer(0), Pointer(1), Pointer(2), Pointer(3)).End();
        writer.Begin("DTP").Element("472").DateOrRange(line.ServiceDate, line.ServiceDateTo ?? line.ServiceDate).End();
        if (line.LineControlNumber is { } control)
        {
            writer.Begin("REF").Element("6R").Element(control).End();
        }
        foreach (var adjudication in line.Adjudications)
        {
            writer.Begin("SVD").Element(adjudication.PayerId).Element(adjudication.PaidAmount)
                .Composite("HC", line.ProcedureCode, Modifier(0), Modifier(1), Modifier(2), Modifier(3)).Element(null)
                .Element(adjudication.PaidUnits ?? line.Units).End();
            WriteAdjustments(writer, adjudication.Adjustments);
            writer.Begin("DTP").Element("573").Element("D8").Element(adjudication.AdjudicationDate).End();
        }
    }

    private static string Responsibility(PayerResponsibility responsibility) => responsibility switch
    {
        PayerResponsibility.Primary => "P",
        PayerResponsibility.Secondary => "S",
        _ => "T",
    };

    /// <summary>The open transaction set: its HL numbers, claim count and when to start the next one.</summary>
    private sealed class TransactionState(EnvelopeWriter envelope, ProfessionalClaimBatch batch, int maxClaims)
    {
        private BillingProvider? _provider;
        private int _claims;
        private int _hl;
        private bool _open;

        public SegmentWriter Writer { get; } = envelope.Writer;
        public int ProviderHl { get; private set; }
        public int SubscriberHl { get; set; }

        public void StartProvider(BillingProvider provider)
        {
            _provider = provider;
            ProviderHl = 0;
        }

        /// <summary>Makes room for a subscriber's claims: a new transaction set when the current one is full, then the provider level if not yet written.</summary>
        public void Reserve(int claims)
        {
            if (_open && _claims > 0 && _claims + claims > maxClaims)
            {
                Close();
            }
            if (!_open)
            {
                Open();
            }
            if (ProviderHl == 0)
            {
                WriteProvider(_provider!);
            }
            _claims += claims;
        }

        public int NextHl(int parent, string level, bool hasChildren)
        {
            _hl++;
            Writer.Level(_hl, parent == 0 ? null : parent, level, hasChildren);
            return _hl;
        }

        public void Close()
        {
            envelope.CloseTransaction();
            _open = false;
        }

        private void Open()
        {
            envelope.OpenTransaction();
            envelope.WriteHeader("0019", "00", batch.BatchReference, "CH");
            Writer.OrganizationName("41", batch.Submitter.Name, "46", batch.Submitter.Id);
            Writer.Begin("PER").Element("IC").Element(batch.Submitter.ContactName).Element("TE").Element(batch.Submitter.ContactPhone).End();
            Writer.OrganizationName("40", batch.Receiver.Name, "46", batch.Receiver.Id);
            _open = true;
            _claims = 0;
            _hl = 0;
            ProviderHl = 0;
        }

        private void WriteProvider(BillingProvider provider)
        {
            ProviderHl = NextHl(0, "20", hasChildren: true);
            if (provider.Taxonomy is { } taxonomy)
            {
                Writer.Begin("PRV").Element("BI").Element("PXC").Element(taxonomy).End();
            }
            Writer.Name("85", provider.Name, "XX", provider.Npi);
            WriteAddress(Writer, provider.Address);
            Writer.Begin("REF").Element(provider.TaxIdIsSocialSecurityNumber ? "SY" : "EI").Element(provider.TaxId).End();
            if (provider.PayToAddress is { } payTo)
            {
                Writer.Begin("NM1").Element("87").Element(provider.Name.IsPerson ? "1" : "2").End();
                WriteAddress(Writer, payTo);
            }
        }
    }
}
