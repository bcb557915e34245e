namespace CmaActors.Emulator.Results;

/// <summary>One step of a cumulative distribution: the fraction of values at most <paramref name="Ms"/>.</summary>
/// <param name="Ms">Latency, virtual ms.</param>
/// <param name="Fraction">Fraction of the values (0..1].</param>
public sealed record CdfPoint(double Ms, double Fraction);
