using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Load;

/// <summary>
/// A load profile as a pure function of load time (run time since the injector started, minus the time it was paused):
/// where each phase lies, how many requests an open phase has due by a given moment, how many a closed phase keeps
/// outstanding, and when that next changes. Integer nanoseconds throughout, so simulation runs stay deterministic.
/// </summary>
public sealed class LoadSchedule
{
    private readonly PhasePlan[] _plans;

    /// <summary>Plans <paramref name="profile"/> (a validated one).</summary>
    public LoadSchedule(LoadProfileSpec profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Repeat = profile.Repeat;
        var phases = profile.Phases;
        _plans = new PhasePlan[phases.Count];
        long start = 0;
        for (var i = 0; i < phases.Count; i++)
        {
            var during = Math.Max(1, (long)Math.Round(phases[i].DuringMs * 1e6));
            _plans[i] = new PhasePlan(phases[i], start, during, Interval(phases[i], during));
            start += during;
        }

        CycleNs = start;
        for (var i = 0; i < _plans.Length; i++)
        {
            _plans[i].FirstStartRate = StartRate(i, first: true);
            _plans[i].NextStartRate = StartRate(i, first: false);
            _plans[i].FirstStartCopies = StartCopies(i, first: true);
            _plans[i].NextStartCopies = StartCopies(i, first: false);
        }
    }

    /// <summary>Length of one pass over the phases, ns.</summary>
    public long CycleNs { get; }

    /// <summary>The phases start again after the last one.</summary>
    public bool Repeat { get; }

    /// <summary>Number of phases.</summary>
    public int PhaseCount => _plans.Length;

    /// <summary>The phase as the scenario gives it.</summary>
    public LoadPhase Phase(int phase) => _plans[phase].Spec;

    /// <summary>Start of <paramref name="phase"/> of <paramref name="cycle"/>, ns of load time.</summary>
    public long StartOf(int phase, long cycle) => cycle * CycleNs + _plans[phase].StartNs;

    /// <summary>Length of the phase, ns.</summary>
    public long DurationOf(int phase) => _plans[phase].DuringNs;

    /// <summary>True for inject and ramping_inject.</summary>
    public bool IsOpen(int phase) => _plans[phase].IntervalNs > 0;

    /// <summary>Injections of an open phase (one at the start of every interval).</summary>
    public long Portions(int phase)
    {
        var plan = _plans[phase];
        return plan.IntervalNs == 0 ? 0 : (plan.DuringNs + plan.IntervalNs - 1) / plan.IntervalNs;
    }

    /// <summary>When injection <paramref name="portion"/> of an open phase happens, ns after the phase's start.</summary>
    public long PortionTime(int phase, long portion) => portion * _plans[phase].IntervalNs;

    /// <summary>Injections of an open phase that are due <paramref name="sinceStartNs"/> after its start.</summary>
    public long PortionsDue(int phase, long sinceStartNs) =>
        sinceStartNs < 0 ? 0 : Math.Min(Portions(phase), sinceStartNs / _plans[phase].IntervalNs + 1);

    /// <summary>Requests the first <paramref name="portions"/> injections of an open phase inject, in total.</summary>
    public long RequestsIn(int phase, long cycle, long portions)
    {
        var plan = _plans[phase];
        switch (plan.Spec)
        {
            case InjectPhase inject:
                return portions * inject.Rate;
            case RampingInjectPhase ramp:
                // Portion k injects r0 + (r1 - r0)(k + 1)/n; the sum of the first m is m·r0 + (r1 - r0)·m(m + 1)/2n, floored.
                var n = (Int128)Portions(phase);
                var r0 = (Int128)(cycle == 0 ? plan.FirstStartRate : plan.NextStartRate);
                var m = (Int128)portions;
                var twice = 2 * n * m * r0 + (ramp.Rate - r0) * m * (m + 1);
                return (long)(twice / (2 * n));
            default:
                return 0;
        }
    }

    /// <summary>Requests a closed phase keeps outstanding <paramref name="sinceStartNs"/> after its start.</summary>
    public int TargetCopies(int phase, long cycle, long sinceStartNs)
    {
        var plan = _plans[phase];
        switch (plan.Spec)
        {
            case KeepConstantPhase keep:
                return keep.Copies;
            case RampingConstantPhase ramp:
                var c0 = cycle == 0 ? plan.FirstStartCopies : plan.NextStartCopies;
                var span = Math.Abs(ramp.Copies - c0);
                var x = Math.Clamp(sinceStartNs, 0, plan.DuringNs);
                var moved = (int)((Int128)span * x / plan.DuringNs);
                return ramp.Copies >= c0 ? c0 + moved : c0 - moved;
            default:
                return 0;
        }
    }

    /// <summary>
    /// When the target of a closed phase next changes, ns after its start; the phase's end when it does not (or for
    /// any other phase).
    /// </summary>
    public long NextTargetChange(int phase, long cycle, long sinceStartNs)
    {
        var plan = _plans[phase];
        if (plan.Spec is not RampingConstantPhase ramp)
            return plan.DuringNs;
        var c0 = cycle == 0 ? plan.FirstStartCopies : plan.NextStartCopies;
        var span = Math.Abs(ramp.Copies - c0);
        if (span == 0)
            return plan.DuringNs;
        var moved = Math.Abs(TargetCopies(phase, cycle, sinceStartNs) - c0);
        var next = ((Int128)(moved + 1) * plan.DuringNs + span - 1) / span;
        return (long)Int128.Min(next, plan.DuringNs);
    }

    /// <summary>How long each phase has been active over the first <paramref name="loadTimeNs"/> of load time, ns.</summary>
    public long[] ActiveNs(long loadTimeNs)
    {
        var active = new long[_plans.Length];
        if (loadTimeNs <= 0 || CycleNs == 0)
            return active;
        var cycles = Repeat ? loadTimeNs / CycleNs : 0;
        var rest = Repeat ? loadTimeNs % CycleNs : Math.Min(loadTimeNs, CycleNs);
        for (var i = 0; i < _plans.Length; i++)
        {
            var plan = _plans[i];
            active[i] = cycles * plan.DuringNs + Math.Clamp(rest - plan.StartNs, 0, plan.DuringNs);
        }

        return active;
    }

    private static long Interval(LoadPhase phase, long duringNs) => phase switch
    {
        InjectPhase inject => Math.Clamp((long)Math.Round(inject.IntervalMs * 1e6), 1, duringNs),
        RampingInjectPhase ramp => Math.Clamp((long)Math.Round(ramp.IntervalMs * 1e6), 1, duringNs),
        _ => 0,
    };

    /// <summary>The rate the previous phase ended with, if it was an open one; 0 otherwise.</summary>
    private int StartRate(int phase, bool first)
    {
        var previous = Previous(phase, first);
        return previous switch
        {
            InjectPhase inject => inject.Rate,
            RampingInjectPhase ramp => ramp.Rate,
            _ => 0,
        };
    }

    /// <summary>The copies the previous phase ended with, if it was a closed one; 0 otherwise.</summary>
    private int StartCopies(int phase, bool first)
    {
        var previous = Previous(phase, first);
        return previous switch
        {
            KeepConstantPhase keep => keep.Copies,
            RampingConstantPhase ramp => ramp.Copies,
            _ => 0,
        };
    }

    private LoadPhase? Previous(int phase, bool first) =>
        phase > 0 ? _plans[phase - 1].Spec : !first && Repeat ? _plans[^1].Spec : null;

    private sealed class PhasePlan(LoadPhase spec, long startNs, long duringNs, long intervalNs)
    {
        public LoadPhase Spec { get; } = spec;
        public long StartNs { get; } = startNs;
        public long DuringNs { get; } = duringNs;
        public long IntervalNs { get; } = intervalNs;
        public int FirstStartRate { get; set; }
        public int NextStartRate { get; set; }
        public int FirstStartCopies { get; set; }
        public int NextStartCopies { get; set; }
    }
}
