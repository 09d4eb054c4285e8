namespace NumJit.Gpu.Backends.Ptx;

/// <summary>
/// The <c>.version</c> and <c>.target</c> a kernel's PTX declares, chosen from the driver and
/// the device: the newest PTX ISA the driver loads, and the device's own architecture where
/// that ISA can name it (else the newest older one it can: the driver's JIT compiles PTX for an
/// older architecture forward). NumJit's PTX uses nothing beyond ISA 6.4 and sm_60 (f64
/// atomic add), which <see cref="Baseline"/> names for emitting without a driver.
/// </summary>
public sealed record PtxTarget(string Version, string Target)
{
    public static readonly PtxTarget Baseline = new("6.4", "sm_60");

    /// <summary>(first CUDA release loading it as cuDriverGetVersion spells it, PTX ISA as 10 * major + minor), newest first.</summary>
    private static readonly (int Driver, int Isa)[] DriverIsa =
    [
        (13010, 91), (13000, 90), (12090, 88), (12080, 87), (12070, 86), (12050, 85), (12040, 84), (12030, 83), (12020, 82),
        (12010, 81), (12000, 80), (11080, 78), (11070, 77), (11060, 76), (11050, 75), (11040, 74), (11030, 73), (11020, 72),
        (11010, 71), (11000, 70), (10020, 65), (10010, 64),
    ];

    /// <summary>(architecture as 10 * major + minor, the first PTX ISA naming it), newest first.</summary>
    private static readonly (int Arch, int Isa)[] ArchIsa =
    [
        (121, 88), (120, 87), (110, 90), (103, 88), (100, 86), (90, 78), (89, 78), (88, 90), (87, 74), (86, 71), (80, 70),
        (75, 63), (72, 61), (70, 60), (62, 50), (61, 50), (60, 50),
    ];

    /// <summary>The target for a driver (cuDriverGetVersion's value: 12080 for CUDA 12.8) and a device; null where
    /// NumJit's PTX cannot run: a driver older than CUDA 10.1 (ISA 6.4) or a device older than sm_60.</summary>
    public static PtxTarget? For(int driverVersion, int major, int minor)
    {
        int arch = 10 * major + minor;
        var driver = DriverIsa.FirstOrDefault(d => driverVersion >= d.Driver);
        if (arch < 60 || driver.Driver == 0) return null;
        int target = ArchIsa.First(a => a.Arch <= arch && a.Isa <= driver.Isa).Arch;
        return new PtxTarget($"{driver.Isa / 10}.{driver.Isa % 10}", $"sm_{target}");
    }
}
