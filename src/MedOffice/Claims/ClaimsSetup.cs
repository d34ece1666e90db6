using System.Globalization;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Claims;

public sealed record BillingProviderDetails(string? BillingNpi, string? TaxId, string? BillingTaxonomyCode, string? BillingAddressLine1,
    string? BillingCity, string? BillingState, string? BillingPostalCode, string? BillingPhone);

public sealed record ClearinghouseDetails(string? Name, string? SubmitterId, string? ReceiverId, string? ContactName, string? ContactPhone,
    string? UsageIndicator, string? OutboundFolder, string? InboundFolder);

public sealed record ScrubRuleDetails(string? Kind, int? PayerId, string? Parameter, string? Severity, string? Note);

/// <summary>What billing needs set up once: the billing provider, the clearinghouse, and the scrubber's rule rows. Every error names its field.</summary>
public sealed class ClaimsSetup(MedOfficeDb db, AuditTrail audit)
{
    public async Task<Result<Organization>> SaveBillingProviderAsync(BillingProviderDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var npi = details.BillingNpi?.Trim();
        if (!Npi.TryParse(npi, out _))
        {
            errors.Add(new FieldError("BillingNpi", "The billing NPI must be ten digits with a valid check digit."));
        }
        var taxId = details.TaxId.DigitsOnly();
        if (taxId.Length != 9)
        {
            errors.Add(new FieldError("TaxId", "The tax ID (EIN) has nine digits, e.g. 74-1234567."));
        }
        var taxonomy = details.BillingTaxonomyCode?.Trim().ToUpperInvariant();
        if (taxonomy is { Length: > 0 } && !TaxonomyCode.TryParse(taxonomy, out _))
        {
            errors.Add(new FieldError("BillingTaxonomyCode", "A taxonomy code is three digits, six letters or digits, and X (e.g. 261QP2300X)."));
        }
        if (string.IsNullOrWhiteSpace(details.BillingAddressLine1) || details.BillingAddressLine1.Trim().Length > 55)
        {
            errors.Add(new FieldError("BillingAddressLine1", "Give the billing street address (up to 55 characters)."));
        }
        else if (details.BillingAddressLine1.Trim().StartsWith("PO ", StringComparison.OrdinalIgnoreCase)
            || details.BillingAddressLine1.Contains("P.O.", StringComparison.OrdinalIgnoreCase) || details.BillingAddressLine1.Contains("Box ", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError("BillingAddressLine1", "Claims need the billing provider's street address, not a PO box (a PO box can go in the pay-to address)."));
        }
        if (string.IsNullOrWhiteSpace(details.BillingCity) || details.BillingCity.Trim().Length > 30)
        {
            errors.Add(new FieldError("BillingCity", "Give the billing city (up to 30 characters)."));
        }
        var state = details.BillingState?.Trim().ToUpperInvariant();
        if (state is null || !ContactFormats.UsStates.Contains(state))
        {
            errors.Add(new FieldError("BillingState", "Give the two-letter state code."));
        }
        var zip = details.BillingPostalCode.DigitsOnly();
        if (zip.Length != 9)
        {
            errors.Add(new FieldError("BillingPostalCode", "Claims need the billing ZIP with all nine digits (ZIP+4), e.g. 78701-1234."));
        }
        string? billingPhone = null;
        if (!string.IsNullOrWhiteSpace(details.BillingPhone) && !ContactFormats.TryParsePhone(details.BillingPhone, out billingPhone))
        {
            errors.Add(new FieldError("BillingPhone", "Give the billing phone as ten digits with area code, or leave it empty."));
        }
        var organization = await db.Organizations.OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            errors.Add(new FieldError("Organization", "The practice is not set up yet."));
        }
        if (errors.Count > 0)
        {
            return Result<Organization>.Fail(errors);
        }
        organization!.BillingNpi = npi;
        organization.TaxId = taxId;
        organization.BillingTaxonomyCode = taxonomy is { Length: > 0 } ? taxonomy : null;
        organization.BillingAddressLine1 = details.BillingAddressLine1!.Trim();
        organization.BillingCity = details.BillingCity!.Trim();
        organization.BillingState = state;
        organization.BillingPostalCode = zip;
        organization.BillingPhone = billingPhone;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Practice, Detail: "billing provider details saved"), cancellationToken);
        return Result<Organization>.Ok(organization);
    }

    public async Task<Result<Clearinghouse>> SaveClearinghouseAsync(ClearinghouseDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        string Required(string field, string? value, int max, string what)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0 || text.Length > max)
            {
                errors.Add(new FieldError(field, $"Give {what} (up to {max} characters)."));
            }
            return text;
        }
        var name = Required("Name", details.Name, 60, "the clearinghouse's name");
        var submitter = Required("SubmitterId", details.SubmitterId, 15, "the submitter ID the clearinghouse gave the office");
        var receiver = Required("ReceiverId", details.ReceiverId, 15, "the clearinghouse's receiver ID");
        var contact = Required("ContactName", details.ContactName, 60, "who the clearinghouse calls about a file");
        if (!ContactFormats.TryParsePhone(details.ContactPhone, out var phone))
        {
            errors.Add(new FieldError("ContactPhone", "Give the contact's phone number with area code."));
        }
        foreach (var (field, id) in new[] { ("SubmitterId", submitter), ("ReceiverId", receiver) })
        {
            if (id.Any(c => c is '*' or ':' or '^' or '~' || char.IsControl(c)))
            {
                errors.Add(new FieldError(field, "IDs cannot hold * : ^ ~ (they separate the claim file's parts)."));
            }
        }
        var usage = details.UsageIndicator?.Trim().ToUpperInvariant();
        if (usage is not ("T" or "P"))
        {
            errors.Add(new FieldError("UsageIndicator", "Choose T (testing with the clearinghouse) or P (production)."));
        }
        var outbound = Required("OutboundFolder", details.OutboundFolder, 500, "the folder claim files are written to");
        var inbound = Required("InboundFolder", details.InboundFolder, 500, "the folder the clearinghouse's answers arrive in");
        foreach (var (field, folder) in new[] { ("OutboundFolder", outbound), ("InboundFolder", inbound) })
        {
            if (folder.Length > 0 && !Path.IsPathFullyQualified(folder))
            {
                errors.Add(new FieldError(field, "Give the full path of the folder (e.g. /srv/clearinghouse/outbound)."));
            }
        }
        if (errors.Count > 0)
        {
            return Result<Clearinghouse>.Fail(errors);
        }
        var row = await db.Clearinghouses.Where(c => c.IsActive).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new Clearinghouse { Name = name, SubmitterId = submitter, ReceiverId = receiver, ContactName = contact, ContactPhone = phone, OutboundFolder = outbound, InboundFolder = inbound };
            db.Clearinghouses.Add(row);
        }
        (row.Name, row.SubmitterId, row.ReceiverId, row.ContactName, row.ContactPhone) = (name, submitter, receiver, contact, phone);
        (row.UsageIndicator, row.OutboundFolder, row.InboundFolder) = (usage!, outbound, inbound);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing, Detail: $"clearinghouse {name} saved ({usage})"), cancellationToken);
        return Result<Clearinghouse>.Ok(row);
    }

    public async Task<Result<ScrubRule>> AddRuleAsync(ScrubRuleDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var kind = details.Kind?.Trim() ?? "";
        var parameter = details.Parameter?.Trim() ?? "";
        if (!ScrubRuleKinds.Descriptions.ContainsKey(kind))
        {
            errors.Add(new FieldError("Kind", $"Choose one of the scrubber's rule kinds: {string.Join(", ", ScrubRuleKinds.Descriptions.Keys)}."));
        }
        var problem = kind switch
        {
            ScrubRuleKinds.RequiredField when !Scrubber.FieldNames.Contains(parameter) => $"Name one of these fields: {string.Join(", ", Scrubber.FieldNames)}.",
            ScrubRuleKinds.TimelyFiling when !ScrubRuleParameters.TryFilingDays(parameter, out _) => "Give the payer's filing limit in days (1 to 3650).",
            ScrubRuleKinds.ModifierConflict when !ScrubRuleParameters.TryModifierPair(parameter, out _, out _) => "Give the two modifiers that exclude each other, e.g. 26,TC.",
            ScrubRuleKinds.ModifierOnlyWith when !ScrubRuleParameters.TryModifierOnlyWith(parameter, out _, out _)
                => "Give the modifier and the codes it belongs with, e.g. 25:99202-99215,99381-99397.",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(new FieldError("Parameter", problem));
        }
        var severity = details.Severity?.Trim() is { Length: > 0 } s ? s : ScrubSeverities.Error;
        if (severity is not (ScrubSeverities.Error or ScrubSeverities.Warning))
        {
            errors.Add(new FieldError("Severity", "Severity is Error (holds the claim) or Warning (shown only)."));
        }
        if (details.PayerId is { } payerId && !await db.Payers.AnyAsync(p => p.Id == payerId, cancellationToken))
        {
            errors.Add(new FieldError("PayerId", "No such payer."));
        }
        if (details.Note?.Trim().Length > 400)
        {
            errors.Add(new FieldError("Note", "Keep the note under 400 characters."));
        }
        if (errors.Count > 0)
        {
            return Result<ScrubRule>.Fail(errors);
        }
        var rule = new ScrubRule
        {
            Kind = kind, PayerId = details.PayerId, Parameter = parameter, Severity = severity,
            Note = details.Note?.Trim() is { Length: > 0 } note ? note : null,
        };
        db.ScrubRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing,
            Detail: $"scrub rule {rule.Id} added: {kind} {parameter}{(details.PayerId is { } p ? $" for payer {p}" : "")}"), cancellationToken);
        return Result<ScrubRule>.Ok(rule);
    }

    public async Task<ScrubRule?> SetRuleActiveAsync(int ruleId, bool active, Actor actor, CancellationToken cancellationToken = default)
    {
        var rule = await db.ScrubRules.FindAsync([ruleId], cancellationToken);
        if (rule is null)
        {
            return null;
        }
        rule.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing,
            Detail: $"scrub rule {rule.Id} ({rule.Kind}) {(active ? "switched on" : "switched off")}"), cancellationToken);
        return rule;
    }

}
