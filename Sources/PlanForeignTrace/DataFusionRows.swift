/// The `(plan_type, plan)` rows of DataFusion's `EXPLAIN VERBOSE` in the forms it is
/// printed: the bordered table (datafusion-cli, and Python's
/// `DataFrame.explain(verbose=True)` after its `DataFrame()` line), two plain columns (a
/// header `plan_type  plan`, labels in the first column, the plan's lines at the column
/// where `plan` starts), and tab- or comma-separated values (datafusion-cli `--format tsv`
/// or `csv`: the plan quoted, with its newlines).
struct DataFusionRows {
    struct Row {
        let label: String
        let plan: String
        /// The file's line (1-based) where the row starts, and where its plan's first line is.
        let line: Int
    }

    let rows: [Row]

    init(_ text: String) throws(ForeignTraceError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var first = 0
        while first < lines.count, lines[first].allSatisfy({ $0 == " " }) || lines[first] == "DataFrame()" { first += 1 }
        guard first < lines.count else { throw ForeignTraceError(line: 0, "empty trace: no EXPLAIN VERBOSE rows") }
        let header = lines[first]
        if header.hasPrefix("+-") {
            rows = try Self.bordered(lines, from: first)
        } else if header.hasPrefix("plan_type\t") {
            rows = try Self.delimited(lines, from: first, by: "\t")
        } else if header.hasPrefix("plan_type,") {
            rows = try Self.delimited(lines, from: first, by: ",")
        } else if header.hasPrefix("plan_type "), let column = header.range(of: " plan")?.lowerBound {
            rows = try Self.plainColumns(lines, from: first, column: header.distance(from: header.startIndex, to: column) + 1)
        } else {
            throw ForeignTraceError(line: first + 1, "not DataFusion EXPLAIN VERBOSE output: expected its table, or a `plan_type  plan` header")
        }
        guard !rows.isEmpty else { throw ForeignTraceError(line: first + 1, "the table has no rows") }
    }

    // MARK: - Bordered table

    /// `+---+---+`, `| plan_type | plan |`, `+---+---+`, rows (a label starts one; lines
    /// with an empty label continue its plan), `+---+---+`.
    static func bordered(_ lines: [Substring], from first: Int) throws(ForeignTraceError) -> [Row] {
        let border = lines[first]
        // The label cell's width, from the border's second `+`.
        guard let plus = border.dropFirst().firstIndex(of: "+") else {
            throw ForeignTraceError(line: first + 1, "the table's border has one column; expected plan_type and plan")
        }
        let labelWidth = border.distance(from: border.startIndex, to: plus) - 3
        guard labelWidth > 0 else { throw ForeignTraceError(line: first + 1, "the table's first column is empty; expected plan_type") }
        guard first + 2 < lines.count, lines[first + 1].hasPrefix("| plan_type"), lines[first + 2].hasPrefix("+-") else {
            throw ForeignTraceError(line: first + 2, "expected the header row `| plan_type | plan |` under the border")
        }
        var rows: [(label: String, plan: [Substring], line: Int)] = []
        var i = first + 3
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("+-") { return rows.map { Row(label: $0.label, plan: $0.plan.joined(separator: "\n"), line: $0.line) } }
            if line.allSatisfy({ $0 == " " }) { break }
            let chars = Array(line)
            guard chars.count >= labelWidth + 7, chars.first == "|", chars[labelWidth + 3] == "|", chars.last == "|" else {
                throw ForeignTraceError(line: i + 1, "not a row of the table (expected `| label | plan |` with the header's column widths)")
            }
            let label = String(chars[2..<(labelWidth + 2)]).trimmingSpaces()
            let cell = Substring(String(chars[(labelWidth + 5)..<(chars.count - 1)]))
            let plan = cell.reversed().drop { $0 == " " }.reversed()
            if label.isEmpty {
                guard !rows.isEmpty else { throw ForeignTraceError(line: i + 1, "a plan line before the first row's label") }
                rows[rows.count - 1].plan.append(Substring(String(plan)))
            } else {
                rows.append((label, [Substring(String(plan))], i + 1))
            }
            i += 1
        }
        throw ForeignTraceError(line: i, "the table has no closing border: the trace is cut short")
    }

    // MARK: - Two plain columns

    static func plainColumns(_ lines: [Substring], from first: Int, column: Int) throws(ForeignTraceError) -> [Row] {
        var rows: [(label: String, plan: [Substring], line: Int)] = []
        for i in (first + 1)..<lines.count {
            let chars = Array(lines[i])
            if chars.allSatisfy({ $0 == " " }) {
                // A blank line inside a plan stays; blank lines at the end do not.
                if !rows.isEmpty { rows[rows.count - 1].plan.append("") }
                continue
            }
            let labelPart = String(chars.prefix(column)).trimmingSpaces()
            let plan = chars.count > column ? Substring(String(chars[column...])) : ""
            guard chars.count < column || chars[column - 1] == " " else {
                throw ForeignTraceError(line: i + 1, "text runs across the plan column's start (column \(column + 1))")
            }
            if labelPart.isEmpty {
                guard !rows.isEmpty else { throw ForeignTraceError(line: i + 1, "a plan line before the first row's label") }
                rows[rows.count - 1].plan.append(plan)
            } else {
                rows.append((labelPart, [plan], i + 1))
            }
        }
        return rows.map { row in
            var plan = row.plan
            while plan.last?.isEmpty == true { plan.removeLast() }
            return Row(label: row.label, plan: plan.joined(separator: "\n"), line: row.line)
        }
    }

    // MARK: - Tab- or comma-separated values

    /// `label<separator>plan` a record; a field in double quotes may hold separators,
    /// newlines and doubled quotes.
    static func delimited(_ lines: [Substring], from first: Int, by separator: Character) throws(ForeignTraceError) -> [Row] {
        let text = Array(lines[(first + 1)...].joined(separator: "\n"))
        var rows: [Row] = []
        var fields: [String] = [], field = "", i = 0, line = first + 2, recordLine = line
        while i < text.count {
            let c = text[i]
            if c == "\"", field.isEmpty {
                let start = line
                i += 1
                while true {
                    guard i < text.count else { throw ForeignTraceError(line: start, "a quoted field is not closed: the trace is cut short") }
                    if text[i] == "\"" {
                        if i + 1 < text.count, text[i + 1] == "\"" { field.append("\""); i += 2; continue }
                        i += 1
                        break
                    }
                    if text[i] == "\n" { line += 1 }
                    field.append(text[i])
                    i += 1
                }
                continue
            }
            if c == separator {
                fields.append(field)
                field = ""
            } else if c == "\n" {
                fields.append(field)
                if fields != [""] { rows.append(try record(fields, line: recordLine)) }
                fields = []
                field = ""
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(try record(fields, line: recordLine))
        }
        return rows
    }

    static func record(_ fields: [String], line: Int) throws(ForeignTraceError) -> Row {
        guard fields.count == 2 else { throw ForeignTraceError(line: line, "\(fields.count) fields; expected plan_type and plan") }
        return Row(label: fields[0], plan: fields[1], line: line)
    }
}
