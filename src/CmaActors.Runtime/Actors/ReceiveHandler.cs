namespace CmaActors.Runtime;

/// <summary>One registered handler of a <see cref="ReceiveTableActor"/>: a type test, an optional guard and the action.</summary>
internal abstract class ReceiveHandler
{
    /// <summary>Runs the handler and returns true when <paramref name="message"/> is its type and passes its guard.</summary>
    public abstract bool TryHandle(object message);
}
