using System.Globalization;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Billing;

public sealed record SuperbillItemInput(string? ProcedureCode, string? Modifier, decimal? Units);

/// <summary>The superbill of each visit type: the codes a new charge sheet for that kind of visit starts with.</summary>
public sealed class Superbills(MedOfficeDb db, ProcedureCodes procedures, AuditTrail audit)
{
    public async Task<IReadOnlyList<SuperbillItem>> ForTypeAsync(int appointmentTypeId, CancellationToken cancellationToken = default) =>
        await db.SuperbillItems.AsNoTracking().Where(s => s.AppointmentTypeId == appointmentTypeId)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>Replaces a visit type's superbill with these items, in this order. Null when there is no such visit type.</summary>
    public async Task<Result<IReadOnlyList<SuperbillItem>>?> SetAsync(int appointmentTypeId, IReadOnlyList<SuperbillItemInput> items, Actor actor,
        CancellationToken cancellationToken = default)
    {
        if (!await db.AppointmentTypes.AnyAsync(t => t.Id == appointmentTypeId, cancellationToken))
        {
            return null;
        }
        var errors = new List<FieldError>();
        var parsed = new List<SuperbillItem>();
        var book = await procedures.BookAsync(items.Select(i => i.ProcedureCode), items.Select(i => i.Modifier), cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"Items[{i.ToString(CultureInfo.InvariantCulture)}].";
            var item = items[i];
            var check = book.Check(item.ProcedureCode);
            if (!check.IsBillable)
            {
                errors.Add(new(field + nameof(SuperbillItemInput.ProcedureCode), check.Problem!));
            }
            var modifier = item.Modifier?.Trim().ToUpperInvariant() ?? "";
            if (modifier.Length > 0 && book.UnknownModifiers([modifier]) is [var unknown, ..])
            {
                errors.Add(new(field + nameof(SuperbillItemInput.Modifier), unknown));
            }
            var units = item.Units ?? 1;
            if (units <= 0 || units > 999 || decimal.Round(units, 2) != units)
            {
                errors.Add(new(field + nameof(SuperbillItemInput.Units), "Units are more than 0, at most 999, with at most two decimals."));
            }
            if (check.Code is { } code)
            {
                if (parsed.Any(p => p.ProcedureCode == code.Code && p.Modifier == modifier))
                {
                    errors.Add(new(field + nameof(SuperbillItemInput.ProcedureCode), $"{code.Code}{(modifier.Length > 0 ? "-" + modifier : "")} is on this superbill twice."));
                }
                parsed.Add(new SuperbillItem { AppointmentTypeId = appointmentTypeId, ProcedureCode = code.Code, Modifier = modifier, Units = units, SortOrder = i + 1 });
            }
        }
        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<SuperbillItem>>.Fail(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SuperbillItems.Where(s => s.AppointmentTypeId == appointmentTypeId).ExecuteDeleteAsync(cancellationToken);
        db.SuperbillItems.AddRange(parsed);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Billing,
            Detail: $"superbill of visit type {appointmentTypeId}: {string.Join(", ", parsed.Select(p => p.Modifier.Length > 0 ? $"{p.ProcedureCode}-{p.Modifier}" : p.ProcedureCode))}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<IReadOnlyList<SuperbillItem>>.Ok(parsed);
    }
}
