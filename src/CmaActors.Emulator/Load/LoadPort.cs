using Akka.Actor;
using CmaActors.Emulator.Protocol.Load;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Load;

/// <summary>
/// A workload instance's side of its load profile: whether the profile drives it (then it does not pace itself), the
/// request in service, and the answer when the workload says the request is done.
/// </summary>
public sealed class LoadPort(LoadProfileSpec? profile)
{
    private LoadRequest? _request;
    private IActorRef? _injector;

    /// <summary>A load profile drives the workload: its own pacing timer stays off.</summary>
    public bool Driven { get; } = profile is not null;

    /// <summary>Takes a request into service and runs the workload's <paramref name="step"/> for it.</summary>
    /// <exception cref="InvalidOperationException">One is in service already (the injector gives one at a time).</exception>
    public void Start(LoadRequest request, IActorRef injector, Action step)
    {
        if (_request is not null)
            throw new InvalidOperationException($"load request {request.Id} arrived while request {_request.Id} is in service");
        _request = request;
        _injector = injector;
        step();
    }

    /// <summary>
    /// The request in service is done, its answer ready at <paramref name="completedAtNs"/>: tells the injector. False
    /// when no request is in service (the workload paces itself, or did work of its own).
    /// </summary>
    public bool Finish(long completedAtNs, bool ok)
    {
        if (_request is not { } request)
            return false;
        _request = null;
        _injector!.Tell(new LoadDone(request, completedAtNs, ok));
        return true;
    }
}
