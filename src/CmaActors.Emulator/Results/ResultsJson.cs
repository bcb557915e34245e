using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmaActors.Emulator.Results;

/// <summary>results.json's serializer (files are written by <see cref="Reports.OutputBundle"/>, whole or not at all).</summary>
public static class ResultsJson
{
    /// <summary>The serializer settings of results.json.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The JSON text of a value.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
