namespace CmaActors.Emulator.Protocol.Mutex;

/// <summary>Mutex → task: the lock is held by the receiver.</summary>
public sealed record MutexGranted(string Name);
