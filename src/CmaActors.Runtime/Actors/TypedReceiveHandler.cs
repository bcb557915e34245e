namespace CmaActors.Runtime;

/// <summary>The handler of messages of type <typeparamref name="T"/> (every message when it is <see cref="object"/>).</summary>
internal sealed class TypedReceiveHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : ReceiveHandler
{
    /// <inheritdoc />
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            return false;
        handler(typed);
        return true;
    }
}
