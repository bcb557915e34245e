using System.Reflection;
using System.Runtime.Loader;

namespace CmaActors.PairedRuns;

/// <summary>
/// One build's output folder, loaded into an assembly load context of its own: its emulator, its Akka.NET and its copy
/// of <see cref="Turns"/>, side by side with the other build's in the same process.
/// </summary>
internal sealed class BuildUnderTest
{
    private readonly MethodInfo _run;

    public BuildUnderTest(string folder, string scenario, string strategy)
    {
        Folder = Path.GetFullPath(folder);
        var assemblyPath = Path.Combine(Folder, "CmaActors.PairedRuns.dll");
        if (!File.Exists(assemblyPath))
            throw new FileNotFoundException($"{Folder} holds no CmaActors.PairedRuns.dll: build perf/CmaActors.PairedRuns in that tree first");
        var batches = new FolderLoadContext(Folder).LoadFromAssemblyPath(assemblyPath).GetType(typeof(Turns).FullName!)!;
        batches.GetMethod(nameof(Turns.Prepare))!.Invoke(null, [scenario, strategy]);
        _run = batches.GetMethod(nameof(Turns.Run))!;
    }

    public string Folder { get; }

    /// <summary>Runs one turn and returns its deliveries.</summary>
    public long Run(int firstSeed, int count) => (long)_run.Invoke(null, [firstSeed, count])!;

    private sealed class FolderLoadContext(string folder) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
