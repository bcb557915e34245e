using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Observation;

public sealed class ObserverTests
{
    private sealed class InvariantViolation(string message) : Exception(message);

    private sealed class Throwing(Func<DeliveryEvent, bool>? onStart = null, Func<SendEvent, bool>? onSend = null) : IDeliveryObserver
    {
        public Exception Thrown { get; } = new InvariantViolation("broken");

        public void OnSend(in SendEvent e)
        {
            if (onSend?.Invoke(e) == true) throw Thrown;
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
            if (onStart?.Invoke(e) == true) throw Thrown;
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
        }
    }

    [Fact]
    public void Exception_from_delivery_start_propagates_unchanged()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        var observer = new Throwing(onStart: e => e.Step == 1);
        host.Driver.AddObserver(observer);
        recorder.Tell(0);
        recorder.Tell(1);

        Assert.True(host.Driver.Step());
        var thrown = Assert.Throws<InvariantViolation>(() => host.Driver.RunUntilIdle());
        Assert.Same(observer.Thrown, thrown);
        Assert.Single(log);
    }

    [Fact]
    public void Exception_from_send_inside_a_handler_propagates_unchanged()
    {
        using var host = Hosts.Timed();
        var log = new List<(object Message, long StartNs)>();
        var recorder = host.Spawn(Emulator.Props<Recorder>(log, 0L), "recorder");
        var sender = host.Spawn(Emulator.Props<Sender>(), "sender");
        var observer = new Throwing(onSend: e => e.Message is "bad");
        host.Driver.AddObserver(observer);

        sender.Tell(new SendAll(recorder, new object[] { "bad" }));
        var thrown = Assert.Throws<InvariantViolation>(() => host.Driver.RunUntilIdle());
        Assert.Same(observer.Thrown, thrown);
    }
}
