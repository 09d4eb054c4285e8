using System.Text;
using NumJit.Frontend.Syntax;

namespace NumJit.Frontend;

/// <summary>
/// Renders a tree exactly as CPython 3.11's <c>ast.dump(tree, include_attributes=...)</c> does
/// (no indent): optional fields that are None are omitted, empty lists are kept. PEP 695 data,
/// which 3.11 lacks, is rendered 3.12-style and only when present (<c>type_params</c> when non-empty,
/// TypeAlias and the type-parameter nodes).
/// </summary>
public static class AstDumper
{
    public static string Dump(Module m, bool includeAttributes)
    {
        ArgumentNullException.ThrowIfNull(m);
        var w = new Writer(includeAttributes);
        w.Module(m);
        return w.ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new(4096);
        private readonly bool _attrs;
        private bool _first;

        public Writer(bool includeAttributes) => _attrs = includeAttributes;

        public override string ToString() => _sb.ToString();

        private void Open(string name)
        {
            _sb.Append(name).Append('(');
            _first = true;
        }

        private void Sep()
        {
            if (!_first) _sb.Append(", ");
            _first = false;
        }

        private void Close(Node? n)
        {
            if (_attrs && n != null)
            {
                Sep(); _sb.Append("lineno=").Append(n.Line);
                Sep(); _sb.Append("col_offset=").Append(n.Col);
                Sep(); _sb.Append("end_lineno=").Append(n.EndLine);
                Sep(); _sb.Append("end_col_offset=").Append(n.EndCol);
            }
            _sb.Append(')');
            _first = false;
        }

        private void F(string name, Expr? e, bool optional = true)
        {
            if (e == null && optional) return;
            Sep();
            _sb.Append(name).Append('=');
            if (e == null) _sb.Append("None");
            else Expr(e);
        }

        private void F(string name, string? s)
        {
            if (s == null) return;
            Sep();
            _sb.Append(name).Append('=');
            PythonRepr.AppendStr(_sb, s);
        }

        private void FInt(string name, int v)
        {
            Sep();
            _sb.Append(name).Append('=').Append(v);
        }

        private void FRaw(string name, string raw)
        {
            Sep();
            _sb.Append(name).Append('=').Append(raw);
        }

        private void List<T>(string name, IReadOnlyList<T> items, Action<T> write)
        {
            Sep();
            _sb.Append(name).Append("=[");
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0) _sb.Append(", ");
                bool saved = _first;
                write(items[i]);
                _first = saved;
            }
            _sb.Append(']');
            _first = false;
        }

        private void Exprs(string name, IReadOnlyList<Expr> items) => List(name, items, e => Expr(e));

        private void OptExprs(string name, IReadOnlyList<Expr?> items)
            => List(name, items, e => { if (e == null) _sb.Append("None"); else Expr(e); });

        private void Stmts(string name, IReadOnlyList<Stmt> items) => List(name, items, Stmt);

        private void Strings(string name, IReadOnlyList<string> items) => List(name, items, s => PythonRepr.AppendStr(_sb, s));

        private void TypeParams(IReadOnlyList<TypeParam> items)
        {
            if (items.Count > 0) List("type_params", items, TypeParam);
        }

        public void Module(Module m)
        {
            Open("Module");
            Stmts("body", m.Body);
            List("type_ignores", m.TypeIgnores, ti =>
            {
                Open("TypeIgnore");
                FInt("lineno", ti.Lineno);
                F("tag", ti.Tag);
                Close(null);
            });
            Close(null);
        }

        private void Nested(string name, Action write)
        {
            Sep();
            _sb.Append(name).Append('=');
            write();
            _first = false;
        }

        private void Ctx(ExprContext c) => FRaw("ctx", c + "()");

        private void Stmt(Stmt s)
        {
            switch (s)
            {
                case FunctionDef f:
                    Open("FunctionDef");
                    FunctionBody(f.Name, f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeComment, f.TypeParams);
                    break;
                case AsyncFunctionDef f:
                    Open("AsyncFunctionDef");
                    FunctionBody(f.Name, f.Args, f.Body, f.DecoratorList, f.Returns, f.TypeComment, f.TypeParams);
                    break;
                case ClassDef c:
                    Open("ClassDef");
                    F("name", c.Name);
                    Exprs("bases", c.Bases);
                    List("keywords", c.Keywords, Keyword);
                    Stmts("body", c.Body);
                    Exprs("decorator_list", c.DecoratorList);
                    TypeParams(c.TypeParams);
                    break;
                case Return r: Open("Return"); F("value", r.Value); break;
                case Delete d: Open("Delete"); Exprs("targets", d.Targets); break;
                case Assign a:
                    Open("Assign");
                    Exprs("targets", a.Targets);
                    F("value", a.Value);
                    F("type_comment", a.TypeComment);
                    break;
                case TypeAlias ta:
                    Open("TypeAlias");
                    F("name", ta.Name);
                    List("type_params", ta.TypeParams, TypeParam);
                    F("value", ta.Value);
                    break;
                case AugAssign a:
                    Open("AugAssign");
                    F("target", a.Target);
                    FRaw("op", a.Op + "()");
                    F("value", a.Value);
                    break;
                case AnnAssign a:
                    Open("AnnAssign");
                    F("target", a.Target);
                    F("annotation", a.Annotation);
                    F("value", a.Value);
                    FInt("simple", a.Simple);
                    break;
                case For f:
                    Open("For");
                    ForBody(f.Target, f.Iter, f.Body, f.OrElse, f.TypeComment);
                    break;
                case AsyncFor f:
                    Open("AsyncFor");
                    ForBody(f.Target, f.Iter, f.Body, f.OrElse, f.TypeComment);
                    break;
                case While w:
                    Open("While");
                    F("test", w.Test);
                    Stmts("body", w.Body);
                    Stmts("orelse", w.OrElse);
                    break;
                case If i:
                    Open("If");
                    F("test", i.Test);
                    Stmts("body", i.Body);
                    Stmts("orelse", i.OrElse);
                    break;
                case With w:
                    Open("With");
                    List("items", w.Items, WithItem);
                    Stmts("body", w.Body);
                    F("type_comment", w.TypeComment);
                    break;
                case AsyncWith w:
                    Open("AsyncWith");
                    List("items", w.Items, WithItem);
                    Stmts("body", w.Body);
                    F("type_comment", w.TypeComment);
                    break;
                case Match m:
                    Open("Match");
                    F("subject", m.Subject);
                    List("cases", m.Cases, MatchCase);
                    break;
                case Raise r: Open("Raise"); F("exc", r.Exc); F("cause", r.Cause); break;
                case Try t:
                    Open("Try");
                    TryBody(t.Body, t.Handlers, t.OrElse, t.FinalBody);
                    break;
                case TryStar t:
                    Open("TryStar");
                    TryBody(t.Body, t.Handlers, t.OrElse, t.FinalBody);
                    break;
                case Assert a: Open("Assert"); F("test", a.Test); F("msg", a.Msg); break;
                case Import i: Open("Import"); List("names", i.Names, Alias); break;
                case ImportFrom i:
                    Open("ImportFrom");
                    F("module", i.Module);
                    List("names", i.Names, Alias);
                    FInt("level", i.Level);
                    break;
                case Global g: Open("Global"); Strings("names", g.Names); break;
                case Nonlocal n: Open("Nonlocal"); Strings("names", n.Names); break;
                case ExprStmt e: Open("Expr"); F("value", e.Value); break;
                case Pass: Open("Pass"); break;
                case Break: Open("Break"); break;
                case Continue: Open("Continue"); break;
                default: throw new ArgumentException($"unknown statement {s.GetType().Name}");
            }
            Close(s);
        }

        private void FunctionBody(string name, Arguments args, IReadOnlyList<Stmt> body, IReadOnlyList<Expr> decorators,
            Expr? returns, string? typeComment, IReadOnlyList<TypeParam> typeParams)
        {
            F("name", name);
            Nested("args", () => Arguments(args));
            Stmts("body", body);
            Exprs("decorator_list", decorators);
            F("returns", returns);
            F("type_comment", typeComment);
            TypeParams(typeParams);
        }

        private void ForBody(Expr target, Expr iter, IReadOnlyList<Stmt> body, IReadOnlyList<Stmt> orElse, string? typeComment)
        {
            F("target", target);
            F("iter", iter);
            Stmts("body", body);
            Stmts("orelse", orElse);
            F("type_comment", typeComment);
        }

        private void TryBody(IReadOnlyList<Stmt> body, IReadOnlyList<ExceptHandler> handlers, IReadOnlyList<Stmt> orElse, IReadOnlyList<Stmt> finalBody)
        {
            Stmts("body", body);
            List("handlers", handlers, h =>
            {
                Open("ExceptHandler");
                F("type", h.Type);
                F("name", h.Name);
                Stmts("body", h.Body);
                Close(h);
            });
            Stmts("orelse", orElse);
            Stmts("finalbody", finalBody);
        }

        private void Arguments(Arguments a)
        {
            Open("arguments");
            List("posonlyargs", a.PosOnlyArgs, Arg);
            List("args", a.Args, Arg);
            if (a.VarArg != null) Nested("vararg", () => Arg(a.VarArg));
            List("kwonlyargs", a.KwOnlyArgs, Arg);
            OptExprs("kw_defaults", a.KwDefaults);
            if (a.KwArg != null) Nested("kwarg", () => Arg(a.KwArg));
            Exprs("defaults", a.Defaults);
            Close(null);
        }

        private void Arg(Arg a)
        {
            Open("arg");
            F("arg", a.Name);
            F("annotation", a.Annotation);
            F("type_comment", a.TypeComment);
            Close(a);
        }

        private void Keyword(Keyword k)
        {
            Open("keyword");
            F("arg", k.ArgName);
            F("value", k.Value);
            Close(k);
        }

        private void Alias(Alias a)
        {
            Open("alias");
            F("name", a.Name);
            F("asname", a.AsName);
            Close(a);
        }

        private void WithItem(WithItem w)
        {
            Open("withitem");
            F("context_expr", w.ContextExpr);
            F("optional_vars", w.OptionalVars);
            Close(null);
        }

        private void MatchCase(MatchCase c)
        {
            Open("match_case");
            Nested("pattern", () => Pattern(c.Pattern));
            F("guard", c.Guard);
            Stmts("body", c.Body);
            Close(null);
        }

        private void Comprehension(Comprehension c)
        {
            Open("comprehension");
            F("target", c.Target);
            F("iter", c.Iter);
            Exprs("ifs", c.Ifs);
            FInt("is_async", c.IsAsync);
            Close(null);
        }

        private void TypeParam(TypeParam t)
        {
            switch (t)
            {
                case TypeVar v: Open("TypeVar"); F("name", v.Name); F("bound", v.Bound); break;
                case ParamSpec p: Open("ParamSpec"); F("name", p.Name); break;
                case TypeVarTuple v: Open("TypeVarTuple"); F("name", v.Name); break;
                default: throw new ArgumentException($"unknown type parameter {t.GetType().Name}");
            }
            Close(t);
        }

        private void Pattern(Pattern p)
        {
            switch (p)
            {
                case MatchValue v: Open("MatchValue"); F("value", v.Value); break;
                case MatchSingleton s:
                    Open("MatchSingleton");
                    Sep();
                    _sb.Append("value=");
                    PythonRepr.Append(_sb, s.Value);
                    break;
                case MatchSequence s: Open("MatchSequence"); List("patterns", s.Patterns, Pattern); break;
                case MatchMapping m:
                    Open("MatchMapping");
                    Exprs("keys", m.Keys);
                    List("patterns", m.Patterns, Pattern);
                    F("rest", m.Rest);
                    break;
                case MatchClass c:
                    Open("MatchClass");
                    F("cls", c.Cls);
                    List("patterns", c.Patterns, Pattern);
                    Strings("kwd_attrs", c.KwdAttrs);
                    List("kwd_patterns", c.KwdPatterns, Pattern);
                    break;
                case MatchStar s: Open("MatchStar"); F("name", s.Name); break;
                case MatchAs a:
                    Open("MatchAs");
                    if (a.Pattern != null) Nested("pattern", () => Pattern(a.Pattern));
                    F("name", a.Name);
                    break;
                case MatchOr o: Open("MatchOr"); List("patterns", o.Patterns, Pattern); break;
                default: throw new ArgumentException($"unknown pattern {p.GetType().Name}");
            }
            Close(p);
        }

        private void Expr(Expr e)
        {
            switch (e)
            {
                case BoolOp b: Open("BoolOp"); FRaw("op", b.Op + "()"); Exprs("values", b.Values); break;
                case NamedExpr n: Open("NamedExpr"); F("target", n.Target); F("value", n.Value); break;
                case BinOp b: Open("BinOp"); F("left", b.Left); FRaw("op", b.Op + "()"); F("right", b.Right); break;
                case UnaryOp u: Open("UnaryOp"); FRaw("op", u.Op + "()"); F("operand", u.Operand); break;
                case Lambda l: Open("Lambda"); Nested("args", () => Arguments(l.Args)); F("body", l.Body); break;
                case IfExp i: Open("IfExp"); F("test", i.Test); F("body", i.Body); F("orelse", i.OrElse); break;
                case Dict d: Open("Dict"); OptExprs("keys", d.Keys); Exprs("values", d.Values); break;
                case Syntax.Set s: Open("Set"); Exprs("elts", s.Elts); break;
                case ListComp c: Open("ListComp"); F("elt", c.Elt); List("generators", c.Generators, Comprehension); break;
                case SetComp c: Open("SetComp"); F("elt", c.Elt); List("generators", c.Generators, Comprehension); break;
                case DictComp c:
                    Open("DictComp");
                    F("key", c.Key);
                    F("value", c.Value);
                    List("generators", c.Generators, Comprehension);
                    break;
                case GeneratorExp c: Open("GeneratorExp"); F("elt", c.Elt); List("generators", c.Generators, Comprehension); break;
                case Await a: Open("Await"); F("value", a.Value); break;
                case Yield y: Open("Yield"); F("value", y.Value); break;
                case YieldFrom y: Open("YieldFrom"); F("value", y.Value); break;
                case Compare c:
                    Open("Compare");
                    F("left", c.Left);
                    List("ops", c.Ops, op => _sb.Append(op).Append("()"));
                    Exprs("comparators", c.Comparators);
                    break;
                case Call c:
                    Open("Call");
                    F("func", c.Func);
                    Exprs("args", c.Args);
                    List("keywords", c.Keywords, Keyword);
                    break;
                case FormattedValue f:
                    Open("FormattedValue");
                    F("value", f.Value);
                    FInt("conversion", f.Conversion);
                    F("format_spec", f.FormatSpec);
                    break;
                case JoinedStr j: Open("JoinedStr"); Exprs("values", j.Values); break;
                case Constant c:
                    Open("Constant");
                    Sep();
                    _sb.Append("value=");
                    PythonRepr.Append(_sb, c.Value);
                    F("kind", c.Kind);
                    break;
                case Syntax.Attribute a: Open("Attribute"); F("value", a.Value); F("attr", a.Attr); Ctx(a.Ctx); break;
                case Subscript s: Open("Subscript"); F("value", s.Value); F("slice", s.Slice); Ctx(s.Ctx); break;
                case Starred s: Open("Starred"); F("value", s.Value); Ctx(s.Ctx); break;
                case Name n: Open("Name"); F("id", n.Id); Ctx(n.Ctx); break;
                case Syntax.List l: Open("List"); Exprs("elts", l.Elts); Ctx(l.Ctx); break;
                case Syntax.Tuple t: Open("Tuple"); Exprs("elts", t.Elts); Ctx(t.Ctx); break;
                case Slice s: Open("Slice"); F("lower", s.Lower); F("upper", s.Upper); F("step", s.Step); break;
                default: throw new ArgumentException($"unknown expression {e.GetType().Name}");
            }
            Close(e);
        }
    }
}
