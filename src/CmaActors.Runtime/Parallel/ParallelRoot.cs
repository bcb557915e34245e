using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// The one actor the parallel host creates from outside; every emulator actor is created under it with
/// <c>Context.ActorOf</c>, as in simulation. It runs on Akka's default dispatcher (it is not an emulator actor). A failure
/// escalated to it is recorded as the run's failure and the failed child is stopped, never restarted.
/// </summary>
internal sealed class ParallelRoot : ActorBase
{
    private readonly SupervisorStrategy _strategy;

    public ParallelRoot(ParallelDirectory directory) => _strategy = new RootSupervisorStrategy(directory.RecordFailure);

    protected override bool Receive(object message)
    {
        if (message is not ParallelSpawnRequest request)
            return false;
        try
        {
            request.Complete(Context.ActorOf(request.Props, request.Name), null);
        }
        catch (Exception e)
        {
            request.Complete(null, e);
        }

        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
