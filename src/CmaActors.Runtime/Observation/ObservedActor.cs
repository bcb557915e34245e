using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// Base of actors whose deliveries parallel mode observes. In simulation it does nothing (the driver observes every
/// delivery). In parallel mode, on an <see cref="ObservedMessageQueue"/>, it reports each handler's start and end to the
/// run's observers with the message's arrival stamp, holds handlers (and PreStart) back while the quiescence gate is
/// closed, and records the first handler failure of the run.
/// </summary>
public abstract class ObservedActor : ReceiveTableActor
{
    private readonly ObservedMessageQueue? _queue;

    /// <summary>Finds the actor's mailbox queue (created before the actor).</summary>
    protected ObservedActor()
    {
        _queue = (Context as ActorCell)?.Mailbox?.MessageQueue as ObservedMessageQueue;
        if (_queue is not null)
            _queue.Observed = true;
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var queue = _queue;
        if (queue is null)
            return Handle(receive, message);
        var e = queue.BeginDelivery(message);
        try
        {
            return Handle(receive, message);
        }
        catch (Exception cause) when (Record(queue, message, cause))
        {
            throw;
        }
        finally
        {
            queue.EndDelivery(in e);
        }
    }

    /// <summary>
    /// Called at the end of every handler, still inside its delivery: what the actor asks of its core here (a hold
    /// while it spins) applies when the handler ends.
    /// </summary>
    protected virtual void HandlerEnded()
    {
    }

    private bool Handle(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        HandlerEnded();
        return handled;
    }

    /// <inheritdoc />
    public override void AroundPreStart()
    {
        var queue = _queue;
        queue?.BeginLifecycle();
        try
        {
            base.AroundPreStart();
        }
        finally
        {
            queue?.EndLifecycle();
        }
    }

    /// <summary>Records the failure and lets the exception go on to Akka's supervision (never catches it).</summary>
    private static bool Record(ObservedMessageQueue queue, object message, Exception cause)
    {
        queue.RecordFailure(message, cause);
        return false;
    }
}
