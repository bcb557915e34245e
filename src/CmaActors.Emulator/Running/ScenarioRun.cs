using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// One scenario run in either mode, driven slice by slice over its host (<see cref="IRunHost"/>): each
/// <see cref="Advance"/> lets run time reach the end of the next slice and reports progress; every invariant is walked
/// every <see cref="InvariantSpec.CheckEverySeconds"/> of run time and once more at the end; the memory timeline,
/// /proc snapshots and area use are sampled where the machine stands still — at every slice in simulation, at every
/// check, every due snapshot and at the end in parallel mode; a parallel run also has a report line every
/// <see cref="ParallelSpec.ReportEverySeconds"/>. The host is open before <see cref="Start"/>, so a caller may attach
/// observers of its own. Results are collected in the host's <see cref="RunRecord"/>, the same in both modes.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private readonly RunOptions _options;
    private readonly long _checkEveryNs;
    private readonly long _reportEveryNs;
    private long _sliceEndNs;
    private long _nextCheckNs;
    private long _nextReportNs;
    private bool _finished;
    private IDisposable? _finalHold;

    private ScenarioRun(Scenario scenario, RunOptions options)
    {
        _options = options;
        scenario = options.Apply(scenario);
        Host = scenario.Mode == RunMode.Parallel
            ? ParallelSession.Create(scenario, diagnostics: options.Diagnostics)
            : SimulationSession.Create(scenario, diagnostics: options.Diagnostics);
        EndNs = (long)(Host.Scenario.DurationSeconds * 1e9);
        _checkEveryNs = (long)(Host.Scenario.Invariants.CheckEverySeconds * 1e9);
        _nextCheckNs = _checkEveryNs > 0 ? _checkEveryNs : long.MaxValue;
        _reportEveryNs = Math.Max(1, (long)(Host.Scenario.Parallel.ReportEverySeconds * 1e9));
        _nextReportNs = _reportEveryNs;
    }

    /// <summary>The host of the machine being run.</summary>
    public IRunHost Host { get; }

    /// <summary>The simulation session of a run in simulation mode (tests and benchmarks that drive the driver).</summary>
    public SimulationSession Session => Host as SimulationSession
        ?? throw new InvalidOperationException("The run is in parallel mode: it has no simulation driver.");

    /// <summary>Run time the run ends, ns.</summary>
    public long EndNs { get; }

    /// <summary>Run time reached, ns.</summary>
    public long NowNs => Host.NowNs;

    /// <summary>True once the last slice has run or a violation stopped the run.</summary>
    public bool Finished => _finished;

    /// <summary>Creates the host of a run (the scenario with <paramref name="options"/>' overrides) without starting it.</summary>
    public static ScenarioRun Create(Scenario scenario, RunOptions? options = null) => new(scenario, options ?? new RunOptions());

    /// <summary>Creates the machine's actors and takes the first samples.</summary>
    public void Start()
    {
        Host.Start();
        using (Host.Hold())
            Host.Record.Sample(Host.NowNs);
    }

    /// <summary>Runs the next slice of run time; false once the run is finished.</summary>
    public bool Advance()
    {
        if (_finished)
            return false;
        _sliceEndNs = Math.Min(EndNs, _sliceEndNs + _options.ProgressSliceNs);
        // A check due at the slice's end is made there; one due at the run's end is the final walk.
        for (; _nextCheckNs <= _sliceEndNs && _nextCheckNs < EndNs; _nextCheckNs += _checkEveryNs)
        {
            if (!Host.RunUntil(_nextCheckNs) || !CheckAndSample())
                return Stop();
        }

        if (!Host.RunUntil(_sliceEndNs))
            return Stop();

        if (Host.StillBetweenRuns)
            Sample();
        else if (_sliceEndNs < EndNs && Host.Record.SnapshotDue(Host.NowNs))
            using (Host.Hold())
                Sample();

        if (_sliceEndNs < EndNs && _sliceEndNs >= _nextReportNs)
        {
            _nextReportNs += _reportEveryNs;
            Report();
        }

        _options.Progress?.Invoke(_sliceEndNs, EndNs);
        if (_sliceEndNs < EndNs)
            return true;
        // The end: held still (in parallel mode until the outcome is taken), walked once more, and the last report line.
        _finalHold = Host.Hold();
        Host.CheckAll();
        if (!Host.StillBetweenRuns)
        {
            Host.Record.SampleAreas();
            Host.Record.Timeline.Sample(Host.NowNs);
        }

        Report();
        return Stop();
    }

    /// <summary>Runs the remaining slices.</summary>
    public void RunToEnd()
    {
        while (Advance())
        {
        }
    }

    /// <summary>The result as things stand.</summary>
    public RunOutcome Outcome()
    {
        if (_finished || Host.StillBetweenRuns)
            return Host.Outcome();
        using (Host.Hold())
            return Host.Outcome();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The host first: in parallel mode the machine stays held still while its actors stop.
        Host.Dispose();
        _finalHold?.Dispose();
    }

    private bool CheckAndSample()
    {
        using (Host.Hold())
        {
            if (!Host.CheckAll())
                return false;
            if (!Host.StillBetweenRuns)
                Sample();
            return true;
        }
    }

    private void Sample()
    {
        Host.Record.SampleAreas();
        Host.Record.Sample(Host.NowNs);
    }

    private void Report()
    {
        if (Host.CloseInterval() is not { } line)
            return;
        Host.Record.Add(line);
        _options.Interval?.Invoke(line);
    }

    private bool Stop()
    {
        if (!_finished && _finalHold is null && !Host.StillBetweenRuns)
        {
            // Stopped by a violation: hold still for the outcome, with the last report line.
            _finalHold = Host.Hold();
            Report();
        }

        _finished = true;
        return false;
    }
}
