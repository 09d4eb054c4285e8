using NumJit.IR;
using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

public sealed partial class PtxEmitter
{
    private int _arrayNames;

    private ArrayView View(IrExpr array) => array switch
    {
        IrLoad { Variable: var v } when _arrays.TryGetValue(v, out var view) => view,
        _ => throw Unsupported($"{_function.Name}: this array value ({array.GetType().Name[2..]}) is not supported in GPU code"),
    };

    /// <summary>
    /// The element's address (data + sum of index * byte stride) and the state-space qualifier
    /// its loads and stores take (".global", ".shared", ".local", or none for a generic address).
    /// </summary>
    private (string Address, string Space) Address(IrExpr array, IReadOnlyList<IrExpr> indices, bool wrapNegative)
    {
        var view = View(array);
        if (indices.Count != view.Type.Ndim)
            throw Unsupported($"{_function.Name}: GPU code indexes arrays element by element ({view.Type.Ndim} indices), not by slices or rows");
        string address = NewRegister(NjTypes.Int64);
        Line($"mov.b64 {address}, {view.Data};");
        for (int d = 0; d < indices.Count; d++)
        {
            string index = ExprAs(indices[d], NjTypes.Int64);
            if (wrapNegative)
            {
                string negative = NewPredicate(), wrapped = NewRegister(NjTypes.Int64);
                Line($"setp.lt.s64 {negative}, {index}, 0;");
                Line($"add.s64 {wrapped}, {index}, {view.Shape[d]};");
                Line($"selp.b64 {index}, {wrapped}, {index}, {negative};");
            }
            string offset = NewRegister(NjTypes.Int64);
            Line($"mul.lo.s64 {offset}, {index}, {view.Strides[d]};");
            Line($"add.s64 {address}, {address}, {offset};");
        }
        return (address, view.Space == "generic" ? "" : "." + view.Space);
    }

    /// <summary>Every shared array of the kernel, declared at kernel scope (device functions cannot declare them).</summary>
    private void DeclareSharedArrays(IrStmt body)
    {
        foreach (var (variable, alloc) in GpuKernelIr.ArrayAllocations(body))
        {
            if (alloc.Space != GpuMemorySpace.Shared || _arrays.ContainsKey(variable)) continue;
            string data = NewRegister(NjTypes.Int64);
            if (alloc.IsDynamic)
            {
                _dynamicShared = true;
                _dynamicSharedItemSize = PtxTypes.Size(alloc.ArrayType.DType);
                string bytes = NewRegister(NjTypes.UInt32), count = NewRegister(NjTypes.Int64);
                Line($"mov.u64 {data}, nj_dynamic_shared;");
                Line($"mov.u32 {bytes}, %dynamic_smem_size;");
                Line($"cvt.u64.u32 {count}, {bytes};");
                Line($"div.u64 {count}, {count}, {_dynamicSharedItemSize};");
                _arrays[variable] = new ArrayView(data, "shared", alloc.ArrayType, [count], [_dynamicSharedItemSize.ToString()]);
                continue;
            }
            string name = DeclareArray("shared", variable, alloc);
            _staticSharedBytes += alloc.Count * PtxTypes.Size(alloc.ArrayType.DType);
            Line($"mov.u64 {data}, {name};");
            _arrays[variable] = new ArrayView(data, "shared", alloc.ArrayType, Extents(alloc), ContiguousStrides(alloc));
        }
    }

    /// <summary>
    /// A device function's shared arrays live at module scope: one per block for the function,
    /// whichever call or variant reaches it (numba's rule too).
    /// </summary>
    private void BindDeviceSharedArrays(IrFunction function)
    {
        foreach (var (_, variable, alloc) in GpuKernelIr.DeviceSharedArrays(function, includeOwn: true).Where(a => a.Owner == function))
        {
            string name = $"{_variants.BaseName(function)}_shared_{GpuKernelIr.Sanitize(variable.Name)}";
            if (_moduleSharedNames.Add(name))
            {
                _moduleShared.Append($".shared .align 8 .b8 {name}[{Math.Max(1, alloc.Count * PtxTypes.Size(alloc.ArrayType.DType))}];\n");
                _staticSharedBytes += alloc.Count * PtxTypes.Size(alloc.ArrayType.DType);
            }
            string data = NewRegister(NjTypes.Int64);
            Line($"mov.u64 {data}, {name};");
            _arrays[variable] = new ArrayView(data, "shared", alloc.ArrayType, Extents(alloc), ContiguousStrides(alloc));
        }
    }

    private string DeclareArray(string space, IrVariable variable, IrGpuArrayAlloc alloc)
    {
        string name = $"nj_{space[0]}_{GpuKernelIr.Sanitize(variable.Name)}_{++_arrayNames}";
        long bytes = Math.Max(1, alloc.Count * PtxTypes.Size(alloc.ArrayType.DType));
        _declarations.Append($"    .{space} .align 8 .b8 {name}[{bytes}];\n");
        return name;
    }

    private static List<string> Extents(IrGpuArrayAlloc alloc) => alloc.Shape.Select(n => n.ToString()).ToList();

    private static List<string> ContiguousStrides(IrGpuArrayAlloc alloc) =>
        GpuKernelIr.ContiguousStrides(alloc, PtxTypes.Size(alloc.ArrayType.DType)).Select(s => s.ToString()).ToList();

    /// <summary>Array variables name one array known at compile time: a parameter, a shared or a local array.</summary>
    private void EmitArrayAlias(IrVariable target, IrExpr value)
    {
        ArrayView view;
        switch (value)
        {
            case IrGpuArrayAlloc { Space: GpuMemorySpace.Shared }:
                return;   // bound on entry (DeclareSharedArrays, BindDeviceSharedArrays)
            case IrGpuArrayAlloc { Space: GpuMemorySpace.Local } alloc:
                if (_arrays.ContainsKey(target)) return;   // a loop declares it once
                string data = NewRegister(NjTypes.Int64);
                Line($"mov.u64 {data}, {DeclareArray("local", target, alloc)};");
                view = new ArrayView(data, "local", alloc.ArrayType, Extents(alloc), ContiguousStrides(alloc));
                break;
            case IrLoad { Variable: var source } when _arrays.TryGetValue(source, out var existing):
                view = existing;
                break;
            default:
                throw GpuKernelIr.UnsupportedArrayValue(_function, value);
        }
        GpuKernelIr.BindArrayVariable(_arrays, _function, target, view);
    }

    /// <summary>
    /// cuda.atomic.*: PTX's atom for add (f64 from sm_60), integer max/min and CAS; float max/min
    /// by a CAS loop around max.f (which, like the simulator, ignores a NaN operand).
    /// </summary>
    private string Atomic(IrGpuAtomic a)
    {
        var view = View(a.Array);
        if (view.Space is "local" or "generic") throw Unsupported($"{_function.Name}: atomics on cuda.local arrays are not supported (they are per-thread)");
        var type = a.Type;
        var (address, space) = Address(a.Array, a.Indices, wrapNegative: true);
        string value = ExprAs(a.Value, type), old = NewRegister(type), t = PtxTypes.Arithmetic(type), bits = PtxTypes.Bits(type);
        string addType = type switch { IntegerType { Bits: 64 } => "u64", IntegerType => t, _ => t };
        switch (a.Op)
        {
            case GpuAtomicOp.Add:
                Line($"atom{space}.add.{addType} {old}, [{address}], {value};");
                break;
            case GpuAtomicOp.Sub:
                string negated = NewRegister(type);
                Line($"neg.{PtxTypes.Signed(type)} {negated}, {value};");
                Line($"atom{space}.add.{addType} {old}, [{address}], {negated};");
                break;
            case GpuAtomicOp.Max or GpuAtomicOp.Min when type is IntegerType:
                Line($"atom{space}.{a.Op.ToString().ToLowerInvariant()}.{t} {old}, [{address}], {value};");
                break;
            case GpuAtomicOp.Max or GpuAtomicOp.Min:
            {
                var raw = bits == "b64" ? NjTypes.UInt64 : NjTypes.UInt32;
                string oldBits = NewRegister(raw), newBits = NewRegister(raw), seen = NewRegister(raw), updated = NewRegister(type);
                string retry = NewPredicate(), top = NewLabel("atomic");
                Label(top);
                Line($"ld.volatile{space}.{bits} {oldBits}, [{address}];");
                Line($"mov.{bits} {old}, {oldBits};");
                Line($"{a.Op.ToString().ToLowerInvariant()}.{t} {updated}, {old}, {value};");
                Line($"mov.{bits} {newBits}, {updated};");
                Line($"atom{space}.cas.{bits} {seen}, [{address}], {oldBits}, {newBits};");
                Line($"setp.ne.{bits} {retry}, {seen}, {oldBits};");
                Line($"@{retry} bra {top};");
                break;
            }
            default:
                string expected = ExprAs(a.Compare!, type);
                Line($"atom{space}.cas.{bits} {old}, [{address}], {expected}, {value};");
                break;
        }
        return old;
    }
}
