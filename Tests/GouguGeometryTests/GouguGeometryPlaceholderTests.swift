import Testing
@testable import GouguGeometry

@Test func moduleLoads() { #expect(Bool(true)) }
