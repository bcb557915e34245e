namespace CmaActors.Emulator.Tracing;

/// <summary>A counter track: its name (NR_FREE_PAGES...), the series within it (a zone or area name), and its process.</summary>
/// <param name="Name">Counter name.</param>
/// <param name="Series">Series name within the counter.</param>
/// <param name="Process">Process the counter track belongs to.</param>
public sealed record CounterSeries(string Name, string Series, TraceProcess Process);
