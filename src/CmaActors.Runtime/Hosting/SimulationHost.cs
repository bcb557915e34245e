using System.Runtime.ExceptionServices;
using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// An Akka actor system set up for simulation: virtual-time scheduler, simulation dispatcher, one driver and one
/// simulation root under which every emulator actor is created (<see cref="Spawn"/>).
/// </summary>
public sealed class SimulationHost : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private readonly IActorRef _root;
    private bool _disposed;

    private SimulationHost(ActorSystem system, SimulationDriver driver, EmulatorRuntime runtime, IActorRef root, SimulationSettings settings)
    {
        System = system;
        Driver = driver;
        Runtime = runtime;
        Settings = settings;
        _root = root;
    }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The driver that runs the emulator actors.</summary>
    public SimulationDriver Driver { get; }

    /// <summary>The runtime extension emulator actors use.</summary>
    public EmulatorRuntime Runtime { get; }

    /// <summary>The settings the host was created with.</summary>
    public SimulationSettings Settings { get; }

    /// <summary>Creates the actor system, the driver and the simulation root, and runs the driver until the root has started.</summary>
    public static SimulationHost Create(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var system = ActorSystem.Create("cma-actors", SimulationConfig.Create(settings.ExtraHocon));
        try
        {
            if (system.Scheduler is not VirtualTimeScheduler scheduler)
                throw new InvalidOperationException("akka.scheduler.implementation must stay the virtual-time scheduler in simulation mode.");
            var driver = new SimulationDriver(settings.Strategy, settings.Latency);
            scheduler.Attach(driver);
            var runtime = EmulatorRuntime.Get(system);

            // system.ActorOf finishes creating the actor on a pool thread: wait for it, then drive its start.
            var root = system.ActorOf(Props.Create(() => new SimulationRoot(driver)).WithDispatcher(EmulatorDispatcher.Id), "sim");
            if (!driver.WaitForRootAttached(StartupTimeout) ||
                !SpinWait.SpinUntil(() => root is ActorRefWithCell { Underlying: ActorCell }, StartupTimeout))
            {
                throw new InvalidOperationException("The simulation root was not created in time.");
            }

            driver.PumpUntil(() => driver.RootStarted, "the simulation root started");
            return new SimulationHost(system, driver, runtime, root, settings);
        }
        catch
        {
            system.Terminate().Wait(ShutdownTimeout);
            throw;
        }
    }

    /// <summary>
    /// Creates a child of the simulation root inside the simulation (<c>Context.ActorOf</c> in the root) and runs the
    /// driver until it is created (its constructor and PreStart have run). The props must use <see cref="EmulatorDispatcher.Id"/>.
    /// </summary>
    public IActorRef Spawn(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = new SpawnRequest(props, name);
        Driver.PostControl(request);
        Driver.PumpUntil(() => request.Completed, $"'{name}' was created");
        if (request.Error is not null) ExceptionDispatchInfo.Capture(request.Error).Throw();
        var child = request.Result!;
        var id = Driver.IdOf(child);
        // Run the child's creation and the root's supervision bookkeeping, leaving only the emulator's own work pending.
        Driver.PumpUntil(() => !Driver.HasControlWork && (id.IsExternal || !Driver.HasSystemWork(id)), $"'{name}' started");
        return child;
    }

    /// <summary>
    /// Starts a new schedule on this host: the emulator actors of the previous one (every actor created with
    /// <see cref="Spawn"/> and its descendants) are stopped with their pending messages and timers dropped and their
    /// observers removed, then the driver starts afresh with <paramref name="strategy"/> and <paramref name="latency"/>
    /// (null keeps the current latency model): virtual time 0, step 0, the next actor created is #0 again. What runs after a reset is a pure function of the strategy and of what the caller
    /// does, whether the host is new or has run other schedules before: exploring thousands of schedules needs only one
    /// actor system.
    /// </summary>
    public void Reset(ISchedulingStrategy strategy, ILatencyModel? latency = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Driver.AbandonSchedule();
        if (!Driver.AllEmulatorActorsDead)
        {
            Driver.PostControl(StopChildren.Instance);
            Driver.PumpUntil(() => Driver.AllEmulatorActorsDead && !Driver.HasControlWork, "every emulator actor stopped");
        }

        Driver.Reset(strategy, latency);
    }

    /// <summary>Switches the dispatcher to pass-through and terminates the actor system (bounded wait; never hangs).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Driver.EnterPassThrough();
        try
        {
            System.Terminate().Wait(ShutdownTimeout);
        }
        catch (AggregateException)
        {
            // Termination problems after the simulation are not the caller's concern.
        }
    }
}
