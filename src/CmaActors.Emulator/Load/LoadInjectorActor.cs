using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Load;

/// <summary>
/// Drives one workload through its load profile, as a load-test tool drives a system: open phases inject requests on
/// schedule whatever happens to them, closed phases keep a number outstanding. Requests wait here in a FIFO until one
/// of the workload's instances is free (each serves one at a time); latency runs from the scheduled injection to the
/// answer, so time spent waiting here counts. It works from the clock, not from how often its timer fires: a late
/// timer (Akka's scheduler in parallel mode ticks every 10 ms) injects everything that has come due, at once; the
/// injector's own lateness is not counted as latency.
/// </summary>
public sealed class LoadInjectorActor : EmulatorActor, IWithTimers
{
    private const string TickKey = "load-tick";
    private readonly LoadSchedule _schedule;
    private readonly IReadOnlyList<IActorRef> _instances;
    private readonly LoadRecorder _recorder;
    private readonly Queue<LoadRequest> _waiting = new();
    private readonly Queue<int> _idle = new();
    private long _originNs;
    private long _pausedNs;
    private bool _paused;
    private long _cycle;
    private int _phase;
    private long _portionsDone;
    private bool _finished;
    private long _nextId;
    private int _outstanding;
    private long _nextEventNs = -1;

    /// <summary>Creates the injector of a workload whose instances are <paramref name="instances"/>.</summary>
    public LoadInjectorActor(EmulatedMachine machine, LoadSchedule schedule, IReadOnlyList<IActorRef> instances, LoadRecorder recorder)
        : base(machine)
    {
        _schedule = schedule;
        _instances = instances;
        _recorder = recorder;
        for (var i = 0; i < instances.Count; i++)
            _idle.Enqueue(i);
        Receive<Tick>(_ => Advance());
        Receive<LoadDone>(OnDone);
        Receive<PauseLoad>(_ => Pause());
        Receive<ResumeLoad>(_ => Resume());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the injector.</summary>
    public static Props Props(EmulatedMachine machine, LoadSchedule schedule, IReadOnlyList<IActorRef> instances, LoadRecorder recorder) =>
        FactoryProps.Of(() => new LoadInjectorActor(machine, schedule, instances, recorder));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _originNs = Now;
        _recorder.Start(_originNs);
        Advance();
    }

    private long LoadTime => Now - _originNs - _pausedNs;

    /// <summary>Injects what has come due, moving through finished phases, hands requests out and sets the next timer.</summary>
    private void Advance()
    {
        if (_paused)
            return;
        var t = LoadTime;
        while (!_finished)
        {
            var start = _schedule.StartOf(_phase, _cycle);
            var end = start + _schedule.DurationOf(_phase);
            var since = Math.Min(t, end) - start;
            if (_schedule.IsOpen(_phase))
                InjectDuePortions(since);
            else if (t < end)
                Fill(_schedule.TargetCopies(_phase, _cycle, since));
            if (t < end)
                break;
            NextPhase();
        }

        Dispatch();
        ScheduleNext(t);
    }

    private void InjectDuePortions(long since)
    {
        var due = _schedule.PortionsDue(_phase, since);
        if (due > _portionsDone)
            Inject((int)(_schedule.RequestsIn(_phase, _cycle, due) - _schedule.RequestsIn(_phase, _cycle, _portionsDone)), Now);
        _portionsDone = Math.Max(_portionsDone, due);
    }

    private void Fill(int target)
    {
        if (_outstanding < target)
            Inject(target - _outstanding, Now);
    }

    private void Inject(int count, long injectedAtNs)
    {
        if (count <= 0)
            return;
        for (var i = 0; i < count; i++)
            _waiting.Enqueue(new LoadRequest(++_nextId, _phase, -1, injectedAtNs));
        _outstanding += count;
        _recorder.Injected(_phase, count, _waiting.Count);
    }

    private void NextPhase()
    {
        _portionsDone = 0;
        if (++_phase < _schedule.PhaseCount)
            return;
        if (_schedule.Repeat)
        {
            _phase = 0;
            _cycle++;
            return;
        }

        _phase = _schedule.PhaseCount - 1;
        _finished = true;
    }

    /// <summary>Gives waiting requests to free instances, in turn.</summary>
    private void Dispatch()
    {
        while (!_paused && _waiting.Count > 0 && _idle.Count > 0)
        {
            var instance = _idle.Dequeue();
            var request = _waiting.Dequeue() with { Instance = instance };
            _instances[instance].Tell(request);
        }

        _recorder.SetBacklog(_waiting.Count);
    }

    private void ScheduleNext(long t)
    {
        if (_finished || _paused)
        {
            CancelTimer();
            return;
        }

        var start = _schedule.StartOf(_phase, _cycle);
        var end = start + _schedule.DurationOf(_phase);
        var next = _schedule.IsOpen(_phase) && _portionsDone < _schedule.Portions(_phase)
            ? start + _schedule.PortionTime(_phase, _portionsDone)
            : start + _schedule.NextTargetChange(_phase, _cycle, t - start);
        next = Math.Min(next, end);
        if (next == _nextEventNs)
            return;
        _nextEventNs = next;
        // Timers count in 100 ns ticks: round up, so the timer never fires before the moment is due.
        var ticks = Math.Max(1, (next - t + 99) / 100);
        Timers.StartSingleTimer(TickKey, Tick.Instance, TimeSpan.FromTicks(ticks));
    }

    private void CancelTimer()
    {
        _nextEventNs = -1;
        Timers.Cancel(TickKey);
    }

    private void OnDone(LoadDone done)
    {
        var request = done.Request;
        _recorder.Completed(request.Phase, done.CompletedAtNs - request.InjectedAtNs, done.Ok);
        _outstanding--;
        _idle.Enqueue(request.Instance);
        Advance();
        if (_paused)
            _recorder.SetBacklog(_waiting.Count);
    }

    /// <summary>Stops injecting and handing out; the load's clock stops with it.</summary>
    private void Pause()
    {
        if (_paused)
            return;
        _paused = true;
        _recorder.Pause(Now);
        CancelTimer();
    }

    /// <summary>Goes on: every moment of the schedule, and every waiting request's injection time, moves by the pause.</summary>
    private void Resume()
    {
        if (!_paused)
            return;
        _paused = false;
        var stood = _recorder.Resume(Now);
        _pausedNs += stood;
        var count = _waiting.Count;
        for (var i = 0; i < count; i++)
        {
            var request = _waiting.Dequeue();
            _waiting.Enqueue(request with { InjectedAtNs = request.InjectedAtNs + stood });
        }

        Advance();
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
