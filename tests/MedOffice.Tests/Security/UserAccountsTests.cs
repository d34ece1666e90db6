using MedOffice.Data;
using MedOffice.Tests.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Security;

public class UserAccountsTests
{
    private const string Password = "correct horse battery";
    private static readonly Actor Installer = Actor.System("setup");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_password_shorter_than_twelve_characters_is_refused_with_the_reason(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);

        var result = await office.Accounts.CreateAsync("dana", "Dana Diaz", "elevenchars", [Roles.FrontDesk], Installer);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Password", error.Field);
        Assert.Contains("at least 12 characters", error.Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_created_user_keeps_only_a_hash_of_the_password_and_the_creation_is_audited(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);

        var result = await office.Accounts.CreateAsync("Dana.Diaz", "Dana Diaz", Password, [Roles.FrontDesk, Roles.Biller], Installer);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.Users.Include(u => u.Roles).SingleAsync();
        Assert.Equal("dana.diaz", stored.NormalizedUserName);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal([Roles.Biller, Roles.FrontDesk], stored.Roles.Select(r => r.Role).Order());
        var row = Assert.Single(await office.AuditRowsAsync());
        Assert.Equal(AuditActions.UserCreate, row.Action);
        Assert.Contains("Dana.Diaz", row.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Wrong_passwords_tried_in_parallel_each_count_towards_the_lockout(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await CreateAsync(office, "dana", Roles.FrontDesk);

        // Five guesses at once, each through its own connection as five browser tabs would.
        await Task.WhenAll(Enumerable.Range(0, UserAccounts.MaximumFailedSignIns).Select(async i =>
        {
            await using var db = office.NewContext();
            var accounts = new UserAccounts(db, new AuditTrail(db, office.Clock), office.Clock);
            await accounts.SignInAsync("dana", $"wrong password {i}", "10.0.0.9");
        }));

        var afterwards = await office.Accounts.SignInAsync("dana", Password, "10.0.0.9");
        Assert.False(afterwards.Succeeded);
        Assert.Contains("locked", afterwards.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_user_name_already_taken_in_another_case_is_refused(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await CreateAsync(office, "dana", Roles.FrontDesk);

        var result = await office.Accounts.CreateAsync("DANA", "Another Dana", Password, [Roles.Biller], Installer);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UserName", error.Field);
        Assert.Contains("already taken", error.Message, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Five_wrong_passwords_lock_the_account_until_fifteen_minutes_have_passed(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await CreateAsync(office, "dana", Roles.FrontDesk);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await office.Accounts.SignInAsync("dana", "not the password", "10.0.0.5");
            Assert.False(wrong.Succeeded);
            Assert.Equal("The user name or password is not right.", wrong.Refusal);
        }
        var fifth = await office.Accounts.SignInAsync("dana", "not the password", "10.0.0.5");
        Assert.False(fifth.Succeeded);
        Assert.Contains("locked", fifth.Refusal, StringComparison.Ordinal);

        var rightButLocked = await office.Accounts.SignInAsync("dana", Password, "10.0.0.5");
        Assert.False(rightButLocked.Succeeded);
        Assert.Contains("locked", rightButLocked.Refusal, StringComparison.Ordinal);

        office.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await office.Accounts.SignInAsync("dana", Password, "10.0.0.5")).Succeeded);

        office.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterLockout = await office.Accounts.SignInAsync("dana", Password, "10.0.0.5");
        Assert.True(afterLockout.Succeeded, afterLockout.Refusal);
        Assert.Equal("dana", afterLockout.User!.UserName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_successful_sign_in_resets_the_count_of_failures(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        await CreateAsync(office, "dana", Roles.FrontDesk);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await office.Accounts.SignInAsync("dana", "not the password", "10.0.0.5");
        }
        Assert.True((await office.Accounts.SignInAsync("dana", Password, "10.0.0.5")).Succeeded);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await office.Accounts.SignInAsync("dana", "not the password", "10.0.0.5");
        }

        Assert.True((await office.Accounts.SignInAsync("dana", Password, "10.0.0.5")).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_sign_in_attempt_is_audited_with_its_outcome(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var dana = await CreateAsync(office, "dana", Roles.FrontDesk);
        var before = (await office.AuditRowsAsync()).Count;

        await office.Accounts.SignInAsync("nobody", Password, "203.0.113.7");
        await office.Accounts.SignInAsync("dana", "not the password", "203.0.113.8");
        await office.Accounts.SignInAsync("dana", Password, "203.0.113.9");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await office.Accounts.SignInAsync("dana", "not the password", "203.0.113.8");
        }
        await office.Accounts.SignInAsync("dana", Password, "203.0.113.9");

        var rows = (await office.AuditRowsAsync()).Skip(before).ToList();
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.Equal(AuditActions.SignIn, r.Action));
        Assert.All(rows, r => Assert.Equal(AuditCategories.Security, r.Category));
        Assert.Equal(
            [AuditOutcomes.Failure, AuditOutcomes.Failure, AuditOutcomes.Success,
             AuditOutcomes.Failure, AuditOutcomes.Failure, AuditOutcomes.Failure, AuditOutcomes.Failure, AuditOutcomes.Failure,
             AuditOutcomes.Denied],
            rows.Select(r => r.Outcome));
        Assert.Equal(("nobody", (int?)null, "203.0.113.7"), (rows[0].UserName, rows[0].UserId, rows[0].SourceAddress));
        Assert.Equal((dana.Id, "203.0.113.9"), (rows[2].UserId!.Value, rows[2].SourceAddress));
        Assert.Contains("account locked", rows[7].Detail, StringComparison.Ordinal);
        await using var db = office.NewContext();
        Assert.True((await new AuditVerifier(db).VerifyAsync()).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Changing_the_password_replaces_the_security_stamp_and_is_audited(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var dana = await CreateAsync(office, "dana", Roles.FrontDesk);
        var stampBefore = dana.SecurityStamp;
        var self = new Actor(dana.Id, "dana", "10.0.0.5");

        var wrongCurrent = await office.Accounts.ChangePasswordAsync(dana.Id, "not the password", "a brand new passphrase", self);
        Assert.False(wrongCurrent.Succeeded);
        Assert.Equal("CurrentPassword", wrongCurrent.Errors[0].Field);
        var tooShort = await office.Accounts.ChangePasswordAsync(dana.Id, Password, "short", self);
        Assert.False(tooShort.Succeeded);
        Assert.Equal("Password", tooShort.Errors[0].Field);

        var changed = await office.Accounts.ChangePasswordAsync(dana.Id, Password, "a brand new passphrase", self);

        Assert.True(changed.Succeeded, string.Join("; ", changed.Errors));
        await using (var db = office.NewContext())
        {
            Assert.NotEqual(stampBefore, (await db.Users.SingleAsync(u => u.Id == dana.Id)).SecurityStamp);
        }
        var row = (await office.AuditRowsAsync())[^1];
        Assert.Equal((AuditActions.PasswordChange, dana.Id), (row.Action, row.UserId!.Value));
        Assert.Contains("dana", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("a brand new passphrase", row.Detail, StringComparison.Ordinal);
        Assert.False((await office.Accounts.SignInAsync("dana", Password, "10.0.0.5")).Succeeded);
        Assert.True((await office.Accounts.SignInAsync("dana", "a brand new passphrase", "10.0.0.5")).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Changing_a_users_roles_is_saved_and_audited_with_before_and_after(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var admin = await CreateAsync(office, "admin", Roles.Administrator);
        var dana = await CreateAsync(office, "dana", Roles.FrontDesk);
        var stampBefore = dana.SecurityStamp;
        var byAdmin = new Actor(admin.Id, "admin", "10.0.0.2");

        var result = await office.Accounts.SetRolesAsync(dana.Id, [Roles.Biller, Roles.OfficeManager], isActive: true, byAdmin);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = office.NewContext();
        var stored = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Id == dana.Id);
        Assert.Equal([Roles.Biller, Roles.OfficeManager], stored.Roles.Select(r => r.Role).Order());
        Assert.NotEqual(stampBefore, stored.SecurityStamp);
        var row = (await office.AuditRowsAsync())[^1];
        Assert.Equal((AuditActions.RoleChange, admin.Id), (row.Action, row.UserId!.Value));
        Assert.Contains("FrontDesk -> Biller,OfficeManager", row.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_deactivated_user_cannot_sign_in(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var admin = await CreateAsync(office, "admin", Roles.Administrator);
        var dana = await CreateAsync(office, "dana", Roles.FrontDesk);

        await office.Accounts.SetRolesAsync(dana.Id, [Roles.FrontDesk], isActive: false, new Actor(admin.Id, "admin", "10.0.0.2"));

        var attempt = await office.Accounts.SignInAsync("dana", Password, "10.0.0.5");
        Assert.False(attempt.Succeeded);
        Assert.Equal("inactive user", (await office.AuditRowsAsync())[^1].Detail);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_cannot_remove_their_own_administrator_role(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var admin = await CreateAsync(office, "admin", Roles.Administrator);
        var self = new Actor(admin.Id, "admin", "10.0.0.2");
        var auditRows = (await office.AuditRowsAsync()).Count;

        var result = await office.Accounts.SetRolesAsync(admin.Id, [Roles.OfficeManager], isActive: true, self);

        Assert.False(result.Succeeded);
        Assert.Equal("Roles", result.Errors[0].Field);
        Assert.Contains("own administrator role", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.False((await office.Accounts.SetRolesAsync(admin.Id, [Roles.Administrator], isActive: false, self)).Succeeded);
        await using var db = office.NewContext();
        var stored = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Id == admin.Id);
        Assert.Equal([Roles.Administrator], stored.Roles.Select(r => r.Role));
        Assert.True(stored.IsActive);
        Assert.Equal(auditRows, (await office.AuditRowsAsync()).Count);
    }

    private static async Task<User> CreateAsync(TestOffice office, string userName, string role)
    {
        var result = await office.Accounts.CreateAsync(userName, userName, Password, [role], Installer);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_email_address_is_checked_unique_regardless_of_case_and_a_provider_calendar_is_one_users(DatabaseProvider provider)
    {
        await using var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var (alvarez, exam) = (clinic.DrAlvarez, clinic.Exam1);
        var maria = await office.Accounts.CreateAsync("maria", "Dr. Maria Alvarez", Password, [Roles.Clinician],
            new UserContact(" Maria.Alvarez@Clinic.test ", alvarez.Id), Installer);
        Assert.True(maria.Succeeded, string.Join("; ", maria.Errors));
        var dana = (await office.Accounts.CreateAsync("dana", "Dana Diaz", Password, [Roles.FrontDesk], Installer)).Value!;

        foreach (var (email, resourceId, field, message) in new (string?, int?, string, string)[]
        {
            ("maria.alvarez@clinic.TEST", null, "Email", "Another user already has the e-mail address"),
            ("dana at clinic.test", null, "Email", "is not an e-mail address"),
            ("Dana <dana@clinic.test>", null, "Email", "is not an e-mail address"),
            ("dana@localhost", null, "Email", "is not an e-mail address"),
            ("zoë@clinic.test", null, "Email", "is not an e-mail address"),
            (null, alvarez.Id, "ProviderResourceId", "already the user maria"),
            (null, exam.Id, "ProviderResourceId", "Choose a provider calendar"),
        })
        {
            var refused = await office.Accounts.SetContactAsync(dana.Id, new UserContact(email, resourceId), Installer);
            var error = Assert.Single(refused.Errors);
            Assert.Equal(field, error.Field);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        var set = await office.Accounts.SetContactAsync(dana.Id, new UserContact("Dana@Clinic.test", null), Installer);
        Assert.True(set.Succeeded, string.Join("; ", set.Errors));
        // Keeping one's own address (in another case) is no clash; a blank address clears it.
        Assert.True((await office.Accounts.SetContactAsync(maria.Value!.Id, new UserContact("MARIA.alvarez@clinic.test", alvarez.Id), Installer)).Succeeded);
        Assert.True((await office.Accounts.SetContactAsync(dana.Id, new UserContact("  ", null), Installer)).Succeeded);
        await using var db = office.NewContext();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        Assert.Equal([("dana", null, null, null), ("maria", "MARIA.alvarez@clinic.test", "maria.alvarez@clinic.test", (int?)alvarez.Id)],
            users.Select(u => (u.UserName, u.Email, u.NormalizedEmail, u.ProviderResourceId)));
        Assert.Contains(await office.AuditRowsAsync(), a => a.Action == AuditActions.Update && a.Detail == "contact of dana: e-mail Dana@Clinic.test -> none");
    }
}
