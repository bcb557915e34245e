using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Load;

/// <summary>
/// What one workload's load injector measured, per phase of its profile: requests injected, completed ok or failed,
/// and the latency of the successful ones (from injection to answer, HdrHistogram); plus a window of the same since the
/// last report line, the backlog waiting at the injector, and the load's own clock. The injector writes; the runner
/// reads while the run goes on, so every access takes the recorder's lock.
/// </summary>
public sealed class LoadRecorder
{
    private readonly object _gate = new();
    private readonly PhaseRecord[] _phases;
    private readonly LatencyHistogram _window = new();
    private long _windowOk;
    private long _windowFailed;
    private long _originNs = -1;
    private long _pausedNs;
    private long _pausedSinceNs = -1;
    private int _backlog;

    /// <summary>Creates the recorder of <paramref name="workload"/>.</summary>
    public LoadRecorder(string workload, LoadSchedule schedule)
    {
        Workload = workload;
        Schedule = schedule;
        _phases = Enumerable.Range(0, schedule.PhaseCount).Select(_ => new PhaseRecord()).ToArray();
    }

    /// <summary>The workload's name.</summary>
    public string Workload { get; }

    /// <summary>Its load profile.</summary>
    public LoadSchedule Schedule { get; }

    /// <summary>Requests injected and not yet handed to an instance.</summary>
    public int Backlog
    {
        get
        {
            lock (_gate)
                return _backlog;
        }
    }

    /// <summary>The injector started its clock at <paramref name="nowNs"/>.</summary>
    internal void Start(long nowNs)
    {
        lock (_gate)
            _originNs = nowNs;
    }

    /// <summary>The load's clock stopped at <paramref name="nowNs"/>.</summary>
    internal void Pause(long nowNs)
    {
        lock (_gate)
            _pausedSinceNs = nowNs;
    }

    /// <summary>The load's clock goes on at <paramref name="nowNs"/>; returns how long it stood still.</summary>
    internal long Resume(long nowNs)
    {
        lock (_gate)
        {
            var stood = nowNs - _pausedSinceNs;
            _pausedNs += stood;
            _pausedSinceNs = -1;
            return stood;
        }
    }

    /// <summary>Load time at run time <paramref name="nowNs"/>: run time since the start, less the time paused.</summary>
    public long LoadTimeAt(long nowNs)
    {
        lock (_gate)
        {
            if (_originNs < 0)
                return 0;
            var at = _pausedSinceNs >= 0 ? _pausedSinceNs : nowNs;
            return Math.Max(0, at - _originNs - _pausedNs);
        }
    }

    internal void Injected(int phase, int count, int backlog)
    {
        lock (_gate)
        {
            _phases[phase].Injected += count;
            _backlog = backlog;
        }
    }

    internal void SetBacklog(int backlog)
    {
        lock (_gate)
            _backlog = backlog;
    }

    internal void Completed(int phase, long latencyNs, bool ok)
    {
        lock (_gate)
        {
            var record = _phases[phase];
            if (ok)
            {
                record.Ok++;
                record.Latency.Record(latencyNs);
                _windowOk++;
                _window.Record(latencyNs);
            }
            else
            {
                record.Failed++;
                _windowFailed++;
            }
        }
    }

    /// <summary>Requests completed since the last call, and their latencies; starts a new window.</summary>
    public LoadWindow TakeWindow()
    {
        lock (_gate)
        {
            var latency = new LatencyHistogram();
            latency.Add(_window);
            var window = new LoadWindow(_windowOk, _windowFailed, latency);
            _window.Reset();
            _windowOk = 0;
            _windowFailed = 0;
            return window;
        }
    }

    /// <summary>Every phase as recorded so far, with how long it has been active by run time <paramref name="nowNs"/>.</summary>
    public IReadOnlyList<LoadPhaseRecord> Phases(long nowNs)
    {
        var active = Schedule.ActiveNs(LoadTimeAt(nowNs));
        lock (_gate)
        {
            var list = new List<LoadPhaseRecord>(_phases.Length);
            for (var i = 0; i < _phases.Length; i++)
            {
                var latency = new LatencyHistogram();
                latency.Add(_phases[i].Latency);
                list.Add(new LoadPhaseRecord(i, Schedule.Phase(i).Describe(), active[i], _phases[i].Injected, _phases[i].Ok, _phases[i].Failed, latency));
            }

            return list;
        }
    }

    private sealed class PhaseRecord
    {
        public long Injected;
        public long Ok;
        public long Failed;
        public LatencyHistogram Latency { get; } = new();
    }
}
