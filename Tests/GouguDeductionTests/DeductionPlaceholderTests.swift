import Testing
@testable import GouguDeduction

@Test func deductionModuleLoads() { #expect(Bool(true)) }
