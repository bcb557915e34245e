namespace CmaActors.Emulator.Exploration;

/// <summary>The violation a replay file's schedule is expected to reproduce: rule, step and page frame (and what was seen).</summary>
/// <param name="Rule">The invariant rule (or "actor-failure").</param>
/// <param name="Step">The delivery at which it was found.</param>
/// <param name="Pfn">The page frame it is about, or -1.</param>
/// <param name="Detail">What was seen, for the reader.</param>
public sealed record ExpectedViolation(string Rule, long Step, long Pfn, string Detail);
