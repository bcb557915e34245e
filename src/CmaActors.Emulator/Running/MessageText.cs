using System.Text.RegularExpressions;

namespace CmaActors.Emulator.Running;

/// <summary>
/// The text of a message for reports: its record text without the actor UIDs Akka prints in actor references (they are
/// random per actor system), so that the same schedule gives the same report every time.
/// </summary>
public static partial class MessageText
{
    /// <summary>The text of <paramref name="message"/>; a timer's message is shown alone, marked "(timer)".</summary>
    public static string Of(object message)
    {
        var text = ActorUid().Replace(message.ToString() ?? message.GetType().Name, "]");
        var timer = TimerMessage().Match(text);
        return timer.Success ? timer.Groups["inner"].Value + " (timer)" : text;
    }

    /// <summary>Akka's wrapper of a timer's message, as it prints itself.</summary>
    [GeneratedRegex(@"^TimerMsg\(.*message=(?<inner>.*)\)$")]
    private static partial Regex TimerMessage();

    [GeneratedRegex(@"#-?\d+\]")]
    private static partial Regex ActorUid();
}
