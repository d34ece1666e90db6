using System.Text;
using MedOffice.Billing;
using MedOffice.Data;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Billing;

public class FeeScheduleTests
{
    private static readonly MedOffice.Security.Actor Biller = BillingClinic.Biller;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_fee_comes_from_the_payers_schedule_in_force_then_the_offices_and_the_modifier_fee_first(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await BillingClinic.CreateAsync(office);
        var aetna = await office.AddPayerAsync("Aetna");
        var cigna = await office.AddPayerAsync("Cigna");
        await clinic.ScheduleAsync("Office 2025", null, new DateOnly(2025, 1, 1), null, ("99213", "", 120m), ("93000", "", 60m), ("93000", "26", 22.5m));
        await clinic.ScheduleAsync("Office 2026", null, new DateOnly(2026, 1, 1), null, ("99213", "", 130m), ("93000", "", 65m));
        await clinic.ScheduleAsync("Aetna 2026", aetna.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), ("99213", "", 98.4m), ("99213", "25", 101m));
        var fees = clinic.Fees();

        Assert.Equal(98.4m, (await fees.FeeForAsync("99213", null, aetna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        Assert.Equal(101m, (await fees.FeeForAsync("99213", "25", aetna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        // A modifier the schedule does not price takes the plain fee.
        Assert.Equal(98.4m, (await fees.FeeForAsync("99213", "59", aetna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        // The payer's schedule does not price 93000: the office's does.
        Assert.Equal(("Office 2026", 65m), (await fees.FeeForAsync("93000", null, aetna.Id, new DateOnly(2026, 3, 16))) is { } q ? (q.ScheduleName, q.Fee) : default);
        // After the payer's schedule ends, and for a payer without one, the office's fees hold.
        Assert.Equal(130m, (await fees.FeeForAsync("99213", null, aetna.Id, new DateOnly(2026, 7, 1)))!.Fee);
        Assert.Equal(130m, (await fees.FeeForAsync("99213", null, cigna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        // The office's 2025 schedule gives way to 2026's on its first day; its 26 fee for 93000 held in 2025.
        Assert.Equal(120m, (await fees.FeeForAsync("99213", null, null, new DateOnly(2025, 12, 31)))!.Fee);
        Assert.Equal(22.5m, (await fees.FeeForAsync("93000", "26", null, new DateOnly(2025, 12, 31)))!.Fee);
        Assert.Equal(65m, (await fees.FeeForAsync("93000", "26", null, new DateOnly(2026, 1, 1)))!.Fee);
        Assert.Equal(130m, (await fees.FeeForLineAsync("99213", ["59", "25"], cigna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        Assert.Equal(101m, (await fees.FeeForLineAsync("99213", ["59", "25"], aetna.Id, new DateOnly(2026, 3, 16)))!.Fee);
        Assert.Null(await fees.FeeForAsync("99213", null, null, new DateOnly(2024, 12, 31)));
        Assert.Null(await fees.FeeForAsync("36415", null, aetna.Id, new DateOnly(2026, 3, 16)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Overlapping_schedules_of_one_payer_are_refused_and_bad_amounts_named(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await BillingClinic.CreateAsync(office);
        var aetna = await office.AddPayerAsync("Aetna");
        await clinic.ScheduleAsync("Aetna H1", aetna.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
        var fees = clinic.Fees();

        var inside = await fees.CreateAsync(new SaveFeeSchedule("Aetna spring", aetna.Id, new DateOnly(2026, 3, 1), null), Biller);
        Assert.Equal([("EffectiveFrom", "This overlaps \"Aetna H1\" (2026-01-01 to 2026-06-30): schedules of this payer may not overlap. Start this one on another day, or end one before the other starts.")],
            inside.Errors.Select(e => (e.Field, e.Message)));
        var covering = await fees.CreateAsync(new SaveFeeSchedule("Aetna year", aetna.Id, new DateOnly(2025, 12, 1), new DateOnly(2026, 2, 1)), Biller);
        Assert.False(covering.Succeeded);
        Assert.False((await fees.CreateAsync(new SaveFeeSchedule("Same day", aetna.Id, new DateOnly(2026, 1, 1), null), Biller)).Succeeded);
        // Another payer, the office, and the day after the end are all fine.
        Assert.True((await fees.CreateAsync(new SaveFeeSchedule("Office", null, new DateOnly(2026, 3, 1), null), Biller)).Succeeded);
        Assert.True((await fees.CreateAsync(new SaveFeeSchedule("Aetna H2", aetna.Id, new DateOnly(2026, 7, 1), null), Biller)).Succeeded);
        var backwards = await fees.CreateAsync(new SaveFeeSchedule(" ", aetna.Id, new DateOnly(2027, 7, 1), new DateOnly(2027, 6, 1)), Biller);
        Assert.Equal(["Name", "EffectiveTo"], backwards.Errors.Select(e => e.Field));

        var schedule = await office.Db.FeeSchedules.FirstAsync(f => f.Name == "Office");
        var bad = await fees.SaveEntryAsync(schedule.Id, new SaveFeeEntry("9921", "2", -1m, 10.005m), Biller);
        Assert.Equal(["ProcedureCode", "Modifier", "Fee", "ExpectedAllowed"], bad!.Errors.Select(e => e.Field));
        Assert.Equal("The expected allowed amount has fractions of a cent: give at most two decimals.", bad.Errors[3].Message);
        Assert.Null(await fees.SaveEntryAsync(9999, new SaveFeeEntry("99213", null, 1m, null), Biller));
        // The same code and modifier again changes the fee rather than adding a second one.
        Assert.True((await fees.SaveEntryAsync(schedule.Id, new SaveFeeEntry("99213", null, 100m, 80m), Biller))!.Succeeded);
        Assert.True((await fees.SaveEntryAsync(schedule.Id, new SaveFeeEntry("99213", "", 110.5m, 82m), Biller))!.Succeeded);
        await using var db = office.NewContext();
        var entry = await db.FeeScheduleEntries.SingleAsync(e => e.FeeScheduleId == schedule.Id);
        Assert.Equal((110.5m, 82m), (entry.Fee, entry.ExpectedAllowed));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_fee_file_loads_whole_or_is_refused_with_its_bad_lines_and_changes_nothing(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await BillingClinic.CreateAsync(office);
        var schedule = await clinic.ScheduleAsync("Office 2026", null, new DateOnly(2026, 1, 1), null, ("99213", "", 120m));
        var fees = clinic.Fees();

        var good = "code,modifier,fee,expected allowed\n99213,,130.00,92.10\n99214,,185,\n93000,26,\"22.50\",18\nG0438,,175.25,150\n";
        var loaded = await fees.ImportCsvAsync(schedule.Id, new MemoryStream(Encoding.UTF8.GetBytes(good)), Biller);
        Assert.True(loaded!.Succeeded, string.Join("; ", loaded.Errors));
        Assert.Equal(4, loaded.Value!.Entries);
        Assert.Equal(22.5m, (await fees.FeeForAsync("93000", "26", null, new DateOnly(2026, 2, 1)))!.Fee);
        Assert.Equal(92.10m, (await fees.FeeForAsync("99213", null, null, new DateOnly(2026, 2, 1)))!.ExpectedAllowed);

        var bad = "code,modifier,fee,expected allowed\n99213,,140,\n9921,,10,\n99214,X,abc,\n36415,,-3,\n99213,,150,\n93000,,1.999,\n";
        var refused = await fees.ImportCsvAsync(schedule.Id, new MemoryStream(Encoding.UTF8.GetBytes(bad)), Biller);
        Assert.Equal([
            "Line 3: '9921' is not a CPT code (five digits, or four and F, T or U) or a HCPCS code (a letter A–V and four digits).",
            "Line 4: the fee 'abc' is not an amount like 125.00.",
            "Line 4: 'X' is not a modifier (two letters or digits).",
            "Line 5: the fee cannot be negative.",
            "Line 6: 99213 appears twice.",
            "Line 7: the fee has fractions of a cent: give at most two decimals.",
        ], refused!.Errors.Select(e => e.Message));
        await using var db = office.NewContext();
        Assert.Equal(130m, (await db.FeeScheduleEntries.SingleAsync(e => e.FeeScheduleId == schedule.Id && e.ProcedureCode == "99213")).Fee);
        Assert.Equal(4, await db.FeeScheduleEntries.CountAsync(e => e.FeeScheduleId == schedule.Id));
    }
}
