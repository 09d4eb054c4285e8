using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace NumJit.IR;

/// <summary>
/// Every variable an IR tree reads or writes, found by walking each node's IR-valued properties
/// (so a new node kind is covered without changes here). Writes are assignment targets and the
/// variables a vector loop updates; every other mention is a read. Calls are not followed into
/// their target functions.
/// </summary>
public static class IrVariableUses
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Calls <paramref name="visit"/>(variable, isWrite) for each mention, in tree order.</summary>
    public static void Walk(object node, Action<IrVariable, bool> visit)
    {
        switch (node)
        {
            case IrVariable v:
                visit(v, false);
                return;
            case IrAssign a:
                Walk(a.Value, visit);
                visit(a.Target, true);
                return;
            case IrVectorLoop loop:
                // Fallback is the same loop as ordinary statements: one of the two runs.
                foreach (var part in new object?[] { loop.Start, loop.Stop, loop.Body, loop.Output })
                    if (part != null) Walk(part, visit);
                foreach (var input in loop.Inputs) Walk(input, visit);
                if (loop.Accumulator != null)
                {
                    visit(loop.Accumulator, false);
                    visit(loop.Accumulator, true);
                }
                visit(loop.LoopVariable, true);
                return;
            case IrFunction or Types.NjType or string or null:
                return;
        }
        foreach (var child in Children(node)) Walk(child, visit);
    }

    /// <summary>The functions the tree calls directly.</summary>
    public static HashSet<IrFunction> Calls(object node)
    {
        var found = new HashSet<IrFunction>();
        void Visit(object n)
        {
            if (n is IrCall call) found.Add(call.Target);
            if (n is IrVariable or IrFunction or Types.NjType or string) return;
            foreach (var child in Children(n)) Visit(child);
        }
        Visit(node);
        return found;
    }

    /// <summary>Every node of the tree, parents first (calls not followed).</summary>
    public static IEnumerable<object> Nodes(object node)
    {
        yield return node;
        if (node is IrVariable or IrFunction or Types.NjType or string) yield break;
        foreach (var child in Children(node))
            foreach (var descendant in Nodes(child)) yield return descendant;
    }

    /// <summary>The variables the tree mentions.</summary>
    public static HashSet<IrVariable> Mentioned(object node)
    {
        var found = new HashSet<IrVariable>();
        Walk(node, (v, _) => found.Add(v));
        return found;
    }

    /// <summary>The IR values a node holds: its IR-typed properties, lists flattened.</summary>
    private static IEnumerable<object> Children(object node)
    {
        foreach (var property in Properties.GetOrAdd(node.GetType(), IrProperties))
        {
            object? value = property.GetValue(node);
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                    if (item != null) yield return item;
            }
            else if (value != null) yield return value;
        }
    }

    private static PropertyInfo[] IrProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && IsIr(p.PropertyType))
        .ToArray();

    private static bool IsIr(Type type)
    {
        if (type == typeof(IrVariable) || typeof(IrExpr).IsAssignableFrom(type) || typeof(IrStmt).IsAssignableFrom(type)) return true;
        if (type.Namespace == "NumJit.IR" && type != typeof(IrFunction) && !type.IsEnum) return true;
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            return type.GetGenericArguments().Any(IsIr);
        return type.IsArray && IsIr(type.GetElementType()!);
    }
}
