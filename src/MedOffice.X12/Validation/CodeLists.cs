namespace MedOffice.X12.Validation;

/// <summary>The external and internal code lists the schemas refer to as <c>=@Name</c>.</summary>
internal static class CodeLists
{
    private static readonly Dictionary<string, HashSet<string>> Lists = new(StringComparer.Ordinal)
    {
        // CMS Place of Service codes (code source 237).
        ["POS"] = Set("01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 31 32 33 34 41 42 49 50 51 52 53 54 55 56 57 58 60 61 62 65 66 71 72 81 99"),
        // Claim frequency type codes a professional claim uses (code source 235): original, corrected, replacement, void.
        ["Frequency"] = Set("1 6 7 8"),
        // SBR01 / payer responsibility sequence.
        ["Responsibility"] = Set("A B C D E F G H P S T U"),
        // SBR09 / claim filing indicator.
        ["ClaimFiling"] = Set("11 12 13 14 15 16 17 AM BL CH CI DS FI HM LM MA MB MC OF TV VA WC ZZ"),
        // Individual relationship codes for the patient (PAT01) and other subscribers (2320 SBR02).
        ["Relationship"] = Set("01 18 19 20 21 39 40 53 G8"),
        ["PatientRelationship"] = Set("01 19 20 21 39 40 53 G8"),
        // Claim adjustment group codes (CAS01).
        ["AdjustmentGroup"] = Set("CO CR OA PI PR"),
        // US states, DC and territories, plus Canadian provinces (N402 when the country is US or CA).
        ["State"] = Set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS FM GU MH MP PW PR VI AA AE AP AB BC MB NB NL NS NT NU ON PE QC SK YT"),
        ["Gender"] = Set("F M U"),
        ["DateFormat"] = Set("D8 RD8"),
        // Diagnosis code list qualifiers: ICD-10-CM (ABK principal, ABF other) and ICD-9-CM (BK, BF) for older dates of service.
        ["PrincipalDiagnosis"] = Set("ABK BK"),
        ["OtherDiagnosis"] = Set("ABF BF"),
        ["ProcedureQualifier"] = Set("ER HC IV WK"),
        ["Unit"] = Set("MJ UN"),
        ["ContactQualifier"] = Set("EM FX TE EX"),
    };

    public static HashSet<string> Get(string name) =>
        Lists.TryGetValue(name, out var list) ? list : throw new KeyNotFoundException($"No code list {name}.");

    private static HashSet<string> Set(string codes) => new(codes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
