using System.Reflection;
using System.Security.Claims;
using CaseManagement.Application;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NetArchTest.Rules;

namespace CaseManagement.Tests.Architecture;

public sealed class ArchitectureTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static readonly Assembly DomainAssembly = typeof(Person).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(DependencyInjection).Assembly;

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<,>), typeof(ICommandHandler<>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>),
        typeof(IRequestHandler<>), typeof(INotificationHandler<>), typeof(IStreamQueryHandler<,>),
        typeof(IStreamCommandHandler<,>), typeof(IStreamRequestHandler<,>),
    ];

    private static IEnumerable<Type> ConcreteMessages() =>
        ApplicationAssembly.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface && typeof(IMessage).IsAssignableFrom(t));

    [Fact]
    public void Every_message_declares_exactly_one_required_capability()
    {
        var messages = ConcreteMessages().ToList();
        var offenders = messages
            .Where(t => t.GetCustomAttributes(typeof(RequiresAttribute), inherit: false).Length != 1)
            .Select(t => $"{t.FullName} ({t.GetCustomAttributes(typeof(RequiresAttribute), inherit: false).Length} [Requires])")
            .ToList();

        Assert.True(offenders.Count == 0, "Deny by default: every command and query needs exactly one [Requires(Capability.…)]. Offenders:\n" + string.Join("\n", offenders));

        // Guards against a vacuous pass (e.g. the message interface moving): the known messages are found.
        Assert.Superset(
            new HashSet<Type> { typeof(RegisterPerson), typeof(GetPerson), typeof(FindPersons), typeof(CorrectPersonDetails) },
            messages.ToHashSet());
    }

    [Fact]
    public void Every_message_requires_a_defined_capability_and_is_a_public_sealed_type()
    {
        var offenders = ConcreteMessages()
            .Where(t => t.GetCustomAttribute<RequiresAttribute>() is not { } r || !Enum.IsDefined(r.Capability) || !t.IsSealed || !t.IsPublic)
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "Messages must be public sealed records with a defined capability:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task The_pipeline_refuses_a_message_without_a_declared_capability()
    {
        // The second half of deny by default: even if the test above were skipped, no message runs unchecked.
        // Mediator's source generator builds the mediator from the Application assembly's messages only, so a message
        // declared here cannot be sent through IMediator (it has no generated handler wrapper). The pipeline itself is
        // the open-generic behaviours the application registers: they are resolved for the test messages from the real
        // container, in their registered order, and chained as the generated mediator chains them.
        var h = await fixture.HarnessAsync(DatabaseProvider.Sqlite);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        Assert.True(RoleCapabilities.Grants([Role.PreventionCoordinator], MessageWithPolicy.Declared), "the control below needs a granted capability");
        var ct = TestContext.Current.CancellationToken;
        await using var scope = h.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(
            new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, coordinator.ToString())], authenticationType: "Test")));
        var before = h.Logs.Lines.Count;

        await Assert.ThrowsAnyAsync<Exception>(async () => await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MessageWithoutPolicy(), ct));
        var handled = new List<string>();
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Pipeline<MessageWithoutPolicy>(scope.ServiceProvider, handled)(new MessageWithoutPolicy(), ct));
        Assert.Empty(handled);
        Assert.Contains(h.Logs.Lines.Skip(before), l => l.EndsWith($"MessageWithoutPolicy refused or failed for user {coordinator}: ForbiddenException", StringComparison.Ordinal));

        // The control: the same user, the same chain, a message that declares a capability the user holds.
        Assert.Equal(1, await Pipeline<MessageWithPolicy>(scope.ServiceProvider, handled)(new MessageWithPolicy(), ct));
        Assert.Equal([nameof(MessageWithPolicy)], handled);
    }

    /// <summary>
    /// The application's behaviours around a handler that records that it ran. Mediator registers each behaviour
    /// closed over each message it generated code for, in pipeline order; the same behaviour types, in that order, are
    /// closed over the test message and built from the real container.
    /// </summary>
    private static MessageHandlerDelegate<TMessage, int> Pipeline<TMessage>(IServiceProvider services, List<string> handled)
        where TMessage : ICommand<int>
    {
        var registered = new ServiceCollection();
        registered.AddLogging();
        registered.AddApplication();
        var order = registered
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>))
            .Select(d => d.ImplementationType ?? d.ServiceType)
            .Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t)
            .Distinct()
            .ToList();
        Assert.Equal(
            [typeof(TelemetryBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(RefusalLogBehaviour<,>), typeof(AuthorisationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)],
            order);
        var behaviours = order
            .Select(t => (IPipelineBehavior<TMessage, int>)ActivatorUtilities.CreateInstance(services, t.MakeGenericType(typeof(TMessage), typeof(int))))
            .ToList();
        MessageHandlerDelegate<TMessage, int> pipeline = (_, _) =>
        {
            handled.Add(typeof(TMessage).Name);
            return ValueTask.FromResult(1);
        };
        foreach (var behaviour in Enumerable.Reverse(behaviours))
        {
            var next = pipeline;
            pipeline = (message, ct) => behaviour.Handle(message, next, ct);
        }

        return pipeline;
    }

    [Fact]
    public void Domain_depends_on_neither_EF_Core_nor_the_outer_layers()
    {
        var result = Types.InAssembly(DomainAssembly)
            .ShouldNot()
            .HaveDependencyOnAny(
                "Microsoft.EntityFrameworkCore",
                "Microsoft.AspNetCore",
                "CaseManagement.Application",
                "CaseManagement.Infrastructure",
                "CaseManagement.Web",
                "CaseManagement.Migrations")
            .GetResult();

        Assert.True(result.IsSuccessful, "Domain types with forbidden dependencies:\n" + string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
        var references = DomainAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || n.StartsWith("CaseManagement.", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_depends_on_neither_Infrastructure_nor_Web_nor_a_database_provider()
    {
        var result = Types.InAssembly(ApplicationAssembly)
            .ShouldNot()
            .HaveDependencyOnAny(
                "CaseManagement.Infrastructure",
                "CaseManagement.Web",
                "CaseManagement.Migrations",
                "Npgsql",
                "Microsoft.EntityFrameworkCore.SqlServer",
                "Microsoft.EntityFrameworkCore.Sqlite",
                "Microsoft.Data.SqlClient",
                "Microsoft.Data.Sqlite",
                "Microsoft.AspNetCore.Http",
                "Microsoft.AspNetCore.Components")
            .GetResult();

        Assert.True(result.IsSuccessful, "Application types with forbidden dependencies:\n" + string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
        var references = ApplicationAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain("CaseManagement.Infrastructure", references);
        Assert.DoesNotContain("CaseManagement.Web", references);
        Assert.Contains("CaseManagement.Domain", references);
    }

    [Fact]
    public void The_dependency_rules_above_do_see_dependencies()
    {
        // A positive control: NetArchTest finds a dependency that is known to exist, so the rules above cannot
        // pass merely because nothing was inspected.
        var efUsers = Types.InAssembly(ApplicationAssembly).That().HaveDependencyOnAny("Microsoft.EntityFrameworkCore").GetTypes().Select(t => t.ReflectionType).ToList();
        Assert.Contains(typeof(CaseManagement.Application.Data.CaseDbContext), efUsers);
        var domainUsers = Types.InAssembly(ApplicationAssembly).That().HaveDependencyOnAny("CaseManagement.Domain").GetTypes().Select(t => t.ReflectionType).ToList();
        Assert.Contains(typeof(RegisterPersonHandler), domainUsers);
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_Web()
    {
        var result = Types.InAssembly(typeof(DatabaseSetup).Assembly).ShouldNot().HaveDependencyOnAny("CaseManagement.Web").GetResult();

        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void Handlers_are_sealed_and_not_public()
    {
        var handlers = ApplicationAssembly.GetTypes()
            .Where(t => t.IsClass && t.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            .ToList();
        var offenders = handlers.Where(t => !t.IsSealed || t.IsPublic || t.IsNestedPublic).Select(t => t.FullName).ToList();

        Assert.True(offenders.Count == 0, "Handlers must be internal sealed:\n" + string.Join("\n", offenders));
        Assert.True(handlers.Count >= 4, $"Only {handlers.Count} handlers found.");

        // Every message has one handler in the Application assembly.
        var handled = handlers.SelectMany(t => t.GetInterfaces()).Where(i => i.IsGenericType).Select(i => i.GetGenericArguments()[0]).ToHashSet();
        Assert.Empty(ConcreteMessages().Where(m => !handled.Contains(m)).Select(m => m.FullName));
    }

    [Fact]
    public void Validators_are_sealed_and_not_public_and_their_bases_abstract()
    {
        var validators = ApplicationAssembly.GetTypes().Where(t => t.IsClass && typeof(IValidator).IsAssignableFrom(t)).ToList();
        var offenders = validators
            .Where(t => t.IsPublic || t.IsNestedPublic || !(t.IsSealed || t.IsAbstract))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "Validators must be internal sealed (shared bases internal abstract):\n" + string.Join("\n", offenders));
        Assert.True(validators.Count(t => t.IsSealed) >= 4, "Expected a validator per person message.");

        // The NetArchTest view of the same rule, for the concrete ones (and it must select them all).
        var selected = Types.InAssembly(ApplicationAssembly).That().Inherit(typeof(AbstractValidator<>)).And().AreNotAbstract();
        Assert.Equal(validators.Count(t => t.IsSealed), selected.GetTypes().Count());
        var result = selected.Should().BeSealed().And().NotBePublic().GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void Every_message_with_input_has_a_validator()
    {
        var validated = ApplicationAssembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        // A message without properties (e.g. "list the units") has no input to validate.
        Assert.Empty(ConcreteMessages()
            .Where(m => m.GetProperties().Any(p => p.DeclaringType == m && p.Name != "EqualityContract"))
            .Where(m => !validated.Contains(m)).Select(m => m.FullName));
    }

    [Fact]
    public void The_pipeline_runs_logging_then_authorisation_then_validation_then_transaction()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddCaseIdentityCore();

        var command = services.Where(d => d.ServiceType == typeof(IPipelineBehavior<,>) || (d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IPipelineBehavior<,>)))
            .Select(d => (d.ImplementationType ?? d.ServiceType).IsGenericType ? (d.ImplementationType ?? d.ServiceType).GetGenericTypeDefinition() : d.ImplementationType)
            .Distinct()
            .ToList();

        Assert.Equal(
            [typeof(TelemetryBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(RefusalLogBehaviour<,>), typeof(AuthorisationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)],
            command);
        Assert.All(services.Where(d => d.ServiceType == typeof(CurrentUser)), d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }

    [Fact]
    public void Every_role_is_in_the_capability_table_and_only_case_roles_read_persons()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.NotNull(RoleCapabilities.Of(role));
        }

        // Mentors, privacy officers and administrators read no case content (DOMAIN.md "Must never").
        Capability[] caseContent =
        [
            Capability.ReadPersons, Capability.RegisterPerson, Capability.CorrectPerson, Capability.ReadFollowUps,
            Capability.OpenFollowUp, Capability.ManageTeam, Capability.CloseFollowUp, Capability.ManageConsent,
            Capability.ManageDisclosures, Capability.RequestEmergencyAccess,
        ];
        foreach (var role in new[] { Role.Mentor, Role.PrivacyOfficer, Role.Administrator })
        {
            Assert.Empty(RoleCapabilities.Of(role).Intersect(caseContent));
        }
        Assert.False(RoleCapabilities.Grants([], Capability.ReadPersons));
        Assert.False(RoleCapabilities.Grants([(Role)999], Capability.ReadPersons));
    }

    /// <summary>A message on purpose without [Requires], used only above.</summary>
    public sealed record MessageWithoutPolicy : ICommand<int>;

    /// <summary>The control: the same shape with a declared capability.</summary>
    [Requires(Declared)]
    public sealed record MessageWithPolicy : ICommand<int>
    {
        public const Capability Declared = Capability.ReadPersons;
    }
}
