namespace CmaActors.Emulator.Scenarios;

/// <summary>Checks of load profiles and of parallel mode's settings.</summary>
public static partial class ScenarioValidator
{
    private const int MaxRate = 1_000_000;
    private const int MaxCopies = 100_000;

    private static void ValidateLoad(WorkloadSpec workload, LoadProfileSpec load, string at, Checks v)
    {
        v.That(load.Phases.Count > 0, $"{at}.phases", "must list at least one phase");
        for (var i = 0; i < load.Phases.Count; i++)
        {
            var phaseAt = $"{at}.phases[{i}]";
            var phase = load.Phases[i];
            v.That(phase.DuringMs > 0 && phase.DuringMs <= 86_400_000, $"{phaseAt}.duringMs", "must be in (0, 86400000]");
            switch (phase)
            {
                case InjectPhase inject:
                    ValidateOpen(inject.Rate, inject.IntervalMs, phase.DuringMs, phaseAt, v);
                    break;
                case RampingInjectPhase ramp:
                    ValidateOpen(ramp.Rate, ramp.IntervalMs, phase.DuringMs, phaseAt, v);
                    break;
                case KeepConstantPhase keep:
                    v.That(keep.Copies is >= 0 and <= MaxCopies, $"{phaseAt}.copies", $"must be in [0, {MaxCopies}]");
                    break;
                case RampingConstantPhase ramp:
                    v.That(ramp.Copies is >= 0 and <= MaxCopies, $"{phaseAt}.copies", $"must be in [0, {MaxCopies}]");
                    break;
            }
        }

        if (workload is CmaDeviceSpec { Repeat: > 0 })
            v.That(false, $"{at}", "a cmaDevice driven by a load profile cycles its sizes: its repeat must be 0");
    }

    private static void ValidateOpen(int rate, double intervalMs, double duringMs, string at, Checks v)
    {
        v.That(rate is >= 0 and <= MaxRate, $"{at}.rate", $"must be in [0, {MaxRate}]");
        if (v.That(intervalMs >= 0.001, $"{at}.intervalMs", "must be at least 0.001 (1 µs)"))
            v.That(intervalMs <= duringMs, $"{at}.intervalMs", $"must not be longer than the phase (duringMs = {duringMs})");
    }

    private static void ValidateParallel(ParallelSpec p, Checks v)
    {
        v.That(p.Threads is >= 0 and <= 1024, "$.parallel.threads", "must be in [0, 1024] (0 = the .NET thread pool)");
        v.That(p.ReportEverySeconds is > 0 and <= 86_400, "$.parallel.reportEverySeconds", "must be in (0, 86400]");
        v.That(p.DrainTimeoutSeconds is > 0 and <= 3_600, "$.parallel.drainTimeoutSeconds", "must be in (0, 3600]");
    }
}
