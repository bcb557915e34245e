namespace CmaActors.Emulator.Protocol.Mutex;

/// <summary>Holder → mutex: mutex_unlock(); the next waiter (FIFO) gets the lock.</summary>
public sealed record MutexUnlock
{
    /// <summary>The one instance.</summary>
    public static readonly MutexUnlock Instance = new();
}
