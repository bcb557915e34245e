using Akka.Actor;
using Akka.Dispatch;

namespace CmaActors.Runtime;

/// <summary>
/// One scheduled tell or action of the <see cref="VirtualTimeScheduler"/>, once or repeated.
/// </summary>
internal sealed class VirtualTimer
{
    private VirtualTimer(ICanTell? receiver, object? message, IActorRef? sender, Action? action, IRunnable? runnable, long intervalNs, ICancelable? cancelable)
    {
        Receiver = receiver;
        Message = message;
        Sender = sender;
        Action = action;
        Runnable = runnable;
        IntervalNs = intervalNs;
        Cancelable = cancelable;
    }

    public ICanTell? Receiver { get; }

    public object? Message { get; }

    public IActorRef? Sender { get; }

    public Action? Action { get; }

    public IRunnable? Runnable { get; }

    /// <summary>Repeat interval; 0 for a one-shot timer.</summary>
    public long IntervalNs { get; }

    public ICancelable? Cancelable { get; }

    /// <summary>The emulator actor whose handler scheduled it (the sender of its messages), or external.</summary>
    public ActorId Owner { get; set; } = ActorId.External;

    public bool IsCancelled => Cancelable is { IsCancellationRequested: true };

    /// <summary>True when its messages go to an actor driven by the simulation.</summary>
    public bool TargetsEmulator => Receiver is ActorRefWithCell { Underlying: ActorCell { Mailbox.MessageQueue: SimulationMessageQueue } };

    public static VirtualTimer Tell(ICanTell receiver, object message, IActorRef? sender, long intervalNs, ICancelable? cancelable) =>
        new(receiver, message, sender, null, null, intervalNs, cancelable);

    public static VirtualTimer ForAction(Action action, long intervalNs, ICancelable? cancelable) =>
        new(null, null, null, action, null, intervalNs, cancelable);

    public static VirtualTimer ForRunnable(IRunnable runnable, long intervalNs, ICancelable? cancelable) =>
        new(null, null, null, null, runnable, intervalNs, cancelable);

    /// <summary>Performs the tell or runs the action on the calling thread.</summary>
    public void Fire()
    {
        if (Receiver is not null) Receiver.Tell(Message!, Sender ?? ActorRefs.NoSender);
        else if (Action is not null) Action();
        else Runnable!.Run();
    }
}
