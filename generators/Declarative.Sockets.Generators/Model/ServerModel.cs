namespace Declarative.Sockets.Generators.Model;

/// <summary>Everything the emitter needs for one server; no symbols, syntax or locations, so it caches.</summary>
internal sealed record ServerModel(
    string? Namespace,
    string TypeName,
    string TypeKeyword,
    string FullyQualifiedName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    TcpServerDefaults Defaults,
    ConcurrencyMode Mode,
    HandlerMethodModel Body,
    HandlerMethodModel? OnConnect,
    HandlerMethodModel? OnDisconnect,
    HandlerMethodModel? OnError);

/// <summary>A type the server class is nested in, e.g. <c>partial class Outer</c>.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>The attribute's values, emitted as the server's default options.</summary>
internal sealed record TcpServerDefaults(string Host, int Port, int Backlog, bool ReuseAddress, bool NoDelay);

/// <summary>A handler method and how to call it.</summary>
internal sealed record HandlerMethodModel(
    MemberRole Role,
    string Name,
    ReturnKind Return,
    EquatableArray<ParameterKind> Parameters,
    int MaxLength);
