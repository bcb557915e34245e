namespace CmaActors.Emulator.Protocol.Load;

/// <summary>
/// Load injector → workload instance: do one request of the workload (a churn step, an allocation batch, a run of page
/// accesses, a cma_alloc request); answered by LoadDone when it is done. An instance gets one request at a time.
/// </summary>
/// <param name="Id">Request number, unique per injector.</param>
/// <param name="Phase">Index of the load phase that injected it.</param>
/// <param name="Instance">Which of the workload's instances it was given to.</param>
/// <param name="InjectedAtNs">When the injector injected it: latency is measured from here, so waiting for a free instance counts.</param>
public sealed record LoadRequest(long Id, int Phase, int Instance, long InjectedAtNs);
