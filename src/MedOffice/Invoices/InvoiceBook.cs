using MedOffice.Practice;
using MedOffice.Data;
using MedOffice.Payments;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Invoices;

public sealed class NewInvoice
{
    public string? BillToName { get; set; }
    public string? BillToAddress { get; set; }
    public string? BillToContact { get; set; }
    public DateOnly? IssuedOn { get; set; }
    /// <summary>Net 30 from the issue date when left out.</summary>
    public DateOnly? DueOn { get; set; }
    public string? Notes { get; set; }
    public List<NewInvoiceLine> Lines { get; set; } = [];
}

public sealed class NewInvoiceLine
{
    public string? Description { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }
    public int? PatientId { get; set; }
    /// <summary>How the patient agreed to their name going on this bill (e.g. "signed release 03/02/2026").</summary>
    public string? PatientConsent { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitPrice is null && PatientId is null && string.IsNullOrWhiteSpace(PatientConsent);
}

public sealed class NewInvoicePayment
{
    public decimal? Amount { get; set; }
    public string? Method { get; set; }
    public string? Reference { get; set; }
    public DateOnly? ReceivedOn { get; set; }
}

public sealed record InvoiceRow(int Id, string Number, string BillToName, DateOnly IssuedOn, DateOnly DueOn, string Status, decimal Total, decimal Paid,
    decimal Balance, int DaysOutstanding, bool Overdue);

/// <summary>
/// Invoices to third parties: created whole (lines summed to the cent), paid in one or more payments (Paid when nothing is
/// left), or voided with a reason while nothing has been paid. Not patient-ledger money.
/// </summary>
public sealed class InvoiceBook(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public const int NetDays = 30;

    public async Task<Result<Invoice>> CreateAsync(NewInvoice request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        var billTo = request.BillToName?.Trim() ?? "";
        if (billTo.Length == 0)
        {
            errors.Add(new FieldError("billToName", "Enter who the invoice is to (an organisation or a person)."));
        }
        Check(errors, "billToName", billTo, 200);
        Check(errors, "billToAddress", request.BillToAddress, 500);
        Check(errors, "billToContact", request.BillToContact, 200);
        Check(errors, "notes", request.Notes, 1000);
        var issuedOn = request.IssuedOn ?? today;
        var dueOn = request.DueOn ?? issuedOn.AddDays(NetDays);
        if (dueOn < issuedOn)
        {
            errors.Add(new FieldError("dueOn", "The due date is on or after the issue date."));
        }
        var lines = request.Lines.Select((line, index) => (line, index)).Where(l => !l.line.IsBlank).ToList();
        if (lines.Count == 0)
        {
            errors.Add(new FieldError("lines", "Add at least one line (description, quantity, unit price)."));
        }
        var patientIds = lines.Where(l => l.line.PatientId is not null).Select(l => l.line.PatientId!.Value).Distinct().ToList();
        var known = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var (line, index) in lines)
        {
            var field = $"lines[{index}]";
            if (string.IsNullOrWhiteSpace(line.Description))
            {
                errors.Add(new FieldError($"{field}.description", $"Line {index + 1}: describe what is billed."));
            }
            Check(errors, $"{field}.description", line.Description, 300);
            if (line.Quantity is not { } quantity || quantity <= 0 || quantity > 100_000 || decimal.Round(quantity, 2) != quantity)
            {
                errors.Add(new FieldError($"{field}.quantity", $"Line {index + 1}: the quantity is a number above zero (at most two decimals)."));
            }
            if (line.UnitPrice is not { } price || price < 0 || price > 1_000_000 || decimal.Round(price, 2) != price)
            {
                errors.Add(new FieldError($"{field}.unitPrice", $"Line {index + 1}: the unit price is an amount in dollars and cents, zero or more."));
            }
            if (line.PatientId is { } patientId)
            {
                if (!known.Contains(patientId))
                {
                    errors.Add(new FieldError($"{field}.patientId", $"Line {index + 1}: there is no patient {patientId}."));
                }
                if (string.IsNullOrWhiteSpace(line.PatientConsent))
                {
                    errors.Add(new FieldError($"{field}.patientConsent", $"Line {index + 1}: note the patient's consent to disclose this to the bill-to party."));
                }
                Check(errors, $"{field}.patientConsent", line.PatientConsent, 300);
            }
            else if (!string.IsNullOrWhiteSpace(line.PatientConsent))
            {
                errors.Add(new FieldError($"{field}.patientId", $"Line {index + 1}: consent is noted but no patient is named."));
            }
        }
        if (errors.Count > 0)
        {
            return Result<Invoice>.Fail(errors);
        }
        var invoice = new Invoice
        {
            BillToName = billTo, BillToAddress = Blank(request.BillToAddress), BillToContact = Blank(request.BillToContact), IssuedOn = issuedOn, DueOn = dueOn,
            Notes = Blank(request.Notes), CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName.Limit(64),
            Lines = lines.Select((l, i) => new InvoiceLine
            {
                LineNumber = i + 1, Description = l.line.Description!.Trim(), Quantity = l.line.Quantity!.Value, UnitPrice = l.line.UnitPrice!.Value,
                Amount = decimal.Round(l.line.Quantity!.Value * l.line.UnitPrice!.Value, 2, MidpointRounding.AwayFromZero),
                PatientId = l.line.PatientId, PatientConsent = l.line.PatientId is null ? null : l.line.PatientConsent!.Trim(),
            }).ToList(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(invoice, AuditActions.Create, $"invoice {invoice.Number} to {billTo}: {MoneyText.Dollars(invoice.Total)}", actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Invoice>.Ok(invoice);
    }

    public async Task<Result<Invoice>?> RecordPaymentAsync(int invoiceId, NewInvoicePayment request, Actor actor, CancellationToken cancellationToken = default)
    {
        var invoice = await LoadAsync(invoiceId, tracking: true, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        var errors = new List<FieldError>();
        if (invoice.Status != InvoiceStatuses.Open)
        {
            errors.Add(new FieldError("invoice", $"Invoice {invoice.Number} is {invoice.Status.ToLowerInvariant()}: it takes no more payments."));
        }
        if (request.Amount is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            errors.Add(new FieldError("amount", "The amount is above zero, in dollars and cents."));
        }
        else if (amount > invoice.Balance && invoice.Status == InvoiceStatuses.Open)
        {
            errors.Add(new FieldError("amount", $"The amount is more than the balance of {MoneyText.Dollars(invoice.Balance)}."));
        }
        if (request.Method is null || !InvoicePaymentMethods.All.Contains(request.Method))
        {
            errors.Add(new FieldError("method", $"The method is one of {string.Join(", ", InvoicePaymentMethods.All)}."));
        }
        var reference = Blank(request.Reference);
        Check(errors, "reference", reference, 64);
        if (PaymentRules.LooksLikeCardNumber(reference))
        {
            errors.Add(new FieldError("reference", "Do not record card numbers: the last four digits or the authorisation code are enough."));
        }
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        var receivedOn = request.ReceivedOn ?? today;
        if (receivedOn > today)
        {
            errors.Add(new FieldError("receivedOn", "The payment cannot be received in the future."));
        }
        if (errors.Count > 0)
        {
            return Result<Invoice>.Fail(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        invoice.Payments.Add(new InvoicePayment
        {
            Amount = request.Amount!.Value, Method = request.Method!, Reference = reference, ReceivedOn = receivedOn,
            RecordedAt = time.GetUtcNow().UtcDateTime, RecordedBy = actor.UserName.Limit(64),
        });
        if (invoice.Balance == 0)
        {
            invoice.Status = InvoiceStatuses.Paid;
        }
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(invoice, AuditActions.Update, $"invoice {invoice.Number}: payment {MoneyText.Dollars(request.Amount.Value)} by {request.Method}", actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Invoice>.Ok(invoice);
    }

    public async Task<Result<Invoice>?> VoidAsync(int invoiceId, string? reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var invoice = await LoadAsync(invoiceId, tracking: true, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            return Result<Invoice>.Fail("reason", "Say why the invoice is voided (at most 500 characters).");
        }
        if (invoice.Status != InvoiceStatuses.Open || invoice.Payments.Count > 0)
        {
            return Result<Invoice>.Fail("invoice", $"Invoice {invoice.Number} has payments or is not open: it cannot be voided.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        invoice.Status = InvoiceStatuses.Void;
        invoice.VoidReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(invoice, AuditActions.Update, $"invoice {invoice.Number} voided: {reason}", actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<Invoice>.Ok(invoice);
    }

    /// <summary>One invoice with its lines and payments; reading it is audited for the patients it names.</summary>
    public async Task<Invoice?> FindAsync(int invoiceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var invoice = await LoadAsync(invoiceId, tracking: false, cancellationToken);
        if (invoice is not null)
        {
            await AuditAsync(invoice, AuditActions.Read, $"invoice {invoice.Number}", actor, cancellationToken, patientsOnly: true);
        }
        return invoice;
    }

    public async Task<byte[]?> PdfAsync(int invoiceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var invoice = await LoadAsync(invoiceId, tracking: false, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        var patientIds = invoice.Lines.Where(l => l.PatientId is not null).Select(l => l.PatientId!.Value).ToList();
        var names = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => $"{p.LegalFirstName} {p.LegalLastName}", cancellationToken);
        var practice = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        var pdf = InvoicePdf.Render(invoice, names, practice, await OfficeDay.TodayAsync(db, time, cancellationToken), time);
        await AuditAsync(invoice, AuditActions.Print, $"invoice {invoice.Number} printed", actor, cancellationToken);
        return pdf;
    }

    /// <summary>Invoices newest first: open ones only unless all are asked for, with days outstanding from the issue date.</summary>
    public async Task<List<InvoiceRow>> ListAsync(bool openOnly, CancellationToken cancellationToken = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Payments)
            .Where(i => !openOnly || i.Status == InvoiceStatuses.Open).OrderByDescending(i => i.Id).Take(500).ToListAsync(cancellationToken);
        var today = await OfficeDay.TodayAsync(db, time, cancellationToken);
        return invoices.Select(i => new InvoiceRow(i.Id, i.Number, i.BillToName, i.IssuedOn, i.DueOn, i.Status, i.Total, i.Paid, i.Balance,
            i.Status == InvoiceStatuses.Open ? today.DayNumber - i.IssuedOn.DayNumber : 0, i.Status == InvoiceStatuses.Open && today > i.DueOn)).ToList();
    }

    private Task<Invoice?> LoadAsync(int invoiceId, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Invoices.Include(i => i.Lines.OrderBy(l => l.LineNumber)).Include(i => i.Payments.OrderBy(p => p.Id)).AsQueryable();
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
    }

    private async Task AuditAsync(Invoice invoice, string action, string detail, Actor actor, CancellationToken cancellationToken, bool patientsOnly = false)
    {
        var patients = invoice.Lines.Where(l => l.PatientId is not null).Select(l => l.PatientId).Distinct().ToList();
        if (patients.Count == 0 && !patientsOnly)
        {
            patients.Add(null);
        }
        foreach (var patientId in patients)
        {
            await audit.RecordAsync(new AuditEntry(actor, action, AuditCategories.Billing, patientId, Detail: detail), cancellationToken);
        }
    }


    private static void Check(List<FieldError> errors, string field, string? value, int length)
    {
        if (value is not null && value.Trim().Length > length)
        {
            errors.Add(new FieldError(field, $"At most {length} characters."));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
