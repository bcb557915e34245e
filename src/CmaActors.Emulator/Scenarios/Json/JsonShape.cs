using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CmaActors.Emulator.Scenarios.Json;

/// <summary>
/// Checks a JSON document against the shape of the records it will be read into, before the serializer sees it:
/// every member known and given once, every value of the expected kind (an integer that fits, a finite number, one
/// of the enum's names exactly, an object, a list without nulls), every polymorphic object's discriminator present
/// (in any position) and known, every required member present, every number within its <see cref="LimitsAttribute"/>.
/// Problems are said in the file's words (JSON paths, member names, camelCase values), never in .NET's.
/// </summary>
public sealed class JsonShape
{
    private readonly JsonSerializerOptions _options;
    private readonly List<ShapeProblem> _problems = [];

    private JsonShape(JsonSerializerOptions options) => _options = options;

    /// <summary>Members a root object may carry besides its record's: the editor's schema reference.</summary>
    public const string SchemaMember = "$schema";

    /// <summary>Every problem of <paramref name="root"/> read as <paramref name="type"/>: JSON path and what is wrong.</summary>
    public static IReadOnlyList<ShapeProblem> Check(JsonElement root, Type type, JsonSerializerOptions options)
    {
        var shape = new JsonShape(options);
        shape.Value(root, options.GetTypeInfo(type), "$", nullable: false, limits: null, root: true);
        return shape._problems;
    }

    /// <summary>The JSON path of member <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Member(string parent, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') && !char.IsAsciiDigit(name[0])
            ? $"{parent}.{name}"
            : $"{parent}['{ScenarioError.Quote(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal))}']";

    /// <summary>The JSON path of element <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Element(string parent, int index) => $"{parent}[{index}]";

    private void Problem(string path, string problem) => _problems.Add(new ShapeProblem(path, problem, OutOfRange: false));

    private void OutOfRange(string path, string problem) => _problems.Add(new ShapeProblem(path, problem, OutOfRange: true));

    private void Value(JsonElement e, JsonTypeInfo info, string path, bool nullable, LimitsAttribute? limits, bool root = false)
    {
        var type = info.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if (e.ValueKind == JsonValueKind.Null)
        {
            if (!(nullable || underlying is not null))
                Problem(path, $"must not be null (expected {Expected(type)})");
            return;
        }

        if (underlying is not null)
        {
            type = underlying;
            info = _options.GetTypeInfo(type);
        }

        if (type == typeof(string))
            Kind(e, JsonValueKind.String, path, "a string");
        else if (type == typeof(bool))
        {
            if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                Problem(path, $"expected true or false, found {Found(e)}");
        }
        else if (type == typeof(int) || type == typeof(long))
            Integer(e, type == typeof(int), path, limits);
        else if (type == typeof(double))
            Number(e, path, limits);
        else if (type.IsEnum)
            Enum(e, type, path);
        else if (info.Kind == JsonTypeInfoKind.Enumerable)
            List(e, info, path, limits);
        else if (info.Kind == JsonTypeInfoKind.Object)
            Object(e, info, path, root);
        else
            Problem(path, "is not a setting this file can hold");
    }

    private bool Kind(JsonElement e, JsonValueKind kind, string path, string expected)
    {
        if (e.ValueKind == kind)
            return true;
        Problem(path, $"expected {expected}, found {Found(e)}");
        return false;
    }

    private void Integer(JsonElement e, bool int32, string path, LimitsAttribute? limits)
    {
        if (!Kind(e, JsonValueKind.Number, path, "an integer"))
            return;
        var raw = e.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) >= 0)
        {
            Problem(path, $"expected an integer, found {ScenarioError.Quote(raw)}");
            return;
        }

        var fits = e.TryGetInt64(out var value) && (!int32 || value is >= int.MinValue and <= int.MaxValue);
        if (limits is not null && (!fits || !limits.Allows(value)))
            (fits ? (Action<string, string>)OutOfRange : Problem)(path, $"{limits.Describe()}, found {ScenarioError.Quote(raw)}");
        else if (!fits)
            Problem(path, $"{ScenarioError.Quote(raw)} is out of range (at most {(int32 ? int.MaxValue : long.MaxValue)})");
    }

    private void Number(JsonElement e, string path, LimitsAttribute? limits)
    {
        if (!Kind(e, JsonValueKind.Number, path, "a number"))
            return;
        if (!e.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Problem(path, limits is null ? "is far too large" : $"is far too large: {limits.Describe()}");
            return;
        }

        if (limits is not null && !limits.Allows(d))
            OutOfRange(path, $"{limits.Describe()}, found {ScenarioError.Quote(e.GetRawText())}");
    }

    private void Enum(JsonElement e, Type type, string path)
    {
        var names = EnumNames(type);
        var choices = $"one of: {string.Join(", ", names)}";
        if (!Kind(e, JsonValueKind.String, path, choices))
            return;
        var value = e.GetString()!;
        if (!names.Contains(value, StringComparer.OrdinalIgnoreCase))
            Problem(path, $"unknown value '{ScenarioError.Quote(value)}' (expected {choices})");
    }

    /// <summary>The names an enum takes in a file, as written: camelCase.</summary>
    public static IReadOnlyList<string> EnumNames(Type type) =>
        System.Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();

    private void List(JsonElement e, JsonTypeInfo info, string path, LimitsAttribute? limits)
    {
        if (!Kind(e, JsonValueKind.Array, path, "an array"))
            return;
        var elementInfo = _options.GetTypeInfo(info.ElementType!);
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            Value(item, elementInfo, Element(path, i), nullable: false, limits);
            i++;
        }
    }

    private void Object(JsonElement e, JsonTypeInfo info, string path, bool root)
    {
        if (!Kind(e, JsonValueKind.Object, path, "an object"))
            return;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in e.EnumerateObject())
        {
            if (!seen.Add(member.Name))
                Problem(Member(path, member.Name), $"'{ScenarioError.Quote(member.Name)}' is given twice in this object");
        }

        if (info.PolymorphismOptions is { } poly)
        {
            var derived = Derived(e, info, poly, path);
            if (derived is null)
                return;
            info = derived;
        }

        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var discriminator = info.PolymorphismOptions?.TypeDiscriminatorPropertyName
                            ?? (info.Type.BaseType is { IsAbstract: true } b && _options.GetTypeInfo(b).PolymorphismOptions is { } basePoly ? basePoly.TypeDiscriminatorPropertyName : null);
        foreach (var member in e.EnumerateObject())
        {
            if (member.Name == discriminator || (root && member.Name == SchemaMember))
                continue;
            if (!properties.TryGetValue(member.Name, out var property))
            {
                var allowed = properties.Keys.ToList();
                if (discriminator is not null)
                    allowed.Insert(0, discriminator);
                Problem(Member(path, member.Name), $"unknown property '{ScenarioError.Quote(member.Name)}' (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            var limits = property.AttributeProvider?.GetCustomAttributes(typeof(LimitsAttribute), false).OfType<LimitsAttribute>().FirstOrDefault();
            Value(member.Value, _options.GetTypeInfo(property.PropertyType), Member(path, member.Name), nullable: property.IsSetNullable, limits);
        }

        foreach (var property in info.Properties)
        {
            var required = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };
            if (required && !seen.Contains(property.Name))
                Problem(Member(path, property.Name), "is missing (it is required)");
        }
    }

    private JsonTypeInfo? Derived(JsonElement e, JsonTypeInfo info, JsonPolymorphismOptions poly, string path)
    {
        var name = poly.TypeDiscriminatorPropertyName;
        var kinds = poly.DerivedTypes.Select(d => d.TypeDiscriminator?.ToString() ?? "").ToList();
        var what = WhatIs(info.Type);
        var choices = $"one of: {string.Join(", ", kinds)}";
        if (!e.TryGetProperty(name, out var kind))
        {
            Problem(path, $"the {what} has no \"{name}\" member: say which {what} it is ({choices})");
            return null;
        }

        var at = Member(path, name);
        if (kind.ValueKind != JsonValueKind.String)
        {
            Problem(at, $"expected a string, found {Found(kind)} ({choices})");
            return null;
        }

        var value = kind.GetString()!;
        var match = poly.DerivedTypes.FirstOrDefault(d => string.Equals(d.TypeDiscriminator?.ToString(), value, StringComparison.Ordinal));
        if (match.DerivedType is null)
        {
            Problem(at, $"unknown {what} '{ScenarioError.Quote(value)}' (expected {choices})");
            return null;
        }

        return _options.GetTypeInfo(match.DerivedType);
    }

    private static string WhatIs(Type type) =>
        type.GetCustomAttribute<JsonKindNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(type.Name);

    private static string Found(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {ScenarioError.Quote(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
            return "a string";
        if (type == typeof(bool))
            return "true or false";
        if (type == typeof(int) || type == typeof(long))
            return "an integer";
        if (type == typeof(double))
            return "a number";
        if (type.IsEnum)
            return $"one of: {string.Join(", ", EnumNames(type))}";
        return _options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? "an array" : "an object";
    }
}

/// <summary>
/// One problem of a document: its JSON path and what is wrong. <see cref="OutOfRange"/>: the value has the right type
/// and could be read (a number outside its limits), so the document's other checks can still run.
/// </summary>
public sealed record ShapeProblem(string Path, string Problem, bool OutOfRange);

/// <summary>How messages call an object of this record's kind ("workload", "load phase").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class JsonKindNameAttribute(string name) : Attribute
{
    /// <summary>The name, in the file's words.</summary>
    public string Name { get; } = name;
}
