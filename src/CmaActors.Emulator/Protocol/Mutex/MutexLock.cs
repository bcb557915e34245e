namespace CmaActors.Emulator.Protocol.Mutex;

/// <summary>Task → mutex: mutex_lock(); answered by MutexGranted when the lock is the sender's.</summary>
public sealed record MutexLock
{
    /// <summary>The one instance.</summary>
    public static readonly MutexLock Instance = new();
}
