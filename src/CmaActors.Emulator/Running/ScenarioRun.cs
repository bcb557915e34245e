using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// One scenario run driven slice by slice: each <see cref="Advance"/> runs the next slice of virtual time, samples the
/// memory timeline and the areas, and reports progress; every invariant is walked every
/// <see cref="InvariantSpec.CheckEverySeconds"/> of virtual time and once more after the last slice. The
/// session is open before <see cref="Start"/>, so a caller may attach observers of its own.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private readonly RunOptions _options;
    private readonly long _checkEveryNs;
    private long _sliceEndNs;
    private long _nextCheckNs;
    private bool _finished;

    private ScenarioRun(Scenario scenario, RunOptions options)
    {
        _options = options;
        Session = SimulationSession.Create(options.Apply(scenario), diagnostics: options.Diagnostics);
        EndNs = (long)(Session.Scenario.DurationSeconds * 1e9);
        _checkEveryNs = (long)(Session.Scenario.Invariants.CheckEverySeconds * 1e9);
        _nextCheckNs = _checkEveryNs > 0 ? _checkEveryNs : long.MaxValue;
    }

    /// <summary>The session being driven.</summary>
    public SimulationSession Session { get; }

    /// <summary>Virtual time the run ends, ns.</summary>
    public long EndNs { get; }

    /// <summary>Virtual time reached, ns.</summary>
    public long NowNs => Session.Driver.NowNs;

    /// <summary>True once the last slice has run or a violation stopped the run.</summary>
    public bool Finished => _finished;

    /// <summary>Creates the session of a run (the scenario with <paramref name="options"/>' overrides) without starting it.</summary>
    public static ScenarioRun Create(Scenario scenario, RunOptions? options = null) => new(scenario, options ?? new RunOptions());

    /// <summary>Creates the machine's actors and takes the first samples.</summary>
    public void Start()
    {
        Session.Start();
        Session.Sample();
    }

    /// <summary>Runs the next slice of virtual time; false once the run is finished.</summary>
    public bool Advance()
    {
        if (_finished)
            return false;
        _sliceEndNs = Math.Min(EndNs, _sliceEndNs + _options.ProgressSliceNs);
        for (; _nextCheckNs < _sliceEndNs; _nextCheckNs += _checkEveryNs)
        {
            if (!Session.RunUntil(_nextCheckNs) || !Session.CheckAll())
                return Stop();
        }

        if (!Session.RunUntil(_sliceEndNs))
            return Stop();

        Session.SampleAreas();
        Session.Sample();
        _options.Progress?.Invoke(_sliceEndNs, EndNs);
        if (_sliceEndNs < EndNs)
            return true;
        Session.CheckAll();
        return Stop();
    }

    private bool Stop()
    {
        _finished = true;
        return false;
    }

    /// <summary>Runs the remaining slices.</summary>
    public void RunToEnd()
    {
        while (Advance())
        {
        }
    }

    /// <summary>The result as things stand.</summary>
    public RunOutcome Outcome() => Session.Outcome();

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
