namespace CmaActors.Emulator.Protocol.Gcma;

/// <summary>GCMA area → process: whether the copy was still there (a hit saves a device read).</summary>
public sealed record DiscardableGot(int Page, bool Hit);
