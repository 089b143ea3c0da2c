#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The resident memory of this process, which the engine's and the search's memory budgets
/// are measured against.
///
/// On Linux it is the second field of `/proc/self/statm` (resident pages), read with plain
/// system calls into a stack buffer: budgets are checked after every rule of every round and
/// before every state of the search, and reading the file through Foundation's string API
/// cost about a tenth of the time of `gougu generate`. Where there is no `/proc`, there is no
/// reading (nil) and memory budgets are not enforced.
public enum ResidentMemory {
    /// Bytes per page, asked once.
    private static let pageBytes = Double(sysconf(Int32(_SC_PAGESIZE)))

    /// The resident memory now, in MiB (nil where it cannot be read).
    public static func currentMiB() -> Double? {
        #if os(Linux)
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let pages: Int? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return nil }
            return secondField(of: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
        return pages.map { Double($0) * pageBytes / 1_048_576 }
        #else
        return nil
        #endif
    }

    /// The second of the space-separated decimal numbers in `text` (statm: size, resident, ...).
    static func secondField(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        let space = UInt8(ascii: " "), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        guard let firstSpace = text.firstIndex(of: space) else { return nil }
        var value = 0
        var digits = 0
        for byte in text[(firstSpace + 1)...] {
            guard byte >= zero, byte <= nine else { break }
            value = value * 10 + Int(byte - zero)
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}

/// Reads `ResidentMemory` at most once per `interval` and answers from the last reading in
/// between, for loops that check a memory budget far more often than memory can grow by much.
/// Not shared between threads: each loop (or a lock around it) owns one.
public struct MemorySampler {
    /// The longest a reading is reused.
    public let interval: Duration
    private let read: () -> Double?
    private var lastReading: (at: ContinuousClock.Instant, mib: Double?)?

    /// A sampler of `read` (by default this process's resident memory).
    public init(interval: Duration = .milliseconds(5), read: @escaping () -> Double? = ResidentMemory.currentMiB) {
        self.interval = interval
        self.read = read
    }

    /// The resident memory in MiB, read again if the last reading is older than `interval`.
    public mutating func residentMiB() -> Double? {
        if let lastReading, ContinuousClock.now - lastReading.at < interval { return lastReading.mib }
        return freshResidentMiB()
    }

    /// The resident memory in MiB read now (after memory was freed, say), remembered for
    /// the next `interval`.
    public mutating func freshResidentMiB() -> Double? {
        let mib = read()
        lastReading = (ContinuousClock.now, mib)
        return mib
    }
}
