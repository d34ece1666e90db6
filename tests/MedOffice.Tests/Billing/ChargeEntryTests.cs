using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Billing;

public class ChargeEntryTests
{
    // The test office's clock stands at Monday 2026-03-16 15:00 UTC (10:00 in Chicago).
    private static readonly DateTime Today1000 = new(2026, 3, 16, 10, 0, 0);
    private static readonly Actor Biller = BillingClinic.Biller;

    /// <summary>A visit whose type's superbill is 99213 and 36415, an Aetna primary with its own fees for 99213.</summary>
    private static async Task<(BillingClinic Clinic, ChargeSheet Sheet, Payer Aetna)> StartedSheetAsync(TestOffice office, DateTime? localStart = null)
    {
        var clinic = await BillingClinic.CreateAsync(office);
        var aetna = await office.AddPayerAsync("Aetna");
        await office.AddCoverageAsync(clinic.Clinic.Patient.Id, aetna, "W123456789");
        await clinic.ScheduleAsync("Office 2026", null, new DateOnly(2026, 1, 1), null, ("99213", "", 130m), ("36415", "", 12.5m), ("93000", "", 65m));
        await clinic.ScheduleAsync("Aetna 2026", aetna.Id, new DateOnly(2026, 1, 1), null, ("99213", "", 98.4m));
        var set = await clinic.Superbills().SetAsync(clinic.Clinic.FollowUp.Id, [new("99213", null, 1), new("36415", null, 2)], Biller);
        Assert.True(set!.Succeeded, string.Join("; ", set.Errors));
        var visit = await clinic.VisitAsync(localStart ?? Today1000);
        var started = await clinic.Charges().StartFromAppointmentAsync(visit.Id, Biller);
        Assert.True(started!.Succeeded, string.Join("; ", started.Errors));
        return (clinic, started.Value!, aetna);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_sheet_from_a_visit_is_prefilled_from_the_superbill_at_the_primary_payers_fees(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office, new DateTime(2026, 3, 17, 16, 30, 0));

        await using var db = office.NewContext();
        var saved = await db.ChargeSheets.Include(s => s.Lines).SingleAsync(s => s.Id == sheet.Id);
        Assert.Equal((ChargeSheetStatuses.Draft, new DateOnly(2026, 3, 17), "11", clinic.Alvarez.Id, clinic.Clinic.Location.Id, clinic.Clinic.Patient.Id),
            (saved.Status, saved.DateOfService, saved.PlaceOfServiceCode, saved.RenderingProviderId, saved.LocationId, saved.PatientId));
        Assert.Equal([(1, "99213", 1m, 98.4m), (2, "36415", 2m, 25m)],
            saved.Lines.OrderBy(l => l.LineNumber).Select(l => (l.LineNumber, l.ProcedureCode, l.Units, l.Amount)));
        // Opening the visit again opens the same sheet.
        var again = await clinic.Charges().StartFromAppointmentAsync(sheet.AppointmentId!.Value, Biller);
        Assert.Equal(sheet.Id, again!.Value!.Id);
        Assert.Equal(1, await db.ChargeSheets.CountAsync());
        Assert.Null(await clinic.Charges().StartFromAppointmentAsync(9999, Biller));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_problem_on_entry_comes_back_at_once_named_by_field(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office);
        var charges = clinic.Charges();

        var refused = await charges.SaveAsync(sheet.Id, new SaveChargeSheet(
            new ChargeSheetDetails(clinic.Alvarez.Id, "1", "Jane", "Referrer", "1234567890"),
            ["E11.9", "E11", "I10", "E119", "X99.9"],
            [
                new("99213", ["25", "QQ", "59", "26", "25"], 1, null, "1,3"),
                new("9921", null, 0, -5m, "1,6,x"),
                new("36415", null, 1.005m, null, "1,2,3,4,5"),
                new("G0438", null, 1, null, "1"),
            ]), Biller);

        Assert.NotNull(refused);
        var errors = refused.Errors.Select(e => $"{e.Field}: {e.Message}").ToList();
        Assert.Equal([
            "PlaceOfServiceCode: '1' is not a Place of Service code (two digits, e.g. 11 for an office).",
            "ReferringProviderNpi: '1234567890' is not a valid NPI: ten digits, the last a check digit (Luhn with the 80840 prefix).",
            "Diagnoses[1]: E11 (Type 2 diabetes mellitus) is a category header, not billable: code it to the full depth, e.g. E11.9.",
            "Diagnoses[3]: E11.9 is already diagnosis 1 on this sheet.",
            "Diagnoses[4]: X99.9 is not an ICD-10-CM code in FY2026.",
            "Lines[0].Modifiers: A line carries at most 4 modifiers; this one has 5.",
            "Lines[0].Modifiers: Modifier 25 is given twice.",
            "Lines[0].Modifiers: Modifier QQ is not in the office's modifier list.",
            "Lines[1].ProcedureCode: '9921' is not a CPT code (five digits, or four and F, T or U) or a HCPCS code (a letter A–V and four digits).",
            "Lines[1].Units: Units must be more than 0, with at most two decimals.",
            "Lines[1].DiagnosisPointers: Pointer 6 points past the 5 diagnoses on this sheet.",
            "Lines[1].DiagnosisPointers: 'x' is not a diagnosis pointer (a number from 1 to 12).",
            "Lines[1].Amount: The charge cannot be negative.",
            "Lines[2].Units: Units must be more than 0, with at most two decimals.",
            "Lines[2].DiagnosisPointers: A line points at most at 4 diagnoses; this one points at 5.",
            "Lines[3].ProcedureCode: HCPCS G0438 is not in the loaded HCPCS file.",
        ], errors);

        var pointerPastEnd = await charges.AddLineAsync(sheet.Id, new ChargeLineInput("93000", null, 1, null, "1"), Biller);
        Assert.Equal("Pointer 1 points at a diagnosis, but this sheet has none yet: add the diagnoses first.", pointerPastEnd!.Errors.Single().Message);
        Assert.Equal("Lines[2].DiagnosisPointers", pointerPastEnd.Errors.Single().Field);
        var unpriced = await charges.AddLineAsync(sheet.Id, new ChargeLineInput("99214"), Biller);
        Assert.Equal(("Lines[2].Amount", "No fee schedule prices 99214 on 2026-03-16: type the charge."), (unpriced!.Errors[0].Field, unpriced.Errors[0].Message));
        var named = await charges.UpdateDetailsAsync(sheet.Id, new ChargeSheetDetails(clinic.Alvarez.Id, "11", "Jane", null, null), Biller);
        Assert.Equal(["ReferringProviderNpi"], named!.Errors.Select(e => e.Field));

        // Nothing of the refused saves reached the sheet.
        await using var db = office.NewContext();
        var saved = await db.ChargeSheets.Include(s => s.Lines).Include(s => s.Diagnoses).SingleAsync(s => s.Id == sheet.Id);
        Assert.Empty(saved.Diagnoses);
        Assert.Equal(2, saved.Lines.Count);
        Assert.Null(saved.ReferringProviderNpi);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_complete_sheet_is_released_and_then_refuses_every_edit(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office);
        var charges = clinic.Charges();

        var incomplete = await charges.ReleaseAsync(sheet.Id, Biller);
        Assert.Equal([
            "Diagnoses: Add at least one diagnosis before releasing.",
            "Lines[0].DiagnosisPointers: Point the line at the diagnoses it treats (1 to 4 of them, e.g. 1,2).",
            "Lines[1].DiagnosisPointers: Point the line at the diagnoses it treats (1 to 4 of them, e.g. 1,2).",
        ], incomplete!.Errors.Select(e => $"{e.Field}: {e.Message}"));

        Assert.True((await charges.AddDiagnosisAsync(sheet.Id, "e11.9", Biller))!.Succeeded);
        Assert.True((await charges.AddDiagnosisAsync(sheet.Id, "I10", Biller))!.Succeeded);
        Assert.True((await charges.UpdateLineAsync(sheet.Id, 1, new ChargeLineInput("99213", ["25"], 1, null, "1,2"), Biller))!.Succeeded);
        Assert.True((await charges.UpdateLineAsync(sheet.Id, 2, new ChargeLineInput("36415", null, 1, 15m, "1"), Biller))!.Succeeded);
        var referred = await charges.UpdateDetailsAsync(sheet.Id, new ChargeSheetDetails(clinic.Okafor.Id, "11", "Jane", "Referrer", clinic.Alvarez.Npi), Biller);
        Assert.True(referred!.Succeeded, string.Join("; ", referred.Errors));

        var released = await charges.ReleaseAsync(sheet.Id, Biller);
        Assert.True(released!.Succeeded, string.Join("; ", released.Errors));
        await using (var db = office.NewContext())
        {
            var saved = await db.ChargeSheets.Include(s => s.Lines).Include(s => s.Diagnoses).SingleAsync(s => s.Id == sheet.Id);
            Assert.Equal((ChargeSheetStatuses.Released, "biller", office.Clock.GetUtcNow().UtcDateTime), (saved.Status, saved.ReleasedBy, saved.ReleasedAt));
            Assert.Equal(["E119", "I10"], saved.Diagnoses.OrderBy(d => d.Sequence).Select(d => d.Code));
            Assert.Equal([("99213", "25", 98.4m, "1,2"), ("36415", "", 15m, "1")],
                saved.Lines.OrderBy(l => l.LineNumber).Select(l => (l.ProcedureCode, l.Modifier1, l.Amount, l.DiagnosisPointers)));
            Assert.Equal((clinic.Okafor.Id, clinic.Alvarez.Npi, "Referrer"), (saved.RenderingProviderId, saved.ReferringProviderNpi, saved.ReferringProviderLastName));
            // Released charges are on the patient's account at once, one Charge entry per line.
            var lineIds = saved.Lines.Select(l => (int?)l.Id).ToList();
            Assert.Equal([98.4m, 15m], await db.LedgerEntries.Where(e => e.Kind == MedOffice.Ledger.LedgerKinds.Charge && lineIds.Contains(e.ChargeLineId))
                .OrderBy(e => e.Id).Select(e => e.Amount).ToListAsync());
            Assert.Equal(113.4m, (await new MedOffice.Ledger.PatientLedger(db, office.Clock).PatientBalanceAsync(saved.PatientId)).Total);
        }

        foreach (var edit in new[]
        {
            await charges.AddDiagnosisAsync(sheet.Id, "J06.9", Biller),
            await charges.RemoveDiagnosisAsync(sheet.Id, 2, Biller),
            await charges.AddLineAsync(sheet.Id, new ChargeLineInput("93000", null, 1, null, "1"), Biller),
            await charges.UpdateLineAsync(sheet.Id, 1, new ChargeLineInput("99214", null, 1, 1m, "1"), Biller),
            await charges.RemoveLineAsync(sheet.Id, 1, Biller),
            await charges.UpdateDetailsAsync(sheet.Id, new ChargeSheetDetails(clinic.Alvarez.Id, "11"), Biller),
        })
        {
            Assert.Equal(("Status", ChargeEntry.FrozenMessage), (edit!.Errors.Single().Field, edit.Errors.Single().Message));
        }
        Assert.Equal("This charge sheet is already released.", (await charges.ReleaseAsync(sheet.Id, Biller))!.Errors.Single().Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Removing_a_diagnosis_moves_the_later_ones_up_and_their_pointers_follow(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office);
        var charges = clinic.Charges();
        var saved = await charges.SaveAsync(sheet.Id, new SaveChargeSheet(null, ["E11.9", "I10", "J06.9"],
            [new("99213", null, 1, null, "1,3"), new("36415", null, 1, null, "3,2")]), Biller);
        Assert.True(saved!.Succeeded, string.Join("; ", saved.Errors));

        var removed = await charges.RemoveDiagnosisAsync(sheet.Id, 2, Biller);

        Assert.True(removed!.Succeeded, string.Join("; ", removed.Errors));
        await using var db = office.NewContext();
        Assert.Equal([(1, "E119"), (2, "J069")], (await db.ChargeDiagnoses.Where(d => d.ChargeSheetId == sheet.Id).OrderBy(d => d.Sequence).ToListAsync()).Select(d => (d.Sequence, d.Code)));
        Assert.Equal(["1,2", "2"], await db.ChargeLines.Where(l => l.ChargeSheetId == sheet.Id).OrderBy(l => l.LineNumber).Select(l => l.DiagnosisPointers).ToListAsync());
        Assert.Equal("That diagnosis or line is no longer on the sheet: reload it.", (await charges.RemoveDiagnosisAsync(sheet.Id, 7, Biller))!.Errors.Single().Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Void_and_replace_makes_a_linked_draft_copied_from_the_released_sheet(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office);
        var charges = clinic.Charges();
        Assert.True((await charges.SaveAsync(sheet.Id, new SaveChargeSheet(null, ["I10"], [new("99213", null, 1, null, "1")]), Biller))!.Succeeded);
        Assert.True((await charges.ReleaseAsync(sheet.Id, Biller))!.Succeeded);

        Assert.Equal(["Reason"], (await charges.ReplaceAsync(sheet.Id, " ", Biller))!.Errors.Select(e => e.Field));
        var replaced = await charges.ReplaceAsync(sheet.Id, "Wrong level of service", Biller);

        Assert.True(replaced!.Succeeded, string.Join("; ", replaced.Errors));
        var draft = replaced.Value!;
        await using (var db = office.NewContext())
        {
            var old = await db.ChargeSheets.SingleAsync(s => s.Id == sheet.Id);
            Assert.Equal((ChargeSheetStatuses.Voided, "Wrong level of service", "biller"), (old.Status, old.VoidReason, old.VoidedBy));
            var copy = await db.ChargeSheets.Include(s => s.Lines).Include(s => s.Diagnoses).SingleAsync(s => s.Id == draft.Id);
            Assert.Equal((ChargeSheetStatuses.Draft, sheet.Id, sheet.AppointmentId, sheet.DateOfService), (copy.Status, copy.ReplacesChargeSheetId, copy.AppointmentId, copy.DateOfService));
            Assert.Equal(["I10"], copy.Diagnoses.Select(d => d.Code));
            Assert.Equal([("99213", 98.4m, "1")], copy.Lines.Select(l => (l.ProcedureCode, l.Amount, l.DiagnosisPointers)));
        }
        // The visit now opens the replacement; the voided sheet cannot be voided again, and the draft can be changed.
        Assert.Equal(draft.Id, (await charges.StartFromAppointmentAsync(sheet.AppointmentId!.Value, Biller))!.Value!.Id);
        Assert.StartsWith("This charge sheet was already voided", (await charges.VoidAsync(sheet.Id, "again", Biller))!.Errors.Single().Message, StringComparison.Ordinal);
        Assert.True((await charges.UpdateLineAsync(draft.Id, 1, new ChargeLineInput("99214", null, 1, 160m, "1"), Biller))!.Succeeded);
        Assert.True((await charges.VoidAsync(draft.Id, "Visit not billable", Biller))!.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reads_and_changes_of_charges_are_audited_under_the_patient_and_old_drafts_await_review(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var (clinic, sheet, _) = await StartedSheetAsync(office);
        office.Clock.Advance(TimeSpan.FromDays(7));
        var charges = clinic.Charges();
        var before = (await office.AuditRowsAsync()).Count;

        Assert.NotNull(await charges.GetAsync(sheet.Id, Biller));
        Assert.True((await charges.AddDiagnosisAsync(sheet.Id, "I10", Biller))!.Succeeded);
        Assert.Single(await clinic.Queries().ForPatientAsync(clinic.Clinic.Patient.Id, Biller));
        var rows = (await office.AuditRowsAsync()).Skip(before).ToList();

        Assert.Equal([(AuditActions.Read, $"charge sheet {sheet.Id}"), (AuditActions.Update, $"charge sheet {sheet.Id}: diagnosis I10 added"), (AuditActions.Read, "charges of the patient: 1 sheets")],
            rows.Select(r => (r.Action, r.Detail)));
        Assert.All(rows, r => Assert.Equal((clinic.Clinic.Patient.Id, AuditCategories.Billing, "biller"), (r.PatientId!.Value, r.Category, r.UserName)));
        var created = (await office.AuditRowsAsync()).Single(r => r.Action == AuditActions.Create && r.Category == AuditCategories.Billing && r.PatientId is not null);
        Assert.Equal(clinic.Clinic.Patient.Id, created.PatientId);

        var review = clinic.Queries();
        var old = Assert.Single(await review.ToReviewAsync(7, null, Biller));
        Assert.Equal((sheet.Id, "Quintero, Rosa", "Inés Alvarez", 7, 2, 123.4m), (old.Id, old.PatientName, old.ProviderName, old.AgeDays, old.Lines, old.Total));
        Assert.Empty(await review.ToReviewAsync(8, null, Biller));
        Assert.Empty(await review.ToReviewAsync(0, clinic.Okafor.Id, Biller));
        Assert.Single(await review.ToReviewAsync(0, clinic.Alvarez.Id, Biller));
    }
}
