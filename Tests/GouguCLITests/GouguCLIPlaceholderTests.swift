import Testing
@testable import GouguCLI

@Test func moduleLoads() { #expect(Bool(true)) }
