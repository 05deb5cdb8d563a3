using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Declarative.Sockets.Generators.Tests.Incremental;

/// <summary>
/// Walks an object graph by reflection over every instance field (auto-property backing fields included) and array
/// element, and reports each place a compilation-bound Roslyn object could sit: such a value in a pipeline step
/// defeats caching and keeps whole compilations alive.
/// </summary>
internal static class ForbiddenObjectWalker
{
    public static readonly IReadOnlyList<Type> ForbiddenTypes = new[]
    {
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(Location),
        typeof(SemanticModel),
        typeof(Compilation),
    };

    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Paths (like <c>root.Body.Parameters._items[0]</c>) where a forbidden value or field type was found.</summary>
    public static IReadOnlyList<string> FindForbidden(object? root, string rootName = "root")
    {
        var findings = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, findings, visited, depth: 0);
        return findings;
    }

    private static void Walk(object? value, string path, List<string> findings, HashSet<object> visited, int depth)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (IsForbidden(type))
        {
            findings.Add($"{path}: a {type.FullName}");
            return;
        }

        if (IsLeaf(type) || depth > 64 || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (value is Array array)
        {
            var index = 0;
            foreach (var element in array)
            {
                Walk(element, $"{path}[{index++}]", findings, visited, depth + 1);
            }

            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(InstanceFields))
            {
                if (ForbiddenIn(field.FieldType) is { } declared)
                {
                    findings.Add($"{path}.{field.Name}: field declared as {field.FieldType} (holds {declared.Name})");
                    continue;
                }

                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", findings, visited, depth + 1);
            }
        }
    }

    /// <summary>The forbidden type <paramref name="type"/> is, derives from, or takes as a generic/element argument.</summary>
    private static Type? ForbiddenIn(Type type)
    {
        if (IsForbidden(type))
        {
            return ForbiddenTypes.First(f => f.IsAssignableFrom(type));
        }

        if (type.HasElementType && type.GetElementType() is { } element)
        {
            return ForbiddenIn(element);
        }

        return type.IsGenericType ? type.GetGenericArguments().Select(ForbiddenIn).FirstOrDefault(t => t is not null) : null;
    }

    private static bool IsForbidden(Type type) => ForbiddenTypes.Any(f => f.IsAssignableFrom(type));

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || type == typeof(decimal) ||
        typeof(Type).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) ||
        type == typeof(Pointer);
}
