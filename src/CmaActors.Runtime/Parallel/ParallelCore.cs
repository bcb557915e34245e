namespace CmaActors.Runtime;

/// <summary>
/// One core in parallel mode. The mailbox of an actor placed here claims the core before it hands a message to the
/// actor and gives it back when the handler ends, so the actors placed here run one handler at a time. A spinning
/// actor holds the core between its handlers: only its own messages are handed out here until it releases it. Nothing
/// blocks a thread: a mailbox that finds the core taken waits as a listed waiter, looks empty to the dispatcher (so it
/// is not scheduled in a loop), and is woken with a <see cref="MailboxWake"/> when the core is free again.
/// </summary>
internal sealed class ParallelCore
{
    private readonly object _lock = new();
    private readonly List<ObservedMessageQueue> _waiters = [];
    private ObservedMessageQueue? _runner;
    private ObservedMessageQueue? _holder;

    /// <summary>The actor that keeps this core between its handlers (it spins), or null.</summary>
    public ObservedMessageQueue? Holder => Volatile.Read(ref _holder);

    /// <summary>
    /// Claims the core for one handler of <paramref name="queue"/>'s actor. False when another actor runs or holds it:
    /// the queue is then listed as a waiter and woken once the core is free.
    /// </summary>
    public bool TryClaim(ObservedMessageQueue queue)
    {
        lock (_lock)
        {
            if (_runner is null && (_holder is null || _holder == queue))
            {
                _runner = queue;
                return true;
            }

            queue.WaitingForCore = true;
            if (!_waiters.Contains(queue)) _waiters.Add(queue);
            return false;
        }
    }

    /// <summary>The handler that claimed the core ended (or the message went elsewhere): the core is free unless held.</summary>
    public void EndRun(ObservedMessageQueue queue)
    {
        List<ObservedMessageQueue>? woken;
        lock (_lock)
        {
            if (_runner == queue) _runner = null;
            woken = _holder is null ? TakeWaiters() : null;
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

    /// <summary>The actor stops holding the core; others run once its handler ends.</summary>
    public void Release(ObservedMessageQueue queue)
    {
        if (Holder != queue) return;
        lock (_lock)
        {
            if (_holder == queue) Volatile.Write(ref _holder, null);
        }
    }

    /// <summary>The actor has stopped: it gives up whatever it had of the core.</summary>
    public void Leave(ObservedMessageQueue queue)
    {
        List<ObservedMessageQueue>? woken;
        lock (_lock)
        {
            _waiters.Remove(queue);
            if (_runner == queue) _runner = null;
            if (_holder == queue) Volatile.Write(ref _holder, null);
            woken = _runner is null && _holder is null ? TakeWaiters() : null;
        }

        MailboxWake.Send(woken);
    }

    private List<ObservedMessageQueue>? TakeWaiters()
    {
        if (_waiters.Count == 0) return null;
        var woken = new List<ObservedMessageQueue>(_waiters);
        _waiters.Clear();
        foreach (var waiter in woken) waiter.WaitingForCore = false;
        return woken;
    }
}
