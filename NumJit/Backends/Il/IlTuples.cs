using System.Reflection.Emit;
using NumJit.IR.Types;

namespace NumJit.Backends.Il;

/// <summary>ValueTuple construction and item access, nesting through Rest past seven items.</summary>
public static class IlTuples
{
    /// <summary>Builds a tuple from the items on the stack.</summary>
    public static void EmitConstruct(IlWriter il, Type[] items)
    {
        if (items.Length == 0)
        {
            var empty = il.DeclareLocal(typeof(ValueTuple));
            il.Emit(OpCodes.Ldloca, empty);
            il.Emit(OpCodes.Initobj, typeof(ValueTuple));
            il.Emit(OpCodes.Ldloc, empty);
            return;
        }
        if (items.Length > 7)
        {
            // The items past the seventh form the nested Rest tuple: spill, reload, build it first.
            var temps = items.Select(t => il.DeclareLocal(t)).ToArray();
            for (int i = items.Length - 1; i >= 0; i--) il.Emit(OpCodes.Stloc, temps[i]);
            foreach (var t in temps) il.Emit(OpCodes.Ldloc, t);
            EmitConstruct(il, items[7..]);
        }
        var type = ClrTypes.Tuple(items);
        il.Emit(OpCodes.Newobj, type.GetConstructors().Single(c => c.GetParameters().Length == type.GetGenericArguments().Length));
    }

    /// <summary>Replaces the tuple on the stack by its item <paramref name="index"/>.</summary>
    public static void EmitField(IlWriter il, TupleType tuple, int index)
    {
        var clr = ClrTypes.Of(tuple);
        while (index >= 7)
        {
            il.Emit(OpCodes.Ldfld, clr.GetField("Rest")!);
            clr = clr.GetGenericArguments()[7];
            index -= 7;
        }
        il.Emit(OpCodes.Ldfld, clr.GetField("Item" + (index + 1))!);
    }
}
