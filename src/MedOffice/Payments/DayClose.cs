using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Payments;

public sealed record DepositPayment(int PaymentId, string ReceiptNumber, DateOnly BusinessDate, DateTime ReceivedAtLocal, int PatientId, string PatientName,
    string Method, string? Reference, decimal Amount);

public sealed record DepositRefund(int RefundId, DateOnly BusinessDate, int PatientId, string PatientName, string Method, string? Reference, decimal Amount);

public sealed record ClosedDeposit(int Id, string SlipNumber, decimal DepositedAmount, decimal ExpectedAmount, DateTime ClosedAtLocal, string ClosedBy)
{
    /// <summary>Entered minus expected: negative when the bank deposit is short.</summary>
    public decimal Difference => DepositedAmount - ExpectedAmount;
}

/// <summary>
/// The end-of-day deposit report of a location. While the day is open it holds every payment and refund at the location not
/// yet in a deposit, up to and including the day (a payment taken after an earlier day was closed waits for the next one);
/// once closed it holds exactly what that deposit took.
/// </summary>
public sealed record DepositReport(int LocationId, string PracticeName, string LocationName, DateOnly BusinessDate, IReadOnlyList<DepositPayment> Payments,
    IReadOnlyList<DepositRefund> Refunds, ClosedDeposit? Deposit)
{
    public decimal Total(string method) => Payments.Where(p => p.Method == method).Sum(p => p.Amount);
    public decimal CashTotal => Total(PaymentMethods.Cash);
    public decimal CheckTotal => Total(PaymentMethods.Check);
    public decimal CardTotal => Total(PaymentMethods.Card);
    public decimal OtherTotal => Total(PaymentMethods.Other);
    public IEnumerable<DepositPayment> Checks => Payments.Where(p => p.Method == PaymentMethods.Check);
    public decimal PaymentTotal => Payments.Sum(p => p.Amount);
    public decimal RefundTotal => Refunds.Sum(r => r.Amount);
    public decimal CashRefunds => Refunds.Where(r => r.Method == PaymentMethods.Cash).Sum(r => r.Amount);
    public decimal Net => PaymentTotal - RefundTotal;
    /// <summary>What goes to the bank: the cash and checks taken, less cash paid back out of the drawer. Cards settle on their own.</summary>
    public decimal ExpectedDeposit => Deposit?.ExpectedAmount ?? CashTotal + CheckTotal - CashRefunds;
    public bool IsClosed => Deposit is not null;
}

public sealed record CloseDay(int? LocationId, DateOnly? BusinessDate, string? SlipNumber, decimal? DepositedAmount);

public sealed class DayClose(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public async Task<DepositReport?> ReportAsync(int locationId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        if (location is null)
        {
            return null;
        }
        var practice = await db.Organizations.AsNoTracking().Where(o => o.Id == location.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
        var deposit = await db.Deposits.AsNoTracking().FirstOrDefaultAsync(d => d.LocationId == locationId && d.BusinessDate == date, cancellationToken);
        var payments = db.Payments.AsNoTracking().Where(p => p.LocationId == locationId);
        var refunds = db.Refunds.AsNoTracking().Where(r => r.LocationId == locationId);
        if (deposit is null)
        {
            payments = payments.Where(p => p.DepositId == null && p.BusinessDate <= date);
            refunds = refunds.Where(r => r.DepositId == null && r.BusinessDate <= date);
        }
        else
        {
            payments = payments.Where(p => p.DepositId == deposit.Id);
            refunds = refunds.Where(r => r.DepositId == deposit.Id);
        }
        var paymentRows = await (from p in payments join patient in db.Patients.AsNoTracking() on p.PatientId equals patient.Id
                                 select new { p, patient.LegalLastName, patient.LegalFirstName }).ToListAsync(cancellationToken);
        var refundRows = await (from r in refunds join patient in db.Patients.AsNoTracking() on r.PatientId equals patient.Id
                                select new { r, patient.LegalLastName, patient.LegalFirstName }).ToListAsync(cancellationToken);
        return new DepositReport(locationId, practice ?? "", location.Name, date,
            paymentRows.OrderBy(x => x.p.ReceiptNumber).Select(x => new DepositPayment(x.p.Id, x.p.ReceiptLabel, x.p.BusinessDate,
                LocalTimes.ToLocal(x.p.ReceivedAt, location.TimeZoneId), x.p.PatientId, $"{x.LegalLastName}, {x.LegalFirstName}", x.p.Method, x.p.Reference, x.p.Amount)).ToList(),
            refundRows.OrderBy(x => x.r.Id).Select(x => new DepositRefund(x.r.Id, x.r.BusinessDate, x.r.PatientId, $"{x.LegalLastName}, {x.LegalFirstName}", x.r.Method,
                x.r.Reference, x.r.Amount)).ToList(),
            deposit is null ? null : new ClosedDeposit(deposit.Id, deposit.SlipNumber, deposit.DepositedAmount, deposit.ExpectedAmount,
                LocalTimes.ToLocal(deposit.ClosedAt, location.TimeZoneId), deposit.ClosedBy));
    }

    /// <summary>Closes the day: records the deposit and puts every payment and refund of the report in it. A day closes once.</summary>
    public async Task<Result<DepositReport>> CloseAsync(CloseDay request, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var location = request.LocationId is { } id ? await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken) : null;
        if (location is null)
        {
            errors.Add(new FieldError("locationId", "Choose the location whose day is closed."));
        }
        if (request.BusinessDate is null)
        {
            errors.Add(new FieldError("businessDate", "Enter the business date (yyyy-MM-dd)."));
        }
        else if (location is not null && request.BusinessDate > DateOnly.FromDateTime(LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, location.TimeZoneId)))
        {
            errors.Add(new FieldError("businessDate", "A day can be closed once it has started, not before."));
        }
        var slip = PaymentRules.Clean(request.SlipNumber);
        if (slip is null)
        {
            errors.Add(new FieldError("slipNumber", "Enter the deposit slip number."));
        }
        else if (slip.Length > 40)
        {
            errors.Add(new FieldError("slipNumber", "The deposit slip number is at most 40 characters."));
        }
        if (request.DepositedAmount is null)
        {
            errors.Add(new FieldError("depositedAmount", "Enter the amount deposited at the bank (0 when nothing was deposited)."));
        }
        else if (request.DepositedAmount < 0 || decimal.Round(request.DepositedAmount.Value, 2) != request.DepositedAmount || request.DepositedAmount > 99_999_999.99m)
        {
            errors.Add(new FieldError("depositedAmount", "The deposited amount is a sum in dollars and cents, not negative."));
        }
        if (errors.Count > 0)
        {
            return Result<DepositReport>.Fail(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727017)", cancellationToken);
        }
        var report = (await ReportAsync(location!.Id, request.BusinessDate!.Value, cancellationToken))!;
        if (report.Deposit is { } closed)
        {
            return Result<DepositReport>.Fail("businessDate",
                $"{report.BusinessDate:MM/dd/yyyy} at {report.LocationName} was already closed by {closed.ClosedBy} at {closed.ClosedAtLocal:MM/dd/yyyy HH:mm} (slip {closed.SlipNumber}).");
        }
        var deposit = new Deposit
        {
            LocationId = location.Id, BusinessDate = request.BusinessDate.Value, SlipNumber = slip!, DepositedAmount = request.DepositedAmount!.Value,
            ExpectedAmount = report.ExpectedDeposit, ClosedAt = time.GetUtcNow().UtcDateTime, ClosedBy = actor.UserName.Limit(64),
        };
        db.Deposits.Add(deposit);
        await db.SaveChangesAsync(cancellationToken);
        var paymentIds = report.Payments.Select(p => p.PaymentId).ToList();
        var refundIds = report.Refunds.Select(r => r.RefundId).ToList();
        await db.Payments.Where(p => paymentIds.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.DepositId, deposit.Id), cancellationToken);
        await db.Refunds.Where(r => refundIds.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.DepositId, deposit.Id), cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Create, AuditCategories.Billing,
            Detail: $"day closed at {report.LocationName} for {report.BusinessDate:yyyy-MM-dd}: slip {slip}, deposited {MoneyText.Dollars(deposit.DepositedAmount)}, expected {MoneyText.Dollars(deposit.ExpectedAmount)}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<DepositReport>.Ok((await ReportAsync(location.Id, request.BusinessDate.Value, cancellationToken))!);
    }

    /// <summary>The report as a PDF; it lists patients' names, so printing is audited once per patient on it.</summary>
    public async Task<byte[]?> PrintAsync(int locationId, DateOnly date, Actor actor, CancellationToken cancellationToken = default)
    {
        var report = await ViewAsync(locationId, date, actor, AuditActions.Print, cancellationToken);
        if (report is null)
        {
            return null;
        }
        var zone = await db.Locations.Where(l => l.Id == locationId).Select(l => l.TimeZoneId).SingleAsync(cancellationToken);
        return DepositReportPdf.Render(report, LocalTimes.ToLocal(time.GetUtcNow().UtcDateTime, zone), actor.UserName, time);
    }

    /// <summary>The report as shown on screen (or printed), audited once per patient on it.</summary>
    public async Task<DepositReport?> ViewAsync(int locationId, DateOnly date, Actor actor, string action = AuditActions.Read, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(locationId, date, cancellationToken);
        if (report is null)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var patientId in report.Payments.Select(p => p.PatientId).Concat(report.Refunds.Select(r => r.PatientId)).Distinct().DefaultIfEmpty())
        {
            await audit.RecordAsync(new AuditEntry(actor, action, AuditCategories.Billing, patientId == 0 ? null : patientId,
                Detail: $"deposit report {report.LocationName} {date:yyyy-MM-dd}"), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return report;
    }
}
