namespace MedOffice.Patients;

/// <summary>What staff enter to register or edit a patient: the same shape for the form and the API.</summary>
public sealed class PatientDetails
{
    public string LegalFirstName { get; set; } = "";
    public string? LegalMiddleName { get; set; }
    public string LegalLastName { get; set; } = "";
    public string? Suffix { get; set; }
    public string? PreferredName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string SexAtBirth { get; set; } = "";
    public string? GenderIdentity { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? MobilePhone { get; set; }
    public string? HomePhone { get; set; }
    public string? WorkPhone { get; set; }
    public string? Email { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? PreferredContactChannel { get; set; }
    public bool AllowsSms { get; set; }
    public bool AllowsEmail { get; set; }
    public bool AllowsVoicemail { get; set; }
    public string? EmergencyContactName { get; set; }
    public string? EmergencyContactRelationship { get; set; }
    public string? EmergencyContactPhone { get; set; }
    public string? GuarantorRelationship { get; set; }
    public string? GuarantorName { get; set; }
    public DateOnly? GuarantorDateOfBirth { get; set; }
    public string? GuarantorPhone { get; set; }
    public string? GuarantorAddress { get; set; }
    public string? Status { get; set; }
    public DateOnly? DeceasedOn { get; set; }

    public static PatientDetails From(Patient p) => new()
    {
        LegalFirstName = p.LegalFirstName, LegalMiddleName = p.LegalMiddleName, LegalLastName = p.LegalLastName, Suffix = p.Suffix,
        PreferredName = p.PreferredName, DateOfBirth = p.DateOfBirth, SexAtBirth = p.SexAtBirth, GenderIdentity = p.GenderIdentity,
        AddressLine1 = p.AddressLine1, AddressLine2 = p.AddressLine2, City = p.City, State = p.State, PostalCode = p.PostalCode,
        MobilePhone = ContactFormats.FormatPhone(p.MobilePhone), HomePhone = ContactFormats.FormatPhone(p.HomePhone),
        WorkPhone = ContactFormats.FormatPhone(p.WorkPhone), Email = p.Email, PreferredLanguage = p.PreferredLanguage,
        PreferredContactChannel = p.PreferredContactChannel, AllowsSms = p.AllowsSms, AllowsEmail = p.AllowsEmail,
        AllowsVoicemail = p.AllowsVoicemail, EmergencyContactName = p.EmergencyContactName,
        EmergencyContactRelationship = p.EmergencyContactRelationship, EmergencyContactPhone = ContactFormats.FormatPhone(p.EmergencyContactPhone),
        GuarantorRelationship = p.GuarantorRelationship, GuarantorName = p.GuarantorName, GuarantorDateOfBirth = p.GuarantorDateOfBirth,
        GuarantorPhone = ContactFormats.FormatPhone(p.GuarantorPhone), GuarantorAddress = p.GuarantorAddress, Status = p.Status,
        DeceasedOn = p.DeceasedOn,
    };

    /// <summary>Checks every field and, when all are right, writes them to <paramref name="patient"/>. Nothing is written otherwise.</summary>
    public List<FieldError> ApplyTo(Patient patient, DateOnly today)
    {
        var errors = new List<FieldError>();
        var first = Required(LegalFirstName, nameof(LegalFirstName), "Enter the legal first name.", 100, errors);
        var last = Required(LegalLastName, nameof(LegalLastName), "Enter the legal last name.", 100, errors);
        if (first is not null && NameKeys.Normalize(first).Length == 0)
        {
            errors.Add(new(nameof(LegalFirstName), "The first name must contain letters."));
        }
        if (last is not null && NameKeys.Normalize(last).Length == 0)
        {
            errors.Add(new(nameof(LegalLastName), "The last name must contain letters."));
        }
        Optional(LegalMiddleName, nameof(LegalMiddleName), 100, errors);
        Optional(Suffix, nameof(Suffix), 20, errors);
        Optional(PreferredName, nameof(PreferredName), 100, errors);
        Optional(GenderIdentity, nameof(GenderIdentity), 64, errors);

        if (DateOfBirth is not { } dob)
        {
            errors.Add(new(nameof(DateOfBirth), "Enter the date of birth."));
        }
        else if (dob > today)
        {
            errors.Add(new(nameof(DateOfBirth), "The date of birth cannot be in the future."));
        }
        else if (dob < today.AddYears(-130))
        {
            errors.Add(new(nameof(DateOfBirth), "The date of birth is more than 130 years ago; check the year."));
        }
        if (!SexesAtBirth.All.Contains(SexAtBirth))
        {
            errors.Add(new(nameof(SexAtBirth), "Choose the sex at birth: F, M or U (unknown)."));
        }

        Optional(AddressLine1, nameof(AddressLine1), 200, errors);
        Optional(AddressLine2, nameof(AddressLine2), 200, errors);
        Optional(City, nameof(City), 100, errors);
        var state = string.IsNullOrWhiteSpace(State) ? null : State.Trim().ToUpperInvariant();
        if (state is not null && !ContactFormats.UsStates.Contains(state))
        {
            errors.Add(new(nameof(State), $"'{State}' is not a US state or territory code (e.g. TX)."));
        }
        var zip = string.IsNullOrWhiteSpace(PostalCode) ? null : PostalCode.Trim();
        if (zip is not null && !ContactFormats.IsZip(zip))
        {
            errors.Add(new(nameof(PostalCode), "The ZIP code must be 5 digits or ZIP+4 (12345-6789)."));
        }

        var mobile = Phone(MobilePhone, nameof(MobilePhone), errors);
        var home = Phone(HomePhone, nameof(HomePhone), errors);
        var work = Phone(WorkPhone, nameof(WorkPhone), errors);
        var emergencyPhone = Phone(EmergencyContactPhone, nameof(EmergencyContactPhone), errors);
        var guarantorPhone = Phone(GuarantorPhone, nameof(GuarantorPhone), errors);
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (email is not null && !ContactFormats.IsEmail(email))
        {
            errors.Add(new(nameof(Email), $"'{Email}' is not an e-mail address (name@example.com)."));
        }
        var channel = string.IsNullOrWhiteSpace(PreferredContactChannel) ? ContactChannels.Phone : PreferredContactChannel;
        if (!ContactChannels.All.Contains(channel))
        {
            errors.Add(new(nameof(PreferredContactChannel), "Choose Phone, Sms, Email or Mail."));
        }
        else if (channel == ContactChannels.Email && email is null)
        {
            errors.Add(new(nameof(Email), "E-mail is the preferred contact: enter the e-mail address."));
        }
        else if (channel == ContactChannels.Sms && mobile is null)
        {
            errors.Add(new(nameof(MobilePhone), "Text messages are the preferred contact: enter the mobile phone."));
        }
        Optional(EmergencyContactName, nameof(EmergencyContactName), 200, errors);
        Optional(EmergencyContactRelationship, nameof(EmergencyContactRelationship), 64, errors);
        Optional(PreferredLanguage, nameof(PreferredLanguage), 64, errors);

        var guarantor = string.IsNullOrWhiteSpace(GuarantorRelationship) ? GuarantorRelationships.Self : GuarantorRelationship;
        if (!GuarantorRelationships.All.Contains(guarantor))
        {
            errors.Add(new(nameof(GuarantorRelationship), "Choose the guarantor's relationship: Self, Parent, Spouse, LegalGuardian or Other."));
        }
        else if (guarantor != GuarantorRelationships.Self && string.IsNullOrWhiteSpace(GuarantorName))
        {
            errors.Add(new(nameof(GuarantorName), "Enter the guarantor's name (or choose Self)."));
        }
        else if (guarantor == GuarantorRelationships.Self && DateOfBirth is { } selfDob && selfDob > today.AddYears(-18) && selfDob <= today)
        {
            errors.Add(new(nameof(GuarantorRelationship), "A minor cannot be their own guarantor: enter the parent or guardian."));
        }
        Optional(GuarantorName, nameof(GuarantorName), 200, errors);
        Optional(GuarantorAddress, nameof(GuarantorAddress), 300, errors);
        if (GuarantorDateOfBirth is { } gdob && gdob > today)
        {
            errors.Add(new(nameof(GuarantorDateOfBirth), "The guarantor's date of birth cannot be in the future."));
        }

        var status = string.IsNullOrWhiteSpace(Status) ? PatientStatuses.Active : Status;
        if (!PatientStatuses.All.Contains(status))
        {
            errors.Add(new(nameof(Status), "Choose Active, Inactive or Deceased."));
        }
        if (status == PatientStatuses.Deceased && DeceasedOn is { } died && (died > today || (DateOfBirth is { } born && died < born)))
        {
            errors.Add(new(nameof(DeceasedOn), "The date of death must be between the date of birth and today."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        patient.LegalFirstName = first!;
        patient.LegalMiddleName = Trimmed(LegalMiddleName);
        patient.LegalLastName = last!;
        patient.Suffix = Trimmed(Suffix);
        patient.PreferredName = Trimmed(PreferredName);
        patient.DateOfBirth = DateOfBirth!.Value;
        patient.SexAtBirth = SexAtBirth;
        patient.GenderIdentity = Trimmed(GenderIdentity);
        patient.AddressLine1 = Trimmed(AddressLine1);
        patient.AddressLine2 = Trimmed(AddressLine2);
        patient.City = Trimmed(City);
        patient.State = state;
        patient.PostalCode = zip;
        patient.MobilePhone = mobile;
        patient.HomePhone = home;
        patient.WorkPhone = work;
        patient.Email = email;
        patient.PreferredLanguage = Trimmed(PreferredLanguage) ?? "English";
        patient.PreferredContactChannel = channel;
        patient.AllowsSms = AllowsSms;
        patient.AllowsEmail = AllowsEmail;
        patient.AllowsVoicemail = AllowsVoicemail;
        patient.EmergencyContactName = Trimmed(EmergencyContactName);
        patient.EmergencyContactRelationship = Trimmed(EmergencyContactRelationship);
        patient.EmergencyContactPhone = emergencyPhone;
        patient.GuarantorRelationship = guarantor;
        var isSelf = guarantor == GuarantorRelationships.Self;
        patient.GuarantorName = isSelf ? null : Trimmed(GuarantorName);
        patient.GuarantorDateOfBirth = isSelf ? null : GuarantorDateOfBirth;
        patient.GuarantorPhone = isSelf ? null : guarantorPhone;
        patient.GuarantorAddress = isSelf ? null : Trimmed(GuarantorAddress);
        patient.Status = status;
        patient.DeceasedOn = status == PatientStatuses.Deceased ? DeceasedOn : null;
        patient.RefreshSearchKeys();
        return errors;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Required(string? value, string field, string message, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, message));
            return null;
        }
        return Optional(value, field, maxLength, errors);
    }

    private static string? Optional(string? value, string field, int maxLength, List<FieldError> errors)
    {
        var trimmed = Trimmed(value);
        if (trimmed is not null && trimmed.Length > maxLength)
        {
            errors.Add(new(field, $"At most {maxLength} characters."));
        }
        return trimmed;
    }

    private static string? Phone(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!ContactFormats.TryParsePhone(value, out var digits))
        {
            errors.Add(new(field, $"'{value}' is not a US phone number: enter 10 digits, e.g. (555) 201-3344."));
            return null;
        }
        return digits;
    }
}
