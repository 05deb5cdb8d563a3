namespace Declarative.Sockets.Generators.Tests.Diagnostics;

/// <summary>Shared pieces of test sources.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using System.Net;
        using System.Threading;
        using System.Threading.Tasks;
        using Declarative.Sockets;

        namespace App;

        """;

    /// <summary>A valid body method.</summary>
    public const string LineBody = "[OnLine] public string Reply(string line) => line;";

    /// <summary>A file declaring one class with <paramref name="attribute"/> and <paramref name="members"/>.</summary>
    public static string Server(string attribute, string members, string modifiers = "public partial") =>
        Usings + $$"""
        {{attribute}}
        {{modifiers}} class Echo
        {
            {{members}}
        }
        """;
}
