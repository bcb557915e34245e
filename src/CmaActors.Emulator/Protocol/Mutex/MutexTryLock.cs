namespace CmaActors.Emulator.Protocol.Mutex;

/// <summary>Task → mutex: mutex_trylock(); answered by MutexGranted, or MutexBusy when it is held.</summary>
public sealed record MutexTryLock
{
    /// <summary>The only instance.</summary>
    public static readonly MutexTryLock Instance = new();
}
