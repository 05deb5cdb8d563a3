using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Declarative.Sockets.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Declarative.Sockets.Generators.Parsing;

/// <summary>
/// The [Command] methods the generator supports: the parser (to skip what it cannot emit) and the analyzer (to say
/// why: DSK009, DSK020, DSK021, DSK022) use this one definition.
/// </summary>
internal static class CommandShapes
{
    /// <summary>The word parameter types, for messages.</summary>
    public const string SupportedTypes = "string, int, long, double, decimal, bool, an enum, optional parameters of those, and a trailing string[] or params string[]";

    /// <summary>The command word of a [Command] attribute, or null when it has none.</summary>
    public static string? Name(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    public static bool CaseSensitive(AttributeData attribute) => DeclarationRules.Named(attribute, "CaseSensitive", false);

    /// <summary>The key two commands clash on: the name as is when case-sensitive, else its ASCII upper case.</summary>
    public static string MatchKey(string name, bool caseSensitive) =>
        caseSensitive ? name : new string(name.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 32) : c).ToArray());

    /// <summary>Whether two commands can match the same word.</summary>
    public static bool Clash(string a, bool aSensitive, string b, bool bSensitive) =>
        aSensitive && bSensitive ? a == b : MatchKey(a, false) == MatchKey(b, false);

    /// <summary>The binding of one parameter, or null when its type is not supported.</summary>
    public static CommandParameterModel? ClassifyParameter(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }

        var type = parameter.Type;
        CommandParameterKind? kind = type.SpecialType switch
        {
            SpecialType.System_String => CommandParameterKind.String,
            SpecialType.System_Int32 => CommandParameterKind.Int32,
            SpecialType.System_Int64 => CommandParameterKind.Int64,
            SpecialType.System_Double => CommandParameterKind.Double,
            SpecialType.System_Decimal => CommandParameterKind.Decimal,
            SpecialType.System_Boolean => CommandParameterKind.Boolean,
            _ => null,
        };
        if (kind is null && type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_String })
        {
            kind = CommandParameterKind.Rest;
        }
        else if (kind is null && type.TypeKind == TypeKind.Enum)
        {
            kind = CommandParameterKind.Enum;
        }
        else if (kind is null && type is INamedTypeSymbol named)
        {
            kind = HandlerShapes.MetadataName(named) switch
            {
                KnownNames.Connection => CommandParameterKind.Connection,
                "System.Threading.CancellationToken" => CommandParameterKind.CancellationToken,
                "System.Net.EndPoint" => CommandParameterKind.RemoteEndPoint,
                _ => null,
            };
        }

        if (kind is null || (parameter.IsParams && kind != CommandParameterKind.Rest))
        {
            return null;
        }

        string? typeName = null;
        var members = EquatableArray<string>.Empty;
        if (kind == CommandParameterKind.Enum)
        {
            typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToEquatableArray();
        }

        string? fallback = null;
        if (parameter.HasExplicitDefaultValue && kind != CommandParameterKind.Rest)
        {
            fallback = DefaultLiteral(kind.Value, parameter.ExplicitDefaultValue, typeName);
            if (fallback is null)
            {
                return null;
            }
        }

        return new CommandParameterModel(kind.Value, parameter.Name, typeName, members, fallback);
    }

    /// <summary>Why a [Command] method cannot be emitted, or null when it can: 'signature' (DSK009), 'type' (DSK021) or 'array' (DSK022).</summary>
    public static string? Problem(IMethodSymbol method) => Classify(method, out var problem) is null ? problem : null;

    /// <summary>The first parameter whose type is not supported, if any.</summary>
    public static IParameterSymbol? UnsupportedParameter(IMethodSymbol method) =>
        method.Parameters.FirstOrDefault(p => ClassifyParameter(p) is null);

    /// <summary>The first word parameter after a trailing string[] one, if any.</summary>
    public static IParameterSymbol? ParameterAfterArray(IMethodSymbol method)
    {
        var seenArray = false;
        foreach (var parameter in method.Parameters)
        {
            var model = ClassifyParameter(parameter);
            if (model is null)
            {
                continue;
            }

            if (seenArray && model.IsWord)
            {
                return parameter;
            }

            seenArray |= model.Kind == CommandParameterKind.Rest;
        }

        return null;
    }

    /// <summary>The command model, or null (the parser skips the class) with <paramref name="problem"/> saying why.</summary>
    public static CommandModel? Classify(IMethodSymbol method, AttributeData attribute)
    {
        var model = Classify(method, out _);
        return model is null ? null : model with { Name = Name(attribute) ?? string.Empty, CaseSensitive = CaseSensitive(attribute) };
    }

    private static CommandModel? Classify(IMethodSymbol method, out string? problem)
    {
        problem = "signature";
        if (method.IsStatic || method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var returns = HandlerShapes.ClassifyReturn(method.ReturnType);
        if (returns is null or ReturnKind.ByteArray or ReturnKind.ReadOnlyMemoryOfByte or ReturnKind.Bool)
        {
            return null;
        }

        var parameters = new List<CommandParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (ClassifyParameter(parameter) is not { } model)
            {
                problem = "type";
                return null;
            }

            if (!model.IsWord && parameters.Exists(p => p.Kind == model.Kind))
            {
                return null;
            }

            parameters.Add(model);
        }

        if (ParameterAfterArray(method) is not null || parameters.Count(p => p.Kind == CommandParameterKind.Rest) > 1)
        {
            problem = "array";
            return null;
        }

        problem = null;
        return new CommandModel(string.Empty, false, method.Name, returns.Value, parameters.ToEquatableArray());
    }

    private static string? DefaultLiteral(CommandParameterKind kind, object? value, string? enumType)
    {
        if (value is null)
        {
            return kind == CommandParameterKind.String ? "null" : kind == CommandParameterKind.Enum ? "default" : null;
        }

        if (value is double d && (double.IsNaN(d) || double.IsInfinity(d)))
        {
            return double.IsNaN(d) ? "double.NaN" : d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return kind switch
        {
            CommandParameterKind.String when value is string s => SymbolDisplay.FormatLiteral(s, quote: true),
            CommandParameterKind.Int32 or CommandParameterKind.Int64 or CommandParameterKind.Double or CommandParameterKind.Decimal or CommandParameterKind.Boolean =>
                SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + kind switch
                {
                    CommandParameterKind.Int64 => "L",
                    CommandParameterKind.Double => "d",
                    CommandParameterKind.Decimal => "m",
                    _ => string.Empty,
                },
            CommandParameterKind.Enum => $"({enumType})({System.Convert.ToString(value, CultureInfo.InvariantCulture)})",
            _ => null,
        };
    }
}
