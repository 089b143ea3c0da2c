import Foundation
import Testing
@testable import GouguNeural

/// Groups of `size` candidates with `inputs` random features each, whose positive is the
/// candidate with the largest first feature plus a quarter of the second: a ranking that a
/// small network must learn.
private func toyGroups(_ count: Int, size: Int = 12, inputs: Int = 5, seed: UInt64) -> [RankingGroup] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let features = (0..<(size * inputs)).map { _ in Float(random.nextGaussian()) }
        let value = (0..<size).map { features[$0 * inputs] + 0.25 * features[$0 * inputs + 1] }
        return RankingGroup(features: features, count: size, positives: [value.indices.max { value[$0] < value[$1] }!])
    }
}

@Suite struct RankerNetworkTests {
    @Test func theGradientOfTheListwiseLossMatchesFiniteDifferences() {
        let network = RankerNetwork(config: RankerConfig(inputs: 4, hidden: [6, 5]), seed: 3)
        let batch = toyGroups(3, size: 5, inputs: 4, seed: 9)
        let linalg = Linalg.singleThreaded()
        let (_, gradient) = network.lossAndGradient(batch, linalg: linalg)
        let original = network.parameters
        let error = finiteDifferenceError(original, analytic: gradient, h: 1e-3) { parameters in
            network.parameters = parameters
            return network.lossAndGradient(batch, linalg: linalg).0
        }
        network.parameters = original
        #expect(error < 0.02)
    }

    @Test func trainingLearnsARankingItCanApplyToNewGroups() {
        let network = RankerNetwork(config: RankerConfig(inputs: 5, hidden: [16, 16]), seed: 1)
        let heldOut = toyGroups(200, inputs: 5, seed: 2)
        let before = RankingQuality.of(heldOut) { network.scores(features: $0.features, count: $0.count) }
        var options = RankerNetwork.TrainingOptions()
        options.epochs = 15
        network.train(toyGroups(1500, inputs: 5, seed: 1), options: options, linalg: .singleThreaded())
        let after = RankingQuality.of(heldOut) { network.scores(features: $0.features, count: $0.count) }
        // By chance the positive is first in 1 group of 12.
        #expect(before.top1 < 60)
        #expect(after.top1 > 150)
        #expect(after.meanReciprocalRank > 0.85)
    }

    @Test func aSavedNetworkScoresAsTheOriginal() throws {
        let network = RankerNetwork(config: RankerConfig(inputs: 5, hidden: [8]), seed: 4)
        var options = RankerNetwork.TrainingOptions()
        options.epochs = 2
        network.train(toyGroups(50, inputs: 5, seed: 5), options: options, linalg: .singleThreaded())
        let loaded = try RankerNetwork(file: SafetensorsFile(data: network.safetensors().serialized()))
        let group = toyGroups(1, inputs: 5, seed: 6)[0]
        #expect(loaded.config == network.config)
        #expect(loaded.scores(features: group.features, count: group.count) == network.scores(features: group.features, count: group.count))
    }

    @Test func aFileWithoutARankerConfigIsRefused() {
        #expect(throws: SafetensorsError.self) { try RankerNetwork(file: SafetensorsFile()) }
    }

    @Test func qualityCountsTiesAgainstThePositive() {
        let group = RankingGroup(features: [0, 0, 0], count: 3, positives: [1])
        let quality = RankingQuality.of([group]) { _ in [1, 1, 0] }
        #expect(quality.top1 == 0 && quality.top5 == 1 && quality.groups == 1)
        #expect(quality.meanReciprocalRank == 0.5)
    }
}
