using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// What tells two designs apart: the effective scenario (every field, defaults included, as the scenario format
/// writes it) and a stable hash of it — SHA-256 of its canonical JSON (keys in ordinal order, no whitespace) with the
/// seed left out, so every seed of one design shares the hash and any knob turned changes it.
/// </summary>
public static class ScenarioIdentity
{
    /// <summary>The scenario as a JSON object in the scenario format, every field written.</summary>
    public static JsonObject Document(Scenario scenario) =>
        JsonSerializer.SerializeToNode(scenario, ScenarioJson.Options)!.AsObject();

    /// <summary>Canonical JSON of a node: object keys sorted (ordinal), arrays in order, no whitespace.</summary>
    public static string Canonical(JsonNode? node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
            Write(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>"sha256:" and the hex SHA-256 of the scenario's canonical JSON, seed left out.</summary>
    public static string Hash(Scenario scenario)
    {
        var document = Document(scenario);
        document.Remove("seed");
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(document))));
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
