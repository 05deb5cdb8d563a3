using System;
using System.Globalization;

namespace Declarative.Sockets.Hosting;

/// <summary>Applies <c>--host</c> and <c>--port</c> (IP kinds) or <c>--path</c> (Unix kinds), also as <c>--name=value</c>, to server options.</summary>
internal static class CommandLine
{
    public const string IpUsage = "options: --host ADDRESS  --port PORT (0..65535)  --help";
    public const string UnixUsage = "options: --path SOCKET-FILE  --help";

    public static string Usage(ServerOptions options) => options is UnixStreamServerOptions or UnixDatagramServerOptions ? UnixUsage : IpUsage;

    /// <summary>Returns null on success, else a one-line error.</summary>
    public static string? Apply(string[] args, ServerOptions options, out bool help)
    {
        help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    return null;
                case "--host":
                    value ??= Next(args, ref i);
                    if (string.IsNullOrEmpty(value))
                    {
                        return "--host needs an address";
                    }

                    if (options is not IIpServerOptions hostOptions)
                    {
                        return "--host does not apply to a Unix socket server; use --path";
                    }

                    hostOptions.Host = value;
                    break;
                case "--port":
                    value ??= Next(args, ref i);
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return $"--port needs a number from 0 to 65535, not '{value}'";
                    }

                    if (options is not IIpServerOptions portOptions)
                    {
                        return "--port does not apply to a Unix socket server; use --path";
                    }

                    portOptions.Port = port;
                    break;
                case "--path":
                    value ??= Next(args, ref i);
                    if (string.IsNullOrEmpty(value))
                    {
                        return "--path needs a socket file path";
                    }

                    if (options is not IUnixServerOptions pathOptions)
                    {
                        return "--path applies to Unix socket servers only; use --host and --port";
                    }

                    pathOptions.Path = value;
                    break;
                default:
                    return $"unknown argument '{args[i]}'";
            }
        }

        return null;
    }

    private static string? Next(string[] args, ref int i) => i + 1 < args.Length ? args[++i] : null;
}
