using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Declarative.Sockets.Tests.Infrastructure;

namespace Declarative.Sockets.Tests.Interop;

/// <summary>
/// Publishes the Echo sample with NativeAOT (into a temporary artifacts path, so the solution's own obj/ and bin/
/// are untouched while other tests run), checks there is no trim or AOT warning, and runs the native binary.
/// </summary>
public sealed partial class NativeAotTests : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "declarative-aot-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task Echo_publishes_with_NativeAOT_without_warnings_and_serves()
    {
        Skip.IfNot(
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
            "the NativeAOT test publishes for linux-x64 only");

        var arguments = new List<string>
        {
            "publish", Path.Combine(RepoPaths.SampleProject("Echo"), "Echo.csproj"),
            "-c", "Release",
            "-r", "linux-x64",
            "-p:PublishAot=true",
            "--artifacts-path", Path.Combine(_temp, "artifacts"),
            "-o", Path.Combine(_temp, "out"),
            "--disable-build-servers", // no build server or MSBuild node outlives the publish
            "-clp:NoSummary",
        };
        if (ExternalTool.Find("clang") is null)
        {
            // The ILCompiler links with clang by default; gcc is preinstalled on the project's machines.
            ExternalTool.Require("gcc", "a native linker for NativeAOT (clang or gcc)");
            arguments.Add("-p:CppCompilerAndLinker=gcc");
        }

        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, string? (_) => null); // do not leak the test host's MSBuild settings
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";

        var publish = await ToolRun.RunAsync(RepoPaths.DotnetHost(), arguments, PublishTimeout, workingDirectory: RepoPaths.Root, environment: environment);

        Assert.True(publish.ExitCode == 0, "dotnet publish failed: " + publish);
        var output = publish.StandardOutput + publish.StandardError;
        var trimOrAotWarnings = TrimOrAotWarning().Matches(output).Select(m => m.Value).Distinct().ToArray();
        Assert.True(trimOrAotWarnings.Length == 0, $"trim/AOT warnings {string.Join(", ", trimOrAotWarnings)}: {publish}");

        var binary = Path.Combine(_temp, "out", "Echo");
        Assert.True(File.Exists(binary), $"no native binary at {binary}: {publish}");
        Assert.False(File.Exists(Path.Combine(_temp, "out", "Echo.dll")), "the publish output is not native (Echo.dll present)");

        using var sample = await SampleProcess.StartAsync(binary, ["--port", "0"], TimeSpan.FromSeconds(10));
        using (var client = new TcpClient())
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.ConnectAsync("127.0.0.1", sample.Port, deadline.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("native echo\r\n"u8.ToArray(), deadline.Token);
            var buffer = new byte[64];
            var received = await EchoInteropTests.ReadUntilAsync(stream, buffer, (byte)'\n', deadline.Token);
            Assert.Equal("native echo\n", Encoding.UTF8.GetString(buffer, 0, received));
        }

        sample.Terminate();
        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(exitCode == 0, $"exit code {exitCode}.{sample.Describe()}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
