namespace NumJit.Interop;

/// <summary>
/// math functions over a sequence (fsum, prod, hypot, dist) for compiled code: a tuple's items
/// arrive as a double[]; a 1-d array is read in place, element by element, whatever its stride.
/// </summary>
public static unsafe class ArraySequences
{
    public static double Fsum(double[] values) => Runtime.PyMath.Fsum(values);

    public static double Hypot(double[] values) => Runtime.PyMath.Hypot(values);

    /// <summary>math.dist(p, q): the two points' coordinates concatenated.</summary>
    public static double Dist(double[] coordinates)
    {
        int n = coordinates.Length / 2;
        var diffs = new double[n];
        for (int i = 0; i < n; i++) diffs[i] = Math.Abs(coordinates[i] - coordinates[n + i]);
        return Runtime.PyMath.Hypot(diffs);
    }

    public static double FsumArray(nint array, int typeNum) => Runtime.PyMath.Fsum(ToDoubles(array, typeNum));

    public static double HypotArray(nint array, int typeNum) => Runtime.PyMath.Hypot(ToDoubles(array, typeNum));

    public static double DistArrays(nint p, nint q, int typeNum)
    {
        var a = ToDoubles(p, typeNum);
        var b = ToDoubles(q, typeNum);
        if (a.Length != b.Length) throw new Runtime.PyException("ValueError", "both points must have the same number of dimensions");
        for (int i = 0; i < a.Length; i++) a[i] = Math.Abs(a[i] - b[i]);
        return Runtime.PyMath.Hypot(a);
    }

    public static double ProdArray(nint array, int typeNum)
    {
        double product = 1.0;
        foreach (var value in ToDoubles(array, typeNum)) product *= value;
        return product;
    }

    public static long ProdArrayInt(nint array, int typeNum)
    {
        long product = 1;
        long n = NumpyRuntime.Dim(array, 0), stride = NumpyRuntime.Stride(array, 0);
        byte* data = (byte*)NumpyRuntime.Data(array);
        for (long i = 0; i < n; i++) product = unchecked(product * ReadInteger(data + i * stride, typeNum));
        return product;
    }

    internal static double[] ToDoubles(nint array, int typeNum)
    {
        long n = NumpyRuntime.Dim(array, 0), stride = NumpyRuntime.Stride(array, 0);
        byte* data = (byte*)NumpyRuntime.Data(array);
        var values = new double[n];
        for (long i = 0; i < n; i++)
        {
            byte* p = data + i * stride;
            values[i] = typeNum switch
            {
                NumpyRuntime.TypeNumFloat64 => *(double*)p,
                NumpyRuntime.TypeNumFloat32 => *(float*)p,
                _ => ReadInteger(p, typeNum),
            };
        }
        return values;
    }

    internal static long ReadInteger(byte* p, int typeNum)
    {
        int size = typeNum switch { 0 or 1 or 2 => 1, 3 or 4 => 2, 5 or 6 => 4, _ => 8 };
        bool signed = typeNum is 1 or 3 or 5 or 7 or 9;
        return (size, signed) switch
        {
            (1, true) => *(sbyte*)p, (1, false) => *p, (2, true) => *(short*)p, (2, false) => *(ushort*)p,
            (4, true) => *(int*)p, (4, false) => *(uint*)p, _ => *(long*)p,
        };
    }
}
