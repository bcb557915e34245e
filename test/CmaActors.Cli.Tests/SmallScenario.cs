namespace CmaActors.Cli.Tests;

/// <summary>A scenario file small enough for command-line tests.</summary>
public static class SmallScenario
{
    public const string Json = """
        {
          "name": "cli-small",
          "seed": 3,
          "durationSeconds": 1,
          "machine": { "cpus": 2, "memoryMiB": 32 },
          "cmaAreas": [ { "name": "reserved", "sizeMiB": 8 } ],
          "workloads": [
            { "kind": "anonChurn", "targetFreePercent": 6, "batchPages": 16, "lifetimeMs": { "min": 20, "max": 2000 }, "pinsPerSecond": 100 },
            { "kind": "cmaDevice", "name": "camera", "cpu": 1, "sizes": [1, 64, 512], "startDelayMs": 200,
              "intervalMs": { "min": 10, "max": 10 }, "holdMs": { "min": 20, "max": 20 } }
          ]
        }
        """;
}
