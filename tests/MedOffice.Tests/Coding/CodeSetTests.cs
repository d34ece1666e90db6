using System.Text;
using MedOffice.Coding;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Coding;

public class CodeSetTests
{
    private static readonly Actor Biller = new(3, "biller", "10.0.0.9");
    private static readonly DateOnly InFy2019 = new(2019, 3, 14);

    private static CodeSetImporter Importer(TestOffice office) => new(office.Db, office.Audit, office.Clock);

    private static async Task ImportCorpusIcdAsync(TestOffice office)
    {
        await using var file = File.OpenRead(Corpora.Path("codes/icd10cm/icd10cm_2019_full.tsv"));
        var result = await Importer(office).ImportIcd10CmAsync(file, "icd10cm_2019_full.tsv", null, Biller);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((2019, 94_444, 71_932, "tab-separated"), (result.Value!.Version, result.Value.Rows, result.Value.Billable, result.Value.Layout));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_CMS_year_loads_and_words_find_the_specific_billable_code(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await ImportCorpusIcdAsync(office);
        var codes = new DiagnosisCodes(office.Db, new DiagnosisIndexCache());

        var diabetes = await codes.SearchAsync("type 2 diabetes kidney", InFy2019, providerId: null);
        Assert.Equal(2019, diabetes.FiscalYear);
        Assert.Equal("E11.22", diabetes.Codes[0].Display);
        Assert.All(diabetes.Codes, c => Assert.StartsWith("E11", c.Code, StringComparison.Ordinal));
        // The office may say "renal" where CMS writes "kidney": either word finds the code.
        Assert.Equal("E11.22", (await codes.SearchAsync("type 2 diabetes renal", InFy2019, null)).Codes[0].Display);
        Assert.Equal(["J45.20", "J45.21", "J45.22"], (await codes.SearchAsync("J45.2", InFy2019, null)).Codes.Select(c => c.Display).ToArray()[1..4]);
        Assert.Empty((await codes.SearchAsync("xyzzy plugh", InFy2019, null)).Codes);

        Assert.True((await codes.CheckAsync("e11.22", InFy2019)).IsBillable);
        Assert.Equal("E11.9 (billable)", (await codes.CheckAsync("E119", InFy2019)) is { IsBillable: true, Code: { } c } ? $"{c.Display} (billable)" : "");
        var header = await codes.CheckAsync("E11", InFy2019);
        Assert.False(header.IsBillable);
        Assert.StartsWith("E11 (Type 2 diabetes mellitus) is a category header, not billable: code it to the full depth, e.g. E11.00", header.Problem, StringComparison.Ordinal);
        Assert.Equal("E11.2 (Type 2 diabetes mellitus with kidney complications) is a category header, not billable: code it to the full depth, e.g. E11.21, E11.22, E11.29.",
            (await codes.CheckAsync("E11.2", InFy2019)).Problem);
        // U07.1 (COVID-19) came in FY2020: not in the FY2019 set.
        Assert.Equal("U07.1 is not an ICD-10-CM code in FY2019.", (await codes.CheckAsync("U07.1", InFy2019)).Problem);
        Assert.StartsWith("'E1.22' is not written like an ICD-10-CM code", (await codes.CheckAsync("E1.22", InFy2019)).Problem, StringComparison.Ordinal);
        // A service in FY2020 cannot be checked against FY2019 codes: the office is told to load the year.
        var later = await codes.CheckAsync("E11.22", new DateOnly(2019, 10, 1));
        Assert.Equal("The FY2020 ICD-10-CM codes (services from 2019-10-01) are not loaded, so E11.22 cannot be checked for 2019-10-01: import them under Coding.", later.Problem);
        Assert.Equal("FY2020 codes are not loaded; showing FY2019 (loaded: 2019).", (await codes.SearchAsync("asthma", new DateOnly(2020, 1, 2), null)).Note);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Fiscal_years_are_kept_apart_and_the_order_file_and_codes_list_layouts_load(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        // FY2021 in the CMS order file layout (fixed columns), with U07.1 new that year; FY2019 as the billable codes list.
        var order = new StringBuilder()
            .Append(OrderLine(1, "E11", false, "Type 2 diabetes mellitus", "Type 2 diabetes mellitus"))
            .Append(OrderLine(2, "E119", true, "Type 2 diabetes mellitus without complications", "Type 2 diabetes mellitus without complications"))
            .Append(OrderLine(3, "U071", true, "COVID-19", "COVID-19"))
            .ToString();
        var fy2021 = await Importer(office).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(order)), "icd10cm_order_2021.txt", null, Biller);
        Assert.Equal((2021, 3, 2, "CMS order file"), (fy2021.Value!.Version, fy2021.Value.Rows, fy2021.Value.Billable, fy2021.Value.Layout));
        await using (var list = File.OpenRead(Corpora.Path("codes/icd10cm/icd10cm_codes_2019_billable.txt")))
        {
            var fy2019 = await Importer(office).ImportIcd10CmAsync(list, "icd10cm_codes_2019_billable.txt", null, Biller);
            Assert.Equal((2019, 71_932, "CMS codes list"), (fy2019.Value!.Version, fy2019.Value.Rows, fy2019.Value.Layout));
        }
        var codes = new DiagnosisCodes(office.Db, new DiagnosisIndexCache());

        Assert.True((await codes.CheckAsync("U07.1", new DateOnly(2021, 2, 1))).IsBillable);
        Assert.Equal("U07.1 is not an ICD-10-CM code in FY2019.", (await codes.CheckAsync("U07.1", InFy2019)).Problem);
        Assert.False((await codes.CheckAsync("E11", new DateOnly(2021, 2, 1))).IsBillable);
        // Reloading FY2021 replaces that year only.
        var again = await Importer(office).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(OrderLine(1, "E119", true, "T2DM", "T2DM"))), "order.txt", 2021, Biller);
        Assert.True(again.Succeeded);
        Assert.Equal(1, await office.Db.DiagnosisCodes.CountAsync(c => c.FiscalYear == 2021));
        Assert.Equal(71_932, await office.Db.DiagnosisCodes.CountAsync(c => c.FiscalYear == 2019));
        Assert.Equal("U07.1 is not an ICD-10-CM code in FY2021.", (await codes.CheckAsync("U07.1", new DateOnly(2021, 2, 1))).Problem);
        Assert.Equal(3, await office.Db.CodeSetImports.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_with_bad_lines_is_refused_with_line_numbers_and_changes_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var good = "code\tbillable\tshort_desc\tlong_desc\nE119\t1\tT2DM\tType 2 diabetes mellitus without complications\n";
        Assert.True((await Importer(office).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(good)), "fy2024.tsv", null, Biller)).Succeeded);

        var bad = "code\tbillable\tshort_desc\tlong_desc\nI10\t1\tHTN\tEssential (primary) hypertension\n11E\t1\tx\ty\nI10\t1\tHTN\tAgain\nJ45\tmaybe\tAsthma\tAsthma\n";
        var refused = await Importer(office).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(bad)), "fy2024.tsv", null, Biller);

        Assert.False(refused.Succeeded);
        Assert.Equal([
            "Line 3: expected code, billable (0 or 1), short and long description separated by tabs.",
            "Line 4: I10 appears twice.",
            "Line 5: expected code, billable (0 or 1), short and long description separated by tabs.",
        ], refused.Errors.Select(e => e.Message));
        Assert.Equal(["E119"], await office.Db.DiagnosisCodes.Select(c => c.Code).ToListAsync());
        var noYear = await Importer(office).ImportIcd10CmAsync(new MemoryStream(Encoding.UTF8.GetBytes(good)), "codes.tsv", null, Biller);
        Assert.Equal("Say which fiscal year codes.tsv holds (e.g. 2025): the file name does not.", noYear.Errors[0].Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task HCPCS_loads_with_modifiers_and_the_office_adds_its_own_CPT(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using (var file = File.OpenRead(Corpora.Path("codes/hcpcs/hcpcs_level_2_tuva_2022.csv")))
        {
            var hcpcs = await Importer(office).ImportHcpcsAsync(file, "hcpcs_level_2_tuva_2022.csv", Biller);
            Assert.True(hcpcs.Succeeded, string.Join("; ", hcpcs.Errors));
            Assert.Equal(2022, hcpcs.Value!.Version);
        }
        var procedures = new ProcedureCodes(office.Db, office.Audit);

        var wellness = await procedures.CheckAsync("g0438");
        Assert.True(wellness.IsBillable);
        Assert.StartsWith("Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit", wellness.Code!.LongDescription, StringComparison.Ordinal);
        // G0503's long description runs over a continuation record.
        Assert.EndsWith("goals and are prepared for discharge from active treatment", (await procedures.CheckAsync("G0503")).Code!.LongDescription, StringComparison.Ordinal);
        Assert.Contains(await procedures.SearchAsync("dexamethasone injection", null), c => c.Code == "J1100");
        Assert.Empty(await procedures.UnknownModifiersAsync(["A1", "lt"]));
        Assert.Equal(["Modifier 25 is not in the office's modifier list.", "'X' is not a modifier (two letters or digits)."],
            await procedures.UnknownModifiersAsync(["25", "X"]));

        Assert.Equal("CPT 99213 is not in the office's CPT list: add it with the office's description under Coding.", (await procedures.CheckAsync("99213")).Problem);
        var cpt = "code,description\n99213,\"Office visit, established patient, low complexity\"\n99214,Office visit established patient moderate complexity\n";
        var loaded = await Importer(office).ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes(cpt)), "office-cpt.csv", Biller);
        Assert.Equal(2, loaded.Value!.Rows);
        Assert.True((await procedures.CheckAsync("99213")).IsBillable);
        Assert.True((await Importer(office).SaveModifierAsync("25", "Separate E/M on the day of a procedure", Biller)).Succeeded);
        Assert.Empty(await procedures.UnknownModifiersAsync(["25"]));
        Assert.StartsWith("'9921' is not a CPT code", (await procedures.CheckAsync("9921")).Problem, StringComparison.Ordinal);
        var badCpt = await Importer(office).ImportCptAsync(new MemoryStream(Encoding.UTF8.GetBytes("code,description\nA123,x\n99215,\n")), "cpt.csv", Biller);
        Assert.Equal(["Line 2: 'A123' is not a CPT code (five digits, or four and F, T or U).", "Line 3: 99215 has no description."], badCpt.Errors.Select(e => e.Message));
        Assert.Equal("Office", (await office.Db.BillingModifiers.SingleAsync(m => m.Code == "25")).Source);
        Assert.Equal("Office", (await office.Db.PlacesOfService.SingleAsync(p => p.Code == "11")).Name);
    }

    [Fact]
    public void Code_values_validate_on_creation()
    {
        Assert.True(IcdCode.TryParse(" s72.001a ", out var fracture));
        Assert.Equal(("S72001A", "S72.001A"), (fracture.Value.Value, fracture.Value.Display));
        Assert.False(IcdCode.TryParse("S7.2001", out _));
        Assert.False(IcdCode.TryParse("S72.", out _));
        Assert.False(IcdCode.TryParse("S72.0011A", out _));
        Assert.Equal(2020, IcdCode.FiscalYearOf(new DateOnly(2019, 10, 1)));
        Assert.Equal(2019, IcdCode.FiscalYearOf(new DateOnly(2019, 9, 30)));
        Assert.Equal("CPT", ProcedureCode.TryParse("0001U", out var pla) ? pla.Value.CodeSystem : "");
        Assert.Equal("HCPCS", ProcedureCode.TryParse("j1100", out var drug) ? drug.Value.CodeSystem : "");
        Assert.False(ProcedureCode.TryParse("W1100", out _));
        Assert.True(TaxonomyCode.TryParse("207q00000x", out _));
        Assert.False(TaxonomyCode.TryParse("207Q00000", out _));
        Assert.False(TaxonomyCode.TryParse("2O7Q00000X", out _));
    }

    private static string OrderLine(int order, string code, bool billable, string shortText, string longText) =>
        $"{order:00000} {code,-7} {(billable ? 1 : 0)} {shortText,-60} {longText}\n";
}
