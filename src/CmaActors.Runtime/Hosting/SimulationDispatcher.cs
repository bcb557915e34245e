using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace CmaActors.Runtime;

/// <summary>
/// The dispatcher of emulator actors in simulation mode. It runs nothing when a message is sent: sends, system
/// messages and mailbox runs are recorded in the <see cref="SimulationDriver"/>, which later runs them one at a time
/// on its own thread. After <see cref="SimulationDriver.EnterPassThrough"/> it behaves like a thread-pool dispatcher.
/// </summary>
public sealed class SimulationDispatcher : MessageDispatcher
{
    private readonly SimulationDriver _driver;

    internal SimulationDispatcher(MessageDispatcherConfigurator configurator, SimulationDriver driver)
        : base(configurator)
    {
        _driver = driver;
        Id = configurator.Config.GetString("id", EmulatorDispatcher.Id);
        Throughput = 1;
    }

    /// <summary>The driver this dispatcher feeds.</summary>
    public SimulationDriver Driver => _driver;

    /// <inheritdoc />
    public override void Dispatch(ActorCell cell, Envelope envelope)
    {
        if (_driver.IsPassThrough) base.Dispatch(cell, envelope);
        else _driver.OnDispatch(this, cell, envelope);
    }

    /// <inheritdoc />
    public override void SystemDispatch(ActorCell cell, SystemMessage message)
    {
        if (_driver.IsPassThrough) base.SystemDispatch(cell, message);
        else _driver.OnSystemDispatch(this, cell, message);
    }

    /// <inheritdoc />
    public override void Attach(ActorCell cell)
    {
        if (_driver.IsPassThrough)
        {
            base.Attach(cell);
            return;
        }

        _driver.OnAttach(this, cell);
        base.Attach(cell);
        _driver.OnAttached(cell);
    }

    /// <inheritdoc />
    public override void Detach(ActorCell cell)
    {
        base.Detach(cell);
        if (!_driver.IsPassThrough) _driver.OnDetach(this, cell);
    }

    /// <inheritdoc />
    protected override void ExecuteTask(IRunnable run)
    {
        if (_driver.IsPassThrough)
        {
            ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
            return;
        }

        if (_driver.TryTakeInline(run))
        {
            run.Run();
            return;
        }

        _driver.OnExecuteTask(this, run);
    }

    /// <inheritdoc />
    protected override void Shutdown()
    {
    }

    /// <summary>Akka's own dispatch: enqueue and schedule the mailbox (used for dead actors and pass-through).</summary>
    internal void BaseDispatch(ActorCell cell, Envelope envelope) => base.Dispatch(cell, envelope);

    /// <summary>Akka's own system dispatch: system-enqueue and schedule the mailbox.</summary>
    internal void BaseSystemDispatch(ActorCell cell, SystemMessage message) => base.SystemDispatch(cell, message);
}
