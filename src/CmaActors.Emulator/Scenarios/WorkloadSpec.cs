using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Scenarios;

/// <summary>Something that runs on the emulated machine; the JSON property "kind" names which.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AnonChurnSpec), "anonChurn")]
[JsonDerivedType(typeof(CmaDeviceSpec), "cmaDevice")]
[JsonDerivedType(typeof(BackgroundSpec), "background")]
[JsonDerivedType(typeof(KernelAllocSpec), "kernelAlloc")]
public abstract record WorkloadSpec
{
    /// <summary>Name shown in reports; defaults to the kind and its index.</summary>
    public string? Name { get; init; }

    /// <summary>Requests injected in phases (NBomber's vocabulary); null: the workload paces itself.</summary>
    public LoadProfileSpec? Load { get; init; }
}
