namespace CmaActors.Emulator.Results;

/// <summary>Values in [FromNs, ToNs).</summary>
/// <param name="FromNs">Lower bound, inclusive, ns.</param>
/// <param name="ToNs">Upper bound, exclusive, ns.</param>
/// <param name="Count">Values in the bucket.</param>
public sealed record HistogramBucket(long FromNs, long ToNs, long Count);
