using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CmaActors.Emulator.Scenarios.Json;

/// <summary>
/// The JSON Schema (draft 2020-12) of scenario files, generated from the scenario records: member names and types,
/// enum values, the workload kinds and load phases, the <see cref="LimitsAttribute"/> ranges, each member's default and
/// its documentation as the description. Published as docs/scenario.schema.json (a test keeps the two in sync).
/// </summary>
public static partial class ScenarioSchema
{
    /// <summary>Where the published schema lives, relative to the repository.</summary>
    public const string PublishedPath = "docs/scenario.schema.json";

    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "urn:cma-actors:scenario";

    /// <summary>The published schema (docs/scenario.schema.json) as this build ships it.</summary>
    public static string Published()
    {
        using var stream = typeof(ScenarioSchema).Assembly.GetManifestResourceStream("CmaActors.Emulator.Scenarios.scenario.schema.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema, described from the XML documentation file next to the assembly (none when it is absent).</summary>
    public static JsonNode Generate() => Generate(Documentation.Load(Path.ChangeExtension(typeof(Scenario).Assembly.Location, ".xml")));

    /// <summary>The schema as its published text: indented, with a final newline.</summary>
    public static string Text() => Generate().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonNode Generate(Documentation docs)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, docs),
        };
        var body = ScenarioJson.Options.GetJsonSchemaAsNode(typeof(Scenario), exporter).AsObject();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "cma-actors scenario",
            ["description"] = "One emulated run: the machine, its CMA areas, the design knobs, the cost model, the storage, the workloads " +
                              "and how long to run. A run is a pure function of (scenario, seed, strategy).",
        };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            if (key != "description")
                schema[key] = value;
        }

        var properties = schema["properties"]!.AsObject();
        var all = properties.ToList();
        properties.Clear();
        properties[JsonShape.SchemaMember] = new JsonObject { ["type"] = "string", ["description"] = "The JSON Schema of this file (for editors); the loader skips it." };
        foreach (var (key, value) in all)
            properties[key] = value;
        return schema;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, Documentation docs)
    {
        if (node is not JsonObject schema)
            return node;

        if (context.PropertyInfo is { } property)
        {
            var limits = property.AttributeProvider?.GetCustomAttributes(typeof(LimitsAttribute), false).OfType<LimitsAttribute>().FirstOrDefault();
            if (limits is not null)
                ApplyLimits(schema["items"] as JsonObject ?? schema, limits);
            var member = property.AttributeProvider as MemberInfo;
            var text = docs.Of(member);
            if (limits is not null)
                text = text is null ? Capitalise(limits.Describe()) + "." : $"{text} {Capitalise(limits.Describe())}.";
            if (text is not null)
                Prepend(schema, "description", text);
            if (Default(property) is { } value)
                schema["default"] = value;
        }
        else if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && context.TypeInfo.Type.BaseType is { IsAbstract: true } && docs.Of(context.TypeInfo.Type) is { } typeText)
            Prepend(schema, "description", typeText);

        return schema;
    }

    private static void ApplyLimits(JsonObject schema, LimitsAttribute limits)
    {
        var range = new JsonObject();
        if (limits.MinExclusive)
            range["exclusiveMinimum"] = limits.Min;
        else
            range["minimum"] = limits.Min;
        range["maximum"] = limits.Max;
        if (limits.OrZero)
            schema["anyOf"] = new JsonArray(new JsonObject { ["const"] = 0 }, range);
        else
            foreach (var (key, value) in range.ToList())
            {
                range.Remove(key);
                schema[key] = value;
            }
    }

    private static JsonNode? Default(JsonPropertyInfo property)
    {
        var declaring = property.DeclaringType;
        if (declaring.IsAbstract || declaring.GetConstructor(Type.EmptyTypes) is null)
            return null;
        var instance = Activator.CreateInstance(declaring);
        var value = property.Get?.Invoke(instance!);
        return value is null ? null : JsonSerializer.SerializeToNode(value, property.PropertyType, ScenarioJson.Options);
    }

    private static void Prepend(JsonObject schema, string key, JsonNode value)
    {
        var rest = schema.ToList();
        schema.Clear();
        schema[key] = value;
        foreach (var (k, v) in rest)
            if (k != key)
                schema[k] = v;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The summaries of an XML documentation file, by member.</summary>
    private sealed partial class Documentation
    {
        private readonly Dictionary<string, string> _summaries = new(StringComparer.Ordinal);

        public static Documentation Load(string path)
        {
            var docs = new Documentation();
            if (!File.Exists(path))
                return docs;
            foreach (var member in XDocument.Load(path).Descendants("member"))
            {
                var summary = member.Element("summary");
                if (member.Attribute("name")?.Value is { } name && summary is not null)
                    docs._summaries[name] = Flatten(summary);
            }

            return docs;
        }

        public string? Of(MemberInfo? member) => member switch
        {
            PropertyInfo p => _summaries.GetValueOrDefault($"P:{p.DeclaringType!.FullName}.{p.Name}"),
            Type t => _summaries.GetValueOrDefault($"T:{t.FullName}"),
            _ => null,
        };

        private static string Flatten(XElement summary)
        {
            var parts = summary.Nodes().Select(n => n switch
            {
                XText text => text.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("cref")?.Value is { } cref
                    ? (cref.StartsWith("P:", StringComparison.Ordinal) ? JsonNamingPolicy.CamelCase.ConvertName(cref[(cref.LastIndexOf('.') + 1)..]) : cref[(cref.LastIndexOf('.') + 1)..])
                    : e.Attribute("langword")?.Value ?? e.Value,
                XElement e => e.Value,
                _ => "",
            });
            return Spaces().Replace(string.Concat(parts), " ").Trim();
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }
}
