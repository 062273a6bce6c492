using CaseManagement.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManagement.Application;

public static class DependencyInjection
{
    /// <summary>The mediator with its pipeline, the validators and the per-scope user.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            // Handlers take a DbContext: one per scope, never a singleton that captures it.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(TelemetryBehaviour<,>),
                typeof(LoggingBehaviour<,>),
                typeof(RefusalLogBehaviour<,>),
                typeof(AuthorisationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });
        // Field names in messages come from the resources ("'Fornavn' kan ikke være tom."), not from C# names.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : Resources.Messages.ResourceManager.GetString("Field_" + member.Name, System.Globalization.CultureInfo.CurrentUICulture) ?? member.Name;
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<CurrentUser>();
        services.AddScoped<Data.IdempotencyScope>();
        services.AddScoped<Features.Administration.AccountActivation>();
        // None until the host configures some (Authentication:ExternalProviders, ADR-016).
        services.TryAddSingleton(new Features.Administration.ExternalIdentityProviders([]));
        services.AddOptions<Auditing.ProtectionOptions>().BindConfiguration(Auditing.ProtectionOptions.Section)
            .Validate(o => o.Keys.ContainsKey(o.ActiveKey) && !string.IsNullOrEmpty(o.ChainKey) && !string.IsNullOrEmpty(o.BlindIndexKey),
                "Protection:ActiveKey, Protection:Keys, Protection:ChainKey and Protection:BlindIndexKey are required.")
            .ValidateOnStart();
        services.AddSingleton<Auditing.FieldProtector>();
        services.AddSingleton<Protection.BlindIndex>();
        services.AddScoped<Protection.KeyRotation>();
        services.AddSingleton<Auditing.AuditChain>();
        services.AddSingleton<Auditing.ChainSealer>();
        services.AddScoped<Auditing.AuditInterceptor>();
        services.AddScoped<Auditing.AccessLogger>();
        services.AddSingleton<Auditing.AuditVerifier>();
        services.AddSingleton(TimeProvider.System);
        // Mentor programme, family guidance and alerts on the home page and the timeline.
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.Alerts.AlertDueItems>();
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.Mentors.MentorCadenceDueItems>();
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.Mentors.PoliceCertificateDueItems>();
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.Families.FamilyGuidanceDueItems>();
        services.AddScoped<WorkSurfaces.ITimelineSource, Features.Mentors.MentorSessionTimeline>();
        services.AddScoped<WorkSurfaces.ITimelineSource, Features.Families.FamilyGuidanceTimeline>();
        // Work surfaces: each record kind adds its due items and timeline events here.
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.WorkSurfaces.FollowUpDueItems>();
        services.AddScoped<WorkSurfaces.ITimelineSource, Features.WorkSurfaces.FollowUpTimeline>();
        services.AddScoped<WorkSurfaces.IDueItemSource, WorkSurfaces.ConversationDueItems>();
        services.AddScoped<WorkSurfaces.ITimelineSource, WorkSurfaces.ConversationTimeline>();
        services.AddScoped<WorkSurfaces.IDueItemSource, Features.Plans.PlanAndGroupDueItems>();
        services.AddScoped<WorkSurfaces.ITimelineSource, Features.Plans.PlanAndGroupTimeline>();
        // Recertification of access (ADR-030): the period and the warning window.
        // Defaults where a host has no configuration (component tests).
        services.AddOptions<Features.Recertification.RecertificationOptions>()
            .Configure<IServiceProvider>((o, provider) =>
                provider.GetService<IConfiguration>()?.GetSection(Features.Recertification.RecertificationOptions.Section).Bind(o))
            .Validate(o => o.PeriodMonths is >= 1 and <= 24 && o.WarningDays >= 0 && o.WarningDays < o.PeriodMonths * 28,
                "Recertification:PeriodMonths must be 1–24 and Recertification:WarningDays at least 0 and shorter than the period.")
            .ValidateOnStart();
        return services;
    }
}
