using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.SysMsg;

namespace CmaActors.Runtime.Tests.AkkaContract;

/// <summary>A dispatcher that only records what Akka asks of it; the test runs the recorded work by hand.</summary>
public sealed class ManualDispatcher : MessageDispatcher
{
    public ManualDispatcher(MessageDispatcherConfigurator configurator)
        : base(configurator)
    {
        Id = configurator.Config.GetString("id");
        Throughput = 1;
    }

    public List<IRunnable> Tasks { get; } = new();

    public List<Type> SystemMessages { get; } = new();

    public int AttachThread { get; private set; }

    public bool ThrowOnDispatch { get; set; }

    private volatile bool _passThrough;

    /// <summary>From now on run work on the thread pool (so that the actor system can terminate).</summary>
    public void PassThrough()
    {
        _passThrough = true;
        while (Take() is { } task) ThreadPool.UnsafeQueueUserWorkItem(task, preferLocal: false);
    }

    public override void Dispatch(ActorCell cell, Envelope envelope)
    {
        if (ThrowOnDispatch) throw new InvalidOperationException("dispatch refused");
        base.Dispatch(cell, envelope);
    }

    public override void SystemDispatch(ActorCell cell, SystemMessage message)
    {
        lock (SystemMessages) SystemMessages.Add(message.GetType());
        base.SystemDispatch(cell, message);
    }

    public override void Attach(ActorCell cell)
    {
        AttachThread = Environment.CurrentManagedThreadId;
        base.Attach(cell);
    }

    public IRunnable? Take()
    {
        lock (Tasks)
        {
            if (Tasks.Count == 0) return null;
            var task = Tasks[0];
            Tasks.RemoveAt(0);
            return task;
        }
    }

    protected override void ExecuteTask(IRunnable run)
    {
        if (_passThrough) ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: false);
        else lock (Tasks) Tasks.Add(run);
    }

    protected override void Shutdown()
    {
    }
}

/// <summary>Configurator of <see cref="ManualDispatcher"/>.</summary>
public sealed class ManualDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly ManualDispatcher _dispatcher;

    public ManualDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites) => _dispatcher = new ManualDispatcher(this);

    public override MessageDispatcher Dispatcher() => _dispatcher;
}
