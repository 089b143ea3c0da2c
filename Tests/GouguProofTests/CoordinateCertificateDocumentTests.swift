import Foundation
import GouguProof
import Testing

/// The certificate of a proof by coordinates as a document: its JSON reads back as written.
@Suite struct CoordinateCertificateDocumentTests {
    static let document = CoordinateCertificateDocument(
        problemName: "midpoint_line", problem: "a b c = triangle a b c; m = midpoint m a b ? coll m a b", seed: 0,
        system: "cartesian",
        points: [
            .init(point: "a", how: "free", from: [], variables: [], x: .init(numerator: "0"), y: .init(numerator: "0")),
            .init(point: "b", how: "free", from: [], variables: [.init(name: "x_b", value: [1.5, 0])],
                  x: .init(numerator: "x_b"), y: .init(numerator: "0")),
            .init(point: "m", how: "midpoint", from: ["midp m a b"], variables: [],
                  x: .init(numerator: "x_b", denominator: "2"), y: .init(numerator: "0")),
        ],
        notAssumed: [.init(fact: "midp m a b", equations: [2])],
        nonDegeneracy: [.init(nonzero: "x_b", reason: "a and b are distinct")],
        goal: "coll m a b", goalNumeratorTerms: [0])

    @Test func readsBackWhatItWrites() throws {
        let data = Self.document.json()
        let read = try CoordinateCertificateDocument.read(data, file: "c.json")
        #expect(read == Self.document)
        #expect(read.json() == data)
        #expect(CoordinateCertificateDocument.isCertificate(data))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"gougu-coordinates/1\""))
        #expect(text.contains("\"root_of\"") == false)
        #expect(text.contains("\"goal_numerator_terms\""))
    }

    @Test func readsTheCertificateOfASolveRecord() throws {
        let inner = try #require(try JSONSerialization.jsonObject(with: Self.document.json()))
        let record = try JSONSerialization.data(withJSONObject: ["problem": "midpoint_line", "coordinate_certificate": inner])
        #expect(CoordinateCertificateDocument.isCertificate(record))
        #expect(try CoordinateCertificateDocument.read(record, file: "r.json") == Self.document)
    }

    @Test func refusesAnotherFormatAndBadJSON() {
        var other = Self.document
        other.format = "gougu-coordinates/0"
        #expect(!CoordinateCertificateDocument.isCertificate(other.json()))
        do {
            _ = try CoordinateCertificateDocument.read(other.json(), file: "c.json")
            Issue.record("read a certificate of another format")
        } catch let error as CertificateReadError {
            #expect(error.description == "c.json: error: format is 'gougu-coordinates/0', expected 'gougu-coordinates/1'")
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try CoordinateCertificateDocument.read(Data("{\n  \"format\": ,\n}".utf8), file: "c.json")
            Issue.record("read broken JSON")
        } catch let error as CertificateReadError {
            #expect(error.line == 2)
            #expect(error.message.hasPrefix("not valid JSON"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
