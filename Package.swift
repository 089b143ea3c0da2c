// swift-tools-version: 6.0
//
// Gougu (勾股): an olympiad-geometry prover. See README.md for the module map.

import PackageDescription

/// Release builds target the CPU family of the machines we run on (x86-64-v3: AVX2 + FMA),
/// so that the neural kernels compile to fused multiply-adds. Override with
/// `GOUGU_PORTABLE=1 swift build` for an older CPU.
let portable = Context.environment["GOUGU_PORTABLE"] != nil
let cpuFlags: [SwiftSetting] = portable ? [] : [
    .unsafeFlags(["-Xcc", "-march=x86-64-v3"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Gougu",
    products: [
        .library(name: "Gougu", targets: ["Gougu"]),
        .executable(name: "gougu", targets: ["GouguCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Exact arithmetic: GMP through a system-library target, `Rational` on top.
        .systemLibrary(
            name: "CGMP",
            path: "Sources/CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"])]
        ),
        .target(name: "GouguArithmetic", dependencies: ["CGMP"]),

        // The theorem library as data: constructions and rules, embedded in the binary.
        .target(
            name: "GouguTheoremLibrary",
            path: "TheoremLibrary",
            exclude: ["README.md"],
            sources: ["TheoremLibraryFiles.swift"],
            resources: [
                .embedInCode("constructions.txt"),
                .embedInCode("predicates.txt"),
                .embedInCode("rules.txt"),
            ]
        ),

        // The problem language: lexer, parser, AST, diagnostics, construction definitions.
        .target(name: "GouguLanguage", dependencies: ["GouguTheoremLibrary"]),

        // Numeric diagrams: coordinates, construction placement, numeric fact checks.
        .target(name: "GouguGeometry", dependencies: ["GouguLanguage"]),

        // The proof documents, `gougu-proof/3` (the model, its JSON and its text) and the
        // certificate of a proof by coordinates, `gougu-coordinates/1` (its JSON, polynomials
        // as text), written and read in one place. Data only: what a proof claims, never
        // whether it holds.
        .target(name: "GouguProof"),

        // The deduction engine: fact store, rules (DD), algebraic reasoning (AR), traceback.
        .target(name: "GouguDeduction", dependencies: ["GouguArithmetic", "GouguLanguage", "GouguGeometry", "GouguProof"]),

        // Polynomials and rational functions with exact rational coefficients.
        .target(name: "GouguPolynomials", dependencies: ["GouguArithmetic"]),

        // Proofs by coordinates: points as rational functions of parameters, goals as
        // polynomial identities modulo the algebraic parameters' relations.
        .target(name: "GouguAlgebraicProof", dependencies: ["GouguPolynomials", "GouguLanguage", "GouguGeometry",
                                                            "GouguPredicatePolynomials", "GouguCoordinateCheck"]),

        // The theorem library's meaning of each predicate as polynomial equations in
        // coordinates, shared by the coordinate prover and the certificate checker.
        .target(name: "GouguPredicatePolynomials", dependencies: ["GouguPolynomials", "GouguLanguage", "GouguGeometry"]),

        // The checker of proofs by coordinates (`gougu-coordinates/1` certificates): trusts the
        // polynomial arithmetic, the predicates' polynomial meaning, the parser and the
        // diagram, never the coordinate prover.
        .target(name: "GouguCoordinateCheck", dependencies: ["GouguArithmetic", "GouguPolynomials", "GouguLanguage",
                                                             "GouguGeometry", "GouguPredicatePolynomials", "GouguProof"]),

        // The proof checker: trusts the theorem library, the parser and `Rational`, never the engine;
        // reads proofs as `GouguProof` models them.
        .target(name: "GouguProofCheck", dependencies: ["GouguArithmetic", "GouguLanguage", "GouguTheoremLibrary", "GouguGeometry", "GouguProof"]),

        // Synthetic training data: random premises, saturation, goals, proofs, auxiliary points.
        .target(name: "GouguSynthesis", dependencies: ["GouguDeduction", "GouguGeometry", "GouguLanguage", "GouguProof", "GouguSearch",
                                                       "GouguSolver"]),

        .target(
            name: "GouguSolver",
            dependencies: ["GouguArithmetic", "GouguLanguage", "GouguGeometry", "GouguDeduction", "GouguAlgebraicProof",
                           "GouguProof", "GouguProofCheck", "GouguCoordinateCheck", "GouguSearch", "GouguProposer", "GouguProofPage"]
        ),

        // Search: auxiliary constructions (proposers) and best-first search over augmented problems.
        .target(
            name: "GouguSearch",
            dependencies: ["GouguArithmetic", "GouguDeduction", "GouguGeometry", "GouguLanguage", "GouguProof",
                           .product(name: "HeapModule", package: "swift-collections")]
        ),

        // The neural proposer: canonical names, the training corpus, the shipped model.
        .target(
            name: "GouguProposer",
            dependencies: ["GouguDeduction", "GouguGeometry", "GouguLanguage", "GouguSearch", "GouguNeural"],
            resources: [.copy("Resources/proposer.safetensors"), .copy("Resources/ranker.safetensors")]
        ),

        // SVG figures of diagrams.
        .target(name: "GouguFigures", dependencies: ["GouguGeometry"]),

        .target(name: "GouguProofPage", dependencies: ["GouguFigures", "GouguGeometry", "GouguLanguage", "GouguDeduction", "GouguAlgebraicProof",
                                                       "GouguProof"]),

        // The neural core: tensors, matmul kernels, the transformer, tokenizer, training.
        .target(name: "GouguNeural", swiftSettings: cpuFlags),

        // The library users import.
        .target(
            name: "Gougu",
            dependencies: ["GouguArithmetic", "GouguLanguage", "GouguGeometry", "GouguDeduction", "GouguProof", "GouguProofCheck", "GouguSearch",
                           "GouguPolynomials", "GouguPredicatePolynomials", "GouguAlgebraicProof", "GouguCoordinateCheck",
                           "GouguFigures", "GouguProofPage", "GouguNeural", "GouguSynthesis", "GouguProposer", "GouguSolver"]
        ),

        // The `gougu` command.
        .executableTarget(
            name: "GouguCLI",
            dependencies: [
                "Gougu",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks live apart from tests: `swift run -c release <name>`.
        .executableTarget(
            name: "RationalBenchmarks",
            dependencies: ["GouguArithmetic"],
            path: "Benchmarks/RationalBenchmarks"
        ),
        .executableTarget(
            name: "AlgebraBenchmarks",
            dependencies: ["GouguArithmetic", "GouguDeduction"],
            path: "Benchmarks/AlgebraBenchmarks"
        ),
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: ["GouguNeural"],
            path: "Benchmarks/KernelBenchmarks",
            swiftSettings: cpuFlags
        ),

        // Test helpers: where `../shared/` and the repository's own files are.
        .target(name: "GouguTestSupport", path: "Tests/Support"),
        .testTarget(name: "GouguArithmeticTests", dependencies: ["GouguArithmetic", "GouguTestSupport"]),
        .testTarget(name: "GouguPolynomialsTests", dependencies: ["GouguPolynomials"]),
        .testTarget(name: "GouguAlgebraicProofTests", dependencies: ["GouguAlgebraicProof", "GouguPredicatePolynomials", "GouguGeometry", "GouguLanguage", "GouguTestSupport"]),
        .testTarget(name: "GouguCoordinateCheckTests", dependencies: ["GouguCoordinateCheck", "GouguAlgebraicProof", "GouguGeometry",
                                                                  "GouguLanguage", "GouguPolynomials", "GouguProof", "GouguTestSupport"]),
        .testTarget(name: "GouguLanguageTests", dependencies: ["GouguLanguage", "GouguTheoremLibrary", "GouguTestSupport"]),
        .testTarget(name: "GouguGeometryTests", dependencies: ["GouguGeometry", "GouguFigures", "GouguTestSupport",
                                                            "GouguPolynomials", "GouguPredicatePolynomials", "GouguArithmetic"]),
        .testTarget(name: "GouguProofTests", dependencies: ["GouguProof"]),
        .testTarget(name: "GouguDeductionTests", dependencies: ["GouguDeduction", "GouguProof", "GouguTestSupport"]),
        .testTarget(name: "GouguProofCheckTests", dependencies: ["GouguProofCheck", "GouguProof", "GouguDeduction", "GouguSearch", "GouguTestSupport"]),
        .testTarget(name: "GouguNeuralTests", dependencies: ["GouguNeural"]),
        .testTarget(name: "GouguSynthesisTests", dependencies: ["GouguSynthesis", "GouguProof", "GouguProofCheck", "GouguTestSupport"]),
        .testTarget(name: "GouguSearchTests", dependencies: ["GouguSearch", "GouguProof", "GouguTestSupport"]),
        .testTarget(name: "GouguProposerTests", dependencies: ["GouguProposer", "GouguSearch", "GouguTestSupport"]),
        .testTarget(name: "GouguTests", dependencies: ["Gougu", "GouguTestSupport"]),
        .testTarget(name: "GouguCLITests", dependencies: ["GouguCLI", "GouguTestSupport"], exclude: ["Golden"]),
    ]
)
