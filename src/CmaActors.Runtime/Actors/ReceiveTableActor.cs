using Akka.Actor;
using Akka.Actor.Internal;

namespace CmaActors.Runtime;

/// <summary>
/// An actor written like Akka's <see cref="ReceiveActor"/> — handlers registered with <see cref="Receive{T}(Action{T}, Predicate{T})"/>
/// in the constructor or inside <see cref="Become"/>, tried in registration order, the first whose type (and guard)
/// matches handles the message, an unmatched message goes to <see cref="ActorBase.Unhandled"/> — but whose handlers are
/// kept in a plain table matched by type tests. ReceiveActor compiles a matcher for every Become (reflection,
/// generic type construction, delegate binding), which dominated the cost of short-lived actors that change state a
/// few times (one cma_alloc call). Here a state written as a method of the actor is configured once: Become keeps the
/// table each such method registered and reuses it on the next Become to the same method, so a state method must
/// register the same handlers every time it runs (its conditions belong inside the handlers). A state passed as a
/// lambda that captures locals is configured on every Become. The current table is this actor's own field: Become
/// switches it without touching Akka's behaviour stack, whose every switch allocates a wrapping delegate.
/// </summary>
public abstract class ReceiveTableActor : UntypedActor, IInitializableActor
{
    private List<ReceiveHandler>? _configuring = [];
    private List<ReceiveHandler>? _spare;
    private ReceiveHandler[]? _current;
    private List<(Action Configure, ReceiveHandler[] Handlers)>? _states;

    /// <summary>Freezes the handlers registered by the constructor (Akka calls it once the actor is constructed).</summary>
    void IInitializableActor.Init()
    {
        // Idempotent: Akka may call it again when it reuses the instance.
        if (_configuring is null)
            return;
        ReceiveHandler[] constructed = [.. _configuring];
        _configuring = null;
        // A Become in the constructor has already replaced them.
        _current ??= constructed;
    }

    /// <inheritdoc />
    protected sealed override void OnReceive(object message) => Dispatch(_current ?? [], message);

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => _current = StateOf(configure);

    /// <summary>
    /// Whether the tables of state methods are kept for the next Become to the same method (the default). An actor that
    /// enters each of its states about once in its life gains nothing from them: finding a state among the kept ones
    /// compares delegates of different methods, which the runtime does the slow way.
    /// </summary>
    protected virtual bool KeepsStates => true;

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

    /// <summary>The handlers <paramref name="configure"/> registers: configured once per state method of this actor.</summary>
    private ReceiveHandler[] StateOf(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        // A method of this actor (or a lambda that captures nothing but this) is the same state every time; a lambda
        // with captured locals has a target of its own and may register other handlers next time.
        if (!KeepsStates || !ReferenceEquals(configure.Target, this))
            return Configure(configure);
        _states ??= [];
        foreach (var (known, handlers) in _states)
            if (known.Equals(configure))
                return handlers;
        var state = Configure(configure);
        _states.Add((configure, state));
        return state;
    }

    private ReceiveHandler[] Configure(Action configure)
    {
        var outer = _configuring;
        var list = _spare ?? [];
        _spare = null;
        _configuring = list;
        try
        {
            configure();
            return [.. list];
        }
        finally
        {
            _configuring = outer;
            list.Clear();
            _spare = list;
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
