namespace CmaActors.Cluster.Jobs;

/// <summary>What one seed of a job gave: one JSON line, and whether it ends the job (nothing after it is needed).</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Json">The line, without its line break.</param>
/// <param name="Stops">True when the job stops at this seed (an exploration that found a violation).</param>
public sealed record JobLine(int Seed, string Json, bool Stops);
