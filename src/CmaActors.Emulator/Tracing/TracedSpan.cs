namespace CmaActors.Emulator.Tracing;

/// <summary>A stretch of time on a mutex: a task holding it, or a task sleeping on it.</summary>
/// <param name="Mutex">The mutex's actor id.</param>
/// <param name="Task">The holder's or waiter's actor id.</param>
/// <param name="Waiting">True for a wait, false for a hold.</param>
/// <param name="FromNs">Start, virtual ns.</param>
/// <param name="ToNs">End, virtual ns.</param>
/// <param name="Truncated">The window closed before the span ended; <paramref name="ToNs"/> is the window's end.</param>
public readonly record struct TracedSpan(int Mutex, int Task, bool Waiting, long FromNs, long ToNs, bool Truncated);
