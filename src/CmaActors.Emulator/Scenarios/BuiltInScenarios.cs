namespace CmaActors.Emulator.Scenarios;

/// <summary>The scenarios shipped inside the tool, by name; <c>default</c> is what <c>cma-actors run</c> runs.</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "CmaActors.Emulator.Scenarios.BuiltIn.";

    /// <summary>Name of the scenario run when none is given.</summary>
    public const string DefaultName = "default";

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BuiltInScenarios).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>True when <paramref name="name"/> is a built-in scenario.</summary>
    public static bool Exists(string name) => Names.Contains(name);

    /// <summary>The JSON text of a built-in scenario.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream(Prefix + name + ".json")
                           ?? throw new ArgumentException($"no built-in scenario '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads and validates a built-in scenario.</summary>
    public static Scenario Load(string name) => ScenarioLoader.Parse(Text(name), $"built-in:{name}");
}
