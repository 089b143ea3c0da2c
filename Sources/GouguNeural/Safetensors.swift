import Foundation

/// Element types supported in safetensors files.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    /// IEEE 754 single precision.
    case f32 = "F32"
    /// IEEE 754 half precision.
    case f16 = "F16"
    /// bfloat16 (the upper half of an F32, rounded to nearest even).
    case bf16 = "BF16"

    /// Bytes per element.
    public var size: Int { self == .f32 ? 4 : 2 }
}

/// An error reading a safetensors file.
public struct SafetensorsError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String
}

/// One tensor of a safetensors file, with its values widened to Float.
public struct SafetensorsTensor: Sendable, Equatable {
    /// Element type in the file.
    public var dtype: SafetensorsDType
    /// Shape, row-major.
    public var shape: [Int]
    /// Values, `shape.reduce(1, *)` of them.
    public var values: [Float]

    /// Creates a tensor; `values.count` must match `shape`.
    public init(dtype: SafetensorsDType = .f32, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape does not match value count")
        self.dtype = dtype
        self.shape = shape
        self.values = values
    }
}

/// A safetensors file: an 8-byte little-endian header length, a JSON header mapping each
/// tensor name to `{"dtype", "shape", "data_offsets"}` (plus optional string metadata under
/// `__metadata__`), then the raw little-endian tensor data.
/// See https://huggingface.co/docs/safetensors for the format.
public struct SafetensorsFile: Sendable, Equatable {
    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]
    /// Tensors by name.
    public var tensors: [String: SafetensorsTensor]

    /// Creates a file from tensors and metadata.
    public init(tensors: [String: SafetensorsTensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    // MARK: writing

    /// Serialises the file; tensors are written in name order, each in its own `dtype`.
    public func serialized() -> Data {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let bytes = t.values.count * t.dtype.size
            entries.append("\(jsonString(name)):{\"dtype\":\"\(t.dtype.rawValue)\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }  // pad with spaces to 8 bytes
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            let t = tensors[name]!
            switch t.dtype {
            case .f32:
                var le = t.values.map { $0.bitPattern.littleEndian }
                le.withUnsafeMutableBytes { data.append(contentsOf: $0) }
            case .f16:
                var le = t.values.map { Float16($0).bitPattern.littleEndian }
                le.withUnsafeMutableBytes { data.append(contentsOf: $0) }
            case .bf16:
                var le = t.values.map { SafetensorsFile.bfloat16Bits($0).littleEndian }
                le.withUnsafeMutableBytes { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Writes the file to `url` (atomically).
    public func write(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    // MARK: reading

    /// Reads and validates a safetensors file.
    public init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url))
    }

    /// Parses safetensors bytes. Supports F32, F16 and BF16 tensors.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw SafetensorsError(description: "file shorter than 8 bytes") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw SafetensorsError(description: "header length \(headerLength) exceeds file size")
        }
        let dataStart = 8 + Int(headerLength)
        let json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        guard let header = json as? [String: Any] else { throw SafetensorsError(description: "header is not a JSON object") }
        var tensors: [String: SafetensorsTensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw SafetensorsError(description: "__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw SafetensorsError(description: "metadata '\(k)' is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let entry = value as? [String: Any],
                  let dtypeName = entry["dtype"] as? String,
                  let shapeAny = entry["shape"] as? [Any],
                  let offsetsAny = entry["data_offsets"] as? [Any], offsetsAny.count == 2
            else { throw SafetensorsError(description: "tensor '\(name)' has a malformed header entry") }
            guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
                throw SafetensorsError(description: "tensor '\(name)' has unsupported dtype \(dtypeName)")
            }
            let shape = try shapeAny.map { v -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0 else { throw SafetensorsError(description: "bad shape in '\(name)'") }
                return n
            }
            let offsets = try offsetsAny.map { v -> Int in
                guard let n = (v as? NSNumber)?.intValue, n >= 0 else { throw SafetensorsError(description: "bad offsets in '\(name)'") }
                return n
            }
            let count = shape.reduce(1, *)
            let begin = dataStart + offsets[0], end = dataStart + offsets[1]
            guard offsets[1] - offsets[0] == count * dtype.size, end <= bytes.count else {
                throw SafetensorsError(description: "tensor '\(name)' data range does not match its shape and dtype")
            }
            var values = [Float](repeating: 0, count: count)
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress! + begin
                for i in 0..<count {
                    switch dtype {
                    case .f32:
                        values[i] = Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    case .f16:
                        values[i] = Float(Float16(bitPattern: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))))
                    case .bf16:
                        values[i] = Float(bitPattern: UInt32(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16)
                    }
                }
            }
            tensors[name] = SafetensorsTensor(dtype: dtype, shape: shape, values: values)
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The bfloat16 bit pattern nearest to `x` (round to nearest even; NaN stays NaN).
    public static func bfloat16Bits(_ x: Float) -> UInt16 {
        if x.isNaN { return 0x7FC0 }
        let bits = x.bitPattern
        let rounding = UInt32(0x7FFF) + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
    }
}

/// A JSON string literal for `s`.
private func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}

extension Transformer {
    /// Metadata key holding the JSON-encoded `TransformerConfig`.
    public static let configMetadataKey = "gougu.config"
    /// Metadata key holding the tokenizer vocabulary, one token per line.
    public static let vocabularyMetadataKey = "gougu.vocabulary"

    /// The weights as a safetensors file (names from `layout`), with the config (and the
    /// tokenizer's vocabulary, if given) in the metadata.
    public func safetensors(dtype: SafetensorsDType = .f32, tokenizer: Tokenizer? = nil,
                            metadata extra: [String: String] = [:]) -> SafetensorsFile {
        var file = SafetensorsFile()
        for t in layout.tensors {
            file.tensors[t.name] = SafetensorsTensor(
                dtype: dtype, shape: t.shape, values: Array(UnsafeBufferPointer(start: parameters + t.offset, count: t.count)))
        }
        file.metadata = extra
        file.metadata[Transformer.configMetadataKey] = String(decoding: try! JSONEncoder().encode(config), as: UTF8.self)
        if let tokenizer { file.metadata[Transformer.vocabularyMetadataKey] = tokenizer.vocabulary.joined(separator: "\n") }
        return file
    }

    /// Saves the weights to a safetensors file.
    public func save(to url: URL, dtype: SafetensorsDType = .f32, tokenizer: Tokenizer? = nil,
                     metadata: [String: String] = [:]) throws {
        try safetensors(dtype: dtype, tokenizer: tokenizer, metadata: metadata).write(to: url)
    }

    /// Creates a model from a safetensors file written by `save` (config from metadata), or
    /// from a training checkpoint, whose weights are named with the prefix `model.`.
    public convenience init(file: SafetensorsFile, linalg: Linalg = Linalg(pool: .shared)) throws {
        guard let json = file.metadata[Transformer.configMetadataKey],
              let config = try? JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
        else { throw SafetensorsError(description: "missing or invalid '\(Transformer.configMetadataKey)' metadata") }
        self.init(config: config, seed: 0, linalg: linalg)
        try loadParameters(from: file, prefix: file.tensors["model.token_embedding"] != nil ? "model." : "")
    }

    /// Overwrites the weights with the tensors of `file` (names and shapes must match).
    public func loadParameters(from file: SafetensorsFile, prefix: String = "") throws {
        for t in layout.tensors {
            guard let s = file.tensors[prefix + t.name] else { throw SafetensorsError(description: "missing tensor '\(prefix + t.name)'") }
            guard s.shape == t.shape else {
                throw SafetensorsError(description: "tensor '\(t.name)' has shape \(s.shape), expected \(t.shape)")
            }
            s.values.withUnsafeBufferPointer { (parameters + t.offset).update(from: $0.baseAddress!, count: t.count) }
        }
    }
}

extension Tokenizer {
    /// The tokenizer stored in a model file's metadata, if any.
    public init?(file: SafetensorsFile) {
        guard let v = file.metadata[Transformer.vocabularyMetadataKey] else { return nil }
        self.init(vocabulary: v.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
