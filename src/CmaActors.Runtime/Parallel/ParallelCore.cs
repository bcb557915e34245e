namespace CmaActors.Runtime;

/// <summary>
/// One core in parallel mode. The mailbox of an actor placed here claims the core before it hands a message to the
/// actor and gives it back when the handler ends, so the actors placed here run one handler at a time. A spinning
/// actor holds the core between its handlers: only its own messages are handed out here until it releases it. Nothing
/// blocks a thread: a mailbox that finds the core taken joins the core's waiters, looks empty to the dispatcher (so it
/// is not scheduled in a loop), and is woken with a <see cref="MailboxWake"/> when its turn comes. Waiters take the
/// core in the order they came to it: a freed core is kept for the first of them until it has claimed it, so no actor
/// starves behind busier ones.
/// </summary>
internal sealed class ParallelCore
{
    private readonly object _lock = new();
    // In the order they came; a core has a handful of actors, so a list does.
    private readonly List<ObservedMessageQueue> _waiters = [];
    private ObservedMessageQueue? _runner;
    private ObservedMessageQueue? _holder;
    // The waiter woken for the free core: no one else claims it first.
    private ObservedMessageQueue? _next;

    /// <summary>The actor that keeps this core between its handlers (it spins), or null.</summary>
    public ObservedMessageQueue? Holder => Volatile.Read(ref _holder);

    /// <summary>
    /// Claims the core for one handler of <paramref name="queue"/>'s actor. False when another actor runs or holds it,
    /// or when it is kept for a woken waiter: the queue then waits its turn and is woken when it comes.
    /// </summary>
    public bool TryClaim(ObservedMessageQueue queue)
    {
        lock (_lock)
        {
            var mayRun = _holder is null ? _next is null || _next == queue : _holder == queue;
            if (_runner is null && mayRun)
            {
                _runner = queue;
                if (_next == queue) _next = null;
                return true;
            }

            queue.WaitingForCore = true;
            if (_next != queue && !_waiters.Contains(queue)) _waiters.Add(queue);
            return false;
        }
    }

    /// <summary>The handler that claimed the core ended (or the message went elsewhere): the core passes on unless held.</summary>
    public void EndRun(ObservedMessageQueue queue)
    {
        ObservedMessageQueue? woken;
        lock (_lock)
        {
            if (_runner == queue) _runner = null;
            woken = PassOn();
        }

        MailboxWake.Send(woken);
    }

    /// <summary>The running handler's actor keeps the core after this handler (see <see cref="ICores.Hold"/>).</summary>
    public void Hold(ObservedMessageQueue queue)
    {
        lock (_lock)
        {
            if (_runner != queue)
                throw new InvalidOperationException($"{queue.Name} does not run on its core and cannot hold it.");
            Volatile.Write(ref _holder, queue);
        }
    }

    /// <summary>The actor stops holding the core; the next waiter runs once its handler ends.</summary>
    public void Release(ObservedMessageQueue queue)
    {
        if (Holder != queue) return;
        lock (_lock)
        {
            if (_holder == queue) Volatile.Write(ref _holder, null);
        }
    }

    /// <summary>The actor has stopped: it gives up whatever it had of the core, its turn included.</summary>
    public void Leave(ObservedMessageQueue queue)
    {
        ObservedMessageQueue? woken;
        lock (_lock)
        {
            _waiters.Remove(queue);
            queue.WaitingForCore = false;

            if (_runner == queue) _runner = null;
            if (_holder == queue) Volatile.Write(ref _holder, null);
            if (_next == queue) _next = null;
            woken = PassOn();
        }

        MailboxWake.Send(woken);
    }

    /// <summary>
    /// A free, unheld core goes to the woken waiter it is kept for, else to the first waiter; the one to wake is returned
    /// (under the lock).
    /// </summary>
    private ObservedMessageQueue? PassOn()
    {
        if (_runner is not null || _holder is not null) return null;
        if (_next is null)
        {
            if (_waiters.Count == 0) return null;
            _next = _waiters[0];
            _waiters.RemoveAt(0);
        }
        else if (!_next.WaitingForCore)
        {
            // Already woken, not yet come.
            return null;
        }

        _next.WaitingForCore = false;
        return _next;
    }
}
