using CaseManagement.Application.Auditing;
using CaseManagement.Application.Protection;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManagement.Application.Data;

/// <summary>
/// The one way to the data. Handlers use it directly (no repositories: docs/decisions/ADR-004). One model for
/// SQLite, PostgreSQL and SQL Server; the provider-specific parts (concurrency tokens, time storage) are chosen
/// here from the provider in use, and each provider has its own migrations project.
/// </summary>
public sealed class CaseDbContext(DbContextOptions<CaseDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Guardian> Guardians => Set<Guardian>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<LegalBasis> LegalBases => Set<LegalBasis>();
    public DbSet<EmergencyAccess> EmergencyAccesses => Set<EmergencyAccess>();
    public DbSet<UserInvitation> UserInvitations => Set<UserInvitation>();
    public DbSet<IntegrationClient> IntegrationClients => Set<IntegrationClient>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationParticipant> ConversationParticipants => Set<ConversationParticipant>();
    public DbSet<LifeAreaAssessment> LifeAreaAssessments => Set<LifeAreaAssessment>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementReview> AgreementReviews => Set<AgreementReview>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<IndividualPlan> IndividualPlans => Set<IndividualPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanMeasure> PlanMeasures => Set<PlanMeasure>();
    public DbSet<MeasureNote> MeasureNotes => Set<MeasureNote>();
    public DbSet<PlanParticipant> PlanParticipants => Set<PlanParticipant>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<PlanEvaluation> PlanEvaluations => Set<PlanEvaluation>();
    public DbSet<ResponsibilityGroup> ResponsibilityGroups => Set<ResponsibilityGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupMeeting> GroupMeetings => Set<GroupMeeting>();
    public DbSet<MeetingAttendance> MeetingAttendances => Set<MeetingAttendance>();
    public DbSet<GroupAgreement> GroupAgreements => Set<GroupAgreement>();
    public DbSet<GroupTask> GroupTasks => Set<GroupTask>();
    public DbSet<MinutesComment> MinutesComments => Set<MinutesComment>();
    public DbSet<Domain.Alerts.Alert> Alerts => Set<Domain.Alerts.Alert>();
    public DbSet<Domain.Alerts.AlertRecipient> AlertRecipients => Set<Domain.Alerts.AlertRecipient>();
    public DbSet<Domain.Mentors.MentorProfile> MentorProfiles => Set<Domain.Mentors.MentorProfile>();
    public DbSet<Domain.Mentors.MentorAssignment> MentorAssignments => Set<Domain.Mentors.MentorAssignment>();
    public DbSet<Domain.Mentors.MentorSession> MentorSessions => Set<Domain.Mentors.MentorSession>();
    public DbSet<Domain.Mentors.SupervisionNote> SupervisionNotes => Set<Domain.Mentors.SupervisionNote>();
    public DbSet<Domain.Families.FamilyGuidanceCourse> FamilyGuidanceCourses => Set<Domain.Families.FamilyGuidanceCourse>();
    public DbSet<Domain.Families.FamilyParticipant> FamilyParticipants => Set<Domain.Families.FamilyParticipant>();
    public DbSet<Domain.Families.GuidanceSession> GuidanceSessions => Set<Domain.Families.GuidanceSession>();
    public DbSet<Domain.Families.FamilyGroup> FamilyGroups => Set<Domain.Families.FamilyGroup>();
    public DbSet<Domain.Families.GroupSession> GroupSessions => Set<Domain.Families.GroupSession>();
    public DbSet<Domain.Families.GroupAttendance> GroupAttendances => Set<Domain.Families.GroupAttendance>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditSubject> AuditSubjects => Set<AuditSubject>();
    public DbSet<AuditEventSeal> AuditEventSeals => Set<AuditEventSeal>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<AccessLogSeal> AccessLogSeals => Set<AccessLogSeal>();
    public DbSet<ChainHead> ChainHeads => Set<ChainHead>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Recertification of access (ADR-030): each user's review history, and the units' appointed leaders.</summary>
    public DbSet<AccessReview> AccessReviews => Set<AccessReview>();
    public DbSet<UnitLeader> UnitLeaders => Set<UnitLeader>();

    /// <summary>The ASP.NET Core Data Protection key ring, shared by every instance (deploy/README.md).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The sign-in throttle's windows, shared by every instance.</summary>
    public DbSet<LoginThrottleWindow> LoginThrottleWindows => Set<LoginThrottleWindow>();

    internal DatabaseProvider Provider => DatabaseProviders.FromName(Database.ProviderName);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CaseDbContext).Assembly);
        ConcurrencyTokens.Configure(builder, Provider);
        // Last, so it sees every [Sensitive] string property any configuration mapped (ADR-010).
        ProtectedColumns.Apply(builder, Protection?.Protector);
    }

    /// <summary>The key ring and blind index from the options; null only for the design-time model.</summary>
    private FieldProtectionExtension? Protection => options.FindExtension<FieldProtectionExtension>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>
    /// The one change-detection pass of a save. Everything after it (the SQLite version counter, the audit
    /// interceptor) works from the states found here, and EF is told not to detect again.
    /// </summary>
    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        PersonBlindIndex.Update(ChangeTracker, Protection?.BlindIndex);
        ConcurrencyTokens.BumpSqliteVersions(this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // SQLite has no time type; stored as ticks (UTC), times order and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

public static class DatabaseProviders
{
    public static DatabaseProvider FromName(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSql,
        "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
        _ => throw new NotSupportedException($"Unsupported database provider '{providerName}'."),
    };
}
