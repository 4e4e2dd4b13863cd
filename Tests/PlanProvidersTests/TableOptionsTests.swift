import PlanCore
import PlanProviders
import Testing

/// A file table's options as one typed value: names compared in lower case, each read
/// checked, an unknown option an error naming the ones the format takes.
@Suite struct TableOptionsTests {
    @Test func readsAreTypedAndChecked() throws {
        let options = TableOptions(["HEADER": "off", "Delimiter": ";", "chunk_rows": "100"])
        #expect(options.names == ["chunk_rows", "delimiter", "header"])
        #expect(try options.flag("header", format: "CSV") == false)
        #expect(try options.flag("has_header", "header", format: "CSV") == false)
        #expect(try options.flag("null", format: "CSV") == nil)
        #expect(options.text("delimiter") == ";")
        #expect(try options.positiveInteger("chunk_rows", format: "CSV") == 100)
        #expect(throws: PlanError(.config, "CSV option header must be true or false, got 'maybe'")) {
            try TableOptions(["header": "maybe"]).flag("header", format: "CSV")
        }
        #expect(throws: PlanError(.config, "CSV option chunk_rows must be a positive integer, got '0'")) {
            try TableOptions(["chunk_rows": "0"]).positiveInteger("chunk_rows", format: "CSV")
        }
        let (chunkRows, rest) = options.removing("chunk_rows")
        #expect(chunkRows == "100" && rest.names == ["delimiter", "header"])
        #expect(TableOptions(["header": "true"]).withDefaults(["header": "false", "null": "NA"]) == ["header": "true", "null": "NA"])
    }

    @Test func anUnknownOptionNamesTheKnownOnes() {
        #expect(throws: PlanError(.csv, "unknown CSV option 'delimeter' (known: header, delimiter, null)")) {
            try TableOptions(["delimeter": ","]).check(knownTo: CSVTable.knownOptions, format: "CSV", kind: .csv)
        }
        #expect(throws: PlanError(.unsupported, "Parquet files take no option 'header'")) {
            try TableOptions(["header": "true"]).check(knownTo: [], format: "Parquet", kind: .unsupported)
        }
        #expect(throws: Never.self) { try TableOptions(["format.has_header": "true"]).check(knownTo: CSVTable.knownOptions, format: "CSV") }
    }
}
