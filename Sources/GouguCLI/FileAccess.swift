#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Gougu

/// Reading the files users name and writing the files they ask for, safely.
///
/// Inputs must be regular files of a bounded size: a device (`/dev/zero`), a FIFO or a
/// directory is refused with a message that says so, instead of a read that never ends.
/// Outputs go only to a new path or over a regular file (never through a symbolic link,
/// over a device or a directory), and the command says on standard error when it replaces
/// a file that was there.
enum FileAccess {
    /// The largest input file read, in bytes.
    static let maximumInputBytes = 64 << 20

    /// The contents of the regular file at `path`; exits with status 2 and a message naming
    /// the file when it is missing, not a regular file, too large or unreadable.
    static func read(_ path: String) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            fail("\(path): error: cannot read the file (\(String(cString: strerror(errno))))")
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            fail("\(path): error: not a regular file (\(describe(kind))); expected a text file")
        }
        guard Int(status.st_size) <= maximumInputBytes else {
            fail("\(path): error: the file is \(status.st_size) bytes; at most \(maximumInputBytes) are read")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            fail("\(path): error: cannot read the file (\((error as NSError).localizedDescription))")
        }
    }

    /// What is at an output path before it is written.
    enum Existing { case nothing, regularFile }

    /// Whether `path` may be written: nil when it is a new path or a regular file (which
    /// `existing` then says), else why not.
    static func outputRefusal(_ path: String, existing: inout Existing) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            existing = .nothing
            return errno == ENOENT ? nil : "cannot examine the path (\(String(cString: strerror(errno))))"
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            return "\(describe(kind)) is at this path; an output is written only to a new path or over a regular file"
        }
        existing = .regularFile
        return nil
    }

    /// Writes `data` to `path` atomically (a temporary file beside it, then a rename), only
    /// where `outputRefusal` allows, saying on standard error when a file is replaced.
    /// Throws `OutputError` with the reason otherwise.
    static func write(_ data: Data, to path: String) throws {
        var existing = Existing.nothing
        if let refusal = outputRefusal(path, existing: &existing) { throw OutputError(path: path, reason: refusal) }
        if existing == .regularFile { warn("\(path): note: replacing the existing file") }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// `write`, exiting with status 2 and the reason when the file cannot be written.
    static func writeOrFail(_ data: Data, to path: String, what: String) {
        do { try write(data, to: path) } catch let error as OutputError {
            fail("\(path): error: cannot write \(what): \(error.reason)")
        } catch {
            fail("\(path): error: cannot write \(what)")
        }
    }

    /// Makes sure `path` is a directory, creating it (and its parents) when it is new;
    /// exits with status 2 when something else is there or it cannot be created.
    static func makeDirectory(_ path: String, what: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { fail("\(path): error: \(what) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            fail("\(path): error: cannot create \(what) (\((error as NSError).localizedDescription))")
        }
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }
}

/// Why an output file was not written.
struct OutputError: Error {
    var path: String
    var reason: String
}

/// File names made from problem names: one path component, never `.` or `..`, no
/// separators or control characters, so that `--proof-out DIR` writes only inside DIR.
struct OutputNames {
    private var used: [String: Int] = [:]

    /// The longest base name, in UTF-8 bytes (file systems allow 255 with the extensions).
    static let maximumBytes = 180

    /// A safe base name for `problem`: each character that is not a letter, a digit, or one
    /// of `- _ . + =` becomes `_`; a leading `.` becomes `_`; overlong names are cut. A name
    /// already given out in this run gets `-2`, `-3`, ... so two problems never share a file.
    mutating func name(for problem: String) -> String {
        var safe = String(String.UnicodeScalarView(problem.unicodeScalars.map { scalar -> Unicode.Scalar in
            let allowed = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.+=".unicodeScalars.contains(scalar)
            return allowed && scalar.properties.generalCategory != .control ? scalar : "_"
        }))
        if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        if safe.isEmpty { safe = "_" }
        while safe.utf8.count > Self.maximumBytes { safe.removeLast() }
        let count = used[safe, default: 0] + 1
        used[safe] = count
        return count == 1 ? safe : "\(safe)-\(count)"
    }
}
