// The umbrella module: `import Gougu` gives the whole public API.
@_exported import GouguArithmetic
@_exported import GouguLanguage
@_exported import GouguGeometry
@_exported import GouguDeduction
@_exported import GouguProof
@_exported import GouguPolynomials
@_exported import GouguPredicatePolynomials
@_exported import GouguAlgebraicProof
@_exported import GouguCoordinateCheck
@_exported import GouguProofCheck
@_exported import GouguSearch
@_exported import GouguFigures
@_exported import GouguProofPage
@_exported import GouguNeural
@_exported import GouguSynthesis
@_exported import GouguProposer
@_exported import GouguSolver
