using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// Reads a scenario from JSON and validates it. Every problem is reported as a <see cref="ScenarioError"/> naming
/// the source, the JSON path and what is wrong; nothing else escapes.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file.</summary>
    /// <exception cref="ScenarioException">The file is missing, is not valid JSON, or describes an impossible run.</exception>
    public static Scenario LoadFile(string path) => Parse(ReadFile(path), path);

    /// <summary>The text of a scenario or replay file.</summary>
    /// <exception cref="ScenarioException">The file cannot be read.</exception>
    internal static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException([new ScenarioError(path, "$", $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>Parses and validates scenario JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">The text is not valid JSON or describes an impossible run.</exception>
    public static Scenario Parse(string json, string source)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, ScenarioJson.Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioException([Describe(e, source)]);
        }

        if (scenario is null)
            throw new ScenarioException([new ScenarioError(source, "$", "expected a scenario object, found null")]);

        var errors = ScenarioValidator.Validate(scenario, source);
        if (errors.Count > 0)
            throw new ScenarioException(errors);
        return scenario;
    }

    /// <summary>A JSON error of <paramref name="source"/> as a scenario error: JSON path, line and a short problem.</summary>
    internal static ScenarioError Describe(JsonException e, string source)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        long? line = e.LineNumber is { } l ? l + 1 : null;
        var message = e.Message;

        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
        {
            var allowed = AllowedProperties(unknown.Groups["type"].Value);
            var name = unknown.Groups["name"].Value;
            var at = path.EndsWith("." + name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return new ScenarioError(source, at, $"unknown property '{name}'{allowed}", line);
        }

        var conversion = Conversion().Match(message);
        if (conversion.Success)
            return new ScenarioError(source, path, $"expected {Expected(conversion.Groups["type"].Value)}", line);

        var discriminator = UnknownKind().Match(message);
        if ((discriminator.Success || message.Contains("type discriminator", StringComparison.Ordinal)) && path.Contains(".load.phases[", StringComparison.Ordinal))
            return new ScenarioError(source, path, $"unknown or missing load phase (expected one of: {string.Join(", ", LoadPhases)})", line);
        if (discriminator.Success || message.Contains("type discriminator", StringComparison.Ordinal))
            return new ScenarioError(source, path, $"unknown or missing workload kind (expected one of: {string.Join(", ", WorkloadKinds)})", line);

        if (e.InnerException is not null || message.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            return new ScenarioError(source, path, $"invalid JSON: {FirstSentence(e.InnerException?.Message ?? message)}", line);

        return new ScenarioError(source, path, FirstSentence(message), line);
    }

    /// <summary>The names "kind" takes in a workload.</summary>
    public static IReadOnlyList<string> WorkloadKinds { get; } = ["anonChurn", "cmaDevice", "background", "kernelAlloc"];

    /// <summary>The names "phase" takes in a load profile.</summary>
    public static IReadOnlyList<string> LoadPhases { get; } = ["inject", "ramping_inject", "keep_constant", "ramping_constant", "pause"];

    private static string AllowedProperties(string typeName)
    {
        var type = typeof(Scenario).Assembly.GetType(typeName);
        if (type is null)
            return "";
        var info = ScenarioJson.Options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object)
            return "";
        var names = info.Properties.Select(p => p.Name).ToList();
        if (info.PolymorphismOptions is { } poly)
            names.Insert(0, poly.TypeDiscriminatorPropertyName);
        return $" (allowed: {string.Join(", ", names)})";
    }

    private static string Expected(string clrType)
    {
        // Scenario types live here; some settings use the runtime's enums (SpendMode).
        var type = Type.GetType(clrType) ?? typeof(Scenario).Assembly.GetType(clrType) ?? typeof(Runtime.SpendMode).Assembly.GetType(clrType);
        var nullable = type is null ? null : Nullable.GetUnderlyingType(type);
        type = nullable ?? type;
        if (type is null)
            return clrType;
        if (type.IsEnum)
            return "one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));
        if (type == typeof(int) || type == typeof(long))
            return "an integer";
        if (type == typeof(double))
            return "a number";
        if (type == typeof(string))
            return "a string";
        if (type == typeof(bool))
            return "true or false";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return "an array";
        return "an object";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped to any \\.NET member contained in type '(?<type>[^']*)'")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("The JSON value could not be converted to (?<type>[^ .][^ ]*?)\\. Path")]
    private static partial Regex Conversion();

    [GeneratedRegex("type discriminator|read-ahead|does not support polymorphic", RegexOptions.IgnoreCase)]
    private static partial Regex UnknownKind();
}
