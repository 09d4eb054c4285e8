using NUnit.Framework;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NumJit.Tests.Runtime;

/// <summary>
/// Loads the generated reference tables under Runtime/Data. They are looked up next to the
/// test assembly first and then next to this source file, so the tests work whether or not
/// the project copies the data files to the output directory.
/// </summary>
internal static class RefData
{
    public static IEnumerable<string[]> Rows(string file, string name, [CallerFilePath] string here = "")
    {
        string path = Locate(file, here);
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] parts = line.Split(' ');
            if (parts[0] == name) yield return parts;
        }
    }

    private static string Locate(string file, string here)
    {
        string a = Path.Combine(TestContext.CurrentContext.TestDirectory, "Runtime", "Data", file);
        if (File.Exists(a)) return a;
        string b = Path.Combine(Path.GetDirectoryName(here) ?? ".", "Data", file);
        if (File.Exists(b)) return b;
        Assert.Fail($"reference data {file} not found at {a} or {b}");
        return "";
    }

    public static double D(string s) => s switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Bitwise equality, except that every nan equals every nan.</summary>
    public static bool SameDouble(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>Distance in units in the last place, treating -0.0 and 0.0 alike.</summary>
    public static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        if (a == b) return 0;
        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        if (ia < 0) ia = long.MinValue - ia;
        if (ib < 0) ib = long.MinValue - ib;
        return Math.Abs(ia - ib);
    }

    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture) + $" [0x{BitConverter.DoubleToInt64Bits(v):X16}]";
}
