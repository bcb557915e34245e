namespace CmaActors.Emulator.Kernel;

/// <summary>One mechanism of a kernel profile, as <c>cma-actors kernels</c> lists it.</summary>
/// <param name="Name">What it is about ("drain_all_pages()", "pcp high").</param>
/// <param name="Setting">How this profile does it.</param>
/// <param name="KernelFunction">The kernel function(s) the emulator plays for it.</param>
/// <param name="Since">The version, and the commit where recorded, that brought this behaviour.</param>
public sealed record KernelMechanism(string Name, string Setting, string KernelFunction, string Since);
