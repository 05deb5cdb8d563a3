using System.Collections.Generic;
using Declarative.Sockets.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>
/// The handler signatures the generator supports, per role. Both the parser (to skip what it cannot emit) and the
/// analyzer (to explain why) use this one definition.
/// </summary>
internal static class HandlerShapes
{
    /// <summary>One line per role for diagnostics: the shapes that role accepts.</summary>
    public static string Describe(MemberRole role, bool datagram = false) => role switch
    {
        MemberRole.OnError when datagram => "an instance method taking any of Exception, EndPoint (the sender) and returning void, Task or ValueTask",
        MemberRole.VerifyRequest when datagram => "a static method taking an optional EndPoint (the sender) and returning bool",
        MemberRole.VerifyRequest => "a static method taking any of EndPoint, Connection and returning bool",
        MemberRole.OnTimeout or MemberRole.ServiceActions => "a static method without parameters returning void",
        MemberRole.OnDatagram => "an instance method taking one ReadOnlyMemory<byte>, ReadOnlySpan<byte> or string (optionally EndPoint, the sender, and CancellationToken) and returning void, Task, ValueTask, string, Task<string>, ValueTask<string>, byte[] or ReadOnlyMemory<byte>",
        MemberRole.Handle => "an instance method taking Connection (and optionally CancellationToken) and returning void, Task or ValueTask",
        MemberRole.OnData => "an instance method taking one ReadOnlySpan<byte> or ReadOnlyMemory<byte> (optionally Connection, CancellationToken, EndPoint) and returning void, Task, ValueTask, byte[] or ReadOnlyMemory<byte>",
        MemberRole.OnLine => "an instance method taking one string, ReadOnlySpan<byte> or ReadOnlyMemory<byte> (optionally Connection, CancellationToken, EndPoint) and returning void, Task, ValueTask, string, Task<string> or ValueTask<string>",
        MemberRole.OnFrame => "an instance method taking one ReadOnlySpan<byte> or ReadOnlyMemory<byte> (optionally Connection, CancellationToken, EndPoint) and returning void, Task, ValueTask, byte[] or ReadOnlyMemory<byte> (written back as a frame); or taking one frame type T that implements IFrame<T> and returning void, Task, ValueTask, T, Task<T> or ValueTask<T>",
        MemberRole.Command => "an instance method taking word parameters (" + CommandShapes.SupportedTypes + ") and any of Connection, CancellationToken, EndPoint, and returning void, Task, ValueTask, string, Task<string> or ValueTask<string>",
        MemberRole.OnUnknownCommand => "an instance method taking any of string (the command word), a second string (the whole line), Connection and returning void, Task, ValueTask, string, Task<string> or ValueTask<string>",
        MemberRole.OnCommandError => "an instance method taking any of string (the command), a second string (the message), Connection and returning void, Task, ValueTask, string, Task<string> or ValueTask<string>",
        MemberRole.OnIdle => "an instance method taking an optional Connection and returning void, Task, ValueTask or bool (true keeps the connection open)",
        MemberRole.OnConnect => "an instance method taking any of Connection, CancellationToken, EndPoint and returning void, Task or ValueTask",
        MemberRole.OnDisconnect => "an instance method taking any of DisconnectReason, Connection, EndPoint, Exception? (null when the close had no error) and returning void, Task or ValueTask",
        _ => "an instance method taking any of Exception, Connection, EndPoint and returning void, Task or ValueTask",
    };

    /// <summary>The call model for <paramref name="method"/>, or null when its signature is not supported for the role.</summary>
    public static HandlerMethodModel? Classify(IMethodSymbol method, MemberRole role, int maxLength, ServerKind kind = ServerKind.Tcp, int frameFormat = 0)
    {
        if (method.IsStatic != IsStaticRole(role) || method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var datagram = KnownNames.IsDatagram(kind);

        if (role == MemberRole.OnFrame && UserFrameType(method) is { } frameType)
        {
            return ClassifyUserFrame(method, maxLength, frameType);
        }

        var returns = ClassifyReturn(method.ReturnType);
        if (returns is null || !ReturnAllowed(role, returns.Value))
        {
            return null;
        }

        var parameters = new List<ParameterKind>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return null;
            }

            if (role == MemberRole.OnDisconnect && ClassifyParameter(parameter.Type) == ParameterKind.Exception && parameter.NullableAnnotation == NullableAnnotation.NotAnnotated)
            {
                return null; // most closes have no exception: the parameter must be Exception?
            }

            var parameterKind = ClassifyParameter(parameter.Type);
            if (role is MemberRole.OnUnknownCommand or MemberRole.OnCommandError && parameterKind == ParameterKind.PayloadString && parameters.Contains(ParameterKind.PayloadString))
            {
                parameterKind = ParameterKind.SecondString;
            }

            if (parameterKind is null || !ParameterAllowed(role, parameterKind.Value) || parameters.Contains(parameterKind.Value) ||
                (IsPayload(parameterKind.Value) && parameters.Exists(IsPayload)) || (datagram && parameterKind == ParameterKind.Connection))
            {
                return null;
            }

            parameters.Add(parameterKind.Value);
        }

        var needsPayload = role is MemberRole.OnData or MemberRole.OnLine or MemberRole.OnFrame or MemberRole.OnDatagram;
        if (needsPayload && !parameters.Exists(IsPayload))
        {
            return null;
        }

        if (role == MemberRole.Handle && !parameters.Contains(ParameterKind.Connection))
        {
            return null;
        }

        return new HandlerMethodModel(role, method.Name, returns.Value, parameters.ToEquatableArray(), maxLength, frameFormat);
    }

    // The parameter whose type T implements IFrame<T>, if any: that method uses a user frame type.
    private static ITypeSymbol? UserFrameType(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsUserFrame(parameter.Type))
            {
                return parameter.Type;
            }
        }

        return null;
    }

    private static bool IsUserFrame(ITypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (MetadataName(implemented) == KnownNames.FrameInterface &&
                SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], type))
            {
                return true;
            }
        }

        return false;
    }

    private static HandlerMethodModel? ClassifyUserFrame(IMethodSymbol method, int maxLength, ITypeSymbol frameType)
    {
        var returns = ClassifyFrameReturn(method.ReturnType, frameType);
        if (returns is null)
        {
            return null;
        }

        var parameters = new List<ParameterKind>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return null;
            }

            var kind = SymbolEqualityComparer.Default.Equals(parameter.Type, frameType) ? ParameterKind.PayloadFrame : ClassifyParameter(parameter.Type);
            if (kind is not (ParameterKind.PayloadFrame or ParameterKind.Connection or ParameterKind.CancellationToken or ParameterKind.RemoteEndPoint) ||
                parameters.Contains(kind.Value))
            {
                return null;
            }

            parameters.Add(kind.Value);
        }

        var name = frameType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new HandlerMethodModel(MemberRole.OnFrame, method.Name, returns.Value, parameters.ToEquatableArray(), maxLength, 0, name);
    }

    private static ReturnKind? ClassifyFrameReturn(ITypeSymbol type, ITypeSymbol frameType)
    {
        if (SymbolEqualityComparer.Default.Equals(type, frameType))
        {
            return ReturnKind.Frame;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], frameType))
        {
            return MetadataName(named) switch
            {
                "System.Threading.Tasks.Task`1" => ReturnKind.TaskOfFrame,
                "System.Threading.Tasks.ValueTask`1" => ReturnKind.ValueTaskOfFrame,
                _ => null,
            };
        }

        return ClassifyReturn(type) is { } plain && plain is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask ? plain : null;
    }

    /// <summary>The hooks that run where no handler instance exists: they are static methods of the class.</summary>
    public static bool IsStaticRole(MemberRole role) => role is MemberRole.VerifyRequest or MemberRole.OnTimeout or MemberRole.ServiceActions;

    public static bool IsPayload(ParameterKind kind) => kind is ParameterKind.PayloadString or ParameterKind.PayloadSpan or ParameterKind.PayloadMemory;

    private static bool ReturnAllowed(MemberRole role, ReturnKind kind) => role switch
    {
        MemberRole.OnLine or MemberRole.OnUnknownCommand or MemberRole.OnCommandError => kind is not (ReturnKind.ByteArray or ReturnKind.ReadOnlyMemoryOfByte or ReturnKind.Bool),
        MemberRole.OnData or MemberRole.OnFrame => kind is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask or ReturnKind.ByteArray or ReturnKind.ReadOnlyMemoryOfByte,
        MemberRole.OnDatagram => kind is not ReturnKind.Bool,
        MemberRole.VerifyRequest => kind is ReturnKind.Bool,
        MemberRole.OnIdle => kind is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask or ReturnKind.Bool,
        MemberRole.OnTimeout or MemberRole.ServiceActions => kind is ReturnKind.Void,
        _ => kind is ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask,
    };

    private static bool ParameterAllowed(MemberRole role, ParameterKind kind) => role switch
    {
        MemberRole.Handle => kind is ParameterKind.Connection or ParameterKind.CancellationToken,
        MemberRole.OnLine => kind is not (ParameterKind.DisconnectReason or ParameterKind.Exception),
        MemberRole.OnData or MemberRole.OnFrame => kind is not (ParameterKind.DisconnectReason or ParameterKind.Exception or ParameterKind.PayloadString),
        MemberRole.OnConnect => kind is ParameterKind.Connection or ParameterKind.CancellationToken or ParameterKind.RemoteEndPoint,
        MemberRole.OnDisconnect => kind is ParameterKind.Connection or ParameterKind.RemoteEndPoint or ParameterKind.DisconnectReason or ParameterKind.Exception,
        MemberRole.OnDatagram => kind is ParameterKind.RemoteEndPoint or ParameterKind.CancellationToken || IsPayload(kind),
        MemberRole.VerifyRequest => kind is ParameterKind.RemoteEndPoint or ParameterKind.Connection,
        MemberRole.OnIdle => kind is ParameterKind.Connection,
        MemberRole.OnTimeout or MemberRole.ServiceActions or MemberRole.Command => false,
        MemberRole.OnUnknownCommand or MemberRole.OnCommandError => kind is ParameterKind.Connection or ParameterKind.PayloadString or ParameterKind.SecondString,
        _ => kind is ParameterKind.Connection or ParameterKind.RemoteEndPoint or ParameterKind.Exception,
    };

    internal static ReturnKind? ClassifyReturn(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return ReturnKind.Void;
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return ReturnKind.String;
        }

        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return ReturnKind.Bool;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return ReturnKind.ByteArray;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var name = MetadataName(named);
        var argument = named.TypeArguments.Length == 1 ? named.TypeArguments[0] : null;
        return name switch
        {
            "System.Threading.Tasks.Task" => ReturnKind.Task,
            "System.Threading.Tasks.ValueTask" => ReturnKind.ValueTask,
            "System.Threading.Tasks.Task`1" when argument?.SpecialType == SpecialType.System_String => ReturnKind.TaskOfString,
            "System.Threading.Tasks.ValueTask`1" when argument?.SpecialType == SpecialType.System_String => ReturnKind.ValueTaskOfString,
            "System.ReadOnlyMemory`1" when argument?.SpecialType == SpecialType.System_Byte => ReturnKind.ReadOnlyMemoryOfByte,
            _ => null,
        };
    }

    private static ParameterKind? ClassifyParameter(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return ParameterKind.PayloadString;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        var name = MetadataName(named);
        var isBytes = named.TypeArguments.Length == 1 && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
        return name switch
        {
            KnownNames.Connection => ParameterKind.Connection,
            KnownNames.DisconnectReason => ParameterKind.DisconnectReason,
            "System.Threading.CancellationToken" => ParameterKind.CancellationToken,
            "System.Net.EndPoint" => ParameterKind.RemoteEndPoint,
            "System.Exception" => ParameterKind.Exception,
            "System.ReadOnlySpan`1" when isBytes => ParameterKind.PayloadSpan,
            "System.ReadOnlyMemory`1" when isBytes => ParameterKind.PayloadMemory,
            _ => null,
        };
    }

    internal static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        return ns + type.MetadataName;
    }
}
