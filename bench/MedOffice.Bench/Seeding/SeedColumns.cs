using NpgsqlTypes;

namespace MedOffice.Bench.Seeding;

public sealed record SeedColumn<TRow>(string Name, NpgsqlDbType PostgresType, Func<TRow, object?> Value);

/// <summary>
/// The columns both seeders write, in one list so SQLite and PostgreSQL get the same rows. Every NOT NULL column of
/// 0001_initial.*.sql is here; the optional ones a front desk rarely fills (gender identity, guarantor details) stay NULL.
/// </summary>
public static class SeedColumns
{
    public static readonly SeedColumn<PayerRow>[] Payers =
    [
        new("Id", NpgsqlDbType.Integer, p => p.Id),
        new("Name", NpgsqlDbType.Varchar, p => p.Name),
        new("PayerIdentifier", NpgsqlDbType.Varchar, p => p.PayerIdentifier),
        new("RequiresMemberId", NpgsqlDbType.Boolean, _ => true),
        new("IsActive", NpgsqlDbType.Boolean, _ => true),
    ];

    public static readonly SeedColumn<PatientRow>[] Patients =
    [
        new("Id", NpgsqlDbType.Integer, p => p.Id),
        new("Mrn", NpgsqlDbType.Varchar, p => p.Mrn),
        new("LegalFirstName", NpgsqlDbType.Varchar, p => p.FirstName),
        new("LegalMiddleName", NpgsqlDbType.Varchar, p => p.MiddleName),
        new("LegalLastName", NpgsqlDbType.Varchar, p => p.LastName),
        new("Suffix", NpgsqlDbType.Varchar, p => p.Suffix),
        new("PreferredName", NpgsqlDbType.Varchar, p => p.PreferredName),
        new("DateOfBirth", NpgsqlDbType.Date, p => p.DateOfBirth),
        new("SexAtBirth", NpgsqlDbType.Varchar, p => p.SexAtBirth),
        new("AddressLine1", NpgsqlDbType.Varchar, p => p.AddressLine1),
        new("AddressLine2", NpgsqlDbType.Varchar, p => p.AddressLine2),
        new("City", NpgsqlDbType.Varchar, p => p.City),
        new("State", NpgsqlDbType.Varchar, p => p.State),
        new("PostalCode", NpgsqlDbType.Varchar, p => p.PostalCode),
        new("MobilePhone", NpgsqlDbType.Varchar, p => p.MobilePhone),
        new("HomePhone", NpgsqlDbType.Varchar, p => p.HomePhone),
        new("WorkPhone", NpgsqlDbType.Varchar, p => p.WorkPhone),
        new("Email", NpgsqlDbType.Varchar, p => p.Email),
        new("PreferredLanguage", NpgsqlDbType.Varchar, p => p.PreferredLanguage),
        new("PreferredContactChannel", NpgsqlDbType.Varchar, p => p.PreferredContactChannel),
        new("AllowsSms", NpgsqlDbType.Boolean, p => p.AllowsSms),
        new("AllowsEmail", NpgsqlDbType.Boolean, p => p.AllowsEmail),
        new("AllowsVoicemail", NpgsqlDbType.Boolean, p => p.AllowsVoicemail),
        new("EmergencyContactName", NpgsqlDbType.Varchar, p => p.EmergencyContactName),
        new("EmergencyContactRelationship", NpgsqlDbType.Varchar, p => p.EmergencyContactRelationship),
        new("EmergencyContactPhone", NpgsqlDbType.Varchar, p => p.EmergencyContactPhone),
        new("GuarantorRelationship", NpgsqlDbType.Varchar, p => p.GuarantorRelationship),
        new("GuarantorName", NpgsqlDbType.Varchar, p => p.GuarantorName),
        new("Status", NpgsqlDbType.Varchar, p => p.Status),
        new("DeceasedOn", NpgsqlDbType.Date, p => p.DeceasedOn),
        new("MergedIntoPatientId", NpgsqlDbType.Integer, p => p.MergedIntoPatientId),
        new("LastNameKey", NpgsqlDbType.Varchar, p => p.LastNameKey),
        new("FirstNameKey", NpgsqlDbType.Varchar, p => p.FirstNameKey),
        new("LastNameSound", NpgsqlDbType.Varchar, p => p.LastNameSound),
        new("FirstNameSound", NpgsqlDbType.Varchar, p => p.FirstNameSound),
        new("CreatedAt", NpgsqlDbType.TimestampTz, p => p.CreatedAt),
        new("UpdatedAt", NpgsqlDbType.TimestampTz, p => p.UpdatedAt),
    ];

    public static readonly SeedColumn<CoverageRow>[] Coverages =
    [
        new("PatientId", NpgsqlDbType.Integer, c => c.PatientId),
        new("PayerId", NpgsqlDbType.Integer, c => c.PayerId),
        new("PlanName", NpgsqlDbType.Varchar, c => c.PlanName),
        new("MemberId", NpgsqlDbType.Varchar, c => c.MemberId),
        new("MemberIdKey", NpgsqlDbType.Varchar, c => c.MemberIdKey),
        new("GroupNumber", NpgsqlDbType.Varchar, c => c.GroupNumber),
        new("Priority", NpgsqlDbType.Integer, _ => MedOffice.Patients.CoveragePriorities.Primary),
        new("SubscriberRelationship", NpgsqlDbType.Varchar, _ => MedOffice.Patients.SubscriberRelationships.Self),
        new("SubscriberFirstName", NpgsqlDbType.Varchar, c => c.SubscriberFirstName),
        new("SubscriberLastName", NpgsqlDbType.Varchar, c => c.SubscriberLastName),
        new("SubscriberDateOfBirth", NpgsqlDbType.Date, c => c.SubscriberDateOfBirth),
        new("SubscriberSex", NpgsqlDbType.Varchar, c => c.SubscriberSex),
        new("EffectiveOn", NpgsqlDbType.Date, c => c.EffectiveOn),
        new("Copay", NpgsqlDbType.Numeric, c => c.Copay),
        new("CreatedAt", NpgsqlDbType.TimestampTz, c => c.CreatedAt),
        new("UpdatedAt", NpgsqlDbType.TimestampTz, c => c.UpdatedAt),
    ];

    public static string ColumnList<TRow>(IEnumerable<SeedColumn<TRow>> columns) =>
        string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
}
