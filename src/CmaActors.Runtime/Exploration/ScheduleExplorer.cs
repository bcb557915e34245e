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

    /// <summary>
    /// Explores as <see cref="Explore(IScheduleTarget, ExplorationOptions, Action{int}?, CancellationToken)"/> does, on
    /// <paramref name="workers"/> threads with a target each, opened with <paramref name="open"/> on the calling thread
    /// and disposed after (when disposable). See <see cref="Explore(IReadOnlyList{IScheduleTarget}, ExplorationOptions, Action{int}?, CancellationToken)"/>.
    /// </summary>
    public static ExplorationResult Explore(Func<IScheduleTarget> open, ExplorationOptions options, int workers, Action<int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        options.Validate();
        var targets = new List<IScheduleTarget>();
        try
        {
            for (var i = 0; i < Math.Min(workers, options.Schedules); i++)
                targets.Add(open());
            return Explore(targets, options, progress, cancel);
        }
        finally
        {
            foreach (var target in targets)
                (target as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Explores as <see cref="Explore(IScheduleTarget, ExplorationOptions, Action{int}?, CancellationToken)"/> does, on a
    /// thread for each of <paramref name="targets"/> (one target: the calling thread). Each thread takes the next seed
    /// when it is free. The result is the one thread's result — the first failing seed in seed order, the schedules up
    /// to it and their deliveries — whatever order the schedules finish in; schedules of later seeds that were already
    /// under way when it failed are finished and left out. A schedule that throws stops the exploration as a failure
    /// would, and its exception is rethrown.
    /// </summary>
    /// <param name="targets">The targets, one for each thread; they stay the caller's.</param>
    /// <param name="options">Strategy, seeds, budget.</param>
    /// <param name="progress">Called with the schedules run so far, from the first seed with none missing; from the workers' threads, one call at a time.</param>
    /// <param name="cancel">Stops handing out seeds.</param>
    public static ExplorationResult Explore(IReadOnlyList<IScheduleTarget> targets, ExplorationOptions options, Action<int>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(targets.Count, 1);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var workers = Math.Min(targets.Count, options.Schedules);
        if (workers == 1)
            return Explore(targets[0], options, progress, cancel);
        if (options.Strategy == ScheduleStrategyKind.Pct && options.Horizon == 0)
            options = options with { Horizon = MeasureHorizon(targets[0], options.SeedStart) };

        var prefix = new SeedPrefix(options.Schedules, progress);
        WorkerThreads.Run(workers, "explore-worker", i => Work(targets[i], options, prefix, cancel));
        prefix.RethrowIfThrown();
        var failing = prefix.FailingOffset;
        var spec = failing < 0 ? null : options.SpecFor(options.SeedStart + failing);
        return new ExplorationResult(options, prefix.Finished, spec, prefix.Failure, prefix.Steps, clock.Elapsed) { Workers = workers };
    }

    private static void Work(IScheduleTarget target, ExplorationOptions options, SeedPrefix prefix, CancellationToken cancel)
    {
        while (prefix.TryTake(cancel, out var offset))
        {
            try
            {
                prefix.Finish(offset, target.Run(options.SpecFor(options.SeedStart + offset).CreateStrategy()));
            }
            catch (Exception e)
            {
                prefix.Throw(offset, e);
            }
        }
    }
}
