using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmaActors.Cluster.Jobs;

/// <summary>The JSON settings of job lines and specs: camelCase, enums as camelCase strings, one line, nulls left out.</summary>
public static class JobJson
{
    /// <summary>The settings.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The one-line JSON text of <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads <paramref name="json"/>; bad JSON is a <see cref="JobSpecException"/> naming <paramref name="what"/>.</summary>
    public static T Deserialize<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JobSpecException($"{what}: empty");
        }
        catch (JsonException e)
        {
            throw new JobSpecException($"{what}: {(e.Path is { } path ? path + ": " : "")}not a valid document ({e.Message.Split('.')[0]})");
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
