/// A hash that is the same on every run and platform (Swift's `Hasher` is seeded per
/// process): for choices that must be reproducible, such as which synthetic examples are
/// held out, a bench report's fingerprint of its input files, and the noise of a perturbed
/// search order.
public enum StableHash {
    /// FNV-1a (64 bits) of some bytes.
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
