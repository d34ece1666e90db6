using System.Security.Cryptography;
using FuzzySharp;
using MedOffice.Data;
using MedOffice.Live;
using MedOffice.Security;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Patients;

public sealed record DuplicateCandidate(int PatientId, string Mrn, string Name, DateOnly DateOfBirth, string Reason);

/// <summary>Registering, reading, editing and merging patients and their coverages. Every touch of patient data is audited.</summary>
public sealed class PatientRegistry(MedOfficeDb db, AuditTrail audit, FileStore files, ILiveUpdates live, TimeProvider time)
{
    public const string DuplicateField = "PossibleDuplicates";
    private const int MrnAttempts = 10;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Result<Patient>> RegisterAsync(PatientDetails details, bool acknowledgeDuplicates, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var patient = new Patient { Mrn = "", LegalFirstName = "", LegalLastName = "", SexAtBirth = "U", CreatedAt = now, UpdatedAt = now };
        var errors = details.ApplyTo(patient, Today);
        if (errors.Count > 0)
        {
            return Result<Patient>.Fail(errors);
        }
        if (!acknowledgeDuplicates)
        {
            var duplicates = await FindDuplicatesAsync(patient, cancellationToken);
            if (duplicates.Count > 0)
            {
                return Result<Patient>.Fail(duplicates.Select(d => new FieldError(DuplicateField,
                    $"Possible duplicate: {d.Name}, born {d.DateOfBirth:yyyy-MM-dd}, MRN {d.Mrn} ({d.Reason}).")).ToList());
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            patient.Mrn = NewMrn();
            if (!await db.Patients.AnyAsync(p => p.Mrn == patient.Mrn, cancellationToken))
            {
                break;
            }
            if (attempt == MrnAttempts)
            {
                throw new InvalidOperationException("Could not find a free medical record number.");
            }
        }

        db.Patients.Add(patient);
        await SaveAuditedAsync(() => new AuditEntry(actor, AuditActions.Create, AuditCategories.Demographics, patient.Id,
            Detail: $"registered MRN {patient.Mrn}"), change: null, cancellationToken);
        return Result<Patient>.Ok(patient);
    }

    /// <summary>The patient with coverages, or null. Reading is audited.</summary>
    public async Task<Patient?> GetAsync(int patientId, Actor actor, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.AsNoTracking()
            .Include(p => p.Coverages.OrderBy(c => c.Priority).ThenByDescending(c => c.EffectiveOn)).ThenInclude(c => c.Payer)
            .FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is not null)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.Read, AuditCategories.Demographics, patient.Id), cancellationToken);
        }
        return patient;
    }

    public async Task<Result<Patient>?> UpdateAsync(int patientId, PatientDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }
        if (patient.MergedIntoPatientId is not null)
        {
            return Result<Patient>.Fail("Status", "This record was merged into another; edit the surviving record.");
        }
        var before = PatientDetails.From(patient);
        var errors = details.ApplyTo(patient, Today);
        if (errors.Count > 0)
        {
            return Result<Patient>.Fail(errors);
        }
        patient.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var changed = ChangedFields(before, PatientDetails.From(patient));
        await SaveAuditedAsync(() => new AuditEntry(actor, AuditActions.Update, AuditCategories.Demographics, patient.Id,
            Detail: changed.Count == 0 ? "no change" : "changed " + string.Join(", ", changed)), "demographics", cancellationToken);
        return Result<Patient>.Ok(patient);
    }

    public async Task<Result<Coverage>?> AddCoverageAsync(int patientId, CoverageDetails details, Actor actor, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var coverage = new Coverage { PatientId = patient.Id, SubscriberFirstName = "", SubscriberLastName = "", SubscriberSex = "U", CreatedAt = now, UpdatedAt = now };
        var result = await ApplyCoverageAsync(coverage, patient, details, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }
        db.Coverages.Add(coverage);
        await SaveAuditedAsync(() => new AuditEntry(actor, AuditActions.Create, AuditCategories.Insurance, patient.Id,
            Detail: $"coverage {coverage.Id} ({CoveragePriorities.Name(coverage.Priority)})"), "insurance", cancellationToken);
        return result;
    }

    public async Task<Result<Coverage>?> UpdateCoverageAsync(int patientId, int coverageId, CoverageDetails details, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var coverage = await db.Coverages.FirstOrDefaultAsync(c => c.Id == coverageId && c.PatientId == patientId, cancellationToken);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (coverage is null || patient is null)
        {
            return null;
        }
        var result = await ApplyCoverageAsync(coverage, patient, details, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }
        coverage.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await SaveAuditedAsync(() => new AuditEntry(actor, AuditActions.Update, AuditCategories.Insurance, patient.Id,
            Detail: $"coverage {coverage.Id}"), "insurance", cancellationToken);
        return result;
    }

    private async Task<Result<Coverage>> ApplyCoverageAsync(Coverage coverage, Patient patient, CoverageDetails details, CancellationToken cancellationToken)
    {
        var payer = await db.Payers.FirstOrDefaultAsync(p => p.Id == details.PayerId, cancellationToken);
        var errors = details.ApplyTo(coverage, patient, payer, Today);
        if (errors.Count == 0)
        {
            // Two open coverages cannot both be primary: the claim would not know whom to bill first.
            var clash = await db.Coverages.AnyAsync(c => c.PatientId == patient.Id && c.Id != coverage.Id && c.Priority == coverage.Priority
                && (c.EndsOn == null || c.EndsOn >= coverage.EffectiveOn)
                && (coverage.EndsOn == null || c.EffectiveOn <= coverage.EndsOn), cancellationToken);
            if (clash)
            {
                errors.Add(new(nameof(CoverageDetails.Priority),
                    $"The patient already has a {CoveragePriorities.Name(coverage.Priority).ToLowerInvariant()} coverage for these dates: end it first or choose another priority."));
            }
        }
        return errors.Count == 0 ? Result<Coverage>.Ok(coverage) : Result<Coverage>.Fail(errors);
    }

    public async Task<Result<StoredFile>?> AttachCardImageAsync(int patientId, int coverageId, bool front, Stream content, string fileName,
        string contentType, Actor actor, CancellationToken cancellationToken = default)
    {
        var coverage = await db.Coverages.FirstOrDefaultAsync(c => c.Id == coverageId && c.PatientId == patientId, cancellationToken);
        if (coverage is null)
        {
            return null;
        }
        var stored = await files.SaveImageAsync(content, fileName, contentType, patientId, cancellationToken);
        if (!stored.Succeeded)
        {
            return stored;
        }
        if (front)
        {
            coverage.CardFrontFileId = stored.Value!.Id;
        }
        else
        {
            coverage.CardBackFileId = stored.Value!.Id;
        }
        coverage.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await SaveAuditedAsync(() => new AuditEntry(actor, AuditActions.Update, AuditCategories.Insurance, patientId,
            Detail: $"card {(front ? "front" : "back")} image for coverage {coverage.Id}"), "insurance card", cancellationToken);
        return stored;
    }

    /// <summary>Moves everything of <paramref name="mergedId"/> to <paramref name="survivorId"/> and marks the merged record inactive.</summary>
    public async Task<Result<Patient>?> MergeAsync(int survivorId, int mergedId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (survivorId == mergedId)
        {
            return Result<Patient>.Fail("MergedPatientId", "A record cannot be merged into itself.");
        }
        var survivor = await db.Patients.FirstOrDefaultAsync(p => p.Id == survivorId, cancellationToken);
        var merged = await db.Patients.FirstOrDefaultAsync(p => p.Id == mergedId, cancellationToken);
        if (survivor is null || merged is null)
        {
            return null;
        }
        if (survivor.MergedIntoPatientId is not null || merged.MergedIntoPatientId is not null)
        {
            return Result<Patient>.Fail("MergedPatientId", "One of these records was already merged.");
        }
        var today = Today;
        var survivorOpen = await db.Coverages.Where(c => c.PatientId == survivorId && (c.EndsOn == null || c.EndsOn >= today))
            .Select(c => c.Priority).ToListAsync(cancellationToken);
        var clashing = await db.Coverages.Where(c => c.PatientId == mergedId && (c.EndsOn == null || c.EndsOn >= today) && survivorOpen.Contains(c.Priority))
            .Select(c => c.Priority).Distinct().ToListAsync(cancellationToken);
        if (clashing.Count > 0)
        {
            // Two open primaries after a merge would leave billing unsure whom to bill: the office decides which one ends first.
            return Result<Patient>.Fail("MergedPatientId",
                $"Both records have open {string.Join(" and ", clashing.Order().Select(p => CoveragePriorities.Name(p).ToLowerInvariant()))} insurance. " +
                "End the duplicate coverage (or change its priority) on one record, then merge.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Coverages.Where(c => c.PatientId == mergedId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PatientId, survivorId), cancellationToken);
        var movedFiles = await db.StoredFiles.Where(f => f.PatientId == mergedId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.PatientId, survivorId), cancellationToken);
        merged.MergedIntoPatientId = survivorId;
        merged.Status = PatientStatuses.Inactive;
        merged.UpdatedAt = survivor.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Merge, AuditCategories.Demographics, survivorId,
            Detail: $"merged MRN {merged.Mrn} (patient {mergedId}) into MRN {survivor.Mrn}: {moved} coverages, {movedFiles} files moved"), cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Merge, AuditCategories.Demographics, mergedId,
            Detail: $"merged into MRN {survivor.Mrn} (patient {survivorId})"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishChangeAsync(survivorId, "merge", actor, cancellationToken);
        await PublishChangeAsync(mergedId, "merge", actor, cancellationToken);
        return Result<Patient>.Ok(survivor);
    }

    /// <summary>Existing records that may be the same person: same birth date and a similar name, or a shared phone.</summary>
    public async Task<List<DuplicateCandidate>> FindDuplicatesAsync(Patient candidate, CancellationToken cancellationToken = default)
    {
        var phones = new[] { candidate.MobilePhone, candidate.HomePhone, candidate.WorkPhone }.Where(p => p is not null).Cast<string>().ToList();
        var sameBirthOrPhone = await db.Patients.AsNoTracking()
            .Where(p => p.Id != candidate.Id && p.MergedIntoPatientId == null)
            .Where(p => p.DateOfBirth == candidate.DateOfBirth
                || (p.MobilePhone != null && phones.Contains(p.MobilePhone))
                || (p.HomePhone != null && phones.Contains(p.HomePhone))
                || (p.WorkPhone != null && phones.Contains(p.WorkPhone)))
            .Take(200)
            .ToListAsync(cancellationToken);

        var name = $"{candidate.FirstNameKey} {candidate.LastNameKey}";
        var found = new List<DuplicateCandidate>();
        foreach (var p in sameBirthOrPhone)
        {
            var similarity = Fuzz.TokenSortRatio(name, $"{p.FirstNameKey} {p.LastNameKey}");
            var sameBirth = p.DateOfBirth == candidate.DateOfBirth;
            var sharedPhone = phones.Any(x => x == p.MobilePhone || x == p.HomePhone || x == p.WorkPhone);
            string? reason = null;
            if (sameBirth && (similarity >= 80 || p.LastNameSound == candidate.LastNameSound && p.FirstNameSound == candidate.FirstNameSound))
            {
                reason = "same date of birth and a similar name";
            }
            else if (sharedPhone)
            {
                // Families share phones, so this is only a warning: the desk confirms "a different person" and goes on.
                reason = similarity >= 60 ? "same phone number and a similar name" : "same phone number (a family member?)";
            }
            if (reason is not null)
            {
                found.Add(new(p.Id, p.Mrn, p.DisplayName, p.DateOfBirth, reason));
            }
        }
        return found;
    }

    /// <summary>Other patients holding a coverage with this member ID at this payer: a likely duplicate or a data-entry slip.</summary>
    public async Task<List<DuplicateCandidate>> FindMemberIdDuplicatesAsync(int patientId, int payerId, string? memberId, CancellationToken cancellationToken = default)
    {
        var key = Coverage.KeyOf(memberId);
        if (key is null)
        {
            return [];
        }
        return await db.Coverages.AsNoTracking()
            .Where(c => c.MemberIdKey == key && c.PayerId == payerId && c.PatientId != patientId && c.SubscriberRelationship == SubscriberRelationships.Self)
            .Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => p)
            .Where(p => p.MergedIntoPatientId == null)
            .Select(p => new DuplicateCandidate(p.Id, p.Mrn, p.LegalLastName + ", " + p.LegalFirstName, p.DateOfBirth, "same member ID at this payer"))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Saves pending changes and their audit row in one transaction (the row is built after the save, so it can name
    /// new ids), then tells open screens about the change.
    /// </summary>
    private async Task SaveAuditedAsync(Func<AuditEntry> auditEntry, string? change, CancellationToken cancellationToken)
    {
        var entry = default(AuditEntry);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            entry = auditEntry();
            await audit.RecordAsync(entry, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (change is not null && entry.PatientId is { } patientId)
        {
            await PublishChangeAsync(patientId, change, entry.Actor, cancellationToken);
        }
    }

    // Screens showing this patient learn who changed what (no PHI in the message), so nobody works on a stale record.
    private Task PublishChangeAsync(int patientId, string what, Actor actor, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveUpdate(InProcessLiveUpdates.PatientTopic(patientId),
            System.Text.Json.JsonSerializer.Serialize(new { change = what, by = actor.UserName })), cancellationToken);

    private static string NewMrn()
    {
        var digits = RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return digits + Mrns.CheckDigit(digits);
    }

    private static List<string> ChangedFields(PatientDetails before, PatientDetails after) =>
        typeof(PatientDetails).GetProperties()
            .Where(p => !Equals(p.GetValue(before), p.GetValue(after)))
            .Select(p => p.Name)
            .ToList();
}

/// <summary>Medical record numbers: seven digits and a Luhn check digit.</summary>
public static class Mrns
{
    public static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public static bool IsValid(string? text) =>
        text is { Length: 8 } && text.All(char.IsAsciiDigit) && CheckDigit(text[..7]) == text[7];
}
