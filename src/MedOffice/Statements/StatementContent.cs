namespace MedOffice.Statements;

public sealed record StatementLine(string Code, string Description, decimal Charge);

/// <summary>
/// One visit on a statement: its charge lines and, summed from the ledger by kind over those lines, what insurance paid,
/// what was adjusted or written off, what the patient paid or had credited, what is still with insurance and what the
/// patient owes. Charges − paid − adjusted − patient paid = with insurance + patient due, to the cent.
/// </summary>
public sealed record StatementVisit(
    DateOnly DateOfService,
    string Provider,
    IReadOnlyList<StatementLine> Lines,
    decimal Charges,
    decimal InsurancePaid,
    decimal Adjustments,
    decimal PatientPaid,
    decimal WithInsurance,
    decimal PatientDue);

public sealed record StatementPatient(int PatientId, string Name, IReadOnlyList<StatementVisit> Visits, decimal UnappliedCredit, decimal PatientDue);

/// <summary>The patient due by the age of the service (days from date of service to statement date); credits go to the oldest first.</summary>
public sealed record StatementAging(decimal Current, decimal Days31To60, decimal Days61To90, decimal Days91To120, decimal Over120)
{
    public decimal Total => Current + Days31To60 + Days61To90 + Days91To120 + Over120;
}

/// <summary>Everything one statement prints. Stored as JSON on the statement, so it re-prints exactly as sent.</summary>
public sealed record StatementDocument(
    string AccountNumber,
    DateOnly StatementDate,
    string GuarantorName,
    IReadOnlyList<string> MailingAddress,
    string PracticeName,
    IReadOnlyList<string> RemitTo,
    string? PracticePhone,
    IReadOnlyList<StatementPatient> Patients,
    decimal WithInsurance,
    decimal PatientDue,
    StatementAging Aging,
    int DunningCycle,
    IReadOnlyList<string> Messages)
{
    /// <summary>What the guarantor is asked to pay now: the patient due, never below zero (a credit is not a bill).</summary>
    public decimal AmountDueNow => Math.Max(0m, PatientDue);

    /// <summary>Everything still open: with insurance and due from the patient.</summary>
    public decimal AccountBalance => WithInsurance + PatientDue;
}

/// <summary>The dunning cycle of a statement: 1 first statement, then 30/60/90 days past the first unpaid statement.</summary>
public static class DunningCycles
{
    public const int First = 1;
    public const int PastDue = 2;
    public const int SecondNotice = 3;
    public const int FinalNotice = 4;

    public static int ForDaysPastFirstUnpaid(int days) => days < 0 ? First : First + Math.Min(3, days / 30);

    public static string Name(int cycle) => cycle switch
    {
        PastDue => "Past due",
        SecondNotice => "Second notice",
        FinalNotice => "Final notice",
        _ => "First statement",
    };

    public static string? Message(int cycle) => cycle switch
    {
        PastDue => "PAST DUE: this balance is more than 30 days past due. Please pay today.",
        SecondNotice => "SECOND NOTICE: this balance is more than 60 days past due. Please pay now, or call us to set up a payment plan.",
        FinalNotice => "FINAL NOTICE BEFORE COLLECTIONS: this balance is more than 90 days past due. Unless it is paid or you call us within 10 days, the account may be referred to a collection agency.",
        _ => null,
    };
}
