using NumJit.Frontend.Syntax;
using NumJit.IR;
using NumJit.IR.Types;
using Attribute = NumJit.Frontend.Syntax.Attribute;

namespace NumJit.Typing;

/// <summary>
/// numba's CUDA kernel API (<c>cuda.grid</c>, <c>cuda.threadIdx.x</c>, <c>cuda.shared.array</c>,
/// <c>cuda.syncthreads</c>, <c>cuda.atomic.*</c>), reachable as <c>numjit.cuda</c> or
/// <c>numjit.opencl</c>; typed only when the specializer compiles for a GPU target.
/// </summary>
public sealed partial class FunctionBinder
{
    private const string GpuModule = "numjit.cuda";

    /// <summary>cuda.threadIdx and its kin, before <c>.x</c>/<c>.y</c>/<c>.z</c> is read.</summary>
    private sealed record GpuDim3Ref(GpuIndexKind Kind) : CompileTimeValue;

    private static readonly Dictionary<string, GpuIndexKind> GpuDim3Names = new()
    {
        ["threadIdx"] = GpuIndexKind.ThreadIdx, ["blockIdx"] = GpuIndexKind.BlockIdx,
        ["blockDim"] = GpuIndexKind.BlockDim, ["gridDim"] = GpuIndexKind.GridDim,
    };

    private static bool IsGpuModule(string module) => module is "numjit.cuda" or "numjit.opencl";

    /// <summary>The attribute when it belongs to the GPU API; null to bind it as usual.</summary>
    private object? TryBindGpuAttribute(object target, Attribute a)
    {
        switch (target)
        {
            case ModuleRef { Module: "numjit" } when a.Attr is "cuda" or "opencl":
                return new ModuleRef("numjit." + a.Attr);
            case ModuleRef m when IsGpuModule(m.Module):
                RequireGpu(a, a.Attr);
                if (GpuDim3Names.TryGetValue(a.Attr, out var kind)) return new GpuDim3Ref(kind);
                if (a.Attr is "shared" or "local" or "atomic") return new ModuleRef(GpuModule + "." + a.Attr);
                if (a.Attr == "warpsize") return new IrConstant(32L, NjTypes.Int64);
                return new FunctionRef(GpuModule, a.Attr);
            case GpuDim3Ref d:
                int dimension = a.Attr switch { "x" => 0, "y" => 1, "z" => 2, _ => -1 };
                if (dimension < 0) throw Error($"'{d.Kind}' has no attribute '{a.Attr}' (x, y or z)", a);
                return new IrGpuIndex(d.Kind, dimension);
            default:
                return null;
        }
    }

    private void RequireGpu(Node at, string name)
    {
        if (!_specializer.Gpu)
            throw Unsupported($"cuda.{name} is only available in GPU kernels and the device functions they call", at,
                "decorate the kernel with @numjit.cuda.jit (or numjit.opencl.jit)");
    }

    private IrExpr BindGpuCall(FunctionRef f, Call call)
    {
        RequireGpu(call, f.Name);
        string name = f.Module == GpuModule ? f.Name : f.Module[(GpuModule.Length + 1)..] + "." + f.Name;
        switch (name)
        {
            case "grid" or "gridsize":
            {
                int ndim = GpuDimensionCount(call, name);
                var items = Enumerable.Range(0, ndim).Select(d => name == "grid"
                    ? Int64Op(IrBinaryOp.Add, Int64Op(IrBinaryOp.Mul, new IrGpuIndex(GpuIndexKind.BlockIdx, d), new IrGpuIndex(GpuIndexKind.BlockDim, d)),
                        new IrGpuIndex(GpuIndexKind.ThreadIdx, d))
                    : Int64Op(IrBinaryOp.Mul, new IrGpuIndex(GpuIndexKind.BlockDim, d), new IrGpuIndex(GpuIndexKind.GridDim, d))).ToList();
                return ndim == 1 ? items[0] : new IrTupleCreate(items, new TupleType(items.Select(_ => (NjType)NjTypes.Int64).ToList()));
            }
            case "syncthreads":
                PositionalArgs(call, name, 0, 0);
                return new IrGpuBarrier();
            case "shared.array" or "local.array":
                return BindGpuArray(name == "shared.array" ? GpuMemorySpace.Shared : GpuMemorySpace.Local, call);
            case "atomic.add" or "atomic.sub" or "atomic.max" or "atomic.min" or "atomic.compare_and_swap" or "atomic.cas":
                return BindGpuAtomic(name["atomic.".Length..], call);
            default:
                throw Unsupported($"cuda.{name}() is not supported in kernels", call);
        }
    }

    private static IrExpr Int64Op(IrBinaryOp op, IrExpr left, IrExpr right) => new IrBinary(op, left, right, NjTypes.Int64);

    private int GpuDimensionCount(Call call, string name)
    {
        var args = PositionalArgs(call, name, 1, 1);
        if (args[0] is IrConstant { Value: long n } && n is >= 1 and <= 3) return (int)n;
        throw Error($"cuda.{name}() takes a constant 1, 2 or 3", call);
    }

    private IrExpr BindGpuArray(GpuMemorySpace space, Call call)
    {
        string what = space == GpuMemorySpace.Shared ? "cuda.shared.array" : "cuda.local.array";
        Expr? shapeArg = call.Args.Count > 0 ? call.Args[0] : null, dtypeArg = call.Args.Count > 1 ? call.Args[1] : null;
        if (call.Args.Count > 2) throw Error($"{what}() takes shape and dtype", call);
        foreach (var keyword in call.Keywords)
        {
            if (keyword.ArgName == "shape" && shapeArg == null) shapeArg = keyword.Value;
            else if (keyword.ArgName == "dtype" && dtypeArg == null) dtypeArg = keyword.Value;
            else throw Error($"{what}() got an unexpected or repeated keyword argument '{keyword.ArgName}'", keyword);
        }
        if (shapeArg == null || dtypeArg == null) throw Error($"{what}() needs shape and dtype", call);
        var shape = BindValue(shapeArg) switch
        {
            IrConstant { Value: long n } => [n],
            IrTupleCreate t when t.Items.All(i => i is IrConstant { Value: long }) => t.Items.Select(i => (long)((IrConstant)i).Value!).ToList(),
            _ => throw Error($"the shape of {what}() must be a constant integer or tuple of them (a global or literal)", shapeArg),
        };
        if (shape.Any(n => n < 0)) throw Error($"{what}() shape {string.Join(", ", shape)} has a negative size", shapeArg);
        if (BindAny(dtypeArg) is not DTypeRef { Type: IntegerType or FloatType or BooleanType } dtype)
            throw Error($"the dtype of {what}() must be a numeric type such as numjit.float32 or np.float64", dtypeArg);
        var alloc = new IrGpuArrayAlloc(space, shape, new ArrayType(dtype.Type, shape.Count, ArrayLayout.C));
        if (space == GpuMemorySpace.Local && alloc.Count == 0)
            throw Error("cuda.local.array() needs a size above 0", shapeArg);
        if (alloc.Count == 0 && !alloc.IsDynamic)
            throw Error("a dynamic cuda.shared.array() is one-dimensional: shape 0", shapeArg);
        return alloc;
    }

    private IrExpr BindGpuAtomic(string op, Call call)
    {
        if (call.Keywords.Count > 0) throw Error($"cuda.atomic.{op}() takes no keyword arguments", call);
        int expected = op switch { "compare_and_swap" => 3, "cas" => 4, _ => 3 };
        if (call.Args.Count != expected) throw Error($"cuda.atomic.{op}() takes {expected} arguments ({call.Args.Count} given)", call);
        var args = call.Args.Select(a => BindValue(a)).ToList();
        if (args[0].Type is UnknownType) return Unknown();
        if (args[0].Type is not ArrayType array || array.DType is not (IntegerType or FloatType))
            throw Error($"cuda.atomic.{op}() needs an integer or float array, not {args[0].Type}", call.Args[0]);
        if (array.DType is IntegerType { Bits: < 32 } || array.DType is BooleanType)
            throw Unsupported($"cuda.atomic.{op}() works on 32- and 64-bit elements, not {array.DType}", call.Args[0]);
        if (array.ReadOnly) throw Error($"cuda.atomic.{op}() cannot update a read-only array", call.Args[0]);
        IReadOnlyList<IrExpr> indices;
        int next = 1;
        if (op == "compare_and_swap") indices = [new IrConstant(0L, NjTypes.Int64)];
        else
        {
            var index = args[next++];
            indices = index is IrTupleCreate t ? t.Items : [index];
        }
        if (indices.Any(i => i.Type is UnknownType) || args.Skip(next).Any(a => a.Type is UnknownType)) return Unknown();
        if (indices.Count != array.Ndim)
            throw Error($"cuda.atomic.{op}() on a {array.Ndim}-d array needs {array.Ndim} indices, got {indices.Count}", call.Args[Math.Min(1, call.Args.Count - 1)]);
        indices = indices.Select(i => i.Type is IntegerType or BooleanType ? Coerce(i, NjTypes.Int64, call)
            : throw Error($"array indices must be integers, not {i.Type}", call)).ToList();
        IrExpr? compare = op is "compare_and_swap" or "cas" ? Coerce(args[next++], array.DType, call) : null;
        var value = Coerce(args[next], array.DType, call);
        var kind = op switch
        {
            "add" => GpuAtomicOp.Add, "sub" => GpuAtomicOp.Sub, "max" => GpuAtomicOp.Max, "min" => GpuAtomicOp.Min,
            _ => GpuAtomicOp.CompareAndSwap,
        };
        if (kind == GpuAtomicOp.CompareAndSwap && array.DType is FloatType)
            throw Unsupported("cuda.atomic.compare_and_swap() works on integer arrays (as in numba)", call);
        return new IrGpuAtomic(kind, args[0], indices, value, compare, array.DType);
    }
}
