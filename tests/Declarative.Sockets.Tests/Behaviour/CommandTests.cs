using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Declarative.Sockets.Tests;

public enum Shade
{
    Red,
    Green,
    Blue,
}

/// <summary>A command server with default error replies.</summary>
[TcpServer]
public partial class KvCommands
{
    private readonly System.Collections.Generic.Dictionary<string, string> _values = new();

    [Command("SET")]
    public string Set(string key, string value)
    {
        _values[key] = value;
        return "OK";
    }

    [Command("GET")]
    public string Get(string key) => _values.TryGetValue(key, out var value) ? value : "(nil)";

    [Command("ADD")]
    public string Add(int a, long b, double c = 0.5, decimal d = 1.25m) =>
        string.Create(CultureInfo.InvariantCulture, $"{a + b} {c} {d}");

    [Command("PAINT")]
    public string Paint(Shade shade, bool bright = false) => $"{shade} {(bright ? "bright" : "dim")}";

    [Command("JOIN")]
    public string Join(string separator, params string[] words) => words.Length + ":" + string.Join(separator, words);

    [Command("Exact", CaseSensitive = true)]
    public string Exact() => "exact";

    [Command("SLOW")]
    public async Task<string> Slow(int ms)
    {
        await Task.Delay(ms).ConfigureAwait(false);
        return "slept " + ms.ToString(CultureInfo.InvariantCulture);
    }

    [Command("WHO")]
    public ValueTask<string> Who(Connection connection, System.Threading.CancellationToken token) =>
        new(token.IsCancellationRequested ? "closing" : "you");
}

/// <summary>The same shape served on dedicated threads, with hooks.</summary>
[TcpServer(Threading = true)]
public partial class HookedCommands
{
    [Command("PAINT")]
    public string Paint(Shade shade) => shade.ToString();

    [Command("PING")]
    public Task<string> Ping() => Task.FromResult("PONG");

    [OnUnknownCommand]
    public string Unknown(string name, string line, Connection connection) => $"no such thing: {name} ({line})";

    [OnCommandError]
    public string Error(string command, string message) => $"{command} failed: {message}";
}

/// <summary>[Command] methods dispatched over loopback: names, typed arguments, defaults, params, errors and hooks.</summary>
public sealed class CommandTests
{
    private static async Task<(KvCommands.Server Server, LineClient Client)> StartKvAsync()
    {
        var server = new KvCommands.Server();
        await server.StartAsync();
        _ = server.ServeForeverAsync();
        return (server, await LineClient.ConnectAsync(server.LocalEndPoint!));
    }

    [Fact]
    public async Task CommandsDispatchByTheFirstWord_IgnoringCase()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        Assert.Equal("OK", await client.RequestAsync("SET color blue"));
        Assert.Equal("blue", await client.RequestAsync("get color"));
        Assert.Equal("blue", await client.RequestAsync("  Get \t color  "));
        Assert.Equal("(nil)", await client.RequestAsync("GET other"));
    }

    [Fact]
    public async Task ACaseSensitiveCommand_MatchesOnlyItsExactName()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        Assert.Equal("exact", await client.RequestAsync("Exact"));
        Assert.Equal("ERR unknown command 'EXACT'", await client.RequestAsync("EXACT"));
    }

    [Fact]
    public async Task TypedArguments_AndDefaults_AreParsedInvariantly()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        Assert.Equal("5 0.5 1.25", await client.RequestAsync("ADD 2 3"));
        Assert.Equal("-1 2.5 3.75", await client.RequestAsync("add 2 -3 2.5 3.75"));
        Assert.Equal("Green dim", await client.RequestAsync("PAINT green"));
        Assert.Equal("Blue bright", await client.RequestAsync("paint BLUE TRUE"));
        Assert.Equal("Red dim", await client.RequestAsync("paint Red false"));
    }

    [Fact]
    public async Task AParamsArray_TakesTheRemainingWords()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        Assert.Equal("3:a-b-c", await client.RequestAsync("JOIN - a b c"));
        Assert.Equal("0:", await client.RequestAsync("JOIN -"));
    }

    [Fact]
    public async Task UnknownCommandsAndBadArguments_GetTheDefaultErrorLines()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        Assert.Equal("ERR unknown command 'FLY'", await client.RequestAsync("FLY away"));
        Assert.Equal("ERR wrong number of arguments for 'SET'", await client.RequestAsync("SET onlykey"));
        Assert.Equal("ERR wrong number of arguments for 'GET'", await client.RequestAsync("GET a b"));
        Assert.Equal("ERR invalid value 'x' for parameter 'a' of 'ADD'", await client.RequestAsync("ADD x 1"));
        Assert.Equal("ERR invalid value '1,5' for parameter 'c' of 'ADD'", await client.RequestAsync("ADD 1 1 1,5"));
        Assert.Equal("ERR invalid value 'purple' for parameter 'shade' of 'PAINT'", await client.RequestAsync("PAINT purple"));
        Assert.Equal("ERR invalid value 'yes' for parameter 'bright' of 'PAINT'", await client.RequestAsync("PAINT red yes"));

        // A blank line is no command, and the connection still serves the next one.
        await client.SendLineAsync("   ");
        Assert.Equal("OK", await client.RequestAsync("SET k v"));
    }

    [Fact]
    public async Task AsyncCommands_ReplyWhenTheyComplete_InOrder()
    {
        var (server, client) = await StartKvAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync("SLOW 50\nWHO\n");
        Assert.Equal("slept 50", await client.ReadLineAsync());
        Assert.Equal("you", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Hooks_AnswerUnknownCommandsAndBadArguments_OnAThreadingServer()
    {
        await using var server = new HookedCommands.Server();
        await server.StartAsync();
        _ = server.ServeForeverAsync();
        await using var client = await LineClient.ConnectAsync(server.LocalEndPoint!);

        Assert.Equal("PONG", await client.RequestAsync("ping"));
        Assert.Equal("Blue", await client.RequestAsync("PAINT blue"));
        Assert.Equal("no such thing: FLY (FLY away now)", await client.RequestAsync("FLY away now"));
        Assert.Equal("PAINT failed: invalid value 'mauve' for parameter 'shade' of 'PAINT'", await client.RequestAsync("PAINT mauve"));
        Assert.Equal("PAINT failed: wrong number of arguments for 'PAINT'", await client.RequestAsync("PAINT"));
    }
}
