using System.Globalization;
using MedOffice.X12.Validation;

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
        var writer = new SegmentWriter(output, options.Delimiters, options.LineBreakAfterSegment);
        var envelope = batch.Envelope;
        var interchange = envelope.InterchangeControlNumber.ToString("D9", CultureInfo.InvariantCulture);
        var group = envelope.GroupControlNumber.ToString(CultureInfo.InvariantCulture);
        WriteInterchangeHeader(writer, envelope, interchange, options.Delimiters);
        var date = DateOnly.FromDateTime(envelope.Created);
        var time = envelope.Created.ToString("HHmm", CultureInfo.InvariantCulture);
        writer.Begin("GS").Element("HC").Element(envelope.ApplicationSenderCode ?? envelope.SenderId).Element(envelope.ApplicationReceiverCode ?? envelope.ReceiverId)
            .Element(date).Element(time).Element(group).Element("X").Element(Version).End();

        var transactions = new List<string>();
        var claims = 0;
        var transaction = new TransactionState(writer, batch, transactions, options.MaxClaimsPerTransaction);
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
        transaction.Close();
        writer.Begin("GE").Element(transactions.Count.ToString(CultureInfo.InvariantCulture)).Element(group).End();
        writer.Begin("IEA").Element("1").Element(interchange).End();
        return new X12WriteResult(interchange, group, transactions, claims);
    }

    /// <summary>Writes the batch to a string (for tests and small batches).</summary>
    public static string WriteToString(ProfessionalClaimBatch batch, ProfessionalClaimWriterOptions? options = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(batch, text, options);
        return text.ToString();
    }

    internal static void WriteInterchangeHeader(SegmentWriter writer, X12Envelope envelope, string interchange, X12Delimiters delimiters)
    {
        writer.Begin("ISA").Raw("00").Raw(new string(' ', 10)).Raw("00").Raw(new string(' ', 10))
            .Raw(envelope.SenderQualifier).Raw(envelope.SenderId.PadRight(15)).Raw(envelope.ReceiverQualifier).Raw(envelope.ReceiverId.PadRight(15))
            .Raw(envelope.Created.ToString("yyMMdd", CultureInfo.InvariantCulture)).Raw(envelope.Created.ToString("HHmm", CultureInfo.InvariantCulture))
            .Raw(delimiters.Repetition.ToString()).Raw("00501").Raw(interchange).Raw(envelope.RequestAcknowledgment ? "1" : "0")
            .Raw(envelope.IsProduction ? "P" : "T").Raw(delimiters.Component.ToString()).End();
    }

    private static void WriteSubscriber(TransactionState transaction, Subscriber subscriber, bool isPatient)
    {
        var writer = transaction.Writer;
        transaction.SubscriberHl = transaction.NextHl(transaction.ProviderHl, "22", hasChildren: !isPatient);
        writer.Begin("SBR").Element(Responsibility(subscriber.Responsibility)).Element(isPatient ? "18" : null).Element(subscriber.GroupNumber)
            .Element(subscriber.GroupNumber is null ? subscriber.GroupName : null).Element(null).Element(null).Element(null).Element(null)
            .Element(subscriber.ClaimFilingIndicator).End();
        WritePerson(writer, "IL", subscriber.Person, subscriber.MemberId, withDetails: isPatient);
        writer.Begin("NM1").Element("PR").Element("2").Element(subscriber.Payer.Name).Element(null).Element(null).Element(null).Element(null)
            .Element("PI").Element(subscriber.Payer.PayerId).End();
        if (subscriber.Payer.Address is { } payerAddress)
        {
            WriteAddress(writer, payerAddress);
        }
    }

    private static void WritePerson(SegmentWriter writer, string entity, Person person, string? memberId, bool withDetails = true)
    {
        WriteName(writer, entity, person.Name, memberId is null ? null : "MI", memberId);
        if (withDetails)
        {
            WriteAddress(writer, person.Address);
            writer.Begin("DMG").Element("D8").Element(person.BirthDate).Element(person.Gender.ToString()).End();
        }
    }

    private static void WriteName(SegmentWriter writer, string entity, EntityName name, string? idQualifier, string? id)
    {
        writer.Begin("NM1").Element(entity).Element(name.IsPerson ? "1" : "2").Element(name.LastOrOrganizationName)
            .Element(name.IsPerson ? name.FirstName : null).Element(name.IsPerson ? name.MiddleName : null).Element(null)
            .Element(name.IsPerson ? name.Suffix : null).Element(idQualifier).Element(id).End();
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
            WriteName(writer, "DN", referring.Name, "XX", referring.Npi);
        }
        if (claim.RenderingProvider is { } rendering)
        {
            WriteName(writer, "82", rendering.Name, "XX", rendering.Npi);
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
        WriteName(writer, "IL", other.InsuredName, "MI", other.InsuredMemberId);
        writer.Begin("NM1").Element("PR").Element("2").Element(other.Payer.Name).Element(null).Element(null).Element(null).Element(null)
            .Element("PI").Element(other.Payer.PayerId).End();
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
        if (line.ServiceDateTo is { } to && to != line.ServiceDate)
        {
            writer.Begin("DTP").Element("472").Element("RD8").Element($"{line.ServiceDate:yyyyMMdd}-{to:yyyyMMdd}").End();
        }
        else
        {
            writer.Begin("DTP").Element("472").Element("D8").Element(line.ServiceDate).End();
        }
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
    private sealed class TransactionState(SegmentWriter writer, ProfessionalClaimBatch batch, List<string> controlNumbers, int maxClaims)
    {
        private BillingProvider? _provider;
        private int _claims;
        private int _hl;
        private bool _open;

        public SegmentWriter Writer { get; } = writer;
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
            Writer.Begin("HL").Element(_hl.ToString(CultureInfo.InvariantCulture)).Element(parent == 0 ? null : parent.ToString(CultureInfo.InvariantCulture))
                .Element(level).Element(hasChildren ? "1" : "0").End();
            return _hl;
        }

        public void Close()
        {
            if (!_open)
            {
                return;
            }
            Writer.Begin("SE").Element((Writer.Count + 1).ToString(CultureInfo.InvariantCulture)).Element(controlNumbers[^1]).End();
            _open = false;
        }

        private void Open()
        {
            var envelope = batch.Envelope;
            var control = (envelope.FirstTransactionControlNumber + controlNumbers.Count).ToString("D4", CultureInfo.InvariantCulture);
            controlNumbers.Add(control);
            Writer.ResetCount();
            Writer.Begin("ST").Element("837").Element(control).Element(Version).End();
            Writer.Begin("BHT").Element("0019").Element("00").Element(batch.BatchReference).Element(DateOnly.FromDateTime(envelope.Created))
                .Element(envelope.Created.ToString("HHmm", CultureInfo.InvariantCulture)).Element("CH").End();
            Writer.Begin("NM1").Element("41").Element("2").Element(batch.Submitter.Name).Element(null).Element(null).Element(null).Element(null)
                .Element("46").Element(batch.Submitter.Id).End();
            Writer.Begin("PER").Element("IC").Element(batch.Submitter.ContactName).Element("TE").Element(batch.Submitter.ContactPhone).End();
            Writer.Begin("NM1").Element("40").Element("2").Element(batch.Receiver.Name).Element(null).Element(null).Element(null).Element(null)
                .Element("46").Element(batch.Receiver.Id).End();
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
            WriteName(Writer, "85", provider.Name, "XX", provider.Npi);
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
