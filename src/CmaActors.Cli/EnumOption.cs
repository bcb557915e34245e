using System.CommandLine;

namespace CmaActors.Cli;

/// <summary>
/// An option whose value is one of an enum's members, written and shown in lowercase as the scenario files write them
/// (<c>--mode simulation|parallel</c>); any letter case is accepted, a value outside the list is an error that lists it.
/// </summary>
public static class EnumOption
{
    /// <summary>A new option <paramref name="name"/> over <typeparamref name="T"/>'s members.</summary>
    public static Option<T?> Create<T>(string name, string description) where T : struct, Enum
    {
        var values = Enum.GetValues<T>().Select(v => (Value: v, Name: v.ToString().ToLowerInvariant())).ToList();
        var names = values.Select(v => v.Name).ToArray();
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                foreach (var (value, text) in values)
                    if (string.Equals(text, token, StringComparison.OrdinalIgnoreCase))
                        return value;
                result.AddError($"{name} '{token}': expected one of {string.Join(", ", names)}");
                return null;
            },
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names);
        return option;
    }
}
