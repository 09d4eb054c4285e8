using System.Runtime.InteropServices;
using NumJit.Backends.Il;
using NumJit.IR.Types;

namespace NumJit.Interop;

/// <summary>
/// Builds real numpy generalized ufuncs (@guvectorize) from compiled core kernels, through
/// PyUFunc_FromFuncAndDataAndSignature: numpy parses the layout, broadcasts the loop dimensions,
/// checks core sizes, allocates outputs and handles out=. Each signature gets an IL inner loop
/// (<see cref="IlGufuncLoopEmitter"/>) that calls the kernel once per loop index on array views.
/// The views are made once per inner-loop call and only their data pointer moves per index, so
/// a call costs a store per array argument rather than an array allocation.
/// </summary>
public static unsafe class GufuncFactory
{
    private const int NpyArrayCContiguous = 0x0001, NpyArrayFContiguous = 0x0002, NpyArrayAligned = 0x0100, NpyArrayWriteable = 0x0400;

    /// <summary>How one kernel argument is passed: a view over its core dimensions, or a scalar.</summary>
    /// <param name="CoreDims">indices into numpy's dims[1..] of the argument's core dimensions</param>
    /// <param name="FirstCoreStep">index into steps[nargs..] of its first core stride</param>
    public sealed record Argument(NjType Type, int[] CoreDims, int FirstCoreStep)
    {
        public bool IsArray => Type is ArrayType;
    }

    private static readonly List<Argument[]> Plans = new();

    /// <summary>
    /// A new gufunc with one loop per compiled specialization. <paramref name="coreDims"/> lists, per
    /// argument (inputs then outputs), the indices of its core dimensions in order of first appearance
    /// in <paramref name="signature"/>, as numpy numbers them.
    /// </summary>
    public static nint Create(IReadOnlyList<Compilation.CompiledSpecialization> kernels, string name, string doc,
        string signature, int inputs, IReadOnlyList<int[]> coreDims)
    {
        int nargs = coreDims.Count;
        var functions = (nint*)NativeMemory.Alloc((nuint)kernels.Count, (nuint)sizeof(nint));
        var data = (nint*)NativeMemory.AllocZeroed((nuint)kernels.Count, (nuint)sizeof(nint));
        var types = (byte*)NativeMemory.Alloc((nuint)(kernels.Count * nargs));
        for (int i = 0; i < kernels.Count; i++)
        {
            var function = kernels[i].Function;
            var plan = PlanOf(function, name, inputs, coreDims);
            int planId;
            lock (Plans)
            {
                Plans.Add(plan);
                planId = Plans.Count - 1;
            }
            functions[i] = IlGufuncLoopEmitter.Emit(kernels[i].Module.Kernel, plan, planId);
            for (int k = 0; k < nargs; k++)
                types[i * nargs + k] = (byte)UfuncFactory.TypeNumOf(plan[k].Type is ArrayType a ? a.DType : plan[k].Type);
        }
        var create = (delegate* unmanaged[Cdecl]<nint*, nint*, byte*, int, int, int, int, byte*, byte*, int, byte*, nint>)
            NumpyApiTables.Ufunc[NumpyApiTables.FromFuncAndDataAndSignature];
        const int pyUFuncNone = -1;
        nint gufunc = create(functions, data, types, kernels.Count, inputs, nargs - inputs, pyUFuncNone,
            UfuncFactory.Utf8(name), UfuncFactory.Utf8(doc), 0, UfuncFactory.Utf8(signature));
        return gufunc != 0 ? gufunc : throw new PythonErrorSet();
    }

    private static Argument[] PlanOf(IR.IrFunction function, string name, int inputs, IReadOnlyList<int[]> coreDims)
    {
        if (function.ArgTypes.Count != coreDims.Count)
            throw new Runtime.PyException("TypeError",
                $"{name}: the signature {function.Signature} has {function.ArgTypes.Count} arguments but the layout has {coreDims.Count}");
        if (function.ReturnType is not NoneType)
            throw new Runtime.PyException("TypeError",
                $"a @guvectorize kernel returns through its output arguments; {name} returns {function.ReturnType}");
        var plan = new Argument[coreDims.Count];
        int step = 0;
        for (int k = 0; k < plan.Length; k++)
        {
            var type = function.ArgTypes[k];
            int core = coreDims[k].Length;
            string which = k < inputs ? $"input {k}" : $"output {k - inputs}";
            if (type is ArrayType array)
            {
                // A scalar core may be declared as a 1-element array (numba's `out[0] = ...` idiom).
                if (array.Ndim != Math.Max(core, 1))
                    throw new Runtime.PyException("TypeError",
                        $"{name}: {which} is declared {type} but has {core} core dimension(s) in the layout");
            }
            else if (k >= inputs)
                throw new Runtime.PyException("TypeError", $"{name}: {which} is declared {type}; outputs must be arrays, e.g. {type}[:]");
            else if (core != 0)
                throw new Runtime.PyException("TypeError", $"{name}: {which} is declared {type} but has {core} core dimension(s) in the layout");
            else if (type is not (BooleanType or IntegerType or FloatType or ComplexType))
                throw new Runtime.PyException("TypeError", $"{name}: {which} cannot be {type}");
            plan[k] = new Argument(type, coreDims[k], step);
            step += core;
        }
        return plan;
    }

    /// <summary>
    /// Called at the start of each inner-loop call (numpy may have released the GIL): takes the
    /// GIL, and makes one view per array argument over the first loop index's core. The last
    /// element holds the GIL state for <see cref="Close"/>.
    /// </summary>
    public static nint[] Open(int planId, byte** args, nint* dims, nint* steps)
    {
        Argument[] plan;
        lock (Plans) plan = Plans[planId];
        var views = new nint[plan.Length + 1];
        views[^1] = CApi.PyGILState_Ensure();
        try
        {
            for (int k = 0; k < plan.Length; k++)
                if (plan[k].IsArray) views[k] = View(plan[k], (nint)args[k], dims, steps + plan.Length, k);
        }
        catch
        {
            Close(views);
            throw;
        }
        return views;
    }

    private static nint View(Argument argument, nint data, nint* dims, nint* coreSteps, int position)
    {
        var type = (ArrayType)argument.Type;
        int itemSize = Typing.FunctionBinder.ItemSize(type.DType);
        int ndim = type.Ndim;
        var shape = stackalloc nint[ndim];
        var strides = stackalloc nint[ndim];
        if (argument.CoreDims.Length == 0)
        {
            shape[0] = 1;
            strides[0] = itemSize;
        }
        for (int d = 0; d < argument.CoreDims.Length; d++)
        {
            shape[d] = dims[1 + argument.CoreDims[d]];
            strides[d] = coreSteps[argument.FirstCoreStep + d];
        }
        nint descr = CApi.NewRef(NumpyRuntime.DType(NumpyRuntime.TypeNum(type.DType.Name)));
        var newFromDescr = (delegate* unmanaged[Cdecl]<nint, nint, int, nint*, nint*, nint, int, nint, nint>)
            NumpyApiTables.Array[NumpyApiTables.NewFromDescr];
        nint view = newFromDescr(NumpyRuntime.NdArrayType, descr, ndim, shape, strides, data, NpyArrayAligned | NpyArrayWriteable, 0);
        if (view == 0) throw new PythonErrorSet();
        int flags = *(int*)(view + PyLayout.ArrayFlags);
        bool layoutOk = type.Layout switch
        {
            ArrayLayout.C => (flags & NpyArrayCContiguous) != 0,
            ArrayLayout.F => (flags & NpyArrayFContiguous) != 0,
            _ => true,
        };
        if (!layoutOk)
        {
            CApi.Py_DecRef(view);
            throw new Runtime.PyException("ValueError",
                $"argument {position} of the kernel is declared {type} but numpy passes a non-contiguous core; declare it with [:] to accept any strides");
        }
        return view;
    }

    /// <summary>Releases the views and the GIL taken by <see cref="Open"/>.</summary>
    public static void Close(nint[] views)
    {
        for (int k = 0; k < views.Length - 1; k++)
            if (views[k] != 0)
            {
                CApi.Py_DecRef(views[k]);
                views[k] = 0;
            }
        CApi.PyGILState_Release((int)views[^1]);
    }

    /// <summary>The loop's catch: raises the error for numpy to report, then closes (views may be null if Open failed).</summary>
    public static void Fail(nint[]? views, Exception error)
    {
        UfuncFactory.Report(error);
        if (views != null) Close(views);
    }
}
