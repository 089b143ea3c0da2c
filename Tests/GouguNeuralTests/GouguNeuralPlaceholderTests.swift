import Testing
@testable import GouguNeural

@Test func moduleLoads() { #expect(Bool(true)) }
