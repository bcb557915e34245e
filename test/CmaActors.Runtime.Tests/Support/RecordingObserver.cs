
namespace CmaActors.Runtime.Tests.Support;

/// <summary>Keeps every send and delivery it is told about.</summary>
public sealed class RecordingObserver : IDeliveryObserver
{
    public List<SendEvent> Sends { get; } = new();

    public List<DeliveryEvent> Starts { get; } = new();

    public List<(DeliveryEvent Delivery, long EndNs)> Ends { get; } = new();

    public void OnSend(in SendEvent e) => Sends.Add(e);

    public void OnDeliveryStart(in DeliveryEvent e) => Starts.Add(e);

    public void OnDeliveryEnd(in DeliveryEvent e, long endNs) => Ends.Add((e, endNs));

    /// <summary>Deliveries of messages of type <typeparamref name="T"/>.</summary>
    public List<DeliveryEvent> StartsOf<T>() => Starts.Where(d => d.Message is T).ToList();

    /// <summary>A comparable rendering of the delivery order.</summary>
    public List<string> Trace() => Starts.Select(d => $"{d.Step}:{d.From}->{d.To}:{d.Message}@{d.StartNs}").ToList();
}
