#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import GouguDeduction

/// Reading this process's resident memory, which every memory budget is measured against.
@Suite struct ResidentMemoryTests {
    func secondField(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { ResidentMemory.secondField(of: $0) }
    }

    @Test func theResidentPagesAreTheSecondFieldOfStatm() {
        #expect(secondField("3517 912 604 197 0 371 0\n") == 912)
        #expect(secondField("1 2") == 2)
    }

    @Test func malformedStatmGivesNoReading() {
        #expect(secondField("3517") == nil)
        #expect(secondField("3517 x 604") == nil)
        #expect(secondField("") == nil)
    }

    #if os(Linux)
    /// Other tests allocate and free at the same time, so the reading is compared with the
    /// process's peak, which only grows: read between two peaks, it lies below the second.
    @Test func theReadingIsPositiveAndAtMostThePeak() throws {
        let reading = try #require(ResidentMemory.currentMiB())
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024
        #expect(reading > 1)
        #expect(reading <= peakMiB + 1)
    }
    #endif

    /// A reader whose answers the test sets.
    final class Gauge: @unchecked Sendable {
        var mib = 100.0
        var reads = 0
        func read() -> Double? { reads += 1; return mib }
    }

    @Test func aSamplerAnswersFromItsLastReadingWithinItsInterval() {
        let gauge = Gauge()
        var sampler = MemorySampler(interval: .seconds(3600), read: gauge.read)
        #expect(sampler.residentMiB() == 100)
        gauge.mib = 500
        #expect(sampler.residentMiB() == 100)
        #expect(gauge.reads == 1)
        #expect(sampler.freshResidentMiB() == 500)
        gauge.mib = 50
        #expect(sampler.residentMiB() == 500)
        #expect(gauge.reads == 2)
    }

    @Test func aSamplerWithNoIntervalReadsEveryTime() {
        let gauge = Gauge()
        var sampler = MemorySampler(interval: .zero, read: gauge.read)
        #expect(sampler.residentMiB() == 100)
        gauge.mib = 500
        #expect(sampler.residentMiB() == 500)
        #expect(gauge.reads == 2)
    }
}
