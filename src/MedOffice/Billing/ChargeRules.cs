using System.Globalization;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Practice;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Billing;

/// <summary>One service line as entered: the amount, when not given, is the fee schedule's fee × units.</summary>
public sealed record ChargeLineInput(string? ProcedureCode, IReadOnlyList<string>? Modifiers = null, decimal? Units = null, decimal? Amount = null,
    string? DiagnosisPointers = null);

/// <summary>Who rendered and who referred, and where.</summary>
public sealed record ChargeSheetDetails(int? RenderingProviderId, string? PlaceOfServiceCode, string? ReferringProviderFirstName = null,
    string? ReferringProviderLastName = null, string? ReferringProviderNpi = null);

/// <summary>A whole draft at once; a part left out (null) stays as it is.</summary>
public sealed record SaveChargeSheet(ChargeSheetDetails? Details, IReadOnlyList<string>? Diagnoses, IReadOnlyList<ChargeLineInput>? Lines);

/// <summary>
/// The checks on a charge sheet, all run together so every problem comes back at once, each naming its field as the
/// request names it ("Diagnoses[1]", "Lines[2].DiagnosisPointers", indexes from 0). On entry a draft may be unfinished
/// (no diagnoses yet, a line not yet pointed at one); release also wants it complete.
/// </summary>
public sealed class ChargeRules(MedOfficeDb db, DiagnosisCodes diagnoses, ProcedureCodes procedures, FeeSchedules fees)
{
    public const int MaxDiagnoses = 12;
    public const int MaxLines = 50;
    public const int MaxPointers = 4;
    public const int MaxModifiers = 4;
    public const decimal MaxUnits = 999_999.99m;

    internal sealed record Checked(ChargeSheetDetails Details, IReadOnlyList<string> Diagnoses, IReadOnlyList<ChargeLine> Lines, IReadOnlyList<FieldError> Errors);

    internal async Task<Checked> CheckAsync(ChargeSheet sheet, ChargeSheetDetails details, IReadOnlyList<string> diagnosisCodes,
        IReadOnlyList<ChargeLineInput> lines, bool releasing, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        await CheckDetailsAsync(details, releasing, errors, cancellationToken);

        var codes = new List<string>();
        if (diagnosisCodes.Count > MaxDiagnoses)
        {
            errors.Add(new("Diagnoses", $"A claim carries at most {MaxDiagnoses} diagnoses; this sheet has {diagnosisCodes.Count}."));
        }
        else if (releasing && diagnosisCodes.Count == 0)
        {
            errors.Add(new("Diagnoses", "Add at least one diagnosis before releasing."));
        }
        var diagnosisChecks = await diagnoses.CheckManyAsync(diagnosisCodes, sheet.DateOfService, cancellationToken);
        for (var i = 0; i < diagnosisCodes.Count; i++)
        {
            var field = $"Diagnoses[{Index(i)}]";
            var check = diagnosisChecks[i];
            var code = IcdCode.TryParse(diagnosisCodes[i], out var parsed) ? parsed.Value.Value : diagnosisCodes[i]?.Trim() ?? "";
            if (!check.IsBillable)
            {
                errors.Add(new(field, check.Problem!));
            }
            else if (codes.Contains(code))
            {
                errors.Add(new(field, $"{parsed!.Value.Display} is already diagnosis {codes.IndexOf(code) + 1} on this sheet."));
            }
            codes.Add(code);
        }

        if (lines.Count > MaxLines)
        {
            errors.Add(new("Lines", $"A charge sheet holds at most {MaxLines} lines; this one has {lines.Count}."));
        }
        else if (releasing && lines.Count == 0)
        {
            errors.Add(new("Lines", "Add at least one service line before releasing."));
        }
        // The sheet's codes, modifiers and fees are each read once, whatever the number of lines.
        var book = await procedures.BookAsync(lines.Select(l => l.ProcedureCode), lines.SelectMany(Modifiers), cancellationToken);
        var unpriced = lines.Select((line, i) => (Line: line, Index: i, Check: book.Check(line.ProcedureCode)))
            .Where(l => l.Line.Amount is null && l.Check.IsBillable && (l.Line.Units ?? 1) > 0).ToList();
        var quotes = new Dictionary<int, FeeQuote?>();
        if (unpriced.Count > 0)
        {
            var payerId = await PrimaryPayerAsync(sheet.PatientId, sheet.DateOfService, cancellationToken);
            var found = await fees.FeesForAsync(unpriced.Select(l => (l.Check.Code!.Code, Modifiers(l.Line))).ToList(), payerId, sheet.DateOfService, cancellationToken);
            quotes = unpriced.Zip(found).ToDictionary(p => p.First.Index, p => p.Second);
        }
        var checkedLines = lines.Select((line, i) =>
            CheckLine($"Lines[{Index(i)}].", line, i + 1, diagnosisCodes.Count, book, quotes.GetValueOrDefault(i), sheet.DateOfService, releasing, errors)).ToList();
        return new Checked(details, codes, checkedLines, errors);
    }

    private async Task CheckDetailsAsync(ChargeSheetDetails details, bool releasing, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var provider = details.RenderingProviderId is { } providerId
            ? await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, cancellationToken)
            : null;
        if (provider is null)
        {
            errors.Add(new(nameof(ChargeSheetDetails.RenderingProviderId), "Choose the provider who rendered the service."));
        }
        else if (!Npi.TryParse(provider.Npi, out _))
        {
            errors.Add(new(nameof(ChargeSheetDetails.RenderingProviderId), $"{provider.FullName}'s NPI {provider.Npi} fails the NPI check digit: correct it under Settings."));
        }
        else if (provider.TaxonomyCode is { Length: > 0 } taxonomy && !TaxonomyCode.TryParse(taxonomy, out _))
        {
            errors.Add(new(nameof(ChargeSheetDetails.RenderingProviderId),
                $"{provider.FullName}'s taxonomy code {taxonomy} is not written like one (three digits, six letters or digits, and X, e.g. 207Q00000X): correct it under Settings."));
        }
        else if (releasing && !provider.IsActive)
        {
            errors.Add(new(nameof(ChargeSheetDetails.RenderingProviderId), $"{provider.FullName} is no longer active: choose who rendered the service."));
        }

        var place = details.PlaceOfServiceCode?.Trim() ?? "";
        if (place.Length != 2 || !await db.PlacesOfService.AnyAsync(p => p.Code == place, cancellationToken))
        {
            errors.Add(new(nameof(ChargeSheetDetails.PlaceOfServiceCode), $"'{place}' is not a Place of Service code (two digits, e.g. 11 for an office)."));
        }

        var npi = details.ReferringProviderNpi?.Trim() ?? "";
        var hasName = !string.IsNullOrWhiteSpace(details.ReferringProviderLastName) || !string.IsNullOrWhiteSpace(details.ReferringProviderFirstName);
        if (npi.Length > 0 && !Npi.TryParse(npi, out _))
        {
            errors.Add(new(nameof(ChargeSheetDetails.ReferringProviderNpi), $"'{npi}' is not a valid NPI: ten digits, the last a check digit (Luhn with the 80840 prefix)."));
        }
        else if (npi.Length == 0 && hasName)
        {
            errors.Add(new(nameof(ChargeSheetDetails.ReferringProviderNpi), "Give the referring provider's NPI, or leave the referring provider out."));
        }
        if (npi.Length > 0 && string.IsNullOrWhiteSpace(details.ReferringProviderLastName))
        {
            errors.Add(new(nameof(ChargeSheetDetails.ReferringProviderLastName), "Give the referring provider's last name."));
        }
        if (details.ReferringProviderLastName?.Trim().Length > 60 || details.ReferringProviderFirstName?.Trim().Length > 35)
        {
            errors.Add(new(nameof(ChargeSheetDetails.ReferringProviderLastName), "Claims carry at most 60 characters of last name and 35 of first name."));
        }
    }

    /// <summary>One line against the sheet's code book; <paramref name="fee"/> is the schedule's fee, looked up when the line has no amount.</summary>
    private static ChargeLine CheckLine(string field, ChargeLineInput input, int lineNumber, int diagnosisCount, ProcedureCodeBook book, FeeQuote? fee,
        DateOnly dateOfService, bool releasing, List<FieldError> errors)
    {
        var check = book.Check(input.ProcedureCode);
        if (!check.IsBillable)
        {
            errors.Add(new(field + nameof(ChargeLineInput.ProcedureCode), check.Problem!));
        }
        var code = check.Code?.Code ?? input.ProcedureCode?.Trim().ToUpperInvariant() ?? "";

        var modifiers = Modifiers(input).ToList();
        if (modifiers.Count > MaxModifiers)
        {
            errors.Add(new(field + nameof(ChargeLineInput.Modifiers), $"A line carries at most {MaxModifiers} modifiers; this one has {modifiers.Count}."));
        }
        foreach (var twice in modifiers.GroupBy(m => m).Where(g => g.Count() > 1))
        {
            errors.Add(new(field + nameof(ChargeLineInput.Modifiers), $"Modifier {twice.Key} is given twice."));
        }
        foreach (var unknown in book.UnknownModifiers(modifiers))
        {
            errors.Add(new(field + nameof(ChargeLineInput.Modifiers), unknown));
        }

        var units = input.Units ?? 1;
        if (units <= 0 || units > MaxUnits || decimal.Round(units, 2) != units)
        {
            errors.Add(new(field + nameof(ChargeLineInput.Units), "Units must be more than 0, with at most two decimals."));
        }

        var pointers = CheckPointers(field + nameof(ChargeLineInput.DiagnosisPointers), input.DiagnosisPointers, diagnosisCount, releasing, errors);

        var amount = input.Amount;
        if (amount is null && check.IsBillable && units > 0)
        {
            amount = fee is null ? null : decimal.Round(fee.Fee * units, 2, MidpointRounding.AwayFromZero);
            if (fee is null)
            {
                errors.Add(new(field + nameof(ChargeLineInput.Amount), $"No fee schedule prices {code} on {dateOfService:yyyy-MM-dd}: type the charge."));
            }
        }
        else if (FeeSchedules.MoneyProblem(amount, "charge") is { } problem && input.Amount is not null)
        {
            errors.Add(new(field + nameof(ChargeLineInput.Amount), problem));
        }
        return new ChargeLine
        {
            LineNumber = lineNumber,
            ProcedureCode = code,
            Modifier1 = modifiers.ElementAtOrDefault(0) ?? "",
            Modifier2 = modifiers.ElementAtOrDefault(1) ?? "",
            Modifier3 = modifiers.ElementAtOrDefault(2) ?? "",
            Modifier4 = modifiers.ElementAtOrDefault(3) ?? "",
            Units = units,
            Amount = amount ?? 0,
            DiagnosisPointers = string.Join(',', pointers.Select(p => p.ToString(CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>"1,3" into pointers, each naming one of the sheet's diagnoses by its place (1–12).</summary>
    private static List<int> CheckPointers(string field, string? text, int diagnosisCount, bool releasing, List<FieldError> errors)
    {
        var pointers = new List<int>();
        foreach (var (part, number) in ChargeLine.ReadPointers(text))
        {
            if (number is not { } pointer || pointer < 1 || pointer > MaxDiagnoses)
            {
                errors.Add(new(field, $"'{part}' is not a diagnosis pointer (a number from 1 to {MaxDiagnoses})."));
            }
            else if (pointers.Contains(pointer))
            {
                errors.Add(new(field, $"Pointer {pointer} is given twice."));
            }
            else
            {
                if (pointer > diagnosisCount)
                {
                    errors.Add(new(field, diagnosisCount == 0
                        ? $"Pointer {pointer} points at a diagnosis, but this sheet has none yet: add the diagnoses first."
                        : $"Pointer {pointer} points past the {diagnosisCount} {(diagnosisCount == 1 ? "diagnosis" : "diagnoses")} on this sheet."));
                }
                pointers.Add(pointer);
            }
        }
        if (pointers.Count > MaxPointers)
        {
            errors.Add(new(field, $"A line points at most at {MaxPointers} diagnoses; this one points at {pointers.Count}."));
        }
        else if (releasing && pointers.Count == 0)
        {
            errors.Add(new(field, "Point the line at the diagnoses it treats (1 to 4 of them, e.g. 1,2)."));
        }
        return pointers;
    }

    /// <summary>The payer of the patient's primary coverage in force on the date of service, whose fees the charges take.</summary>
    public async Task<int?> PrimaryPayerAsync(int patientId, DateOnly dateOfService, CancellationToken cancellationToken = default) =>
        (await db.Coverages.AsNoTracking().InForceAsync(patientId, CoveragePriorities.Primary, dateOfService, cancellationToken))?.PayerId;

    private static IEnumerable<string> Modifiers(ChargeLineInput line) =>
        (line.Modifiers ?? []).Select(m => m?.Trim().ToUpperInvariant() ?? "").Where(m => m.Length > 0);

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
