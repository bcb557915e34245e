namespace CmaActors.Emulator.Exploration;

/// <summary>A failing run made small: its replay file, what was cut, and the trace to read.</summary>
/// <param name="Replay">The minimised schedule (guided) on the reduced scenario, with the violation it reproduces.</param>
/// <param name="Reductions">The workload reductions that kept the failure, in the order they were made.</param>
/// <param name="OperationsBefore">Workload operations up to the violation in the original run.</param>
/// <param name="OperationsAfter">The same in the minimised run.</param>
/// <param name="DecisionsBefore">Decisions that differed from the in-order default before shrinking the schedule.</param>
/// <param name="DecisionsAfter">Forced decisions left.</param>
/// <param name="PreemptionsBefore">Preemptions of the original run.</param>
/// <param name="PreemptionsAfter">Preemptions of the minimised run.</param>
/// <param name="Schedules">Schedules run to minimise.</param>
/// <param name="Trace">Every delivery of the minimised run up to the violation.</param>
/// <param name="Cpus">CPUs of the machine (columns of the interleaving).</param>
public sealed record MinimisedRun(ReplayFile Replay, IReadOnlyList<string> Reductions, int OperationsBefore, int OperationsAfter,
    int DecisionsBefore, int DecisionsAfter, long PreemptionsBefore, long PreemptionsAfter, int Schedules,
    IReadOnlyList<TracedDelivery> Trace, int Cpus)
{
    /// <summary>The trace as a numbered interleaving per CPU, ending with the violation.</summary>
    public IReadOnlyList<string> Interleaving()
    {
        var lines = Exploration.Interleaving.Format(Trace, Cpus).ToList();
        var e = Replay.Expected;
        lines.Add($"  ✗ {e.Rule}{(e.Pfn >= 0 ? $" at pfn {e.Pfn}" : "")}, step {e.Step}: {e.Detail}");
        lines.Add($"  {Exploration.Interleaving.Legend}");
        return lines;
    }
}
