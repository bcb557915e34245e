using CmaActors.Emulator.Scenarios.Json;
using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Scenarios;

/// <summary>Something that runs on the emulated machine; the JSON property "kind" names which.</summary>
[JsonKindName("workload")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AnonChurnSpec), "anonChurn")]
[JsonDerivedType(typeof(CmaDeviceSpec), "cmaDevice")]
[JsonDerivedType(typeof(BackgroundSpec), "background")]
[JsonDerivedType(typeof(KernelAllocSpec), "kernelAlloc")]
public abstract record WorkloadSpec
{
    /// <summary>Name shown in reports; defaults to the kind and its index.</summary>
    public string? Name { get; init; }

    /// <summary>The name shown for the workload at <paramref name="index"/>: its own, or the kind and the index.</summary>
    public string NameAt(int index) => Name ?? this switch
    {
        AnonChurnSpec => $"anon-churn{index}",
        CmaDeviceSpec => $"device{index}",
        BackgroundSpec => $"background{index}",
        _ => $"kernel{index}",
    };

    /// <summary>
    /// Every name the workload at <paramref name="index"/> shows in results on a machine of <paramref name="cpus"/> CPUs:
    /// its own, one per process of a workload that runs on several CPUs (<c>NAME-cpuN</c>), and its load injector's.
    /// </summary>
    public IEnumerable<string> Labels(int index, int cpus)
    {
        var name = NameAt(index);
        yield return name;
        var perCpu = this switch
        {
            AnonChurnSpec churn => churn.Cpus,
            BackgroundSpec background => background.Cpus,
            _ => null,
        };
        if (perCpu is not null)
        {
            foreach (var cpu in perCpu.Count > 0 ? perCpu : Enumerable.Range(0, cpus))
                yield return $"{name}-cpu{cpu}";
        }

        if (Load is not null)
            yield return $"{name}-load";
    }

    /// <summary>Requests injected in phases (NBomber's vocabulary); null: the workload paces itself.</summary>
    public LoadProfileSpec? Load { get; init; }
}
