import Foundation
import Testing
@testable import GouguNeural

func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("gougu-neural-\(UInt64.random(in: 0...UInt64.max))-\(name)")
}

@Test func safetensorsRoundTripsF32ExactlyThroughAFile() throws {
    let file = SafetensorsFile(tensors: ["w": SafetensorsTensor(shape: [2, 3], values: [1, -2, 3.5, 1e-30, .infinity, 0])],
                               metadata: ["note": "hello \"quoted\"\n"])
    let url = temporaryURL("a.safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try file.write(to: url)
    #expect(try SafetensorsFile(contentsOf: url) == file)
}

@Test func safetensorsHeaderFollowsTheFormat() throws {
    let data = SafetensorsFile(tensors: ["b": SafetensorsTensor(shape: [1], values: [2]),
                                         "a": SafetensorsTensor(dtype: .f16, shape: [2], values: [1, 2])]).serialized()
    let bytes = [UInt8](data)
    let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
    #expect(n % 8 == 0)
    let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as! [String: [String: Any]]
    #expect(header["a"]?["dtype"] as? String == "F16")
    #expect(header["a"]?["data_offsets"] as? [Int] == [0, 4])
    #expect(header["b"]?["data_offsets"] as? [Int] == [4, 8])
    #expect(bytes.count == 8 + n + 8)
}

@Test("F16 and BF16 round-trip values representable in them", arguments: [SafetensorsDType.f16, .bf16])
func halfPrecisionRoundTrips(dtype: SafetensorsDType) throws {
    let values: [Float] = [0, 1, -2, 0.5, 3.75, -1024, 0.0078125]
    let file = SafetensorsFile(tensors: ["h": SafetensorsTensor(dtype: dtype, shape: [7], values: values)])
    #expect(try SafetensorsFile(data: file.serialized()).tensors["h"]?.values == values)
}

@Test func bfloat16RoundsToNearestEven() {
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1).
    #expect(SafetensorsFile.bfloat16Bits(1 + 1.0 / 256) == 0x3F80)
    #expect(SafetensorsFile.bfloat16Bits(1 + 3.0 / 256) == 0x3F82)
}

@Test func truncatedFileIsRejected() {
    let data = SafetensorsFile(tensors: ["w": SafetensorsTensor(shape: [4], values: [1, 2, 3, 4])]).serialized()
    #expect(throws: SafetensorsError.self) { try SafetensorsFile(data: data.prefix(data.count - 4)) }
}

@Test func modelSavesAndLoadsWithConfigAndVocabulary() throws {
    let tokenizer = toyTokenizer
    let config = TransformerConfig(vocabSize: tokenizer.count, contextLength: 8, dim: 8, layers: 1, heads: 2)
    let model = Transformer(config: config, seed: 3, linalg: .singleThreaded())
    let url = temporaryURL("m.safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try model.save(to: url, tokenizer: tokenizer)
    let file = try SafetensorsFile(contentsOf: url)
    let loaded = try Transformer(file: file, linalg: .singleThreaded())
    #expect(loaded.config == config)
    #expect((0..<model.parameterCount).allSatisfy { loaded.parameters[$0] == model.parameters[$0] })
    #expect(Tokenizer(file: file) == tokenizer)
}

@Test func ropeModelRoundTripsAndHasNoPositionTable() throws {
    let config = TransformerConfig(vocabSize: 9, contextLength: 8, dim: 8, layers: 1, heads: 2, positions: .rope)
    let model = Transformer(config: config, seed: 3, linalg: .singleThreaded())
    #expect(!model.layout.tensors.contains { $0.name == "position_embedding" })
    let loaded = try Transformer(file: SafetensorsFile(data: model.safetensors().serialized()), linalg: .singleThreaded())
    #expect(loaded.config == config)
}

@Test func configWithoutPositionsDecodesAsLearned() throws {
    let json = #"{"vocabSize":5,"contextLength":4,"dim":4,"layers":1,"heads":1,"hiddenDim":16}"#
    let config = try JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
    #expect(config.positions == .learned && config.hiddenDim == 16)
}

@Test func loadingRejectsAShapeMismatch() throws {
    let a = Transformer(config: TransformerConfig(vocabSize: 5, contextLength: 4, dim: 4, layers: 1, heads: 1), seed: 1,
                        linalg: .singleThreaded())
    let b = Transformer(config: TransformerConfig(vocabSize: 6, contextLength: 4, dim: 4, layers: 1, heads: 1), seed: 1,
                        linalg: .singleThreaded())
    #expect(throws: SafetensorsError.self) { try b.loadParameters(from: a.safetensors()) }
}
