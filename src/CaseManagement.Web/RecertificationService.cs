using CaseManagement.Application.Common;
using CaseManagement.Application.Features.Recertification;
using CaseManagement.Web.Operations;
using Mediator;

namespace CaseManagement.Web;

/// <summary>
/// Runs the recertification sweep (<see cref="RunAccessRecertification"/>, ADR-030) every
/// <c>Recertification:SweepIntervalMinutes</c> (60) as the system actor, through the mediator like any command, on one
/// instance at a time under the database lease <see cref="LeaseName"/>. On by default; the Test environment turns it
/// off unless <c>Recertification:Enabled</c> says otherwise (tests send the command themselves, with a fake clock).
/// </summary>
public sealed partial class RecertificationService(
    IServiceScopeFactory scopes, DatabaseLease lease, TimeProvider clock, IConfiguration configuration, IHostEnvironment environment, ILogger<RecertificationService> logger)
    : BackgroundService
{
    public const string LeaseName = "access-recertification";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        configuration.GetValue("Recertification:Enabled", !environment.IsEnvironment("Test"))
            ? lease.RunWhileHeldAsync(LeaseName, SweepAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(configuration.GetValue("Recertification:SweepIntervalMinutes", 60));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
                var sweep = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunAccessRecertification(), stoppingToken);
                LogSwept(logger, sweep.PeriodsStarted, sweep.Disabled.Count, sweep.KeptAdministrators.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next pass tries again; nobody is disabled by a failed pass.
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Recertification sweep: {Started} periods started, {Disabled} users disabled, {Kept} last administrators kept although overdue")]
    private static partial void LogSwept(ILogger logger, int started, int disabled, int kept);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Recertification sweep failed: {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
