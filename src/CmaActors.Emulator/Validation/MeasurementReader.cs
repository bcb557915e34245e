using System.Text.Json;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Validation;

/// <summary>
/// Reads the kernel oracle's measurement files: every missing or mistyped field is a <see cref="ScenarioError"/>
/// naming the file, the JSON path and what is wrong, all reported together in a <see cref="ScenarioException"/>.
/// </summary>
public static class MeasurementReader
{
    private static readonly string[] Plans = ["idle", "churn", "pinned", "dirty-cache"];

    /// <summary>Every <c>linux-*.json</c> of <paramref name="folder"/>, in file-name order.</summary>
    /// <exception cref="ScenarioException">The folder is missing, holds no measurement file, or a file is invalid.</exception>
    public static IReadOnlyList<KernelMeasurement> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw Problem(folder, "$", "no such folder");
        var files = Directory.GetFiles(folder, "linux-*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw Problem(folder, "$", "no measurement files (linux-PROFILE-PLAN-smpN.json) in the folder");
        var errors = new List<ScenarioError>();
        var read = new List<KernelMeasurement>();
        foreach (var file in files)
        {
            try
            {
                read.Add(ReadFile(file));
            }
            catch (ScenarioException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        return errors.Count > 0 ? throw new ScenarioException(errors) : read;
    }

    /// <summary>One measurement file.</summary>
    /// <exception cref="ScenarioException">The file cannot be read, is not JSON, or misses or mistypes a field.</exception>
    public static KernelMeasurement ReadFile(string file)
    {
        using var document = JsonInput.Parse(JsonInput.ReadFile(file), file);
        var r = new Fields(file);
        var root = document.RootElement;
        var kernel = r.Object(root, "$", "kernel");
        var guest = r.Object(root, "$", "guest");
        var plan = r.Object(root, "$", "plan");
        var planName = plan is { } p ? r.String(p, "$.plan", "name") : null;
        if (planName is not null && !Plans.Contains(planName))
            r.Error("$.plan.name", $"unknown plan '{ScenarioError.Quote(planName)}' (known: {string.Join(", ", Plans)})");
        var allocations = new List<MeasuredAllocation>();
        if (r.Array(root, "$", "allocations") is { } list)
        {
            var i = 0;
            foreach (var a in list.EnumerateArray())
                allocations.Add(Allocation(r, a, $"$.allocations[{i++}]"));
            if (i == 0)
                r.Error("$.allocations", "no allocations");
        }

        var measurement = new KernelMeasurement
        {
            File = file,
            Profile = kernel is { } k ? r.String(k, "$.kernel", "profile") ?? "" : "",
            Release = kernel is { } k2 ? r.String(k2, "$.kernel", "release") ?? "" : "",
            Guest = guest is { } g
                ? new MeasuredGuest((int)r.Count(g, "$.guest", "vcpus"), (int)r.Count(g, "$.guest", "memoryMiB"),
                    (int)r.Count(g, "$.guest", "cmaMiB"), r.String(g, "$.guest", "cmaArea") ?? "", (int)r.Count(g, "$.guest", "pageblockOrder"))
                : new MeasuredGuest(0, 0, 0, "", 0),
            Plan = planName ?? "",
            Command = r.String(root, "$", "command") ?? "",
            Measured = r.String(root, "$", "measured") ?? "",
            Allocations = allocations,
        };
        if (measurement.Guest.Vcpus == 0 && guest is not null)
            r.Error("$.guest.vcpus", "must be at least 1");
        return r.Errors.Count > 0 ? throw new ScenarioException(r.Errors) : measurement;
    }

    private static MeasuredAllocation Allocation(Fields r, JsonElement a, string at)
    {
        if (a.ValueKind != JsonValueKind.Object)
        {
            r.Error(at, $"expected an object, found {Kind(a)}");
            return new MeasuredAllocation(0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var pages = r.Count(a, at, "pages");
        if (pages == 0)
            r.Error($"{at}.pages", "must be at least 1");
        return new MeasuredAllocation((int)pages, (int)r.Count(a, at, "rep"), r.Bool(a, at, "ok"), r.Number(a, at, "latencyUs"),
            r.Count(a, at, "migrated"), r.Count(a, at, "busyRetries"), r.CountOrNull(a, at, "pcpDrainedPages"),
            TaskLock(r, a, at, "zoneLock"), TaskLock(r, a, at, "pcpLock"), TaskLock(r, a, at, "cmaMutex"), TaskLock(r, a, at, "drainMutex"));
    }

    /// <summary>
    /// The allocating task's own acquisitions of a lock (<c>taskLocks</c>, from its lock tracepoints), which is what the
    /// emulator's per-call figures count; files without <c>taskLocks</c> give the whole guest's lock_stat difference.
    /// </summary>
    private static long TaskLock(Fields r, JsonElement a, string at, string name)
    {
        var whole = r.LockAcquisitions(a, at, name);
        return a.TryGetProperty("taskLocks", out var task) && task.ValueKind != JsonValueKind.Null
            ? r.Object(a, at, "taskLocks") is { } locks ? r.LockAcquisitions(locks, $"{at}.taskLocks", name) : 0
            : whole;
    }

    private static ScenarioException Problem(string source, string path, string problem) =>
        new([new ScenarioError(source, path, problem)]);

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };

    /// <summary>Field readers that collect every problem instead of stopping at the first.</summary>
    private sealed class Fields(string file)
    {
        public List<ScenarioError> Errors { get; } = [];

        public void Error(string path, string problem) => Errors.Add(new ScenarioError(file, path, problem));

        private JsonElement? Member(JsonElement parent, string at, string name, JsonValueKind kind, string expected)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Undefined)
            {
                Error($"{at}.{name}", "missing");
                return null;
            }

            if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
            {
                Error($"{at}.{name}", $"expected {expected}, found {Kind(value)}");
                return null;
            }

            return value;
        }

        public JsonElement? Object(JsonElement parent, string at, string name) =>
            parent.ValueKind == JsonValueKind.Object ? Member(parent, at, name, JsonValueKind.Object, "an object") : NotObject(at);

        public JsonElement? Array(JsonElement parent, string at, string name) =>
            parent.ValueKind == JsonValueKind.Object ? Member(parent, at, name, JsonValueKind.Array, "an array") : NotObject(at);

        public string? String(JsonElement parent, string at, string name) =>
            Member(parent, at, name, JsonValueKind.String, "a string")?.GetString();

        public bool Bool(JsonElement parent, string at, string name) =>
            Member(parent, at, name, JsonValueKind.True, "true or false")?.GetBoolean() ?? false;

        public double Number(JsonElement parent, string at, string name)
        {
            if (Member(parent, at, name, JsonValueKind.Number, "a number") is not { } value)
                return 0;
            var n = value.GetDouble();
            if (n < 0 || !double.IsFinite(n))
                Error($"{at}.{name}", $"must be a finite number ≥ 0, found {value.GetRawText()}");
            return n;
        }

        public long Count(JsonElement parent, string at, string name)
        {
            if (Member(parent, at, name, JsonValueKind.Number, "a whole number") is not { } value)
                return 0;
            if (!value.TryGetInt64(out var n) || n < 0)
            {
                Error($"{at}.{name}", $"expected a whole number ≥ 0, found {ScenarioError.Quote(value.GetRawText())}");
                return 0;
            }

            return n;
        }

        /// <summary>A whole number, or null where the oracle could not measure it (the member is still required).</summary>
        public long? CountOrNull(JsonElement parent, string at, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null ? null : Count(parent, at, name);

        public long LockAcquisitions(JsonElement parent, string at, string name) =>
            Object(parent, at, name) is { } lockStat ? Count(lockStat, $"{at}.{name}", "acquisitions") : 0;

        private JsonElement? NotObject(string at)
        {
            Error(at, "expected an object");
            return null;
        }
    }
}
