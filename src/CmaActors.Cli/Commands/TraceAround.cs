using System.CommandLine;
using System.Globalization;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>--trace-around worst-wait|SECONDS</c>: centres the trace windows (trace.json and the ftrace file) on the run's
/// worst lock wait, or on a virtual second. A simulation run is a pure function of its scenario and seed, so the worst
/// wait is found by a first run without a trace and the second, identical run traces around it.
/// </summary>
public static class TraceAround
{
    /// <summary>Margin on each side of the centre: twice the wait, at least this much virtual time.</summary>
    public const long MinMarginNs = 20_000_000;

    /// <summary>The option.</summary>
    public static Option<string?> CreateOption() => new("--trace-around")
    {
        Description = "Centre the trace windows (trace.json and trace) on 'worst-wait', the longest lock wait of the run (found by a " +
                      "first, identical run: a simulation run is deterministic), or on a virtual second; the window reaches twice the " +
                      "wait, at least 20 ms, on each side",
    };

    /// <summary>The centre asked for: the worst wait (null) or a virtual time in ns.</summary>
    /// <exception cref="CliInputException">Neither 'worst-wait' nor a number of seconds.</exception>
    public static long? ParseCentre(string value)
    {
        if (value == "worst-wait")
            return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 1e9)
            return (long)(seconds * 1e9);
        throw new CliInputException($"--trace-around {value}: give 'worst-wait' or a virtual time in seconds (0 or more)");
    }

    /// <summary>A window centred on <paramref name="worst"/> of <paramref name="lockLabel"/>.</summary>
    public static TraceSettings Around(TraceSettings settings, WorstWaitResult worst, string lockLabel)
    {
        var margin = Math.Max(2 * worst.WaitNs, MinMarginNs);
        return settings with
        {
            FromNs = Math.Max(0, worst.StartNs - margin),
            ToNs = worst.EndNs + margin,
            Around = $"centred on the worst wait: {lockLabel} waited {Units.Us(worst.WaitNs)} µs from {WorstWaitText.Time(worst.StartNs)} s " +
                     $"to {WorstWaitText.Time(worst.EndNs)} s ({worst.Function}/{Units.Cpu(worst.Cpu)} behind {WorstWaitText.Holder(worst)})",
        };
    }

    /// <summary>A window centred on virtual time <paramref name="centreNs"/>.</summary>
    public static TraceSettings At(TraceSettings settings, long centreNs) => settings with
    {
        FromNs = Math.Max(0, centreNs - MinMarginNs),
        ToNs = centreNs + MinMarginNs,
        Around = $"centred on {WorstWaitText.Time(centreNs)} s",
    };
}
