using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Data;

/// <summary>
/// The keys of the sign-in throttle's windows (<see cref="LoginThrottleWindow"/>): one per typed user name and one
/// per account. The host counts under them; an administrator's unlock removes them in its own transaction.
/// </summary>
public static class SignInThrottleKeys
{
    /// <summary>The longest user name the sign-in form takes; a longer one is cut to this for its key.</summary>
    public const int MaxUserNameInput = 256;

    public static string Account(Guid userId) => "account:" + userId.ToString("D");

    public static string UserName(string userName)
    {
        var name = userName.Trim();
        return "user:" + name[..Math.Min(name.Length, MaxUserNameInput)].ToUpperInvariant();
    }

    /// <summary>
    /// Removes the user's windows through the command's context, so they go with the unlock in one transaction (a
    /// second connection would wait on the command's own write lock on SQLite).
    /// </summary>
    public static async Task ForgetAsync(CaseDbContext db, string? userName, Guid userId, CancellationToken cancellationToken)
    {
        var keys = new List<string> { Account(userId) };
        if (userName is not null)
        {
            keys.Add(UserName(userName));
        }

        db.LoginThrottleWindows.RemoveRange(await db.LoginThrottleWindows.Where(w => keys.Contains(w.Key)).ToListAsync(cancellationToken));
    }
}
