using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Reports;
using CmaActors.Runtime;

namespace CmaActors.Cli.Output;

/// <summary>Prints the violation a schedule found: schedule, step, rule, page frame and the deliveries that led to it.</summary>
public static class FailureText
{
    /// <summary>Writes the report to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, ScheduleSpec schedule, ScheduleFailure failure)
    {
        writer.WriteLine($"INVARIANT VIOLATED: {failure.Rule}");
        writer.WriteLine($"  schedule: {schedule}, step {failure.Step}, pfn {failure.Subject}");
        writer.WriteLine($"  {failure.Detail}");
        writer.WriteLine($"  last {Words.Count(failure.LastEvents.Count, "delivery", "deliveries")}:");
        foreach (var line in failure.LastEvents)
            writer.WriteLine($"    {line}");
    }

    /// <summary>Writes what minimisation did and the minimised interleaving.</summary>
    public static void WriteMinimised(TextWriter writer, MinimisedRun run)
    {
        writer.WriteLine($"minimised ({Words.Count(run.Schedules, "schedule")}): workload operations {run.OperationsBefore} → {run.OperationsAfter}, " +
                         $"forced decisions {run.DecisionsBefore} → {run.DecisionsAfter}, preemptions {run.PreemptionsBefore} → {run.PreemptionsAfter}");
        foreach (var reduction in run.Reductions)
            writer.WriteLine($"  - {reduction}");
        writer.WriteLine();
        foreach (var line in run.Interleaving())
            writer.WriteLine(line);
    }
}
