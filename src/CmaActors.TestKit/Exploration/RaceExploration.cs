using System.Text;
using CmaActors.Runtime;
using Xunit.Sdk;

namespace CmaActors.TestKit;

/// <summary>
/// Systematic race finding inside an xunit test: explore the schedules of a system (an <see cref="IScheduleTarget"/>,
/// e.g. an emulated machine with a historical bug switched on), assert that a violation is found within a budget or
/// that none is, and replay a recorded schedule as a regression test. Failures are xunit assertion failures whose
/// message carries the schedule, the rule, the step and the deliveries that led there.
/// </summary>
public static class RaceExploration
{
    /// <summary>Explores <paramref name="options"/>.Schedules schedules of <paramref name="target"/>; stops at the first failure.</summary>
    public static ExplorationResult Explore(IScheduleTarget target, ExplorationOptions options) => Explore([target], options);

    /// <summary>
    /// Explores on a thread for each of <paramref name="targets"/> (each must be a system of its own, e.g. a
    /// <c>ScenarioScheduleTarget</c> each): the result is the one-target result, the first failing seed in seed order.
    /// </summary>
    public static ExplorationResult Explore(IReadOnlyList<IScheduleTarget> targets, ExplorationOptions options) =>
        ScheduleExplorer.Explore(targets, options);

    /// <summary>
    /// Explores and asserts that a schedule within the budget fails (with <paramref name="rule"/> when given);
    /// returns the result, whose <see cref="ExplorationResult.FailingSchedule"/> replays it.
    /// </summary>
    /// <exception cref="XunitException">No schedule failed, or one failed with another rule.</exception>
    public static ExplorationResult AssertViolationFound(IScheduleTarget target, ExplorationOptions options, string? rule = null) =>
        AssertViolationFound([target], options, rule);

    /// <summary><see cref="AssertViolationFound(IScheduleTarget, ExplorationOptions, string?)"/> on a thread for each target.</summary>
    /// <exception cref="XunitException">No schedule failed, or one failed with another rule.</exception>
    public static ExplorationResult AssertViolationFound(IReadOnlyList<IScheduleTarget> targets, ExplorationOptions options, string? rule = null)
    {
        var result = Explore(targets, options);
        if (!result.Found)
            throw new XunitException($"no violation in {result.SchedulesRun} schedules ({Describe(result.Options)})");
        var failure = result.Outcome!.Failure!;
        if (rule is not null && failure.Rule != rule)
            throw new XunitException($"expected a violation of {rule}, found {Report(result.FailingSchedule!, failure)}");
        return result;
    }

    /// <summary>Explores the whole budget and asserts that no schedule fails.</summary>
    /// <exception cref="XunitException">A schedule failed; the message is its report.</exception>
    public static ExplorationResult AssertNoViolation(IScheduleTarget target, ExplorationOptions options) => AssertNoViolation([target], options);

    /// <summary><see cref="AssertNoViolation(IScheduleTarget, ExplorationOptions)"/> on a thread for each target.</summary>
    /// <exception cref="XunitException">A schedule failed; the message is its report.</exception>
    public static ExplorationResult AssertNoViolation(IReadOnlyList<IScheduleTarget> targets, ExplorationOptions options)
    {
        var result = Explore(targets, options);
        if (result.Found)
            throw new XunitException($"unexpected violation after {result.SchedulesRun} schedules: {Report(result.FailingSchedule!, result.Outcome!.Failure!)}");
        return result;
    }

    /// <summary>
    /// The test of an injected bug: exploring <paramref name="withBug"/> finds a violation of <paramref name="rule"/>
    /// within the budget, and exploring <paramref name="withoutBug"/> with the same seeds and strategy over the same
    /// number of schedules finds none. Returns the failing exploration.
    /// </summary>
    public static ExplorationResult AssertFoundOnlyWithBug(IScheduleTarget withBug, IScheduleTarget withoutBug, ExplorationOptions options, string rule) =>
        AssertFoundOnlyWithBug([withBug], [withoutBug], options, rule);

    /// <summary><see cref="AssertFoundOnlyWithBug(IScheduleTarget, IScheduleTarget, ExplorationOptions, string)"/> on a thread for each target.</summary>
    public static ExplorationResult AssertFoundOnlyWithBug(IReadOnlyList<IScheduleTarget> withBug, IReadOnlyList<IScheduleTarget> withoutBug,
        ExplorationOptions options, string rule)
    {
        var found = AssertViolationFound(withBug, options, rule);
        AssertNoViolation(withoutBug, options);
        return found;
    }

    /// <summary>
    /// Runs <paramref name="schedule"/> once and asserts it fails exactly as recorded: the same rule at the same step
    /// (and about the same subject when <paramref name="subject"/> is given).
    /// </summary>
    /// <exception cref="XunitException">The schedule ran clean or failed otherwise.</exception>
    public static ScheduleFailure Replay(IScheduleTarget target, ScheduleSpec schedule, string rule, long step, long? subject = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schedule);
        var outcome = target.Run(schedule.CreateStrategy());
        var expected = $"{rule} at step {step}" + (subject is { } s ? $" ({s})" : "");
        if (outcome.Failure is not { } failure)
            throw new XunitException($"{schedule} did not reproduce {expected}: no violation in {outcome.Steps} deliveries");
        if (failure.Rule != rule || failure.Step != step || (subject is { } x && failure.Subject != x))
            throw new XunitException($"{schedule} did not reproduce {expected}: {Report(schedule, failure)}");
        return failure;
    }

    /// <summary>A failure's report: schedule, rule, step, subject, detail and the last deliveries.</summary>
    public static string Report(ScheduleSpec schedule, ScheduleFailure failure)
    {
        var text = new StringBuilder().Append(schedule).Append(": ").Append(failure).AppendLine();
        foreach (var line in failure.LastEvents)
            text.Append("    ").AppendLine(line);
        return text.ToString();
    }

    private static string Describe(ExplorationOptions o) =>
        (o.Strategy == ScheduleStrategyKind.Pct ? $"pct depth {o.Depth}" : o.Strategy.ToString().ToLowerInvariant()) +
        $", seeds {o.SeedStart}..{(long)o.SeedStart + o.Schedules - 1}";
}
