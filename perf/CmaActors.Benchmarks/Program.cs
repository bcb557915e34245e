using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Memory;

if (args is [IdleMachineProbe.Argument, var memoryMiB])
    return IdleMachineProbe.Run(memoryMiB);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
