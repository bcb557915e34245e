namespace CmaActors.Emulator.Tracing;

/// <summary>A counter's new value.</summary>
/// <param name="TimeNs">Virtual time.</param>
/// <param name="Series">Index into <see cref="TraceRecording.CounterSeries"/>.</param>
/// <param name="Value">The value.</param>
public readonly record struct TracedCounter(long TimeNs, int Series, long Value);
