/// The version of the engine that writes planscope's native documents (EXPLAIN JSON, the
/// optimizer trace, run reports, manifests). Native plan JSON is read back by this same
/// version only (docs/compatibility.md); plans travel across versions as Substrait.
public enum EngineVersion {
    public static let current = "0.1.0"
}
