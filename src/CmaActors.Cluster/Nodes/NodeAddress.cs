using System.Globalization;

namespace CmaActors.Cluster.Nodes;

/// <summary>A node's HOST:PORT, as given on the command line.</summary>
public sealed record NodeAddress(string Host, int Port)
{
    /// <summary>Reads "HOST:PORT" (an IPv6 host in brackets: "[::1]:4053"); <paramref name="defaultPort"/> when the port is left out.</summary>
    /// <exception cref="FormatException">Not a HOST:PORT; the message says what is wrong.</exception>
    public static NodeAddress Parse(string text, int? defaultPort = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        string host;
        string? port;
        if (t.StartsWith('['))
        {
            var close = t.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"'{text}': an IPv6 host needs its closing ']'");
            host = t[1..close];
            port = t.Length > close + 1 ? (t[close + 1] == ':' ? t[(close + 2)..] : throw new FormatException($"'{text}': expected ':' after ']'")) : null;
        }
        else
        {
            var colon = t.LastIndexOf(':');
            host = colon < 0 ? t : t[..colon];
            port = colon < 0 ? null : t[(colon + 1)..];
        }

        if (host.Length == 0) throw new FormatException($"'{text}': the host is missing (expected HOST:PORT)");
        if (port is null)
            return defaultPort is { } d ? new NodeAddress(host, d) : throw new FormatException($"'{text}': the port is missing (expected HOST:PORT)");
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            throw new FormatException($"'{text}': the port must be a number from 0 to 65535");
        return new NodeAddress(host, p);
    }

    /// <summary>The Akka address of the node at this HOST:PORT in the cluster's actor system.</summary>
    public string AkkaAddress => $"akka.tcp://{ClusterConfig.SystemName}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
