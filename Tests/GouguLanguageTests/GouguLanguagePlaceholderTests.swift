import Testing
@testable import GouguLanguage

@Test func moduleLoads() { #expect(Bool(true)) }
