namespace CmaActors.Cli.Tests.Browser;

/// <summary>The browser tests bring their own Chromium: a machine with only the .NET SDK and apt-get runs them.</summary>
public sealed class ChromiumInstallTests
{
    [Fact]
    public async Task Ensure_leaves_chromium_on_path_and_dejavu_in_fontconfig_even_when_asked_at_once()
    {
        var both = await Task.WhenAll(Task.Run(ChromiumInstall.Ensure), Task.Run(ChromiumInstall.Ensure));

        Assert.Equal(both[0], both[1]);
        Assert.True(File.Exists(both[0]), both[0]);
        Assert.Equal(both[0], ChromiumInstall.Executable());
        Assert.True(ChromiumInstall.HasDejaVu(), "fc-list does not list DejaVu Sans");
    }
}
