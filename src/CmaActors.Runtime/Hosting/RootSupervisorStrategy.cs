using Akka.Actor;
using Akka.Actor.Internal;

namespace CmaActors.Runtime;

/// <summary>
/// Supervision of a run root's children (simulation or parallel): report the failure and stop the child.
/// </summary>
internal sealed class RootSupervisorStrategy : OneForOneStrategy
{
    private readonly Action<IActorRef, Exception> _report;

    public RootSupervisorStrategy(Action<IActorRef, Exception> report)
        : base(_ => Directive.Stop)
    {
        _report = report;
    }

    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        _report(child, cause);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
