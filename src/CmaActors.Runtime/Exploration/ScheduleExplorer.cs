using System.Diagnostics;

namespace CmaActors.Runtime;

/// <summary>
/// Runs schedules of a target, one seed after the other, until one fails or the budget is spent — the loop of
/// systematic concurrency testing (Coyote's test engine, the PCT paper's experiments).
/// </summary>
public static class ScheduleExplorer
{
    /// <summary>The length in units of the target's non-preemptive schedule of <paramref name="seed"/>: the default PCT horizon.</summary>
    public static long MeasureHorizon(IScheduleTarget target, int seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Math.Max(1, target.Run(new GuidedStrategy(seed, [])).Units);
    }

    /// <summary>Explores <paramref name="options"/>.Schedules seeds from SeedStart on; stops at the first failure.</summary>
    /// <param name="target">The system.</param>
    /// <param name="options">Strategy, seeds, budget.</param>
    /// <param name="progress">Called after each schedule with the number run so far.</param>
    /// <param name="cancel">Stops between two schedules.</param>
    public static ExplorationResult Explore(IScheduleTarget target, ExplorationOptions options, Action<int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        if (options.Strategy == ScheduleStrategyKind.Pct && options.Horizon == 0)
            options = options with { Horizon = MeasureHorizon(target, options.SeedStart) };

        long steps = 0;
        var run = 0;
        while (run < options.Schedules && !cancel.IsCancellationRequested)
        {
            var spec = options.SpecFor(options.SeedStart + run);
            var outcome = target.Run(spec.CreateStrategy());
            run++;
            steps += outcome.Steps;
            progress?.Invoke(run);
            if (outcome.Failed)
                return new ExplorationResult(options, run, spec, outcome, steps, clock.Elapsed);
        }

        return new ExplorationResult(options, run, null, null, steps, clock.Elapsed);
    }
}
