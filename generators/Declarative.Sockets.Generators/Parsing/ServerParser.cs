using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Declarative.Sockets.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>Turns a server class (<c>[TcpServer]</c>, <c>[UnixStreamServer]</c>, <c>[UdpServer]</c>, <c>[UnixDatagramServer]</c>) into a <see cref="ServerModel"/>, or null when it is invalid (the analyzers say why).</summary>
internal static class ServerParser
{
    public static ServerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var server = context.Attributes[0];
        if (KnownNames.KindOf(server.AttributeClass?.ToDisplayString()) is not { } kind || DeclarationRules.ServerAttributeCount(type) != 1)
        {
            return null;
        }

        if (!DeclarationRules.IsPartial(type) || DeclarationRules.FirstNonPartialContainer(type) is not null ||
            DeclarationRules.IsGeneric(type) || !DeclarationRules.CanCreate(type) || DeclarationRules.ConcurrencyModeCount(server) > 1 ||
            (DeclarationRules.IsForking(server) && !DeclarationRules.ForkingFitsKind(kind)))
        {
            return null;
        }

        var datagram = KnownNames.IsDatagram(kind);
        var defaults = new ServerDefaults(
            DeclarationRules.Named(server, "Host", "127.0.0.1"),
            DeclarationRules.Named(server, "Port", 0),
            DeclarationRules.Backlog(server),
            DeclarationRules.Named(server, "ReuseAddress", kind == ServerKind.Tcp),
            DeclarationRules.Named(server, "NoDelay", true),
            DeclarationRules.Path(server) ?? string.Empty,
            DeclarationRules.Named(server, "FileMode", 0),
            DeclarationRules.MaxPacketSize(server),
            System.Math.Max(0, DeclarationRules.Named(server, "TimeoutMs", 0)),
            System.Math.Max(0, DeclarationRules.Named(server, "IdleTimeoutMs", 0)),
            System.Math.Max(0, DeclarationRules.Named(server, "MaxConnections", 0)),
            DeclarationRules.Named(server, "OverLimit", 0),
            System.Math.Max(0, DeclarationRules.Named(server, "MaxConnectionsPerPeer", 0)),
            System.Math.Max(0, DeclarationRules.Named(server, "MaxReadBytesPerSecond", 0)),
            DeclarationRules.Named(server, "DaemonThreads", true),
            DeclarationRules.Named(server, "BlockOnClose", true),
            DeclarationRules.MaxChildren(server));
        if (!DeclarationRules.IsPortInRange(defaults.Port) || !DeclarationRules.IsBacklogValid(defaults.Backlog) || DeclarationRules.NegativeLimit(server) is not null ||
            (kind is ServerKind.UnixStream or ServerKind.UnixDatagram && !DeclarationRules.IsPathValid(defaults.Path)) ||
            (datagram && !DeclarationRules.IsMaxPacketSizeValid(kind, defaults.MaxPacketSize)))
        {
            return null;
        }

        var handlers = new List<HandlerMethodModel>();
        var commands = new List<CommandModel>();
        foreach (var (method, role, attribute) in DeclarationRules.HandlerMembers(type))
        {
            var limit = role switch
            {
                MemberRole.OnLine or MemberRole.OnFrame => DeclarationRules.MaxLength(attribute, role),
                MemberRole.ServiceActions => DeclarationRules.ServiceActionsInterval(attribute),
                _ => 0,
            };
            if ((DeclarationRules.HasMaxLength(role) && !DeclarationRules.IsMaxLengthValid(limit)) ||
                (role == MemberRole.OnFrame && !DeclarationRules.IsFrameFormatDefined(DeclarationRules.FrameFormat(attribute))) || !DeclarationRules.RoleFitsKind(role, kind))
            {
                return null;
            }

            if (role == MemberRole.Command)
            {
                if (CommandShapes.Classify(method, attribute) is not { } command ||
                    commands.Exists(c => CommandShapes.Clash(c.Name, c.CaseSensitive, command.Name, command.CaseSensitive)))
                {
                    return null;
                }

                commands.Add(command);
                continue;
            }

            if (HandlerShapes.Classify(method, role, limit, kind, role == MemberRole.OnFrame ? DeclarationRules.FrameFormat(attribute) : 0) is not { } model)
            {
                return null;
            }

            handlers.Add(model);
        }

        var bodies = handlers.Where(h => KnownNames.IsBody(h.Role)).ToList();
        if (commands.Count > 0 && bodies.Count == 0)
        {
            bodies.Add(new HandlerMethodModel(MemberRole.Command, string.Empty, ReturnKind.Void, EquatableArray<ParameterKind>.Empty, DeclarationRules.CommandMaxLength));
        }
        else if (handlers.Exists(h => h.Role is MemberRole.OnUnknownCommand or MemberRole.OnCommandError))
        {
            return null; // command hooks without commands (DSK014), or commands beside another body (DSK008)
        }

        if (bodies.Count != 1 || (commands.Count > 0 && bodies[0].Role != MemberRole.Command) || handlers.GroupBy(h => h.Role).Any(g => g.Count() > 1))
        {
            return null;
        }

        return new ServerModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            type.Name,
            Keyword(type),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Containers(type),
            kind,
            defaults,
            DeclarationRules.Mode(server),
            bodies[0],
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnConnect),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnDisconnect),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnError),
            handlers.FirstOrDefault(h => h.Role == MemberRole.VerifyRequest),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnTimeout),
            handlers.FirstOrDefault(h => h.Role == MemberRole.ServiceActions),
            commands.ToEquatableArray(),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnUnknownCommand),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnCommandError),
            handlers.FirstOrDefault(h => h.Role == MemberRole.OnIdle));
    }

    private static EquatableArray<ContainingTypeModel> Containers(INamedTypeSymbol type)
    {
        var containers = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containers.Insert(0, new ContainingTypeModel(Keyword(outer), outer.Name));
        }

        return containers.ToEquatableArray();
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };
}
