using System.Text.Json;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace CmaActors.Cluster.Protocol;

/// <summary>
/// Serializes <see cref="IJobMessage"/>s between nodes as UTF-8 JSON (System.Text.Json), the manifest naming the
/// message type. Bound to the messages in <see cref="Nodes.ClusterConfig"/>.
/// </summary>
public sealed class JobMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's id, unique among the actor system's serializers.</summary>
    public const int Id = 7431;

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(JobAvailable), typeof(RequestWork), typeof(Work), typeof(NoWork), typeof(SeedDone), typeof(UnitDone),
        typeof(UnitFailed), typeof(WorkDeclined), typeof(StopAt), typeof(JobOver),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is IJobMessage
        ? JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options)
        : throw new ArgumentException($"not a job message: {obj.GetType()}", nameof(obj));

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        Types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"empty {manifest}")
            : throw new SerializationException($"unknown job message '{manifest}'");

    /// <inheritdoc />
    public override string Manifest(object o) => o.GetType().Name;
}
