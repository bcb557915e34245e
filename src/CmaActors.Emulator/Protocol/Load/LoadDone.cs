namespace CmaActors.Emulator.Protocol.Load;

/// <summary>Workload instance → load injector: the request is done; the instance can take the next one.</summary>
/// <param name="Request">The request.</param>
/// <param name="CompletedAtNs">When its answer was ready (a driver may go on to release what it got before it is free).</param>
/// <param name="Ok">False when the request failed (an allocation came back short, a cma_alloc failed).</param>
public sealed record LoadDone(LoadRequest Request, long CompletedAtNs, bool Ok);
