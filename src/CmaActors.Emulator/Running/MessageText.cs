using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Running;

/// <summary>
/// The text of a message for reports: its record text without the actor UIDs Akka prints in actor references (they are
/// random per actor system), so that the same schedule gives the same report every time.
/// </summary>
public static partial class MessageText
{
    /// <summary>The text of <paramref name="message"/>.</summary>
    public static string Of(object message) => ActorUid().Replace(message.ToString() ?? message.GetType().Name, "]");

    [GeneratedRegex(@"#-?\d+\]")]
    private static partial Regex ActorUid();
}
