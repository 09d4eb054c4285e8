using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

public sealed partial class PtxEmitter
{
    /// <summary>Emits an expression; returns the register holding its value ("" for None).</summary>
    private string Expr(IrExpr e)
    {
        switch (e)
        {
            case IrConstant c: return Constant(c.Value, c.Type);
            case IrLoad { Variable: var v } when v.Type is IntegerType or FloatType or BooleanType:
            {
                // A copy: a later assignment in the same expression (IrLet) must not change this value.
                string value = NewRegister(v.Type);
                Line($"mov.{PtxTypes.Bits(v.Type)} {value}, {VariableRegister(v)};");
                return value;
            }
            case IrConvert c: return Convert(Expr(c.Value), c.Value.Type, c.Type);
            case IrBinary b: return Binary(b);
            case IrUnary u: return Unary(u);
            case IrCompare c: return FromPredicate(Compare(c));
            case IrLogical l: return Logical(l);
            case IrConditional c: return Conditional(c);
            case IrCall call:
            {
                var results = Call(call);
                return results.Count == 1 && call.Type is not TupleType ? results[0] : "";   // a tuple's items are read through TupleItems
            }
            case IrIntrinsicCall i: return IntrinsicCall(i);
            case IrArrayLoad load:
            {
                var (address, space) = Address(load.Array, load.Indices, load.WrapNegative);
                string value = NewRegister(load.Type);
                Line($"ld{space}.{PtxTypes.Memory(load.Type)} {value}, [{address}];");
                return value;
            }
            case IrArrayShape s: return InRegister(View(s.Array).Shape[s.Axis]);
            case IrArrayStride s: return InRegister(View(s.Array).Strides[s.Axis]);
            case IrArraySize s:
            {
                string size = Constant(1L, NjTypes.Int64);
                foreach (var extent in View(s.Array).Shape) Line($"mul.lo.s64 {size}, {size}, {extent};");
                return size;
            }
            case IrTupleGet { Tuple: var tuple, Index: var index }:
            {
                string item = TupleItems(tuple, (TupleType)tuple.Type)[index];
                string copy = NewRegister(e.Type);
                Line($"mov.{PtxTypes.Bits(e.Type)} {copy}, {item};");
                return copy;
            }
            case IrLet let:
                Line($"mov.{PtxTypes.Bits(let.Variable.Type)} {VariableRegister(let.Variable)}, {ExprAs(let.Value, let.Variable.Type)};");
                return Expr(let.Body);
            case IrGpuIndex g: return Index(g);
            case IrGpuAtomic a: return Atomic(a);
            case IrGpuBarrier: throw Unsupported($"{_function.Name}: cuda.syncthreads() must be a statement of its own");
            default: throw Unsupported($"{_function.Name}: {e.GetType().Name[2..]} ({e.Type}) is not supported in GPU code");
        }
    }

    private string ExprAs(IrExpr e, NjType type) => Convert(Expr(e), e.Type, type);

    private string InRegister(string operand)
    {
        if (operand.StartsWith('%')) return operand;
        string register = NewRegister(NjTypes.Int64);
        Line($"mov.u64 {register}, {operand};");
        return register;
    }

    private string Constant(object? value, NjType type)
    {
        string register = NewRegister(type);
        string literal = (value, type) switch
        {
            (bool b, _) => b ? "1" : "0",
            (_, FloatType { Bits: 32 }) => $"0f{BitConverter.SingleToUInt32Bits(System.Convert.ToSingle(value)):X8}",
            (_, FloatType) => $"0d{BitConverter.DoubleToUInt64Bits(System.Convert.ToDouble(value)):X16}",
            (_, IntegerType { Bits: 64 }) => Integer(Bits64(value), 16),
            (_, IntegerType or BooleanType) => Integer(Bits64(value), 8),
            _ => throw Unsupported($"the constant {value} ({type}) is not supported in GPU code"),
        };
        Line($"mov.{(type is FloatType ? PtxTypes.Arithmetic(type) : PtxTypes.Bits(type))} {register}, {literal};");
        return register;
    }

    private static long Bits64(object? value) => value is ulong u ? unchecked((long)u) : System.Convert.ToInt64(value);

    /// <summary>Small non-negative values in decimal, the rest as hex bits (PTX's decimal literals are signed 64-bit).</summary>
    private static string Integer(long value, int digits) => value is >= 0 and <= int.MaxValue
        ? value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "0x" + (digits == 8 ? ((uint)value).ToString("X8") : ((ulong)value).ToString("X16"));

    /// <summary>A value of one type as another: Python's int(), float() and bool() semantics.</summary>
    private string Convert(string value, NjType from, NjType to)
    {
        if (from.Equals(to) || to is NoneType) return value;
        if (from is BooleanType) from = NjTypes.UInt32;
        if (to is BooleanType)
        {
            string p = NewPredicate();
            Line($"setp.{(from is FloatType ? "neu" : "ne")}.{PtxTypes.Arithmetic(from)} {p}, {value}, {Zero(from)};");
            return FromPredicate(p);
        }
        string result = NewRegister(to);
        string dst = PtxTypes.Arithmetic(to), src = PtxTypes.Arithmetic(from);
        switch (from, to)
        {
            case (FloatType, FloatType):
                Line(to is FloatType { Bits: 32 } ? $"cvt.rn.f32.f64 {result}, {value};" : $"cvt.f64.f32 {result}, {value};");
                return result;
            case (IntegerType, FloatType):
                Line($"cvt.rn.{dst}.{src} {result}, {value};");
                return result;
            case (FloatType, IntegerType):
                Line($"cvt.rzi.{dst}.{src} {result}, {value};");
                return Narrow(result, to);
            case (IntegerType, IntegerType) when PtxTypes.RegisterPrefix(from) == PtxTypes.RegisterPrefix(to) && !PtxTypes.IsNarrowInteger(to):
                return value;   // same bits, other signedness
            case (IntegerType, IntegerType):
                if (PtxTypes.RegisterPrefix(from) == PtxTypes.RegisterPrefix(to)) Line($"mov.b32 {result}, {value};");
                else Line($"cvt.{dst}.{src} {result}, {value};");
                return Narrow(result, to);
            default:
                throw Unsupported($"{_function.Name}: converting {from} to {to} is not supported in GPU code");
        }
    }

    /// <summary>Wraps a 32-bit register to an int8/int16 value held sign- or zero-extended.</summary>
    private string Narrow(string register, NjType type)
    {
        if (type is not IntegerType { Bits: < 32 } narrow) return register;
        Line($"cvt.{(narrow.Signed ? "s32.s" : "u32.u")}{narrow.Bits} {register}, {register};");
        return register;
    }

    private static string Zero(NjType type) => type switch
    {
        FloatType { Bits: 32 } => "0f00000000",
        FloatType => "0d0000000000000000",
        _ => "0",
    };

    private string FromPredicate(string predicate)
    {
        string result = NewRegister(NjTypes.Bool);
        Line($"selp.u32 {result}, 1, 0, {predicate};");
        return result;
    }

    /// <summary>A predicate register that is true where the value is truthy.</summary>
    private string Condition(IrExpr e)
    {
        if (e is IrCompare c) return Compare(c);
        return Truthy(Expr(e), e.Type);
    }

    private string Truthy(string value, NjType type)
    {
        string p = NewPredicate();
        var t = type is BooleanType ? NjTypes.UInt32 : type;
        Line($"setp.{(t is FloatType ? "neu" : "ne")}.{PtxTypes.Arithmetic(t)} {p}, {value}, {Zero(t)};");
        return p;
    }

    private string Compare(IrCompare c)
    {
        var type = CommonType(c.Left.Type, c.Right.Type);
        string left = ExprAs(c.Left, type), right = ExprAs(c.Right, type);
        string op = c.Op switch
        {
            IrCompareOp.Eq => "eq", IrCompareOp.Ne => type is FloatType ? "neu" : "ne", IrCompareOp.Lt => "lt",
            IrCompareOp.Le => "le", IrCompareOp.Gt => "gt", _ => "ge",
        };
        string p = NewPredicate();
        Line($"setp.{op}.{PtxTypes.Arithmetic(type is BooleanType ? NjTypes.UInt32 : type)} {p}, {left}, {right};");
        return p;
    }

    private static NjType CommonType(NjType a, NjType b)
    {
        if (a.Equals(b)) return a;
        if (a is FloatType || b is FloatType) return a is FloatType { Bits: 64 } || b is FloatType { Bits: 64 } || a is IntegerType || b is IntegerType
            ? NjTypes.Float64 : NjTypes.Float32;
        return NjTypes.Int64;
    }

    /// <summary>Python's `a and b` is a if a is falsy, else b; `a or b` the mirror. Only the needed side is evaluated.</summary>
    private string Logical(IrLogical l)
    {
        string result = NewRegister(l.Type);
        string end = NewLabel(l.Op == IrLogicalOp.And ? "and" : "or");
        Line($"mov.{PtxTypes.Bits(l.Type)} {result}, {ExprAs(l.Left, l.Type)};");
        string truthy = Truthy(result, l.Type);
        Line($"@{(l.Op == IrLogicalOp.And ? "!" : "")}{truthy} bra {end};");
        Line($"mov.{PtxTypes.Bits(l.Type)} {result}, {ExprAs(l.Right, l.Type)};");
        Label(end);
        return result;
    }

    private string Conditional(IrConditional c)
    {
        string result = NewRegister(c.Type);
        string otherwise = NewLabel("else"), end = NewLabel("endif");
        Line($"@!{Condition(c.Condition)} bra {otherwise};");
        Line($"mov.{PtxTypes.Bits(c.Type)} {result}, {ExprAs(c.Then, c.Type)};");
        Line($"bra.uni {end};");
        Label(otherwise);
        Line($"mov.{PtxTypes.Bits(c.Type)} {result}, {ExprAs(c.Else, c.Type)};");
        Label(end);
        return result;
    }

    private string Unary(IrUnary u)
    {
        switch (u.Op)
        {
            case IrUnaryOp.Not:
            {
                string p = Condition(u.Operand);
                string result = NewRegister(NjTypes.Bool);
                Line($"selp.u32 {result}, 0, 1, {p};");
                return Convert(result, NjTypes.Bool, u.Type);
            }
            case IrUnaryOp.Negate:
            {
                string operand = ExprAs(u.Operand, u.Type), result = NewRegister(u.Type);
                Line($"neg.{PtxTypes.Signed(u.Type)} {result}, {operand};");
                return Narrow(result, u.Type);
            }
            default:
            {
                string operand = ExprAs(u.Operand, u.Type), result = NewRegister(u.Type);
                Line($"not.{PtxTypes.Bits(u.Type)} {result}, {operand};");
                return Narrow(result, u.Type);
            }
        }
    }

    /// <summary>
    /// A device function call: the registers holding its result (one, none for None, or one per
    /// tuple item). Arrays pass their data address, extents and strides; a local array passes a
    /// generic address (cvta.local, once, where it is declared), and the callee variant is
    /// chosen by the arrays' spaces.
    /// </summary>
    private List<string> Call(IrCall call)
    {
        var target = call.Target;
        var operands = new List<(string Bits, string Register)>();
        var spaces = new System.Text.StringBuilder();
        for (int i = 0; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            if (arg.Type is ArrayType)
            {
                var view = View(arg);
                string data = view.Data;
                spaces.Append(view.Space switch
                {
                    "shared" => DeviceFunctionVariants.Shared, "local" or "generic" => DeviceFunctionVariants.Local, _ => DeviceFunctionVariants.Global,
                });
                if (view.Space == "local")
                {
                    data = NewRegister(NjTypes.Int64);
                    Line($"cvta.local.u64 {data}, {view.Data};");
                }
                operands.Add(("b64", data));
                operands.AddRange(view.Shape.Select(s => ("b64", InRegister(s))));
                operands.AddRange(view.Strides.Select(s => ("b64", InRegister(s))));
            }
            else
            {
                var type = target.Parameters[i].Type;
                operands.Add((PtxTypes.Bits(type), ExprAs(arg, type)));
            }
        }
        bool returns = call.Type is not NoneType;
        Line("{");
        for (int i = 0; i < operands.Count; i++)
        {
            Line($"    .param .{operands[i].Bits} param{i};");
            Line($"    st.param.{operands[i].Bits} [param{i}+0], {operands[i].Register};");
        }
        if (returns) Line($"    {ReturnParameter(call.Type, "retval0")};");
        string args = string.Join(", ", Enumerable.Range(0, operands.Count).Select(i => $"param{i}"));
        Line($"    call.uni {(returns ? "(retval0), " : "")}{_variants.Name(target, spaces.ToString())}, ({args});");
        var results = new List<string>();
        var types = call.Type switch { TupleType tuple => TupleItemTypes(tuple), NoneType => [], var type => [type] };
        for (int i = 0; i < types.Count; i++)
        {
            string result = NewRegister(types[i]);
            Line($"    ld.param.{PtxTypes.Bits(types[i])} {result}, [retval0+{8 * i}];");
            results.Add(result);
        }
        Line("}");
        return results;
    }

    private string Index(IrGpuIndex g)
    {
        string special = g.Kind switch
        {
            GpuIndexKind.ThreadIdx => "%tid", GpuIndexKind.BlockIdx => "%ctaid", GpuIndexKind.BlockDim => "%ntid", _ => "%nctaid",
        };
        string narrow = NewRegister(NjTypes.Int32), wide = NewRegister(NjTypes.Int64);
        Line($"mov.u32 {narrow}, {special}.{"xyz"[g.Dimension]};");
        Line($"cvt.u64.u32 {wide}, {narrow};");
        return wide;
    }
}
