using NumJit.IR.Types;

namespace NumJit.Gpu.Backends.Ptx;

/// <summary>
/// How NumJit types live in PTX registers and memory. Booleans and integers narrower than 32
/// bits are held in 32-bit registers (sign- or zero-extended), as PTX has no arithmetic on
/// 8-bit registers; array elements keep numpy's sizes (bool is one byte).
/// </summary>
public static class PtxTypes
{
    /// <summary>The virtual register family: %r (32-bit), %rd (64-bit), %f (f32), %fd (f64).</summary>
    public static string RegisterPrefix(NjType type) => type switch
    {
        BooleanType => "%r",
        IntegerType { Bits: <= 32 } => "%r",
        IntegerType => "%rd",
        FloatType { Bits: 32 } => "%f",
        FloatType => "%fd",
        _ => throw Unsupported(type),
    };

    /// <summary>The instruction type for arithmetic and comparisons on a register of this type.</summary>
    public static string Arithmetic(NjType type) => type switch
    {
        BooleanType => "u32",
        IntegerType { Bits: <= 32, Signed: true } => "s32",
        IntegerType { Bits: <= 32 } => "u32",
        IntegerType { Signed: true } => "s64",
        IntegerType => "u64",
        FloatType { Bits: 32 } => "f32",
        FloatType => "f64",
        _ => throw Unsupported(type),
    };

    /// <summary>The type neg and abs take: they have no unsigned forms (two's complement negation gives the same bits).</summary>
    public static string Signed(NjType type) => type is IntegerType or BooleanType ? (Bits(type) == "b64" ? "s64" : "s32") : Arithmetic(type);

    /// <summary>The untyped bits of a register (mov, selp, param passing).</summary>
    public static string Bits(NjType type) => RegisterPrefix(type) is "%rd" or "%fd" ? "b64" : "b32";

    /// <summary>The instruction type for loading or storing an element (or a kernel parameter) of this type.</summary>
    public static string Memory(NjType type) => type switch
    {
        BooleanType => "u8",
        IntegerType { Bits: 8, Signed: true } => "s8",
        IntegerType { Bits: 8 } => "u8",
        IntegerType { Bits: 16, Signed: true } => "s16",
        IntegerType { Bits: 16 } => "u16",
        _ => Arithmetic(type),
    };

    public static int Size(NjType type) => type switch
    {
        BooleanType => 1,
        IntegerType i => i.Bits / 8,
        FloatType f => f.Bits / 8,
        _ => throw Unsupported(type),
    };

    public static bool IsNarrowInteger(NjType type) => type is IntegerType { Bits: < 32 };

    private static CompilerError Unsupported(NjType type) =>
        new("UnsupportedError", $"values of type {type} are not supported in GPU code (numbers, tuples of them and arrays are)");
}
