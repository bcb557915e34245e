using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Scenarios;
using CsCheck;

namespace CmaActors.Cli.Tests.Mutations;

/// <summary>One change to a scenario: what to do, where (a selector of a node) and with what (a selector of a value).</summary>
public sealed record Mutation(int Op, int Where, int What)
{
    public override string ToString() => $"{ScenarioMutator.OpNames[Op]}(@{Where}, #{What})";
}

/// <summary>A built-in scenario and the changes made to it, in order.</summary>
public sealed record MutatedScenario(string BaseName, IReadOnlyList<Mutation> Mutations)
{
    public override string ToString() => $"{BaseName} {string.Join(" ", Mutations)}";
}

/// <summary>
/// Mutates valid built-in scenarios the ways a user, an editor or a generator breaks them: type swaps, extreme and
/// tweaked numbers, deleted, duplicated, renamed, moved and reordered members, nulls, odd strings (names with spaces,
/// slashes, accents, markup, control characters, ten thousand characters), kinds swapped or removed, values wrapped in
/// or unwrapped from arrays, truncated text and bytes that are not UTF-8.
/// </summary>
public static class ScenarioMutator
{
    public static readonly string[] OpNames =
    [
        "replace", "tweak-number", "delete", "duplicate", "rename", "reorder", "odd-string", "wrap", "unwrap", "move",
        "kind", "truncate", "bad-utf8", "add-unknown", "null-element",
    ];

    private const string DuplicateMarker = "\u0001dup\u0001";

    public static readonly IReadOnlyList<string> OddStrings =
    [
        "", " ", "front camera", "caméra", "mmc/blk0", "../../etc", "[red]x[/]", "[/]", "a|b", "<script>x</script>", "&amp;",
        "tab\there", "new\nline", "nul\0char", "\u200B", "\u202Eevil", "日本語", "😀", "global,none", "gcma,reservation", "Global",
        "kswapd0", "cpu0", "zone-Normal", "machine", "$", "$type", "%41", "~1", "'quote'", "\"double\"", "\\", "cma_mutex",
        new string('x', 10_000), new string('é', 300),
    ];

    private static readonly IReadOnlyList<Func<JsonNode?>> Values =
    [
        () => null, () => true, () => false, () => 0, () => -1, () => 1, () => 2, () => 0.5, () => 1.5, () => 7,
        () => int.MaxValue, () => (long)int.MaxValue + 1, () => long.MaxValue, () => JsonNode.Parse("1e300"),
        () => JsonNode.Parse("-1e300"), () => JsonNode.Parse("1e-300"), () => JsonNode.Parse("4.9e-324"), () => 86_400,
        () => 86_400_000, () => 86_400_001, () => 9.3e12, () => 65_536, () => 256, () => 4096, () => 1_000_000,
        () => JsonNode.Parse("123456789012345678901234567890"), () => "", () => "x", () => "60", () => new JsonArray(),
        () => new JsonObject(), () => new JsonArray((JsonNode?)null), () => new JsonObject { ["kind"] = "anonChurn" },
        () => new JsonArray(1, 2, 3), () => -0.0, () => JsonNode.Parse("-9223372036854775808"),
    ];

    private static readonly string[] Kinds = ["anonChurn", "cmaDevice", "background", "kernelAlloc", "inject", "ramping_inject", "keep_constant", "ramping_constant", "pause", "nope", ""];

    public static Gen<Mutation> MutationGen { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, OpNames.Length - 1], CsCheck.Gen.Int[0, 1_000_000], CsCheck.Gen.Int[0, 1_000_000], (op, where, what) => new Mutation(op, where, what));

    /// <summary>
    /// The built-in scenarios mutated. <c>large</c> is left out: a mutant of it that still loads boots a 256 GiB machine
    /// (about 9 GB and most of a minute before its first delivery), too much for hundreds of runs; its schema, loading
    /// and a scaled-down run are tested elsewhere (ScenarioSchemaTests, ScenarioLoaderTests, LargeScenarioTests).
    /// </summary>
    public static IReadOnlyList<string> BaseScenarios { get; } = BuiltInScenarios.Names.Where(n => n != "large").ToList();

    public static Gen<MutatedScenario> Scenarios { get; } =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, BaseScenarios.Count - 1], MutationGen.Array[1, 3],
            (b, m) => new MutatedScenario(BaseScenarios[b], m));

    /// <summary>The bytes of the mutated scenario file.</summary>
    public static byte[] Apply(MutatedScenario scenario)
    {
        var root = JsonNode.Parse(BuiltInScenarios.Text(scenario.BaseName))!;
        var textOps = new List<Mutation>();
        foreach (var m in scenario.Mutations)
        {
            if (OpNames[m.Op] is "truncate" or "bad-utf8")
                textOps.Add(m);
            else
                root = ApplyToTree(root, m);
        }

        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        text = text.Replace(JsonSerializer.Serialize(DuplicateMarker)[1..^1], "", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var m in textOps)
        {
            var at = bytes.Length == 0 ? 0 : m.Where % bytes.Length;
            bytes = OpNames[m.Op] == "truncate"
                ? bytes[..at]
                : [.. bytes[..at], (byte)(m.What % 2 == 0 ? 0xFF : 0xC3), .. bytes[at..]];
        }

        return bytes;
    }

    private static JsonNode ApplyToTree(JsonNode root, Mutation m)
    {
        var nodes = All(root).ToList();
        var objects = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        var members = objects.SelectMany(o => o.Select(p => (Object: o, p.Key))).ToList();
        var arrays = nodes.OfType<JsonArray>().ToList();
        var strings = nodes.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Cast<JsonNode>().ToList();
        var numbers = nodes.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.Number).ToList();
        var nonRoot = nodes.Where(n => n.Parent is not null).ToList();
        T Pick<T>(IReadOnlyList<T> list) => list[m.Where % list.Count];

        switch (OpNames[m.Op])
        {
            case "replace" when nonRoot.Count > 0:
                Replace(Pick(nonRoot), Values[m.What % Values.Count]());
                break;
            case "tweak-number" when numbers.Count > 0:
                var number = Pick(numbers);
                // A number parsed from the file holds a JsonElement, one made by an earlier mutation a .NET number:
                // read both through their JSON text.
                var d = double.Parse(number.ToJsonString(), CultureInfo.InvariantCulture);
                double[] tweaks = [d * 10, d * 1000, -d, d + 1, d - 1, d / 1000, 0, d + 0.5, d * 1e6, Math.Floor(d / 2)];
                var tweaked = tweaks[m.What % tweaks.Length];
                Replace(number, JsonValue.Create(double.IsFinite(tweaked) ? tweaked : double.MaxValue));
                break;
            case "delete" when members.Count > 0:
                var (o, key) = Pick(members);
                o.Remove(key);
                break;
            case "duplicate" when members.Count > 0:
                var (dupIn, dupKey) = Pick(members);
                dupIn[DuplicateMarker + dupKey] = m.What % 2 == 0 ? dupIn[dupKey]?.DeepClone() : Values[m.What % Values.Count]();
                break;
            case "rename" when members.Count > 0:
                var (renIn, renKey) = Pick(members);
                // An earlier rename may have left an empty name: cutting its last letter gives the empty name again.
                string[] names = [renKey + "x", renKey.ToUpperInvariant(), "", "$schema", "kind", "phase", "name", renKey.Length > 0 ? renKey[..^1] : "", " " + renKey];
                var newName = names[m.What % names.Length];
                if (!renIn.ContainsKey(newName))
                {
                    var value = renIn[renKey];
                    renIn.Remove(renKey);
                    renIn[newName] = value;
                }

                break;
            case "reorder" when objects.Count > 0:
                var target = Pick(objects);
                var list = target.ToList();
                target.Clear();
                var shift = m.What % list.Count;
                foreach (var (k, v) in list.Skip(shift).Concat(list.Take(shift)).Reverse())
                    target[k] = v;
                break;
            case "odd-string" when strings.Count > 0:
                Replace(Pick(strings), OddStrings[m.What % OddStrings.Count]);
                break;
            case "wrap" when nonRoot.Count > 0:
                var wrapped = Pick(nonRoot);
                Replace(wrapped, new JsonArray(wrapped.DeepClone()));
                break;
            case "unwrap" when arrays.Count > 0:
                var array = Pick(arrays);
                var first = array.Count > 0 ? array[0]?.DeepClone() : new JsonObject();
                if (array.Parent is null)
                    return first ?? new JsonObject();
                Replace(array, first);
                break;
            case "move" when members.Count > 0 && objects.Count > 1:
                var (fromObj, fromKey) = Pick(members);
                var into = objects[m.What % objects.Count];
                var moved = fromObj[fromKey];
                if (into != fromObj && !into.ContainsKey(fromKey) && !IsAncestor(moved, into))
                {
                    fromObj.Remove(fromKey);
                    into[fromKey] = moved;
                }

                break;
            case "kind":
                var kinded = objects.Where(x => x.ContainsKey("kind") || x.ContainsKey("phase")).ToList();
                if (kinded.Count == 0)
                    break;
                var k2 = Pick(kinded);
                var member = k2.ContainsKey("kind") ? "kind" : "phase";
                switch (m.What % 3)
                {
                    case 0:
                        k2.Remove(member);
                        break;
                    case 1:
                        k2[member] = Kinds[m.What / 3 % Kinds.Length];
                        break;
                    default:
                        var kindValue = k2[member];
                        k2.Remove(member);
                        k2[member] = kindValue;
                        break;
                }

                break;
            case "add-unknown" when objects.Count > 0:
                Pick(objects)[OddStrings[m.What % OddStrings.Count] + "unknown"] = 1;
                break;
            case "null-element" when arrays.Count > 0:
                var nullIn = Pick(arrays);
                if (nullIn.Count == 0)
                    nullIn.Add(null);
                else
                    nullIn[m.What % nullIn.Count] = null;
                break;
        }

        return root;
    }

    private static bool IsAncestor(JsonNode? node, JsonNode of)
    {
        for (var p = of; p is not null; p = p.Parent)
            if (ReferenceEquals(p, node))
                return true;
        return false;
    }

    private static void Replace(JsonNode node, JsonNode? with)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = with;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = with;
                break;
        }
    }

    private static IEnumerable<JsonNode> All(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
            if (child is not null)
                foreach (var n in All(child))
                    yield return n;
    }
}
