using MedOffice.Practice;

namespace MedOffice.Patients;

/// <summary>An insurance coverage as staff enter it from the card.</summary>
public sealed class CoverageDetails
{
    public int PayerId { get; set; }
    public string? PlanName { get; set; }
    public string? MemberId { get; set; }
    public string? GroupNumber { get; set; }
    public int Priority { get; set; } = CoveragePriorities.Primary;
    /// <summary>X12 relationship code of the subscriber to the patient: 18 self, 01 spouse, 19 child, 20 employee, 53 life partner, G8 other.</summary>
    public string SubscriberRelationship { get; set; } = SubscriberRelationships.Self;
    public string? SubscriberFirstName { get; set; }
    public string? SubscriberLastName { get; set; }
    public DateOnly? SubscriberDateOfBirth { get; set; }
    public string? SubscriberSex { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public decimal? Copay { get; set; }

    public static CoverageDetails From(Coverage c) => new()
    {
        PayerId = c.PayerId, PlanName = c.PlanName, MemberId = c.MemberId, GroupNumber = c.GroupNumber, Priority = c.Priority,
        SubscriberRelationship = c.SubscriberRelationship, SubscriberFirstName = c.SubscriberFirstName,
        SubscriberLastName = c.SubscriberLastName, SubscriberDateOfBirth = c.SubscriberDateOfBirth, SubscriberSex = c.SubscriberSex,
        EffectiveOn = c.EffectiveOn, EndsOn = c.EndsOn, Copay = c.Copay,
    };

    /// <summary>Checks every field and, when all are right, writes them to <paramref name="coverage"/>.</summary>
    public List<FieldError> ApplyTo(Coverage coverage, Patient patient, Payer? payer, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (payer is null || !payer.IsActive)
        {
            errors.Add(new(nameof(PayerId), "Choose a payer from the office's payer list."));
        }
        var memberId = string.IsNullOrWhiteSpace(MemberId) ? null : MemberId.Trim();
        if (payer is { RequiresMemberId: true } && memberId is null)
        {
            errors.Add(new(nameof(MemberId), $"{payer.Name} requires the member ID from the insurance card."));
        }
        else if (memberId is not null && (memberId.Length > 80 || !memberId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
        {
            errors.Add(new(nameof(MemberId), "The member ID may hold only letters, digits, spaces and dashes (at most 80)."));
        }
        if (GroupNumber is { Length: > 50 })
        {
            errors.Add(new(nameof(GroupNumber), "At most 50 characters."));
        }
        if (PlanName is { Length: > 200 })
        {
            errors.Add(new(nameof(PlanName), "At most 200 characters."));
        }
        if (Priority is < 1 or > 3)
        {
            errors.Add(new(nameof(Priority), "Choose primary, secondary or tertiary."));
        }
        if (!SubscriberRelationships.Names.ContainsKey(SubscriberRelationship))
        {
            errors.Add(new(nameof(SubscriberRelationship), "Choose the subscriber's relationship to the patient."));
        }
        var isSelf = SubscriberRelationship == SubscriberRelationships.Self;
        if (!isSelf)
        {
            if (string.IsNullOrWhiteSpace(SubscriberFirstName) || string.IsNullOrWhiteSpace(SubscriberLastName))
            {
                errors.Add(new(nameof(SubscriberLastName), "Enter the subscriber's first and last name as on the card."));
            }
            if (SubscriberDateOfBirth is not { } sdob)
            {
                errors.Add(new(nameof(SubscriberDateOfBirth), "Enter the subscriber's date of birth."));
            }
            else if (sdob > today)
            {
                errors.Add(new(nameof(SubscriberDateOfBirth), "The subscriber's date of birth cannot be in the future."));
            }
            if (SubscriberSex is null || !SexesAtBirth.All.Contains(SubscriberSex))
            {
                errors.Add(new(nameof(SubscriberSex), "Choose the subscriber's sex: F, M or U."));
            }
        }
        if (EffectiveOn is not { } effective)
        {
            errors.Add(new(nameof(EffectiveOn), "Enter the date the coverage starts."));
        }
        else if (EndsOn is { } ends && ends < effective)
        {
            errors.Add(new(nameof(EndsOn), "The end date is before the start date."));
        }
        if (Copay is { } copay && (copay < 0 || copay > 10_000 || decimal.Round(copay, 2) != copay))
        {
            errors.Add(new(nameof(Copay), "The copay must be an amount in dollars and cents between 0 and 10,000."));
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        coverage.PayerId = payer!.Id;
        coverage.PlanName = string.IsNullOrWhiteSpace(PlanName) ? null : PlanName.Trim();
        coverage.MemberId = memberId;
        coverage.MemberIdKey = Coverage.KeyOf(memberId);
        coverage.GroupNumber = string.IsNullOrWhiteSpace(GroupNumber) ? null : GroupNumber.Trim();
        coverage.Priority = Priority;
        coverage.SubscriberRelationship = SubscriberRelationship;
        coverage.SubscriberFirstName = isSelf ? patient.LegalFirstName : SubscriberFirstName!.Trim();
        coverage.SubscriberLastName = isSelf ? patient.LegalLastName : SubscriberLastName!.Trim();
        coverage.SubscriberDateOfBirth = isSelf ? patient.DateOfBirth : SubscriberDateOfBirth!.Value;
        coverage.SubscriberSex = isSelf ? patient.SexAtBirth : SubscriberSex!;
        coverage.EffectiveOn = EffectiveOn!.Value;
        coverage.EndsOn = EndsOn;
        coverage.Copay = Copay;
        return errors;
    }
}
