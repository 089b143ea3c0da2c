import Testing
@testable import GouguSearch
