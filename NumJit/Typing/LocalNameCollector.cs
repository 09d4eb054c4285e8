using NumJit.Frontend.Syntax;

namespace NumJit.Typing;

/// <summary>
/// Python's scoping rule: a name assigned anywhere in a function body (or a parameter) is local
/// to the whole function; every other name is global, closure or builtin.
/// </summary>
public static class LocalNameCollector
{
    public static HashSet<string> Collect(FunctionDef function)
    {
        var names = new HashSet<string>();
        foreach (var a in function.Args.PosOnlyArgs.Concat(function.Args.Args)) names.Add(a.Name);
        Statements(function.Body, names);
        return names;
    }

    /// <summary>The names a block of statements binds (nested blocks included).</summary>
    public static HashSet<string> AssignedIn(IEnumerable<Stmt> body)
    {
        var names = new HashSet<string>();
        Statements(body, names);
        return names;
    }

    private static void Statements(IEnumerable<Stmt> body, HashSet<string> names)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case Assign a: foreach (var t in a.Targets) Target(t, names); break;
                case AugAssign a: Target(a.Target, names); break;
                case AnnAssign a: Target(a.Target, names); break;
                case For f: Target(f.Target, names); Statements(f.Body, names); Statements(f.OrElse, names); break;
                case While w: Statements(w.Body, names); Statements(w.OrElse, names); break;
                case If i: Statements(i.Body, names); Statements(i.OrElse, names); break;
                case With w:
                    foreach (var item in w.Items) if (item.OptionalVars != null) Target(item.OptionalVars, names);
                    Statements(w.Body, names);
                    break;
                case Try t:
                    Statements(t.Body, names); Statements(t.OrElse, names); Statements(t.FinalBody, names);
                    foreach (var h in t.Handlers) { if (h.Name != null) names.Add(h.Name); Statements(h.Body, names); }
                    break;
                case FunctionDef f: names.Add(f.Name); break;
                case ClassDef c: names.Add(c.Name); break;
                case Import i: foreach (var n in i.Names) names.Add(n.AsName ?? n.Name.Split('.')[0]); break;
                case ImportFrom i: foreach (var n in i.Names) names.Add(n.AsName ?? n.Name); break;
            }
        }
    }

    private static void Target(Expr target, HashSet<string> names)
    {
        switch (target)
        {
            case Name n: names.Add(n.Id); break;
            case Frontend.Syntax.Tuple t: foreach (var e in t.Elts) Target(e, names); break;
            case List l: foreach (var e in l.Elts) Target(e, names); break;
            case Starred s: Target(s.Value, names); break;
        }
    }
}
