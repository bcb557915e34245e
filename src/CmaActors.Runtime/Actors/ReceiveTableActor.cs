using Akka.Actor;
using Akka.Actor.Internal;

namespace CmaActors.Runtime;

/// <summary>
/// An actor written like Akka's <see cref="ReceiveActor"/> — handlers registered with <see cref="Receive{T}(Action{T}, Predicate{T})"/>
/// in the constructor or inside <see cref="Become"/>, tried in registration order, the first whose type (and guard)
/// matches handles the message, an unmatched message goes to <see cref="ActorBase.Unhandled"/> — but whose handlers are
/// kept in a plain table matched by type tests. ReceiveActor compiles a matcher for every Become (reflection,
/// generic type construction, delegate binding), which dominated the cost of short-lived actors that change state a
/// few times (one cma_alloc call); here a Become costs a few small allocations.
/// </summary>
public abstract class ReceiveTableActor : UntypedActor, IInitializableActor
{
    private List<ReceiveHandler>? _configuring = [];
    private ReceiveHandler[] _handlers = [];

    /// <summary>Freezes the handlers registered by the constructor (Akka calls it once the actor is constructed).</summary>
    void IInitializableActor.Init()
    {
        // Idempotent: Akka may call it again when it reuses the instance.
        if (_configuring is null)
            return;
        _handlers = [.. _configuring];
        _configuring = null;
    }

    /// <inheritdoc />
    protected sealed override void OnReceive(object message) => Dispatch(_handlers, message);

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        var handlers = Configure(configure);
        base.Become(message => Dispatch(handlers, message));
    }

    /// <summary>Pushes the handlers <paramref name="configure"/> registers as the behaviour (<see cref="ActorBase.UnbecomeStacked"/> pops it).</summary>
    protected void BecomeStacked(Action configure)
    {
        var handlers = Configure(configure);
        base.BecomeStacked(message => Dispatch(handlers, message));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> (when given) holds.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Add(new TypedReceiveHandler<T>(handler, shouldHandle));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> holds.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Add(new TypedReceiveHandler<T>(handler, shouldHandle));

    /// <summary>Handles every message not handled by a handler registered before.</summary>
    protected void ReceiveAny(Action<object> handler) => Add(new TypedReceiveHandler<object>(handler, null));

    private void Add(ReceiveHandler handler)
    {
        if (_configuring is null)
            throw new InvalidOperationException("Handlers may only be registered while constructing the actor and inside Become().");
        _configuring.Add(handler);
    }

    private ReceiveHandler[] Configure(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _configuring;
        _configuring = [];
        try
        {
            configure();
            return [.. _configuring];
        }
        finally
        {
            _configuring = outer;
        }
    }

    private void Dispatch(ReceiveHandler[] handlers, object message)
    {
        foreach (var handler in handlers)
            if (handler.TryHandle(message))
                return;
        Unhandled(message);
    }
}
