using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// An Akka actor system set up for parallel mode: the emulator dispatcher id mapped to Akka's own dispatcher (thread
/// pool, every core), Akka's scheduler in wall time, the wall clock as the clock service, and one root under which every
/// emulator actor is created (<see cref="Spawn"/>). Observers hear of every delivery to an <see cref="ObservedActor"/>,
/// on the thread that runs it; <see cref="Quiesce"/> stops handlers so that the state can be checked.
/// </summary>
public sealed class ParallelHost : IDisposable
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private readonly ParallelDirectory _directory;
    private readonly IActorRef _root;
    private bool _disposed;

    private ParallelHost(ActorSystem system, ParallelDirectory directory, EmulatorRuntime runtime, IActorRef root, ParallelSettings settings)
    {
        System = system;
        _directory = directory;
        Runtime = runtime;
        _root = root;
        Settings = settings;
    }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The runtime extension emulator actors use.</summary>
    public EmulatorRuntime Runtime { get; }

    /// <summary>The settings the host was created with.</summary>
    public ParallelSettings Settings { get; }

    /// <summary>The clock service: wall time since the host was created.</summary>
    public WallClock Clock => _directory.Clock;

    /// <summary>Deliveries (handlers of observed actors started) so far.</summary>
    public long Deliveries => _directory.Steps;

    /// <summary>The first failure of an emulator actor, if any.</summary>
    public ParallelRunFailedException? Failure => _directory.Failure;

    /// <summary>Creates the actor system and the root, and registers the runtime before any emulator actor exists.</summary>
    public static ParallelHost Create(ParallelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = new WallClock(settings.Spend);
        var directory = new ParallelDirectory(clock);
        var system = ActorSystem.Create("cma-actors", ParallelConfig.Create(settings));
        // Akka's scheduler starts its timer thread on first use and blocks the caller until it runs; started from here,
        // that wait is not on a pool thread, where every actor arming its first timer at once would starve the pool.
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
        try
        {
            var runtime = new EmulatorRuntime(clock, directory, new ParallelCores(directory), directory);
            ((ExtendedActorSystem)system).RegisterExtension(new PreparedRuntimeId(runtime));
            if (!ReferenceEquals(EmulatorRuntime.Get(system), runtime))
                throw new InvalidOperationException("The emulator runtime extension was registered before the parallel host's.");
            var root = system.ActorOf(Props.Create(() => new ParallelRoot(directory)), "parallel");
            directory.SetRoot(root.Path);
            return new ParallelHost(system, directory, runtime, root, settings);
        }
        catch
        {
            system.Terminate().Wait(ShutdownTimeout);
            throw;
        }
    }

    /// <summary>Adds an observer. Observers are called concurrently, for different actors, from the threads running their handlers.</summary>
    public void AddObserver(IDeliveryObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _directory.AddObserver(observer);
    }

    /// <summary>
    /// Creates a child of the root (<c>Context.ActorOf</c> in the root) and returns once it exists; its constructor runs
    /// on the dispatcher, as every actor's does. The props must use <see cref="EmulatorDispatcher.Id"/>.
    /// </summary>
    public IActorRef Spawn(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new ParallelSpawnRequest(props, name);
        _root.Tell(request);
        if (!request.Wait(CreateTimeout))
            throw new InvalidOperationException($"'{name}' was not created in time.");
        if (request.Error is not null)
            ExceptionDispatchInfo.Capture(request.Error).Throw();
        return request.Result!;
    }

    /// <summary>The emulator actors' mailboxes now (a snapshot taken while they run).</summary>
    public MailboxDepths Depths()
    {
        var queues = _directory.LiveQueues();
        long queued = 0;
        var busy = 0;
        ObservedMessageQueue? deepest = null;
        var deepestCount = 0;
        foreach (var queue in queues)
        {
            var count = queue.Count;
            queued += count;
            if (queue.Running)
                busy++;
            if (count > deepestCount)
            {
                deepest = queue;
                deepestCount = count;
            }
        }

        return new MailboxDepths(queues.Count, queued, busy + _directory.Gate.Waiting, deepest?.Name, deepestCount);
    }

    /// <summary>
    /// Waits until every mailbox is empty and no handler runs (or <paramref name="drainTimeout"/> passes), then closes
    /// the quiescence gate and waits for running handlers to finish. The returned cut keeps handlers from starting until
    /// it is disposed. Stop whatever feeds the actors first (load generators), or the drain may never happen.
    /// </summary>
    /// <exception cref="TimeoutException">A handler that had started before the gate closed is still running after
    /// <paramref name="drainTimeout"/> (a handler that never ends).</exception>
    public QuiescentCut Quiesce(TimeSpan drainTimeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var gate = _directory.Gate;
        var clock = Stopwatch.StartNew();
        var spinner = new SpinWait();
        while (true)
        {
            var timedOut = clock.Elapsed >= drainTimeout || Failure is not null;
            if (timedOut || Depths().Drained)
            {
                gate.Close();
                WaitUntilNoneRuns(drainTimeout);
                var depths = Depths();
                if (depths.Drained || timedOut)
                    return new QuiescentCut(gate, depths.Drained, clock.Elapsed, depths);
                // A timer or a late message slipped in between: let it run and look again.
                gate.Open();
            }

            spinner.SpinOnce(sleep1Threshold: 20);
        }
    }

    /// <summary>
    /// Shuts the gate and terminates the actor system (bounded wait; never hangs): no handler runs and no observer hears
    /// of anything after the run, so its state and its records stay as the run left them.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _directory.ClearObservers();
        _directory.Gate.Shut();
        try
        {
            System.Terminate().Wait(ShutdownTimeout);
        }
        catch (AggregateException)
        {
            // Termination problems after the run are not the caller's concern.
        }
    }

    /// <summary>Waits for the handlers that passed the gate before it closed; one that never ends is reported.</summary>
    private void WaitUntilNoneRuns(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var spinner = new SpinWait();
        foreach (var queue in _directory.LiveQueues())
        {
            while (queue.Running)
            {
                if (clock.Elapsed > timeout)
                {
                    _directory.Gate.Open();
                    throw new TimeoutException($"The handler of emulator actor '{queue.Name}' has run for more than {timeout.TotalSeconds:0.#} s.");
                }

                spinner.SpinOnce(sleep1Threshold: 20);
            }
        }
    }
}
