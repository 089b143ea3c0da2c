/// The theorem library's data files, embedded in the binary at build time so that
/// `gougu` runs from anywhere without a resource bundle beside it.
public enum TheoremLibraryFiles {
    /// `constructions.txt`: every construction of the problem language.
    public static var constructions: String { String(decoding: PackageResources.constructions_txt, as: UTF8.self) }
    /// `predicates.txt`: every predicate a goal or a fact can name.
    public static var predicates: String { String(decoding: PackageResources.predicates_txt, as: UTF8.self) }
    /// `rules.txt`: the deduction rules.
    public static var rules: String { String(decoding: PackageResources.rules_txt, as: UTF8.self) }
}
