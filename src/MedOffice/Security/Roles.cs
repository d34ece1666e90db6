namespace MedOffice.Security;

/// <summary>The five staff roles. A user may hold several.</summary>
public static class Roles
{
    public const string FrontDesk = "FrontDesk";
    public const string Clinician = "Clinician";
    public const string Biller = "Biller";
    public const string OfficeManager = "OfficeManager";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [FrontDesk, Clinician, Biller, OfficeManager, Administrator];

    public static string DisplayName(string role) => role switch
    {
        FrontDesk => "Front desk",
        OfficeManager => "Office manager",
        _ => role,
    };
}

/// <summary>
/// What each role may do. Every endpoint names one of these policies; the access test walks every endpoint
/// and checks each role against this table, so it is the single place to read (or change) who reaches what.
/// </summary>
public static class Policies
{
    public const string PatientsRead = "patients.read";
    public const string PatientsWrite = "patients.write";
    public const string PatientsMerge = "patients.merge";
    public const string AuditRead = "audit.read";
    public const string UsersManage = "users.manage";
    public const string PracticeRead = "practice.read";
    public const string PracticeManage = "practice.manage";
    public const string ScheduleRead = "schedule.read";
    public const string ScheduleWrite = "schedule.write";
    public const string ScheduleManage = "schedule.manage";
    public const string FrontDeskWork = "frontdesk.work";
    public const string CodesManage = "codes.manage";
    public const string CodeFavoritesManage = "codes.favorites";
    public const string ClaimsWork = "claims.work";
    public const string ClaimsSetup = "claims.setup";
    public const string ChargesRead = "charges.read";
    public const string ChargesWrite = "charges.write";
    public const string ChargesRelease = "charges.release";
    public const string FeesManage = "fees.manage";
    public const string EligibilityRequest = "eligibility.request";
    public const string RemittancePost = "remittances.post";
    public const string PaymentsTake = "payments.take";
    public const string PaymentsManage = "payments.manage";
    public const string StatementsWork = "statements.work";
    public const string InvoicesWork = "invoices.work";
    public const string ReceivablesRead = "receivables.read";
    public const string WriteOffsApprove = "writeoffs.approve";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [PatientsRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Biller, Roles.OfficeManager],
        [PatientsWrite] = [Roles.FrontDesk, Roles.Biller, Roles.OfficeManager],
        [PatientsMerge] = [Roles.OfficeManager],
        [AuditRead] = [Roles.OfficeManager, Roles.Administrator],
        [UsersManage] = [Roles.Administrator],
        [PracticeRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Biller, Roles.OfficeManager, Roles.Administrator],
        [PracticeManage] = [Roles.OfficeManager, Roles.Administrator],
        // Everyone who works with patients sees the calendar; the front desk and the manager book and move visits;
        // the manager sets up resources, hours, blocks and visit types.
        [ScheduleRead] = [Roles.FrontDesk, Roles.Clinician, Roles.Biller, Roles.OfficeManager],
        [ScheduleWrite] = [Roles.FrontDesk, Roles.OfficeManager],
        [ScheduleManage] = [Roles.OfficeManager],
        // Check-in, rooming and check-out: the desk, the manager, and clinicians (who room their patients).
        [FrontDeskWork] = [Roles.FrontDesk, Roles.Clinician, Roles.OfficeManager],
        // Code files and the office's CPT list are the billing office's; providers keep their own favourites.
        [CodesManage] = [Roles.Biller, Roles.OfficeManager],
        [CodeFavoritesManage] = [Roles.Clinician, Roles.Biller, Roles.OfficeManager],
        // Claims are the billing office's: the worklist, batches, EOBs. Setting up the clearinghouse and billing provider too.
        [ClaimsWork] = [Roles.Biller, Roles.OfficeManager],
        [ClaimsSetup] = [Roles.Biller, Roles.OfficeManager],
        // Charges carry diagnoses, so only those who code or bill see them (not the desk, not the administrator). Clinicians
        // enter the charges of their visits; the billing office reviews and releases them, voids and replaces.
        [ChargesRead] = [Roles.Clinician, Roles.Biller, Roles.OfficeManager],
        [ChargesWrite] = [Roles.Clinician, Roles.Biller, Roles.OfficeManager],
        [ChargesRelease] = [Roles.Biller, Roles.OfficeManager],
        // Fee schedules and superbills are the billing office's price list.
        [FeesManage] = [Roles.Biller, Roles.OfficeManager],
        // Asking payers about coverage (270/271), one patient at check-in or tomorrow's visits overnight, and collecting
        // the clearinghouse's answers: the desk, the billing office and the manager.
        [EligibilityRequest] = [Roles.FrontDesk, Roles.Biller, Roles.OfficeManager],
        // Remittances post money to patients' accounts: the billing office imports them and works the denials.
        [RemittancePost] = [Roles.Biller, Roles.OfficeManager],
        // Patient money: the desk takes copays and payments and sees the account; refunds and closing the day are the billing office's.
        [PaymentsTake] = [Roles.FrontDesk, Roles.Biller, Roles.OfficeManager],
        [PaymentsManage] = [Roles.Biller, Roles.OfficeManager],
        // Patient statements (runs, previews, do-not-send) and invoices to third parties: the billing office.
        [StatementsWork] = [Roles.Biller, Roles.OfficeManager],
        [InvoicesWork] = [Roles.Biller, Roles.OfficeManager],
        // A/R aging, the collections list, asking for write-offs and sending accounts to collections: the billing office.
        // Approving a write-off is the manager's alone (and never the one who asked, checked in WriteOffs).
        [ReceivablesRead] = [Roles.Biller, Roles.OfficeManager],
        [WriteOffsApprove] = [Roles.OfficeManager],
    };
}
