using MedOffice.Data;
using MedOffice.Ledger;
using MedOffice.Receivables;
using MedOffice.Security;
using MedOffice.Tests.Claims;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Remittance;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Receivables;

public class WriteOffAndCollectionsTests
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_another_office_manager_approves_and_approval_posts_the_write_off_so_aging_drops(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var biller = await clinic.UserAsync("blake", Roles.Biller);
        var manager = await clinic.UserAsync("morgan", Roles.OfficeManager);
        var otherManager = await clinic.UserAsync("mina", Roles.OfficeManager);
        var otherBiller = await clinic.UserAsync("bodhi", Roles.Biller);
        var sheet = await clinic.PatientOwesAsync(clinic.Patient.Id, Today.AddDays(-10), 42.50m);

        var tooMuch = await clinic.WriteOffs().RequestAsync(new WriteOffInput(sheet.Id, null, LedgerSides.Patient, 42.51m, WriteOffReasons.SmallBalance, null), biller);
        Assert.Equal(("Amount", "The patient balance of visit " + sheet.Id + " is 42.50: 42.51 cannot be written off."), (tooMuch.Errors[0].Field, tooMuch.Errors[0].Message));
        var noWords = await clinic.WriteOffs().RequestAsync(new WriteOffInput(sheet.Id, null, LedgerSides.Patient, 5m, WriteOffReasons.Other, " "), biller);
        Assert.Equal("ReasonText", Assert.Single(noWords.Errors).Field);

        var request = await clinic.WriteOffs().RequestAsync(new WriteOffInput(sheet.Id, null, LedgerSides.Patient, 42.50m, WriteOffReasons.Courtesy, "Hardship"), biller);
        Assert.True(request.Succeeded, string.Join("; ", request.Errors));
        var id = request.Value!.Id;
        var ownManagerRequest = await clinic.WriteOffs().RequestAsync(new WriteOffInput(sheet.Id, sheet.Lines[0].Id, LedgerSides.Patient, 1m, WriteOffReasons.SmallBalance, null), manager);

        var byRequester = await clinic.WriteOffs().ApproveAsync(id, null, biller);
        Assert.Equal("You asked for this write-off, so you cannot approve it: another office manager must.", byRequester!.Errors.Single().Message);
        var byBiller = await clinic.WriteOffs().ApproveAsync(id, null, otherBiller);
        Assert.Equal("Only an office manager can approve a write-off.", byBiller!.Errors.Single().Message);
        var ownApproval = await clinic.WriteOffs().ApproveAsync(ownManagerRequest.Value!.Id, null, manager);
        Assert.Equal("You asked for this write-off, so you cannot approve it: another office manager must.", ownApproval!.Errors.Single().Message);
        Assert.Equal(42.50m, (await clinic.Aging().ReportAsync(null, ClaimClinic.Biller)).PatientTotal);

        var approved = await clinic.WriteOffs().ApproveAsync(id, "ok", manager);
        Assert.True(approved!.Succeeded, string.Join("; ", approved.Errors));
        await using (var db = office.NewContext())
        {
            var entry = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Kind == LedgerKinds.WriteOff);
            Assert.Equal((LedgerSides.Patient, -42.50m, sheet.Lines[0].Id, id, $"writeoff:{id}:{sheet.Lines[0].Id}"),
                (entry.Side, entry.Amount, entry.ChargeLineId, entry.WriteOffRequestId, entry.IdempotencyKey));
            var saved = await db.WriteOffRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal((WriteOffStatuses.Approved, "morgan", "blake"), (saved.Status, saved.DecidedBy, saved.RequestedBy));
        }
        Assert.Empty((await clinic.Aging().ReportAsync(null, ClaimClinic.Biller)).ByPatient);
        Assert.Equal(LedgerBalance.Zero, await clinic.Ledger().PatientBalanceAsync(clinic.Patient.Id));
        // Approving twice posts nothing more; the other manager's request can be rejected with a note, and must have one.
        Assert.Equal("Status", (await clinic.WriteOffs().ApproveAsync(id, null, otherManager))!.Errors.Single().Field);
        Assert.Equal("Note", (await clinic.WriteOffs().RejectAsync(ownManagerRequest.Value.Id, "", otherManager))!.Errors.Single().Field);
        var rejected = await clinic.WriteOffs().RejectAsync(ownManagerRequest.Value.Id, "Already written off", otherManager);
        Assert.Equal((WriteOffStatuses.Rejected, "Already written off"), (rejected!.Value!.Status, rejected.Value.DecisionNote));
        var (pending, decided) = await clinic.WriteOffs().ListAsync(manager);
        Assert.Empty(pending);
        Assert.Equal(2, decided.Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Approval_is_refused_naming_both_amounts_when_the_balance_fell_since_the_request(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var biller = await clinic.UserAsync("blake", Roles.Biller);
        var manager = await clinic.UserAsync("morgan", Roles.OfficeManager);
        var sheet = await clinic.PatientOwesAsync(clinic.Patient.Id, Today.AddDays(-10), 30m);
        var request = await clinic.WriteOffs().RequestAsync(new WriteOffInput(sheet.Id, sheet.Lines[0].Id, LedgerSides.Patient, 30m, WriteOffReasons.SmallBalance, null), biller);
        await clinic.PatientPaysAsync(clinic.Patient.Id, sheet.Lines[0].Id, 20m, "desk:2");

        var refused = await clinic.WriteOffs().ApproveAsync(request.Value!.Id, null, manager);

        Assert.False(refused!.Succeeded);
        Assert.Contains("is now 10.00, below the 30.00 requested", refused.Errors.Single().Message, StringComparison.Ordinal);
        office.Db.ChangeTracker.Clear();
        await using var db = office.NewContext();
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind == LedgerKinds.WriteOff));
        Assert.Equal(WriteOffStatuses.Pending, (await db.WriteOffRequests.SingleAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_insurance_balance_not_yet_posted_can_be_written_off_and_the_charge_is_posted_with_it(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var biller = await clinic.UserAsync("blake", Roles.Biller);
        var manager = await clinic.UserAsync("morgan", Roles.OfficeManager);
        var claim = await clinic.SendAsync([("99213", "", 120m, "1"), ("36415", "", 15m, "1")]);

        var request = await clinic.WriteOffs().RequestAsync(new WriteOffInput(claim.ChargeSheetId, null, LedgerSides.Insurance, 135m, WriteOffReasons.TimelyFiling, null), biller);
        Assert.True((await clinic.WriteOffs().ApproveAsync(request.Value!.Id, null, manager))!.Succeeded);

        var report = await clinic.Aging().ReportAsync(null, ClaimClinic.Biller);
        Assert.Equal((0m, 0m, 0m), (report.GrandTotal, report.LedgerTotal, report.UnpostedCharges));
        await using var db = office.NewContext();
        Assert.Equal([(LedgerKinds.Charge, 120m), (LedgerKinds.WriteOff, -120m), (LedgerKinds.Charge, 15m), (LedgerKinds.WriteOff, -15m)],
            (await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Kind, e.Amount)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_collections_list_picks_accounts_past_120_days_and_sending_one_flags_it_and_asks_for_the_write_off(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var biller = await clinic.UserAsync("blake", Roles.Biller);
        var old = await office.RegisterAsync("Ruth", "Abernathy", new DateOnly(1950, 1, 2));
        var recent = await office.RegisterAsync("Sam", "Okoro", new DateOnly(1980, 5, 6));
        var paidUp = await office.RegisterAsync("Tess", "Lindqvist", new DateOnly(1975, 7, 8));
        var first = await clinic.PatientOwesAsync(old.Id, Today.AddDays(-150), 80m);
        var second = await clinic.PatientOwesAsync(old.Id, Today.AddDays(-20), 40m);
        await clinic.PatientPaysAsync(old.Id, null, 5m, "desk:old");
        await clinic.PatientOwesAsync(recent.Id, Today.AddDays(-100), 60m);
        var settled = await clinic.PatientOwesAsync(paidUp.Id, Today.AddDays(-200), 25m);
        await clinic.PatientPaysAsync(paidUp.Id, settled.Lines[0].Id, 25m, "desk:paid");

        var candidates = await clinic.Collections().CandidatesAsync(null, biller);

        var candidate = Assert.Single(candidates);
        Assert.Equal((old.Id, "Abernathy, Ruth", 115m, 80m), (candidate.PatientId, candidate.PatientName, candidate.PatientDue, candidate.Over120));
        Assert.NotNull(candidate.LastPaymentAt);

        Assert.Equal("AgencyName", (await clinic.Collections().ReferAsync(old.Id, new ReferToCollections(" ", null, true), biller))!.Errors.Single().Field);
        var referred = await clinic.Collections().ReferAsync(old.Id, new ReferToCollections("Acme Recovery", null, WriteOff: true), biller);
        Assert.True(referred!.Succeeded, string.Join("; ", referred.Errors));
        Assert.Equal((115m, Today, "blake"), (referred.Value!.Amount, referred.Value.ReferredOn, referred.Value.ReferredBy));

        var account = await clinic.Collections().AccountAsync(old.Id, biller);
        Assert.True(account!.ReferredToCollections);
        Assert.Equal((115m, 2), (account.PatientDue, account.PendingWriteOffs));
        await using (var db = office.NewContext())
        {
            var requests = await db.WriteOffRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([(first.Id, 80m), (second.Id, 35m)], requests.Select(r => (r.ChargeSheetId, r.Amount)));
            Assert.All(requests, r => Assert.Equal((WriteOffReasons.BadDebt, "Sent to collections (Acme Recovery)", referred.Value.Id, WriteOffStatuses.Pending),
                (r.Reason, r.ReasonText, r.CollectionsReferralId, r.Status)));
        }
        Assert.Empty(await clinic.Collections().CandidatesAsync(null, biller));
        Assert.True((await clinic.Aging().ReportAsync(null, biller)).ByPatient.Single(r => r.PatientId == old.Id).ReferredToCollections);
        Assert.False((await clinic.Collections().ReferAsync(old.Id, new ReferToCollections("Again Inc", null, false), biller))!.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_small_balance_sweep_writes_off_visits_owing_at_most_the_threshold_as_approved_by_the_system(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await using var clinic = await ClaimClinic.CreateAsync(office);
        var biller = await clinic.UserAsync("blake", Roles.Biller);
        var manager = await clinic.UserAsync("morgan", Roles.OfficeManager);
        var small = await clinic.PatientOwesAsync(clinic.Patient.Id, Today.AddDays(-70), 3.50m);
        await clinic.PatientOwesAsync(clinic.Patient.Id, Today.AddDays(-10), 40m);

        Assert.Equal("DecidedBy", (await clinic.WriteOffs().WriteOffSmallBalancesAsync(5m, biller)).Errors.Single().Field);
        Assert.Equal("Threshold", (await clinic.WriteOffs().WriteOffSmallBalancesAsync(250m, manager)).Errors.Single().Field);
        var swept = await clinic.WriteOffs().WriteOffSmallBalancesAsync(5m, manager);

        Assert.Equal(1, swept.Value);
        Assert.Equal(0, (await clinic.WriteOffs().WriteOffSmallBalancesAsync(5m, manager)).Value);
        var row = (await clinic.Aging().ReportAsync(null, biller)).ByPatient.Single();
        Assert.Equal((40m, 0m), (row.Total, row.Buckets.Days61To90));
        await using var db = office.NewContext();
        var request = await db.WriteOffRequests.AsNoTracking().SingleAsync();
        Assert.Equal((small.Id, 3.50m, WriteOffStatuses.Approved, "system", "system", "Small-balance sweep run by morgan"),
            (request.ChargeSheetId, request.Amount, request.Status, request.RequestedBy, request.DecidedBy, request.DecisionNote));
        Assert.Equal(-3.50m, (await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.WriteOffRequestId == request.Id)).Amount);
    }
}
