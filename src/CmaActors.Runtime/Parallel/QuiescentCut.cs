namespace CmaActors.Runtime;

/// <summary>
/// A moment at which no observed handler runs: the quiescence gate is closed until this is disposed, so the emulator's
/// state can be read and checked. <see cref="Drained"/> says whether every mailbox was empty as well.
/// </summary>
public sealed class QuiescentCut : IDisposable
{
    private readonly QuiescenceGate _gate;
    private bool _disposed;

    internal QuiescentCut(QuiescenceGate gate, bool drained, TimeSpan waited, MailboxDepths depths)
    {
        _gate = gate;
        Drained = drained;
        Waited = waited;
        Depths = depths;
    }

    /// <summary>Every mailbox was empty when the gate closed (false: the drain timed out, and messages wait behind the gate).</summary>
    public bool Drained { get; }

    /// <summary>How long it took to get here.</summary>
    public TimeSpan Waited { get; }

    /// <summary>The mailboxes at the cut.</summary>
    public MailboxDepths Depths { get; }

    /// <summary>Opens the gate: handlers run again.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _gate.Open();
    }
}
