using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmaActors.Cli.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven through the DevTools protocol on a loopback port: it loads a page and reports
/// every console message, uncaught exception, log entry and network request the page caused.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonObject> _events = [];
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console messages of type error or assert, uncaught exceptions and error log entries.</summary>
    public IReadOnlyList<string> Errors => _events
        .Select(e => e["method"]?.GetValue<string>() switch
        {
            "Runtime.exceptionThrown" => $"exception: {e["params"]?["exceptionDetails"]}",
            "Runtime.consoleAPICalled" when e["params"]?["type"]?.GetValue<string>() is "error" or "assert" => $"console: {e["params"]}",
            "Log.entryAdded" when e["params"]?["entry"]?["level"]?.GetValue<string>() == "error" => $"log: {e["params"]?["entry"]}",
            _ => null,
        })
        .OfType<string>()
        .ToList();

    /// <summary>URLs the page requested.</summary>
    public IReadOnlyList<string> Requests => _events
        .Where(e => e["method"]?.GetValue<string>() == "Network.requestWillBeSent")
        .Select(e => e["params"]?["request"]?["url"]?.GetValue<string>() ?? "")
        .ToList();

    /// <summary>Starts Chromium (installing it first when missing) with a fresh profile and connects to its blank page.</summary>
    public static async Task<HeadlessChromium> Start()
    {
        // Installed on first use when missing (apt-get), once per test run.
        var executable = await ChromiumInstall.Ensure();
        var profile = Path.Combine(Path.GetTempPath(), "cma-actors-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--remote-debugging-port=0",
                     "--remote-debugging-address=127.0.0.1", "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.Connect();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    /// <summary>Loads <paramref name="url"/> and waits for its load event.</summary>
    public async Task Load(string url)
    {
        await Call("Page.navigate", new JsonObject { ["url"] = url });
        await WaitFor("Page.loadEventFired", TimeSpan.FromSeconds(60));
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> Evaluate(string expression)
    {
        var result = await Call("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        return result["result"]?["value"];
    }

    private async Task Connect()
    {
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 1)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"chromium exited with code {_process.ExitCode} before it listened");
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("chromium did not open its DevTools port within 60 s");
            await Task.Delay(100);
        }

        var port = int.Parse(File.ReadAllLines(portFile)[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        var targets = await http.GetFromJsonAsync<JsonArray>("json/list") ?? [];
        var page = targets.First(t => t?["type"]?.GetValue<string>() == "page")!;
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" })
            await Call($"{domain}.enable", new JsonObject());
    }

    private async Task<JsonObject> Call(string method, JsonObject parameters)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        while (true)
        {
            var reply = await Receive(TimeSpan.FromSeconds(60));
            if (reply["id"]?.GetValue<int>() != id)
                continue;
            if (reply["error"] is { } error)
                throw new InvalidOperationException($"{method}: {error}");
            return reply["result"]?.AsObject() ?? [];
        }
    }

    private async Task WaitFor(string method, TimeSpan timeout)
    {
        if (_events.Any(e => e["method"]?.GetValue<string>() == method))
            return;
        while ((await Receive(timeout))["method"]?.GetValue<string>() != method)
        {
        }
    }

    /// <summary>The next message; events are also kept in <see cref="_events"/>.</summary>
    private async Task<JsonObject> Receive(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult part;
        do
        {
            part = await _socket.ReceiveAsync(buffer, cancel.Token);
            text.Write(buffer, 0, part.Count);
        }
        while (!part.EndOfMessage);
        var message = JsonNode.Parse(text.ToArray())!.AsObject();
        if (message["method"] is not null)
            _events.Add(message);
        return message;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
