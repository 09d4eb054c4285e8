using System.Numerics;
using NumJit.Frontend.Syntax;

namespace NumJit.Typing;

/// <summary>
/// Finds loop variables that can never be negative: bound only once, by `for i in range(...)`
/// with a non-negative constant start (or none) and a positive constant step (or none).
/// Indexing with them needs no negative-index wrap-around.
/// </summary>
public static class InductionVariables
{
    public static HashSet<string> NonNegative(FunctionDef function)
    {
        var bindings = new Dictionary<string, int>();
        var candidates = new HashSet<string>();
        foreach (var a in function.Args.PosOnlyArgs.Concat(function.Args.Args)) Count(bindings, a.Name);
        Walk(function.Body, bindings, candidates);
        candidates.RemoveWhere(name => bindings[name] != 1);
        return candidates;
    }

    private static void Count(Dictionary<string, int> bindings, string name) =>
        bindings[name] = bindings.GetValueOrDefault(name) + 1;

    private static void Walk(IEnumerable<Stmt> body, Dictionary<string, int> bindings, HashSet<string> candidates)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case For f:
                    Targets(f.Target, bindings);
                    if (f.Target is Name n && f.Iter is Call { Func: Name { Id: "range" }, Args: var args } && IsNonNegativeRange(args))
                        candidates.Add(n.Id);
                    Walk(f.Body, bindings, candidates);
                    Walk(f.OrElse, bindings, candidates);
                    break;
                case Assign a: foreach (var t in a.Targets) Targets(t, bindings); break;
                case AugAssign a: Targets(a.Target, bindings); break;
                case AnnAssign a: Targets(a.Target, bindings); break;
                case While w: Walk(w.Body, bindings, candidates); Walk(w.OrElse, bindings, candidates); break;
                case If i: Walk(i.Body, bindings, candidates); Walk(i.OrElse, bindings, candidates); break;
                case With w: Walk(w.Body, bindings, candidates); break;
                case Try t: Walk(t.Body, bindings, candidates); Walk(t.OrElse, bindings, candidates); Walk(t.FinalBody, bindings, candidates); break;
            }
        }
    }

    private static bool IsNonNegativeRange(IReadOnlyList<Expr> args) => args.Count switch
    {
        1 => true,
        2 => IsNonNegativeConstant(args[0]),
        3 => IsNonNegativeConstant(args[0]) && args[2] is Constant { Value: BigInteger step } && step > 0,
        _ => false,
    };

    private static bool IsNonNegativeConstant(Expr e) => e is Constant { Value: BigInteger v } && v >= 0;

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
