namespace CmaActors.Runtime;

/// <summary>
/// Lets the runner stop every observed handler from starting, so that it can look at the emulator's state while no
/// handler runs. A handler marks itself running (a full fence) and then looks at the gate; the runner closes the gate
/// (a full fence) and then waits until no actor is marked running: one of the two always sees the other.
/// </summary>
internal sealed class QuiescenceGate
{
    private readonly ManualResetEventSlim _open = new(true);
    private volatile bool _closed;
    private int _waiting;

    /// <summary>Handlers waiting at the closed gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>True while handlers may not start.</summary>
    public bool IsClosed => _closed;

    /// <summary>Marks the caller's actor running, waiting first while the gate is closed.</summary>
    public void Enter(ref int running)
    {
        while (true)
        {
            Interlocked.Exchange(ref running, 1);
            if (!_closed)
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
        _open.Reset();
        _closed = true;
        Interlocked.MemoryBarrier();
    }

    /// <summary>Lets handlers start again.</summary>
    public void Open()
    {
        _closed = false;
        _open.Set();
    }
}
