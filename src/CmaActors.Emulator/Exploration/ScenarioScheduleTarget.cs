using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// A scenario as a system to explore: each run boots the machine (with the scenario's bugs) under the schedule's
/// strategy on one reusable simulation host, runs it to the scenario's duration, walks every invariant, and reports
/// the first violation, or an actor that failed. The schedule's seed is also the scenario's seed, so the seed names
/// both the workload's draws and the strategy's choices.
/// </summary>
public sealed class ScenarioScheduleTarget : IScheduleTarget, IDisposable
{
    /// <summary>The rule reported when an emulator actor's handler threw.</summary>
    public const string ActorFailureRule = "actor-failure";

    private SimulationHost? _host;

    /// <summary>Creates a target for <paramref name="scenario"/> (validated).</summary>
    public ScenarioScheduleTarget(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
    }

    /// <summary>The scenario explored.</summary>
    public Scenario Scenario { get; }

    /// <summary>Called with each new session and its strategy before the machine starts (to add observers, e.g. a <see cref="DeliveryTrace"/>).</summary>
    public Action<SimulationSession, ExplorationStrategy>? BeforeRun { get; set; }

    /// <inheritdoc />
    public ScheduleOutcome Run(ExplorationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var scenario = Scenario with { Seed = strategy.Seed };
        using var session = Open(scenario, strategy);
        ScheduleFailure? failure = null;
        try
        {
            BeforeRun?.Invoke(session, strategy);
            session.Start();
            if (session.RunUntil((long)(scenario.DurationSeconds * 1e9)))
                session.CheckAll();
            if (session.Violation is { } v)
                failure = new ScheduleFailure(v.Rule, v.Step, v.Pfn, v.Detail, v.LastEvents);
        }
        catch (SimulationFailedException e)
        {
            failure = new ScheduleFailure(ActorFailureRule, e.Step, -1, e.Message, session.Recent.Snapshot().Select(ViolationReports.FormatEvent).ToList());
        }

        return new ScheduleOutcome(session.Driver.Steps, session.Driver.Units, failure);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _host?.Dispose();
        _host = null;
    }

    private SimulationSession Open(Scenario scenario, ExplorationStrategy strategy)
    {
        _host ??= SimulationSession.CreateHost();
        try
        {
            return SimulationSession.CreateOn(_host, scenario, strategy);
        }
        catch (Exception e) when (e is InvalidOperationException or SimulationFailedException)
        {
            // The previous schedule's actors could not be stopped cleanly: start over on a new actor system. The schedule
            // does not depend on the host, so this changes nothing but the time it takes.
            _host.Dispose();
            _host = SimulationSession.CreateHost();
            return SimulationSession.CreateOn(_host, scenario, strategy);
        }
    }
}
