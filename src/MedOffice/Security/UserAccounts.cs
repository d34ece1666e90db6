using System.Net.Mail;
using System.Security.Cryptography;
using MedOffice.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Security;

public sealed record SignInResult(User? User, string? Refusal)
{
    public bool Succeeded => User is not null;
}

/// <summary>How to reach a user (e-mail, for meeting invitations) and the provider calendar that is the user; both optional.</summary>
public sealed record UserContact(string? Email, int? ProviderResourceId)
{
    public static readonly UserContact None = new(null, null);
}

/// <summary>Staff accounts: creation, sign-in with lockout, password and role changes. Every step is audited.</summary>
public sealed class UserAccounts(MedOfficeDb db, AuditTrail audit, TimeProvider time)
{
    public const int MinimumPasswordLength = 12;
    public const int MaximumFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<User> Hasher = new();

    public Task<bool> AnyUserExistsAsync(CancellationToken cancellationToken = default) => db.Users.AnyAsync(cancellationToken);

    public Task<Result<User>> CreateAsync(string userName, string displayName, string password, IReadOnlyCollection<string> roles,
        Actor actor, CancellationToken cancellationToken = default) =>
        CreateAsync(userName, displayName, password, roles, UserContact.None, actor, cancellationToken);

    public async Task<Result<User>> CreateAsync(string userName, string displayName, string password, IReadOnlyCollection<string> roles,
        UserContact contact, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        userName = userName.Trim();
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            errors.Add(new("UserName", "User name must be 3 to 64 letters, digits, dots, dashes or underscores."));
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedUserName == userName.ToLowerInvariant(), cancellationToken))
        {
            errors.Add(new("UserName", $"The user name '{userName}' is already taken."));
        }
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(new("DisplayName", "Enter the person's name."));
        }
        errors.AddRange(CheckPassword(password, userName));
        if (roles.Count == 0)
        {
            errors.Add(new("Roles", "Choose at least one role."));
        }
        errors.AddRange(roles.Where(r => !Roles.All.Contains(r)).Select(r => new FieldError("Roles", $"'{r}' is not a role.")));
        var email = Email(contact.Email);
        errors.AddRange(await CheckContactAsync(null, email, contact.ProviderResourceId, cancellationToken));
        if (errors.Count > 0)
        {
            return Result<User>.Fail(errors);
        }

        var user = new User
        {
            UserName = userName,
            NormalizedUserName = userName.ToLowerInvariant(),
            DisplayName = displayName.Trim(),
            PasswordHash = "",
            SecurityStamp = NewStamp(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Email = email,
            NormalizedEmail = email?.ToLowerInvariant(),
            ProviderResourceId = contact.ProviderResourceId,
            Roles = roles.Distinct().Select(r => new UserRole { Role = r }).ToList(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.UserCreate, AuditCategories.Security,
            Detail: $"user {user.UserName} created with roles {string.Join(",", roles)}{DescribeContact(user)}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<User>.Ok(user);
    }

    public async Task<SignInResult> SignInAsync(string userName, string password, string sourceAddress, CancellationToken cancellationToken = default)
    {
        var normalized = userName.Trim().ToLowerInvariant();
        // Read fresh, untracked: the lockout state is changed by set-based updates, and other sessions change it too.
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        const string badCredentials = "The user name or password is not right.";

        if (user is null || !user.IsActive)
        {
            await audit.RecordAsync(new AuditEntry(new Actor(user?.Id, userName.Limit(64), sourceAddress), AuditActions.SignIn,
                AuditCategories.Security, Outcome: AuditOutcomes.Failure, Detail: user is null ? "unknown user" : "inactive user"), cancellationToken);
            return new(null, badCredentials);
        }
        var actor = new Actor(user.Id, user.UserName, sourceAddress);
        if (user.LockedOutUntil is { } until && until > now)
        {
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.SignIn, AuditCategories.Security,
                Outcome: AuditOutcomes.Denied, Detail: "account locked"), cancellationToken);
            return new(null, "This account is locked after too many failed sign-ins. Try again later or ask an administrator.");
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // Counted in the database, not in memory: parallel wrong guesses must each count towards the lockout.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignInCount, u => u.FailedSignInCount + 1), cancellationToken);
            var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedSignInCount).SingleAsync(cancellationToken);
            var lockedNow = failures >= MaximumFailedSignIns;
            if (lockedNow)
            {
                var lockedUntil = now + LockoutDuration;
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(u => u.LockedOutUntil, lockedUntil)
                    .SetProperty(u => u.FailedSignInCount, 0), cancellationToken);
            }
            await audit.RecordAsync(new AuditEntry(actor, AuditActions.SignIn, AuditCategories.Security,
                Outcome: AuditOutcomes.Failure, Detail: lockedNow ? "wrong password; account locked" : "wrong password"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new(null, lockedNow ? "This account is now locked after too many failed sign-ins." : badCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
        }
        var hash = user.PasswordHash;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.FailedSignInCount, 0)
            .SetProperty(u => u.LockedOutUntil, (DateTime?)null)
            .SetProperty(u => u.PasswordHash, hash), cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.SignIn, AuditCategories.Security), cancellationToken);
        return new(user, null);
    }

    public async Task<Result<User>> ChangePasswordAsync(int userId, string? currentPassword, string newPassword, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Result<User>.Fail("UserId", "There is no such user.");
        }
        // Users changing their own password must prove they know the current one; administrators resetting do not.
        if (currentPassword is not null && Hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return Result<User>.Fail("CurrentPassword", "The current password is not right.");
        }
        var errors = CheckPassword(newPassword, user.UserName);
        if (errors.Count > 0)
        {
            return Result<User>.Fail(errors);
        }
        user.PasswordHash = Hasher.HashPassword(user, newPassword);
        user.SecurityStamp = NewStamp();
        user.LockedOutUntil = null;
        user.FailedSignInCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.PasswordChange, AuditCategories.Security,
            Detail: $"password of {user.UserName} changed"), cancellationToken);
        return Result<User>.Ok(user);
    }

    public async Task<Result<User>> SetRolesAsync(int userId, IReadOnlyCollection<string> roles, bool isActive, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Result<User>.Fail("UserId", "There is no such user.");
        }
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            return Result<User>.Fail("Roles", $"Not roles: {string.Join(", ", unknown)}.");
        }
        if (roles.Count == 0)
        {
            return Result<User>.Fail("Roles", "Choose at least one role.");
        }
        if (user.Id == actor.UserId && (!roles.Contains(Roles.Administrator) || !isActive))
        {
            return Result<User>.Fail("Roles", "You cannot remove your own administrator role or deactivate yourself.");
        }
        var before = string.Join(",", user.Roles.Select(r => r.Role).Order());
        user.Roles.RemoveAll(r => !roles.Contains(r.Role));
        foreach (var role in roles.Distinct().Where(r => user.Roles.All(existing => existing.Role != r)))
        {
            user.Roles.Add(new UserRole { Role = role });
        }
        user.IsActive = isActive;
        user.SecurityStamp = NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.RoleChange, AuditCategories.Security,
            Detail: $"roles of {user.UserName}: {before} -> {string.Join(",", roles.Order())}; active={isActive}"), cancellationToken);
        return Result<User>.Ok(user);
    }

    /// <summary>
    /// Sets (or clears, with null) the user's e-mail address, where meeting invitations go, and the provider calendar that
    /// is this user, which meetings inviting the user then block.
    /// </summary>
    public async Task<Result<User>> SetContactAsync(int userId, UserContact contact, Actor actor, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Result<User>.Fail("UserId", "There is no such user.");
        }
        var email = Email(contact.Email);
        var errors = await CheckContactAsync(user.Id, email, contact.ProviderResourceId, cancellationToken);
        if (errors.Count > 0)
        {
            return Result<User>.Fail(errors);
        }
        var before = DescribeContact(user);
        user.Email = email;
        user.NormalizedEmail = email?.ToLowerInvariant();
        user.ProviderResourceId = contact.ProviderResourceId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(actor, AuditActions.Update, AuditCategories.Security,
            Detail: $"contact of {user.UserName}:{(before.Length == 0 ? " none" : before)} ->{(DescribeContact(user) is { Length: > 0 } after ? after : " none")}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<User>.Ok(user);
    }

    /// <summary>Blank means no address; otherwise trimmed. Checked by <see cref="CheckContactAsync"/>.</summary>
    private static string? Email(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    private async Task<List<FieldError>> CheckContactAsync(int? userId, string? email, int? providerResourceId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (email is not null)
        {
            // Plain ASCII addresses only: System.Net.Mail refuses non-ASCII local parts without SMTPUTF8.
            if (email.Length > 254 || !email.All(char.IsAscii) || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
                || !parsed.Host.Contains('.', StringComparison.Ordinal))
            {
                errors.Add(new("Email", $"'{email}' is not an e-mail address (name@example.org)."));
            }
            else if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToLowerInvariant() && u.Id != userId, cancellationToken))
            {
                errors.Add(new("Email", $"Another user already has the e-mail address {email}."));
            }
        }
        if (providerResourceId is { } resourceId)
        {
            if (!await db.SchedulableResources.AnyAsync(r => r.Id == resourceId && r.Kind == Scheduling.ResourceKinds.Provider, cancellationToken))
            {
                errors.Add(new("ProviderResourceId", "Choose a provider calendar (or none)."));
            }
            else if (await db.Users.Where(u => u.ProviderResourceId == resourceId && u.Id != userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken)
                is { } other)
            {
                errors.Add(new("ProviderResourceId", $"That provider is already the user {other}."));
            }
        }
        return errors;
    }

    private static string DescribeContact(User user) =>
        (user.Email is null ? "" : $" e-mail {user.Email}") + (user.ProviderResourceId is { } id ? $" provider calendar {id}" : "");

    public static List<FieldError> CheckPassword(string password, string userName)
    {
        var errors = new List<FieldError>();
        if (password.Length < MinimumPasswordLength)
        {
            errors.Add(new("Password", $"The password must be at least {MinimumPasswordLength} characters."));
        }
        else if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("Password", "The password must not contain the user name."));
        }
        return errors;
    }

    /// <summary>A random password of the required length, for demo users and administrator resets.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

}
