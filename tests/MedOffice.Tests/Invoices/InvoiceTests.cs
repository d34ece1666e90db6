using MedOffice.Data;
using MedOffice.Invoices;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Invoices;

public class InvoiceTests
{
    private static readonly Actor Biller = new(3, "biller", "10.0.0.9");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_invoice_written_in_the_evening_is_dated_by_the_office_calendar_not_by_UTC(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var organization = new MedOffice.Practice.Organization { Name = "Riverside Family Medicine" };
        office.Db.Organizations.Add(organization);
        await office.Db.SaveChangesAsync();
        office.Db.Locations.Add(new MedOffice.Practice.Location { OrganizationId = organization.Id, Name = "Main Street", AddressLine1 = "100 Main St", City = "Springfield", State = "IL", PostalCode = "62701", TimeZoneId = "America/Chicago" });
        await office.Db.SaveChangesAsync();
        // 15:00 UTC on March 16 plus 11.5 hours: 02:30 UTC on the 17th, still 21:30 on the 16th in Chicago.
        var officeDay = office.Today;
        office.Clock.Advance(TimeSpan.FromHours(11.5));
        Assert.Equal(officeDay.AddDays(1), office.Today);
        var book = new InvoiceBook(office.Db, office.Audit, office.Clock);

        var created = await book.CreateAsync(new NewInvoice
        {
            BillToName = "Acme Logistics Inc.", Lines = [new NewInvoiceLine { Description = "Pre-employment physical", Quantity = 1, UnitPrice = 95m }],
        }, Biller);

        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        Assert.Equal((officeDay, officeDay.AddDays(30)), (created.Value!.IssuedOn, created.Value.DueOn));
        // A payment dated the office's tomorrow is still in the future.
        var early = await book.RecordPaymentAsync(created.Value.Id, new NewInvoicePayment { Amount = 95m, Method = "Check", ReceivedOn = officeDay.AddDays(1) }, Biller);
        Assert.Contains(early!.Errors, e => e.Field == "receivedOn");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_invoice_sums_its_lines_to_the_cent_prints_its_total_and_is_paid_in_two_payments(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        office.Db.Organizations.Add(new MedOffice.Practice.Organization { Name = "Riverside Family Medicine", BillingAddressLine1 = "100 Main St", BillingCity = "Springfield", BillingState = "IL", BillingPostalCode = "62701" });
        await office.Db.SaveChangesAsync();
        var patient = await office.RegisterAsync("Odette", "Marchetti", new DateOnly(1968, 4, 2));
        var book = new InvoiceBook(office.Db, office.Audit, office.Clock);

        var created = await book.CreateAsync(new NewInvoice
        {
            BillToName = "Acme Logistics Inc.", BillToAddress = "9 Dock Rd\nPeoria, IL 61602", BillToContact = "HR Department",
            Lines =
            [
                new NewInvoiceLine { Description = "Pre-employment physicals", Quantity = 3, UnitPrice = 33.33m },
                new NewInvoiceLine(),
                new NewInvoiceLine { Description = "Return-to-work evaluation", Quantity = 1.5m, UnitPrice = 120m, PatientId = patient.Id, PatientConsent = "Signed release 03/02/2026" },
                new NewInvoiceLine { Description = "Copies of records (pages)", Quantity = 0.25m, UnitPrice = 10.01m },
            ],
        }, Biller);

        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        var invoice = created.Value!;
        Assert.Equal([99.99m, 180.00m, 2.50m], invoice.Lines.Select(l => l.Amount));
        Assert.Equal(282.49m, invoice.Total);
        Assert.Equal(office.Today.AddDays(30), invoice.DueOn);
        var text = await PdfTools.TextAsync((await book.PdfAsync(invoice.Id, Biller))!);
        Assert.Contains(invoice.Number, text, StringComparison.Ordinal);
        Assert.Contains("Acme Logistics Inc.", text, StringComparison.Ordinal);
        Assert.Contains("Total", text, StringComparison.Ordinal);
        Assert.Contains("$282.49", text, StringComparison.Ordinal);
        Assert.Contains("patient Odette Marchetti", text, StringComparison.Ordinal);

        office.Clock.Advance(TimeSpan.FromDays(45));
        var open = Assert.Single(await book.ListAsync(openOnly: true));
        Assert.Equal((45, true, 282.49m), (open.DaysOutstanding, open.Overdue, open.Balance));

        var card = await book.RecordPaymentAsync(invoice.Id, new NewInvoicePayment { Amount = 100m, Method = InvoicePaymentMethods.Card, Reference = "4111 1111 1111 1111" }, Biller);
        Assert.Equal("reference", Assert.Single(card!.Errors).Field);
        var tooMuch = await book.RecordPaymentAsync(invoice.Id, new NewInvoicePayment { Amount = 300m, Method = InvoicePaymentMethods.Check }, Biller);
        Assert.Equal("amount", Assert.Single(tooMuch!.Errors).Field);
        Assert.True((await book.RecordPaymentAsync(invoice.Id, new NewInvoicePayment { Amount = 200m, Method = InvoicePaymentMethods.Check, Reference = "CHK 5521" }, Biller))!.Succeeded);
        var last = await book.RecordPaymentAsync(invoice.Id, new NewInvoicePayment { Amount = 82.49m, Method = InvoicePaymentMethods.Ach, Reference = "ACH-77" }, Biller);
        Assert.Equal(InvoiceStatuses.Paid, last!.Value!.Status);
        Assert.Empty(await book.ListAsync(openOnly: true));
        await using var db = office.NewContext();
        Assert.Equal(282.49m, (await db.InvoicePayments.Select(p => p.Amount).ToListAsync()).Sum());
        Assert.Empty(await db.LedgerEntries.ToListAsync());
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.PatientId == patient.Id && a.Action == AuditActions.Create && a.Category == AuditCategories.Billing);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_invoice_input_is_refused_naming_each_field_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var book = new InvoiceBook(office.Db, office.Audit, office.Clock);

        var refused = await book.CreateAsync(new NewInvoice
        {
            BillToName = "  ", DueOn = office.Today.AddDays(-1),
            Lines =
            [
                new NewInvoiceLine { Description = "Physical", Quantity = -1, UnitPrice = 50m },
                new NewInvoiceLine { Description = "", Quantity = 1, UnitPrice = 10.005m },
                new NewInvoiceLine { Description = "Records", Quantity = 1, UnitPrice = 5m, PatientId = 424242 },
            ],
        }, Biller);

        Assert.False(refused.Succeeded);
        Assert.Equal(
            ["billToName", "dueOn", "lines[0].quantity", "lines[1].description", "lines[1].unitPrice", "lines[2].patientConsent", "lines[2].patientId"],
            refused.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal("lines", Assert.Single((await book.CreateAsync(new NewInvoice { BillToName = "Lincoln School" }, Biller)).Errors).Field);
        await using var db = office.NewContext();
        Assert.Empty(await db.Invoices.ToListAsync());
    }
}
