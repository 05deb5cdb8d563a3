using System.Collections.Generic;
using System.Linq;
using Declarative.Sockets.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>
/// The rules a server declaration must meet. The parser skips a class that breaks any of them; the analyzers
/// report which one, so the two can never disagree.
/// </summary>
internal static class DeclarationRules
{
    public const int MaxPort = 65535;
    public const int FirstUnprivilegedPort = 1024;

    public static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The first containing type that is not partial, or null.</summary>
    public static INamedTypeSymbol? FirstNonPartialContainer(INamedTypeSymbol type)
    {
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer))
            {
                return outer;
            }
        }

        return null;
    }

    public static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The generated server creates one handler per connection with <c>new T()</c>.</summary>
    public static bool CanCreate(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic &&
        type.InstanceConstructors.Any(c => c.Parameters.Length == 0);

    /// <summary>How many of our server attributes the class carries; the generator serves exactly one.</summary>
    public static int ServerAttributeCount(INamedTypeSymbol type) =>
        type.GetAttributes().Count(a => KnownNames.KindOf(a.AttributeClass?.ToDisplayString()) is not null);

    public static bool IsPortInRange(int port) => port is >= 0 and <= MaxPort;

    public static bool IsPrivilegedPort(int port) => port is > 0 and < FirstUnprivilegedPort;

    /// <summary>The stream server limits that must not be negative (0 means none).</summary>
    public static readonly string[] LimitProperties = { "IdleTimeoutMs", "MaxConnections", "MaxConnectionsPerPeer", "MaxReadBytesPerSecond" };

    /// <summary>The first limit property of <paramref name="server"/> set to a negative value, or null.</summary>
    public static string? NegativeLimit(AttributeData server)
    {
        foreach (var property in LimitProperties)
        {
            if (Named(server, property, 0) < 0)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>The attribute's Backlog (default 512).</summary>
    public static int Backlog(AttributeData server) => Named(server, "Backlog", 512);

    /// <summary>A listen queue needs room for at least one connection.</summary>
    public static bool IsBacklogValid(int backlog) => backlog > 0;

    /// <summary>A line or frame limit must admit at least one byte.</summary>
    public static bool IsMaxLengthValid(int maxLength) => maxLength > 0;

    /// <summary>The value of a named argument of <paramref name="attribute"/>, or <paramref name="fallback"/>.</summary>
    public static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }

    public static int ConcurrencyModeCount(AttributeData server) =>
        (Named(server, "Threading", false) ? 1 : 0) + (Named(server, "Sequential", false) ? 1 : 0) + (IsForking(server) ? 1 : 0);

    public static ConcurrencyMode Mode(AttributeData server) =>
        Named(server, "Threading", false) ? ConcurrencyMode.Threading
        : Named(server, "Sequential", false) ? ConcurrencyMode.Sequential
        : IsForking(server) ? ConcurrencyMode.Forking
        : ConcurrencyMode.Async;

    /// <summary>The attribute sets <c>Forking = true</c>.</summary>
    public static bool IsForking(AttributeData server) => Named(server, "Forking", false);

    /// <summary>
    /// Forking shares the endpoint among worker processes with SO_REUSEPORT, which only TCP and UDP have: Unix sockets
    /// get no load balancing from it, and Process.Start passes no inherited listener to a child.
    /// </summary>
    public static bool ForkingFitsKind(ServerKind kind) => kind is ServerKind.Tcp or ServerKind.Udp;

    /// <summary>The attribute's MaxChildren; 0 or less means Environment.ProcessorCount at run time (emitted as 0).</summary>
    public static int MaxChildren(AttributeData server) => System.Math.Max(0, Named(server, "MaxChildren", 0));

    /// <summary>Every method of the class with one of our handler attributes, in declaration order.</summary>
    public static IEnumerable<(IMethodSymbol Method, MemberRole Role, AttributeData Attribute)> HandlerMembers(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (KnownNames.RoleOf(attribute.AttributeClass?.ToDisplayString()) is { } role)
                {
                    yield return (method, role, attribute);
                }
            }
        }
    }

    /// <summary>
    /// Whether a handler role fits the server kind: datagram servers take [OnDatagram] and no connection members
    /// ([Handle], [OnData], [OnLine], [OnFrame], [OnConnect], [OnDisconnect]); stream servers take no [OnDatagram].
    /// </summary>
    public static bool RoleFitsKind(MemberRole role, ServerKind kind) => KnownNames.IsDatagram(kind)
        ? role is not (MemberRole.Handle or MemberRole.OnData or MemberRole.OnLine or MemberRole.OnFrame or MemberRole.OnConnect or MemberRole.OnDisconnect or
            MemberRole.Command or MemberRole.OnUnknownCommand or MemberRole.OnCommandError or MemberRole.OnIdle)
        : role != MemberRole.OnDatagram;

    /// <summary>The socket file of a Unix server attribute: its constructor argument, else its <c>Path</c> property.</summary>
    public static string? Path(AttributeData server)
    {
        if (server.ConstructorArguments.Length == 1 && server.ConstructorArguments[0].Value is string path)
        {
            return Named(server, "Path", path);
        }

        return Named<string?>(server, "Path", null);
    }

    /// <summary>A Unix server needs a non-blank socket file path.</summary>
    public static bool IsPathValid(string? path) => path is not null && path.Trim().Length > 0;

    public const int DefaultMaxPacketSize = 8192;
    public const int MaxUdpPacketSize = 65507;
    public const int MaxUnixPacketSize = 1 << 24;

    /// <summary>The largest MaxPacketSize a kind accepts: the UDP payload limit, or 16 MiB for Unix datagrams.</summary>
    public static int MaxPacketSizeLimit(ServerKind kind) => kind == ServerKind.Udp ? MaxUdpPacketSize : MaxUnixPacketSize;

    /// <summary>The attribute's MaxPacketSize (default 8192).</summary>
    public static int MaxPacketSize(AttributeData server) => Named(server, "MaxPacketSize", DefaultMaxPacketSize);

    public static bool IsMaxPacketSizeValid(ServerKind kind, int size) => size >= 1 && size <= MaxPacketSizeLimit(kind);

    /// <summary>The <c>[ServiceActions]</c> period in milliseconds; values below 1 count as 1.</summary>
    public static int ServiceActionsInterval(AttributeData attribute) => System.Math.Max(1, Named(attribute, "IntervalMs", 500));

    /// <summary>Whether the role's attribute has a MaxLength: <c>[OnLine]</c> and <c>[OnFrame]</c>.</summary>
    public static bool HasMaxLength(MemberRole role) => role is MemberRole.OnLine or MemberRole.OnFrame;

    /// <summary>
    /// The limit of an <c>[OnLine]</c> (default 16384) or <c>[OnFrame]</c> (default 1048576) attribute; must be positive.
    /// </summary>
    public static int MaxLength(AttributeData attribute, MemberRole role = MemberRole.OnLine) =>
        Named(attribute, "MaxLength", role == MemberRole.OnFrame ? 1024 * 1024 : 16384);

    /// <summary>The longest command line in bytes, delimiter excluded (the [OnLine] default).</summary>
    public const int CommandMaxLength = 16384;

    /// <summary>The <c>FrameFormat</c> member names, in the order of their values.</summary>
    public static readonly string[] FrameFormats = { "Int8Prefix", "Int16Prefix", "Int32Prefix", "Netstring" };

    /// <summary>The <c>[OnFrame]</c> Format value (default Int32Prefix, 2).</summary>
    public static int FrameFormat(AttributeData attribute) => Named(attribute, "Format", 2);

    /// <summary>A Format value the FrameFormat enum defines.</summary>
    public static bool IsFrameFormatDefined(int value) => value >= 0 && value < FrameFormats.Length;
}
