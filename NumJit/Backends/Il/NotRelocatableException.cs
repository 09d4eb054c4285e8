namespace NumJit.Backends.Il;

/// <summary>Code that cannot be saved for another process (it embeds an address of this one).</summary>
public sealed class NotRelocatableException(string reason) : Exception(reason);
