namespace CmaActors.Runtime;

/// <summary>
/// Hooks called by the simulation driver on its own thread, for invariants, lock statistics and traces.
/// An exception thrown by an observer stops the run and propagates to the caller of the driver unchanged.
/// </summary>
public interface IDeliveryObserver
{
    /// <summary>Every send to an emulator actor (including timer firings, when they fire).</summary>
    void OnSend(in SendEvent e);

    /// <summary>Just before the receiving handler runs.</summary>
    void OnDeliveryStart(in DeliveryEvent e);

    /// <summary>Just after the handler returned; <paramref name="endNs"/> is its start plus the virtual time it spent.</summary>
    void OnDeliveryEnd(in DeliveryEvent e, long endNs);
}
