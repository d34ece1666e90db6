namespace MedOffice.FrontDesk;

/// <summary>Where a visit stands today, in the order the desk sees it move.</summary>
public enum VisitStage
{
    Expected,
    Arrived,
    Roomed,
    WithProvider,
    CheckedOut,
    NoShow,
}

/// <summary>What the desk confirmed with the patient at check-in, and the consents signed or acknowledged.</summary>
public sealed record CheckIn(bool DemographicsConfirmed, bool InsuranceConfirmed, IReadOnlyList<string> Consents);

/// <summary>A walk-in: who and which visit type; the provider is optional (the first free one is taken).</summary>
public sealed record WalkIn(int PatientId, int LocationId, int AppointmentTypeId, int? ProviderResourceId = null);

/// <summary>The next visit, booked at check-out: type, local date and time at the location, and optionally the provider.</summary>
public sealed record FollowUp(int AppointmentTypeId, DateTime LocalStart, int? ProviderResourceId = null);

public static class InsuranceFlagCodes
{
    public const string NoCoverage = "NoCoverage";
    public const string PrimaryExpired = "PrimaryExpired";
    public const string PrimaryNotYetEffective = "PrimaryNotYetEffective";
    public const string NoActivePrimary = "NoActivePrimary";
}

public sealed record InsuranceFlag(string Code, string Message);

/// <summary>The insurance as it stands on the visit's day: what to raise with the patient, the active primary and its copay.</summary>
public sealed record InsuranceCheck(IReadOnlyList<InsuranceFlag> Flags, string? PrimaryPayer, string? MemberId, decimal? CopayDue)
{
    public bool IsClear => Flags.Count == 0;
}

public sealed record CheckInOutcome(int AppointmentId, InsuranceCheck Insurance, IReadOnlyList<string> ConsentsRecorded);

public sealed record CheckOutOutcome(int AppointmentId, int? FollowUpAppointmentId, DateTime? FollowUpLocalStart);

/// <summary>One visit on the day list. Times are local at the location; waits are whole minutes.</summary>
public sealed record VisitRow(
    int AppointmentId,
    int PatientId,
    string PatientName,
    string BoardName,
    DateOnly DateOfBirth,
    string VisitType,
    string? ProviderName,
    int? ProviderResourceId,
    DateTime ScheduledAt,
    VisitStage Stage,
    bool IsWalkIn,
    DateTime? ArrivedAt,
    DateTime? RoomedAt,
    string? RoomName,
    DateTime? ProviderInAt,
    DateTime? CheckedOutAt,
    int? WaitMinutes,
    int? RoomWaitMinutes,
    int? VisitMinutes,
    decimal? CopayDue,
    string InsuranceFlags);

/// <summary>A location's day at the desk, grouped by stage, with the average wait from arrival to rooming.</summary>
public sealed record FrontDeskDay(int LocationId, string LocationName, string TimeZoneId, DateOnly Date, IReadOnlyList<VisitRow> Visits)
{
    public IEnumerable<VisitRow> In(VisitStage stage) => Visits.Where(v => v.Stage == stage);

    /// <summary>Arrival to rooming, over the visits roomed so far (null before the first).</summary>
    public double? AverageWaitMinutes =>
        Visits.Where(v => v.RoomedAt is not null && v.WaitMinutes is not null).Select(v => (double)v.WaitMinutes!.Value) is var waits && waits.Any()
            ? Math.Round(waits.Average(), 1)
            : null;
}
