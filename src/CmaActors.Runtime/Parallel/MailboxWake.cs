using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace CmaActors.Runtime;

/// <summary>
/// Wakes a mailbox that waited for its core or at the quiescence gate without holding a thread: its arrival gets the
/// dispatcher to run the mailbox again, and the queue drops it without handing it to the actor.
/// </summary>
internal sealed class MailboxWake : IDeadLetterSuppression
{
    private static readonly MailboxWake Instance = new();

    private MailboxWake()
    {
    }

    /// <summary>Wakes the mailboxes of <paramref name="queues"/>.</summary>
    public static void Send(List<ObservedMessageQueue> queues)
    {
        foreach (var queue in queues) Send(queue);
    }

    /// <summary>
    /// Wakes the mailbox of <paramref name="queue"/> (nothing when null). Called from inside a mailbox's run (a handler's
    /// end, an actor's clean-up), so it must not throw: a send fails only once the dispatcher takes no more work, as the
    /// actor system terminates, and then there is nothing left to wake.
    /// </summary>
    public static void Send(ObservedMessageQueue? queue)
    {
        if (queue is null) return;
        try
        {
            queue.Owner.Tell(Instance, ActorRefs.NoSender);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or RejectedExecutionException)
        {
            // The actor system is going away.
        }
    }

    /// <summary>True for a wake-up (never an emulator message).</summary>
    public static bool Is(object message) => ReferenceEquals(message, Instance);
}
