namespace CmaActors.Runtime;

/// <summary>
/// Lets the runner stop every observed handler from starting, so that it can look at the emulator's state while no
/// handler runs. A mailbox marks its actor running (a full fence) before it takes a message and then looks at the gate;
/// the runner closes the gate (a full fence) and then waits until no actor is marked running: one of the two always sees
/// the other. A mailbox that finds the gate closed takes nothing: it is parked, looks empty to the dispatcher, and is
/// woken with a <see cref="MailboxWake"/> when the gate opens, so no thread waits at a closed gate.
/// </summary>
internal sealed class QuiescenceGate
{
    private readonly object _lock = new();
    private readonly List<ObservedMessageQueue> _parked = [];
    private readonly ManualResetEventSlim _open = new(true);
    private volatile bool _closed;
    private volatile bool _shut;
    private int _waiting;

    /// <summary>Mailboxes parked at the closed gate, and lifecycle steps waiting there.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>True while handlers may not start.</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// Marks <paramref name="queue"/>'s actor running if the gate is open and returns true; otherwise parks the queue
    /// until <see cref="Open"/> and returns false.
    /// </summary>
    public bool TryEnter(ObservedMessageQueue queue, ref int running)
    {
        while (true)
        {
            Interlocked.Exchange(ref running, 1);
            if (!_closed)
                return true;
            Volatile.Write(ref running, 0);
            lock (_lock)
            {
                // Opened in between: try again.
                if (!_closed)
                    continue;
                queue.Parked = true;
                if (!_parked.Contains(queue))
                {
                    _parked.Add(queue);
                    Interlocked.Increment(ref _waiting);
                }

                return false;
            }
        }
    }

    /// <summary>
    /// Marks the caller's actor running for a step that cannot be put off (an actor's PreStart), blocking the thread
    /// while the gate is closed (not once it is shut: the actor system is going away).
    /// </summary>
    public void Enter(ref int running)
    {
        while (true)
        {
            Interlocked.Exchange(ref running, 1);
            if (!_closed || _shut)
                return;
            Volatile.Write(ref running, 0);
            Interlocked.Increment(ref _waiting);
            try
            {
                _open.Wait();
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>No handler starts until <see cref="Open"/>; those running finish.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _open.Reset();
            _closed = true;
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>Lets handlers start again and wakes the parked mailboxes (not once the gate is shut).</summary>
    public void Open()
    {
        List<ObservedMessageQueue> woken;
        lock (_lock)
        {
            if (_shut)
                return;
            _closed = false;
            _open.Set();
            woken = [.. _parked];
            _parked.Clear();
            Interlocked.Add(ref _waiting, -woken.Count);
            foreach (var queue in woken) queue.Parked = false;
        }

        MailboxWake.Send(woken);
    }

    /// <summary>
    /// Closes the gate for good, as the run ends: no handler starts again, so the state the run ended with stays as it
    /// is while the actors stop; steps that cannot be put off (PreStart) no longer wait.
    /// </summary>
    public void Shut()
    {
        lock (_lock)
        {
            _shut = true;
            _closed = true;
            _open.Set();
        }

        Interlocked.MemoryBarrier();
    }

    /// <summary>A parked mailbox whose actor stopped is forgotten.</summary>
    public void Leave(ObservedMessageQueue queue)
    {
        lock (_lock)
        {
            if (_parked.Remove(queue)) Interlocked.Decrement(ref _waiting);
        }
    }
}
