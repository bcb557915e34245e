using System.Runtime.CompilerServices;

namespace CmaActors.Runtime;

/// <summary>The handler of messages of type <typeparamref name="T"/> (every message when it is <see cref="object"/>).</summary>
internal sealed class TypedReceiveHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : ReceiveHandler
{
    // A sealed class is matched by comparing the message's exact type: a general type test in code shared by every
    // reference type has to look T up and walk the message's type hierarchy. It is a field of the instance: a static
    // field of shared code is looked up too. Null for every other type.
    private readonly Type? _sealedClass = !typeof(T).IsValueType && typeof(T).IsSealed ? typeof(T) : null;

    /// <inheritdoc />
    public override bool TryHandle(object message)
    {
        T typed;
        if (typeof(T).IsValueType)
        {
            if (message is not T value)
                return false;
            typed = value;
        }
        else
        {
            if (_sealedClass is not null ? message.GetType() != _sealedClass : message is not T)
                return false;
            typed = Unsafe.As<object, T>(ref message);
        }

        if (shouldHandle is not null && !shouldHandle(typed))
            return false;
        handler(typed);
        return true;
    }
}
