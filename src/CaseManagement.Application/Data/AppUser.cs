using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Application.Data;

/// <summary>A person who works in the system (never a data subject). Belongs to one unit.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Guid UnitId { get; set; }

    /// <summary>A disabled user keeps their history but can do nothing, from the next operation on.</summary>
    public bool IsDisabled { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}
