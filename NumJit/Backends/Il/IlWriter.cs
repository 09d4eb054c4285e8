using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace NumJit.Backends.Il;

/// <summary>
/// An ILGenerator that also keeps a readable listing of what it emitted, for
/// <c>inspect_il()</c>. Recording costs microseconds, so it is always on.
/// </summary>
public sealed class IlWriter(ILGenerator il)
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<Label, string> _labelNames = new();
    private int _localCount;

    public string Listing => _text.ToString();

    /// <summary>Whether the IL will be saved and loaded in other processes (cache=True), so must not
    /// embed addresses of this process's objects.</summary>
    public bool Relocatable { get; init; }

    /// <summary>Whether the code calls into the Python bridge (NumJit.Interop, except [GilFree] readers), which needs the GIL.</summary>
    public bool CallsPythonBridge { get; private set; }

    public LocalBuilder DeclareLocal(Type type, string? name = null)
    {
        var local = il.DeclareLocal(type);
        _text.Append($"  .local {_localCount++} {Name(type)}{(name == null ? "" : " " + name)}\n");
        return local;
    }

    public Label DefineLabel()
    {
        var label = il.DefineLabel();
        _labelNames[label] = "L" + _labelNames.Count;
        return label;
    }

    public void MarkLabel(Label label)
    {
        il.MarkLabel(label);
        _text.Append(_labelNames[label]).Append(":\n");
    }

    /// <summary>Pushes ((nint*)argument)[index]: numpy's args, dims and steps arrays in loop entries.</summary>
    public void EmitLoadArgumentElement(int argument, int index)
    {
        Emit(argument switch
        {
            0 => OpCodes.Ldarg_0, 1 => OpCodes.Ldarg_1, 2 => OpCodes.Ldarg_2, 3 => OpCodes.Ldarg_3,
            _ => throw new ArgumentOutOfRangeException(nameof(argument)),
        });
        Emit(OpCodes.Ldc_I4, index * IntPtr.Size);
        Emit(OpCodes.Add);
        Emit(OpCodes.Ldind_I);
    }

    /// <summary>
    /// while (index + step &lt;= limit) { body(); index += step; }, the test at the bottom (for step 1,
    /// index &lt; limit). <paramref name="pushLimit"/> pushes the int64 limit; index is an int64 local.
    /// </summary>
    public void EmitCountedLoop(LocalBuilder index, long step, Action pushLimit, Action body)
    {
        var top = DefineLabel();
        var test = DefineLabel();
        Emit(OpCodes.Br, test);
        MarkLabel(top);
        body();
        Emit(OpCodes.Ldloc, index);
        Emit(OpCodes.Ldc_I8, step);
        Emit(OpCodes.Add);
        Emit(OpCodes.Stloc, index);
        MarkLabel(test);
        Emit(OpCodes.Ldloc, index);
        if (step != 1)
        {
            Emit(OpCodes.Ldc_I8, step);
            Emit(OpCodes.Add);
        }
        pushLimit();
        Emit(step != 1 ? OpCodes.Ble : OpCodes.Blt, top);
    }

    public void BeginTry() { il.BeginExceptionBlock(); Line(".try {"); }
    public void BeginCatch(Type exception) { il.BeginCatchBlock(exception); Line($"}} catch {Name(exception)} {{"); }
    public void EndTry() { il.EndExceptionBlock(); Line("}"); }

    public void Emit(OpCode op) { il.Emit(op); Line(op.Name!); }
    public void Emit(OpCode op, int value) { il.Emit(op, value); Line($"{op.Name} {value}"); }
    public void Emit(OpCode op, long value) { il.Emit(op, value); Line($"{op.Name} {value}"); }
    public void Emit(OpCode op, double value) { il.Emit(op, value); Line($"{op.Name} {value.ToString("R", CultureInfo.InvariantCulture)}"); }
    public void Emit(OpCode op, float value) { il.Emit(op, value); Line($"{op.Name} {value.ToString("R", CultureInfo.InvariantCulture)}"); }
    public void Emit(OpCode op, string value) { il.Emit(op, value); Line($"{op.Name} \"{value}\""); }
    public void Emit(OpCode op, Label label) { il.Emit(op, label); Line($"{op.Name} {_labelNames[label]}"); }
    public void Emit(OpCode op, Label[] labels) { il.Emit(op, labels); Line($"{op.Name} ({string.Join(", ", labels.Select(l => _labelNames[l]))})"); }
    public void Emit(OpCode op, LocalBuilder local) { il.Emit(op, local); Line($"{op.Name} {local.LocalIndex}"); }
    public void Emit(OpCode op, Type type) { il.Emit(op, type); Line($"{op.Name} {Name(type)}"); }
    public void Emit(OpCode op, FieldInfo field) { il.Emit(op, field); Line($"{op.Name} {Name(field.DeclaringType!)}::{field.Name}"); }
    public void Emit(OpCode op, ConstructorInfo ctor) { il.Emit(op, ctor); Line($"{op.Name} {Name(ctor.DeclaringType!)}::.ctor"); }

    public void Emit(OpCode op, MethodInfo method)
    {
        il.Emit(op, method);
        // The attribute lookup is reflection: done only until the first bridge call is found.
        if (!CallsPythonBridge && method.DeclaringType?.Namespace == "NumJit.Interop" &&
            !method.IsDefined(typeof(Interop.GilFreeAttribute), false))
            CallsPythonBridge = true;
        Line($"{op.Name} {(method.DeclaringType == null ? "" : Name(method.DeclaringType) + "::")}{method.Name}");
    }

    private void Line(string text) => _text.Append("  ").Append(text).Append('\n');

    public static string Name(Type type)
    {
        if (type is TypeBuilder || !type.IsGenericType) return type.Name;
        return type.Name.Split('`')[0] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
