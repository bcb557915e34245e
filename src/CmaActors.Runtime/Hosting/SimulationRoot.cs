using Akka.Actor;

namespace CmaActors.Runtime;

/// <summary>
/// The one actor created from outside the simulation. Every emulator actor is created inside it with
/// <c>Context.ActorOf</c>, so creation and supervision stay on the driver thread. A failure escalated to it is
/// reported to the driver (which fails the run) and the failed child is stopped, never restarted.
/// </summary>
internal sealed class SimulationRoot : ActorBase
{
    private readonly SimulationDriver _driver;
    private readonly SupervisorStrategy _strategy;

    public SimulationRoot(SimulationDriver driver)
    {
        _driver = driver;
        _strategy = new RootSupervisorStrategy(driver.OnEscalatedFailure);
    }

    protected override void PreStart() => _driver.OnRootStarted();

    protected override bool Receive(object message)
    {
        if (message is StopChildren)
        {
            foreach (var child in Context.GetChildren()) Context.Stop(child);
            return true;
        }

        if (message is not SpawnRequest request) return false;
        try
        {
            request.Result = Context.ActorOf(request.Props, request.Name);
        }
        catch (Exception e)
        {
            request.Error = e;
        }

        request.Completed = true;
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
