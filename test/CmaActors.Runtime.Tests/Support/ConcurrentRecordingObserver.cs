using System.Collections.Concurrent;

namespace CmaActors.Runtime.Tests.Support;

/// <summary>Keeps every delivery it is told about, from any thread (parallel mode).</summary>
public sealed class ConcurrentRecordingObserver : IDeliveryObserver
{
    public ConcurrentQueue<SendEvent> Sends { get; } = new();

    public ConcurrentQueue<(DeliveryEvent Delivery, long EndNs)> Ends { get; } = new();

    public void OnSend(in SendEvent e) => Sends.Enqueue(e);

    public void OnDeliveryStart(in DeliveryEvent e)
    {
    }

    public void OnDeliveryEnd(in DeliveryEvent e, long endNs) => Ends.Enqueue((e, endNs));

    /// <summary>Finished deliveries of messages of type <typeparamref name="T"/>.</summary>
    public List<(DeliveryEvent Delivery, long EndNs)> EndsOf<T>() => Ends.Where(d => d.Delivery.Message is T).ToList();
}
