using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;

namespace CmaActors.Benchmarks.Memory;

/// <summary>
/// Memory per emulated page frame: the time to build and start the default scenario's machine at a
/// memory size, and to allocate its frame table alone (whose Allocated column, divided by the frames, is the table's
/// footprint), with two columns computed outside the measurement: the frame table's bytes per frame
/// (<see cref="PageFrameTable.BytesPerFrame"/>: per-frame and per-pageblock arrays, side tables, touched log) and the
/// resident set of a fresh process that builds and starts that machine and stays idle (runtime, actors and all:
/// <see cref="IdleMachineProbe"/>).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class FrameMemoryBenchmarks
{
    /// <summary>Emulated memory in MiB.</summary>
    [Params(1_024, 16_384, 65_536)]
    public int MemoryMiB { get; set; }

    /// <summary>The frame table of a machine of this size, alone.</summary>
    [Benchmark]
    public long NewFrameTable() => new PageFrameTable(MemoryMiB * 256, new MemoryGeometry()).FrameCount;

    [Benchmark]
    public long BuildAndStart()
    {
        using var session = SimulationSession.Create(IdleMachineProbe.Scenario(MemoryMiB));
        session.Start();
        return session.Machine.Frames.FrameCount;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new BytesPerFrameColumn());
            AddColumn(new IdleRssColumn());
        }
    }

    private static int MiBOf(BenchmarkCase benchmarkCase) => (int)benchmarkCase.Parameters["MemoryMiB"];

    /// <summary>PageFrameTable.BytesPerFrame of a table of this size.</summary>
    private sealed class BytesPerFrameColumn() : ComputedColumn("B/frame", "Frame table bytes per emulated page frame")
    {
        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics)
        {
            var table = new PageFrameTable(MiBOf(benchmarkCase) * 256, new MemoryGeometry());
            return table.BytesPerFrame.ToString("F2", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Resident set of a fresh process holding the built, started, idle machine.</summary>
    private sealed class IdleRssColumn() : ComputedColumn("Idle RSS MiB", "Resident set of a process holding the started machine, idle")
    {
        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics) =>
            IdleMachineProbe.Measure(MiBOf(benchmarkCase));
    }
}

/// <summary>Builds and starts the default scenario's machine at a memory size in a child process and reads its RSS.</summary>
public static class IdleMachineProbe
{
    /// <summary>The argument that makes the benchmark program a probe.</summary>
    public const string Argument = "--idle-machine-rss";

    /// <summary>The default scenario with <paramref name="memoryMiB"/> of memory.</summary>
    public static Scenario Scenario(int memoryMiB)
    {
        var builtIn = BuiltInScenarios.Load("default");
        return builtIn with { Machine = builtIn.Machine with { MemoryMiB = memoryMiB } };
    }

    /// <summary>Runs the probe for <paramref name="memoryMiB"/>; its RSS in MiB, or a message when it failed.</summary>
    public static string Measure(int memoryMiB)
    {
        var self = typeof(IdleMachineProbe).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { self, Argument, memoryMiB.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var probe = Process.Start(start)!;
        var output = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0 ? output.Trim() : $"failed ({probe.StandardError.ReadToEnd().Split('\n')[0]})";
    }

    /// <summary>The probe itself: build, start, collect, print the resident set in MiB.</summary>
    public static int Run(string memoryMiB)
    {
        using var session = SimulationSession.Create(Scenario(int.Parse(memoryMiB, CultureInfo.InvariantCulture)));
        session.Start();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine((self.WorkingSet64 / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture));
        GC.KeepAlive(session);
        return 0;
    }
}
