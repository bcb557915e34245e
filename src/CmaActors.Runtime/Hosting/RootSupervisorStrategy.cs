using Akka.Actor;
using Akka.Actor.Internal;

namespace CmaActors.Runtime;

/// <summary>
/// Supervision of the simulation root's children: report the failure to the driver and stop the child.
/// </summary>
internal sealed class RootSupervisorStrategy : OneForOneStrategy
{
    private readonly SimulationDriver _driver;

    public RootSupervisorStrategy(SimulationDriver driver)
        : base(_ => Directive.Stop)
    {
        _driver = driver;
    }

    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        _driver.OnEscalatedFailure(child, cause);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
