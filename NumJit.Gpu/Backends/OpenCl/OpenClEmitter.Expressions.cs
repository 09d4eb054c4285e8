using System.Globalization;
using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.OpenCl;

public sealed partial class OpenClEmitter
{
    private string Expr(IrExpr e) => e switch
    {
        IrConstant c => Constant(c),
        IrLoad { Variable: var v } when v.Type is IntegerType or FloatType or BooleanType => Load(v),
        IrConvert c => Convert(c),
        IrBinary b => Binary(b),
        IrUnary { Op: IrUnaryOp.Negate } u => $"(-{Expr(u.Operand)})",
        IrUnary { Op: IrUnaryOp.Invert } u => $"(~{Expr(u.Operand)})",
        IrUnary { Op: IrUnaryOp.Not } u => $"(!{Expr(u.Operand)})",
        IrCompare c => $"({Expr(c.Left)} {CompareOperator(c.Op)} {Expr(c.Right)})",
        IrLogical { Type: BooleanType } l => $"({Expr(l.Left)} {(l.Op == IrLogicalOp.And ? "&&" : "||")} {Expr(l.Right)})",
        // Python's `a and b` is a if a is falsy, else b (and the mirror for or).
        IrLogical l => l.Op == IrLogicalOp.And
            ? $"({Expr(l.Left)} ? {Expr(l.Right)} : {Expr(l.Left)})"
            : $"({Expr(l.Left)} ? {Expr(l.Left)} : {Expr(l.Right)})",
        IrConditional c => $"({Expr(c.Condition)} ? {Expr(c.Then)} : {Expr(c.Else)})",
        IrCall call => Call(call),
        IrIntrinsicCall i => IntrinsicCall(i),
        IrArrayLoad load => Element(load.Array, load.Indices, load.WrapNegative),
        IrArrayShape s => View(s.Array).Shape[s.Axis],
        IrArrayStride s => View(s.Array).Strides[s.Axis],
        IrArraySize s => View(s.Array).Shape.Count == 0 ? "1L" : "(" + string.Join(" * ", View(s.Array).Shape) + ")",
        IrTupleGet { Tuple: var tuple, Index: var index } => TupleItem(tuple, index),
        IrLet let => Let(let),
        IrGpuIndex g => Index(g),
        IrGpuAtomic a => Atomic(a),
        IrGpuBarrier => throw Unsupported($"{_function.Name}: cuda.syncthreads() must be a statement of its own"),
        _ => throw Unsupported($"{_function.Name}: {e.GetType().Name[2..]} ({e.Type}) is not supported in GPU code"),
    };

    private string Load(IrVariable variable)
    {
        Declare(variable);
        return NameOf(variable);
    }

    private string Let(IrLet let)
    {
        Declare(let.Variable);
        return $"({NameOf(let.Variable)} = {Expr(let.Value)}, {Expr(let.Body)})";
    }

    private static string Constant(IrConstant c) => c.Value switch
    {
        bool b => b ? "true" : "false",
        long l when c.Type is IntegerType { Bits: 64, Signed: true } => l == long.MinValue ? "(-9223372036854775807L - 1L)" : $"{l}L",
        ulong u => $"{u}UL",
        double d when c.Type is FloatType { Bits: 32 } => FloatLiteral(d, "f"),
        double d => FloatLiteral(d, ""),
        float f => FloatLiteral(f, "f"),
        _ when c.Type is IntegerType or BooleanType => $"(({ScalarType(c.Type)}){System.Convert.ToString(c.Value, CultureInfo.InvariantCulture)})",
        _ => throw Unsupported($"the constant {c.Value} ({c.Type}) is not supported in GPU code"),
    };

    private static string FloatLiteral(double value, string suffix)
    {
        string type = suffix == "f" ? "float" : "double";
        if (double.IsNaN(value)) return $"(({type})NAN)";
        if (double.IsInfinity(value)) return value > 0 ? $"(({type})INFINITY)" : $"(-({type})INFINITY)";
        string text = suffix == "f" ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E') && !text.Contains('e')) text += ".0";
        return text.StartsWith('-') ? $"({text}{suffix})" : text + suffix;
    }

    private string Convert(IrConvert c)
    {
        string value = Expr(c.Value);
        if (c.Type is BooleanType) return $"({value} != 0)";
        return $"(({ScalarType(c.Type)}){value})";
    }

    private static string CompareOperator(IrCompareOp op) => op switch
    {
        IrCompareOp.Eq => "==", IrCompareOp.Ne => "!=", IrCompareOp.Lt => "<",
        IrCompareOp.Le => "<=", IrCompareOp.Gt => ">", _ => ">=",
    };

    private string Binary(IrBinary b)
    {
        string l = Expr(b.Left), r = Expr(b.Right), type = ScalarType(b.Type);
        switch (b.Op)
        {
            case IrBinaryOp.Add: return $"({l} + {r})";
            case IrBinaryOp.Sub: return $"({l} - {r})";
            case IrBinaryOp.Mul: return $"({l} * {r})";
            case IrBinaryOp.TrueDiv: return $"({l} / {r})";
            case IrBinaryOp.BitAnd: return $"({l} & {r})";
            case IrBinaryOp.BitOr: return $"({l} | {r})";
            case IrBinaryOp.BitXor: return $"({l} ^ {r})";
            case IrBinaryOp.LShift: return $"({l} << {r})";
            case IrBinaryOp.RShift: return $"({l} >> {r})";
            case IrBinaryOp.FloorDiv or IrBinaryOp.Mod:
                string name = (b.Op == IrBinaryOp.FloorDiv ? "nj_floordiv_" : "nj_mod_") + type;
                Helper(name, OpenClHelpers.FloorDivMod(b.Op == IrBinaryOp.FloorDiv, type, b.Type));
                return $"{name}({l}, {r})";
            case IrBinaryOp.Pow when b.Type is FloatType:
                return $"pow({l}, ({type}){r})";
            case IrBinaryOp.Pow:
                Helper("nj_pow_" + type, OpenClHelpers.IntegerPower(type));
                return $"nj_pow_{type}({l}, (long){r})";
            default:
                throw Unsupported($"{_function.Name}: the operator {b.Op} is not supported in GPU code");
        }
    }

    /// <summary>A device function call; the callee variant is chosen by the spaces of the arrays passed.</summary>
    private string Call(IrCall call)
    {
        var args = new List<string>();
        var spaces = new System.Text.StringBuilder();
        for (int i = 0; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            if (arg.Type is ArrayType)
            {
                var view = View(arg);
                spaces.Append(view.Space.StartsWith("__global", StringComparison.Ordinal) ? DeviceFunctionVariants.Global
                    : view.Space.StartsWith("__local", StringComparison.Ordinal) ? DeviceFunctionVariants.Shared : DeviceFunctionVariants.Local);
                args.Add(view.Data);
                args.AddRange(view.Shape);
                args.AddRange(view.Strides);
            }
            else args.Add(Expr(arg));
        }
        args.AddRange(GpuKernelIr.DeviceSharedArrays(call.Target, includeOwn: true).Select(a => SharedArrayName(a.Owner, a.Variable)));
        return $"{_variants.Name(call.Target, spaces.ToString())}({string.Join(", ", args)})";
    }

    private ArrayView View(IrExpr array) => array switch
    {
        IrLoad { Variable: var v } when _arrays.TryGetValue(v, out var view) => view,
        _ => throw Unsupported($"{_function.Name}: this array value ({array.GetType().Name[2..]}) is not supported in GPU code"),
    };

    /// <summary>The element as an lvalue: data + sum(index * stride) in bytes.</summary>
    private string Element(IrExpr array, IReadOnlyList<IrExpr> indices, bool wrapNegative) => $"(*{Address(array, indices, wrapNegative)})";

    private string Address(IrExpr array, IReadOnlyList<IrExpr> indices, bool wrapNegative)
    {
        var view = View(array);
        if (indices.Count != view.Type.Ndim)
            throw Unsupported($"{_function.Name}: GPU code indexes arrays element by element ({view.Type.Ndim} indices), not by slices or rows");
        var terms = new List<string>();
        for (int d = 0; d < indices.Count; d++)
        {
            string index = Expr(indices[d]);
            if (wrapNegative)
            {
                Helper("nj_wrap", OpenClHelpers.Wrap);
                index = $"nj_wrap({index}, {view.Shape[d]})";
            }
            terms.Add($"({index}) * {view.Strides[d]}");
        }
        string offset = terms.Count == 0 ? "0" : string.Join(" + ", terms);
        string element = ElementType(view.Type.DType);
        string space = view.Space.Replace("const ", "");
        string constness = view.Space.Contains("const") ? "const " : "";
        return $"(({space}{constness}{element}*)((({space}{constness}char*){view.Data}) + {offset}))";
    }

    private static string Index(IrGpuIndex g) => g.Kind switch
    {
        GpuIndexKind.ThreadIdx => $"((long)get_local_id({g.Dimension}))",
        GpuIndexKind.BlockIdx => $"((long)get_group_id({g.Dimension}))",
        GpuIndexKind.BlockDim => $"((long)get_local_size({g.Dimension}))",
        _ => $"((long)get_num_groups({g.Dimension}))",
    };

    private string Atomic(IrGpuAtomic a)
    {
        var view = View(a.Array);
        if (view.Space.Length == 0) throw Unsupported($"{_function.Name}: atomics on cuda.local arrays are not supported (they are per-thread)");
        string element = ScalarType(a.Type);
        string space = view.Space.StartsWith("__local", StringComparison.Ordinal) ? "local" : "global";
        string pointer = Address(a.Array, a.Indices, wrapNegative: true);
        bool wide = a.Type is IntegerType { Bits: 64 } || a.Type is FloatType { Bits: 64 };
        if (wide) _extensions.Add("cl_khr_int64_base_atomics");
        if (wide && a.Op is GpuAtomicOp.Max or GpuAtomicOp.Min && a.Type is IntegerType) _extensions.Add("cl_khr_int64_extended_atomics");
        string name = $"nj_atomic_{a.Op.ToString().ToLowerInvariant()}_{element}_{space}";
        Helper(name, OpenClHelpers.Atomic(a.Op, element, a.Type, space, name));
        string value = Expr(a.Value);
        return a.Compare != null ? $"{name}({pointer}, {Expr(a.Compare)}, {value})" : $"{name}({pointer}, {value})";
    }
}
