import Testing
@testable import GouguArithmetic

@Test func moduleLoads() { #expect(Bool(true)) }
