namespace CaseManagement.Domain.Access;

public enum AccessReviewKind
{
    /// <summary>
    /// A period began for the user's current roles in their current unit, unconfirmed: the roles were given or
    /// changed, the account was enabled again, or the recertification saw the user for the first time.
    /// </summary>
    PeriodStarted,

    /// <summary>A unit leader (or an administrator) confirmed exactly these roles in this unit.</summary>
    Confirmed,
}

/// <summary>
/// One entry of a user's recertification history (Normen's periodic review of access, ADR-030). Written once, never
/// changed. The user's latest entry covers them only while it names their current unit and exactly their current
/// roles: a role change or a move leaves it behind, so a confirmation never covers roles nobody looked at.
/// </summary>
public sealed class AccessReview
{
    /// <summary>Every role name, comma-separated, fits with room to spare.</summary>
    public const int RolesLength = 400;

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid UnitId { get; private set; }

    /// <summary>The roles covered, by name in the order of <see cref="Role"/>, comma-separated (<see cref="RoleList"/>).</summary>
    public string Roles { get; private set; } = "";

    public AccessReviewKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Who confirmed (<see cref="AccessReviewKind.Confirmed"/> only).</summary>
    public Guid? ConfirmedByUserId { get; private set; }

    private AccessReview()
    {
    }

    public static AccessReview PeriodStarted(Guid id, Guid userId, Guid unitId, IEnumerable<Role> roles, DateTimeOffset at) =>
        new() { Id = id, UserId = userId, UnitId = unitId, Roles = RoleList(roles), Kind = AccessReviewKind.PeriodStarted, At = at };

    public static AccessReview Confirmed(Guid id, Guid userId, Guid unitId, IEnumerable<Role> roles, Guid confirmedBy, DateTimeOffset at) =>
        new() { Id = id, UserId = userId, UnitId = unitId, Roles = RoleList(roles), Kind = AccessReviewKind.Confirmed, At = at, ConfirmedByUserId = confirmedBy };

    /// <summary>The one spelling of a set of roles, so two sets compare as text.</summary>
    public static string RoleList(IEnumerable<Role> roles) => string.Join(",", roles.Distinct().Order());

    /// <summary>Whether this entry is about exactly these roles in this unit.</summary>
    public bool Covers(Guid unitId, IEnumerable<Role> roles) => UnitId == unitId && string.Equals(Roles, RoleList(roles), StringComparison.Ordinal);
}

/// <summary>
/// A user appointed leader of a unit by an administrator (ADR-030): the leader confirms the access of the unit's other
/// users. Leadership holds only while the user still works in that unit and is active; moving to another unit ends it.
/// </summary>
public sealed class UnitLeader
{
    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset AppointedAt { get; private set; }
    public Guid AppointedByUserId { get; private set; }

    private UnitLeader()
    {
    }

    public static UnitLeader Appoint(Guid id, Guid unitId, Guid userId, Guid appointedBy, DateTimeOffset at) =>
        new() { Id = id, UnitId = unitId, UserId = userId, AppointedByUserId = appointedBy, AppointedAt = at };
}

/// <summary>How a user's access stands in the current period.</summary>
public enum RecertificationStatus
{
    /// <summary>Confirmed (or a period started) and not yet within the warning window.</summary>
    Current,

    /// <summary>Falls due within the warning window: to be confirmed soon, or the account is disabled.</summary>
    DueSoon,

    /// <summary>Past due: the next sweep disables the account.</summary>
    Overdue,
}

/// <summary>The period and warning window (configuration <c>Recertification</c>), and the rule that dates a user's review.</summary>
public sealed record RecertificationPolicy(int PeriodMonths, int WarningDays)
{
    public static readonly RecertificationPolicy Default = new(6, 30);

    /// <summary>
    /// When the user's access falls due: their latest entry's time plus the period, when it covers their current unit and
    /// roles; otherwise a period starts now (the sweep records it), so it falls due one period from now.
    /// </summary>
    public DateTimeOffset DueAt(AccessReview? latest, Guid unitId, IEnumerable<Role> roles, DateTimeOffset now) =>
        (latest is not null && latest.Covers(unitId, roles) ? latest.At : now).AddMonths(PeriodMonths);

    public RecertificationStatus StatusAt(DateTimeOffset dueAt, DateTimeOffset now) =>
        now >= dueAt ? RecertificationStatus.Overdue
        : now >= dueAt.AddDays(-WarningDays) ? RecertificationStatus.DueSoon
        : RecertificationStatus.Current;
}
