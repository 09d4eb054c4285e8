using System.Numerics;
using NumJit.Frontend.Syntax;
using Attribute = NumJit.Frontend.Syntax.Attribute;

namespace NumJit.Typing;

/// <summary>
/// Finds variables that can never be negative, so that indexing with them needs no
/// negative-index wrap-around: names bound exactly once, by `for i in range(...)` (or prange) whose start
/// is non-negative and whose step is positive or itself non-negative (a zero step raises), or by
/// an assignment of a non-negative value (`i = cuda.grid(1)`, `x, y = cuda.grid(2)`).
/// Non-negative means: constants >= 0, other such variables (outer statements are seen first),
/// len(...), x.shape[k], x.size, GPU thread coordinates, and sums, products and floor quotients of those.
/// </summary>
public static class InductionVariables
{
    public static HashSet<string> NonNegative(FunctionDef function)
    {
        var bindings = new Dictionary<string, int>();
        foreach (var a in function.Args.PosOnlyArgs.Concat(function.Args.Args)) Count(bindings, a.Name);
        CountBindings(function.Body, bindings);
        var result = new HashSet<string>();
        FindLoops(function.Body, bindings, result);
        return result;
    }

    private static void Count(Dictionary<string, int> bindings, string name) =>
        bindings[name] = bindings.GetValueOrDefault(name) + 1;

    private static void CountBindings(IEnumerable<Stmt> body, Dictionary<string, int> bindings)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case For f: Targets(f.Target, bindings); CountBindings(f.Body, bindings); CountBindings(f.OrElse, bindings); break;
                case Assign a: foreach (var t in a.Targets) Targets(t, bindings); break;
                case AugAssign a: Targets(a.Target, bindings); break;
                case AnnAssign a: Targets(a.Target, bindings); break;
                case While w: CountBindings(w.Body, bindings); CountBindings(w.OrElse, bindings); break;
                case If i: CountBindings(i.Body, bindings); CountBindings(i.OrElse, bindings); break;
                case With w: CountBindings(w.Body, bindings); break;
                case Try t: CountBindings(t.Body, bindings); CountBindings(t.OrElse, bindings); CountBindings(t.FinalBody, bindings); break;
            }
        }
    }

    /// <summary>Pre-order, so an outer loop's variable is known before its inner loops are judged.</summary>
    private static void FindLoops(IEnumerable<Stmt> body, Dictionary<string, int> bindings, HashSet<string> found)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case For f:
                    if (f.Target is Name n && bindings.GetValueOrDefault(n.Id) == 1 &&
                        f.Iter is Call { Func: Name { Id: "range" or "prange" } or Attribute { Attr: "prange" }, Args: var args } &&
                        IsNonNegativeRange(args, found))
                        found.Add(n.Id);
                    FindLoops(f.Body, bindings, found);
                    FindLoops(f.OrElse, bindings, found);
                    break;
                case While w: FindLoops(w.Body, bindings, found); FindLoops(w.OrElse, bindings, found); break;
                case If i: FindLoops(i.Body, bindings, found); FindLoops(i.OrElse, bindings, found); break;
                case Assign { Targets: [Name name] } a when bindings.GetValueOrDefault(name.Id) == 1 && IsNonNegative(a.Value, found):
                    found.Add(name.Id);
                    break;
                case Assign { Targets: [Frontend.Syntax.Tuple t], Value: Call { Func: Attribute { Attr: "grid" or "gridsize" } } }:
                    foreach (var e in t.Elts)
                        if (e is Name item && bindings.GetValueOrDefault(item.Id) == 1) found.Add(item.Id);
                    break;
            }
        }
    }

    private static bool IsNonNegativeRange(IReadOnlyList<Expr> args, HashSet<string> known) => args.Count switch
    {
        1 => true,
        2 => IsNonNegative(args[0], known),
        3 => IsNonNegative(args[0], known) &&
             (args[2] is Constant { Value: BigInteger step } ? step > 0 : IsNonNegative(args[2], known)),
        _ => false,
    };

    private static bool IsNonNegative(Expr e, HashSet<string> known) => e switch
    {
        Constant { Value: BigInteger v } => v >= 0,
        Constant { Value: bool } => true,
        Name n => known.Contains(n.Id),
        BinOp { Op: BinaryOperator.Add or BinaryOperator.Mult or BinaryOperator.FloorDiv, Left: var l, Right: var r } =>
            IsNonNegative(l, known) && IsNonNegative(r, known),
        Call { Func: Name { Id: "len" }, Args.Count: 1 } => true,
        Subscript { Value: Attribute { Attr: "shape" } } => true,
        Attribute { Attr: "size" } => true,
        // cuda.grid(1), cuda.gridsize(1), cuda.threadIdx.x and friends (elsewhere they do not type).
        Call { Func: Attribute { Attr: "grid" or "gridsize" } } => true,
        Attribute { Attr: "x" or "y" or "z", Value: Attribute { Attr: "threadIdx" or "blockIdx" or "blockDim" or "gridDim" } } => true,
        _ => false,
    };

    private static void Targets(Expr target, Dictionary<string, int> bindings)
    {
        switch (target)
        {
            case Name n: Count(bindings, n.Id); break;
            case Frontend.Syntax.Tuple t: foreach (var e in t.Elts) Targets(e, bindings); break;
            case List l: foreach (var e in l.Elts) Targets(e, bindings); break;
            case Starred st: Targets(st.Value, bindings); break;
        }
    }
}
