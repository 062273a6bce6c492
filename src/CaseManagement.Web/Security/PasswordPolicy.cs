using System.Collections.Frozen;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Web.Security;

/// <summary>
/// Passwords (R8, ASVS 6.2): 12 to 128 characters (Unicode code points, so an emoji counts as one), any characters,
/// no composition rules; refused when on the shipped list of common passwords (case-insensitive), or when they
/// contain the user name or the product's name. Runs whenever a password is set; sign-in never validates.
/// </summary>
public sealed class PasswordPolicy(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly string[] ContextWords = ["oppfølging", "oppfolging", "oppfoelging"];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "A password is required." }));
        }

        var errors = new List<IdentityError>();
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"At least {MinLength} characters." });
        }

        if (length > MaxLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"At most {MaxLength} characters." });
        }

        if (common.Contains(password))
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common." });
        }

        var userName = user.UserName;
        if ((!string.IsNullOrEmpty(userName) && userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase)) ||
            ContextWords.Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsContext", Description = "The password must not contain the user name or the product's name." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// The shipped list of common passwords (Security/CommonPasswords.txt, made by tools/common-passwords.py), loaded
/// once. Comparison ignores case.
/// </summary>
public sealed class CommonPasswords
{
    private readonly FrozenSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("CaseManagement.Web.Security.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        _passwords = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
