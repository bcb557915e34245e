using Akka.Actor;

namespace CmaActors.Runtime.Actors;

/// <summary>
/// Akka actor names for user labels. A label is any text ("front camera", "caméra", "mmc/blk0", "", ten thousand
/// characters); an Akka name is a path element. A label is percent-encoded (UTF-8, as in a URI), cut to
/// <see cref="MaxLength"/> characters, and made unique among its siblings with <c>~N</c>, N counting the names that
/// needed it: deterministic, as creation order is. Names are decoded back for display (<see cref="Display"/>), so
/// reports show the label as written.
/// </summary>
public sealed class ActorNames
{
    /// <summary>Longest encoded name kept; a longer label is cut (and made unique).</summary>
    public const int MaxLength = 120;

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private int _suffixes;

    /// <summary>A name for <paramref name="label"/> no sibling created through this instance has.</summary>
    public string For(string label)
    {
        var encoded = Uri.EscapeDataString(label);
        if (encoded.Length > MaxLength)
        {
            encoded = encoded[..MaxLength];
            var cut = encoded.LastIndexOf('%');
            if (cut >= MaxLength - 2)
                encoded = encoded[..cut];
        }
        else if (encoded.Length > 0 && encoded[0] != '$' && ActorPath.IsValidPathElement(encoded) && _used.Add(encoded))
            return encoded;

        while (true)
        {
            var name = $"{encoded}~{++_suffixes}";
            if (ActorPath.IsValidPathElement(name) && _used.Add(name))
                return name;
        }
    }

    /// <summary>A relative actor path ("machine/front%20camera") as shown to users ("machine/front camera").</summary>
    public static string Display(IEnumerable<string> elements) => string.Join('/', elements.Select(Decode));

    private static string Decode(string element)
    {
        try
        {
            return Uri.UnescapeDataString(element);
        }
        catch (UriFormatException)
        {
            return element;
        }
    }
}
