namespace CmaActors.Emulator.Protocol.Mutex;

/// <summary>Mutex → task: mutex_trylock() failed, the mutex is held by someone else.</summary>
public sealed record MutexBusy(string Name);
