import PlanCore
import PlanEngine
import Testing

/// What the binder makes of PostgreSQL's forms planscope used to take differently:
/// BETWEEN SYMMETRIC, LIKE's escape, functions PostgreSQL does not have, ORDER BY names.
@Suite struct PostgresStrictnessTests {
    static func error(_ sql: String) throws -> String {
        let session = try CoercionTests.session()
        do { _ = try session.logicalPlan(sql) } catch {
            // One line, `line L, column C: message`: the message.
            let text = "\(error)"
            return text.range(of: ": ").map { String(text[$0.upperBound...]) } ?? text
        }
        return "no error"
    }

    @Test func betweenSymmetricBindsAsEitherOrderOfTheBounds() throws {
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE i BETWEEN SYMMETRIC 10 AND 1")
                == "k.i BETWEEN CAST(Int64(10) AS Int32) AND CAST(Int64(1) AS Int32) OR k.i BETWEEN CAST(Int64(1) AS Int32) AND CAST(Int64(10) AS Int32)")
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE i NOT BETWEEN SYMMETRIC 10 AND 1")
                == "k.i NOT BETWEEN CAST(Int64(10) AS Int32) AND CAST(Int64(1) AS Int32) AND k.i NOT BETWEEN CAST(Int64(1) AS Int32) AND CAST(Int64(10) AS Int32)")
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE i BETWEEN ASYMMETRIC 1 AND 10")
                == "k.i BETWEEN CAST(Int64(1) AS Int32) AND CAST(Int64(10) AS Int32)")
    }

    @Test func likeShowsAnEscapeOtherThanBackslash() throws {
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE c LIKE 'a\\_%'") == "k.c LIKE Utf8(\"a\\_%\")")
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE c LIKE 'a#_%' ESCAPE '#'") == "k.c LIKE Utf8(\"a#_%\") ESCAPE '#'")
        #expect(try CoercionTests.bound("SELECT i FROM k WHERE c NOT ILIKE 'a\\_' ESCAPE ''") == "k.c NOT ILIKE Utf8(\"a\\_\") ESCAPE ''")
        #expect(try Self.error("SELECT i FROM k WHERE c LIKE 'a' ESCAPE 'ab'") == "invalid escape string (must be empty or one character)")
    }

    @Test func functionsPostgresDoesNotHaveForDoublesAreRefused() throws {
        #expect(try Self.error("SELECT round(f, 1) FROM k") == "function round(double precision, bigint) does not exist")
        #expect(try Self.error("SELECT trunc(f, 2) FROM k") == "function trunc(double precision, bigint) does not exist")
        #expect(try Self.error("SELECT mod(f, i) FROM k") == "function mod(double precision, integer) does not exist")
        #expect(try Self.error("SELECT round(f), round(p, 1), mod(p, i), trunc(f) FROM k") == "no error")
    }

    @Test func orderByNamesAsStrictAsPostgres() throws {
        #expect(try Self.error("SELECT i AS s, s FROM k ORDER BY s") == "ORDER BY \"s\" is ambiguous")
        #expect(try Self.error("SELECT i AS x, i AS x FROM k ORDER BY x") == "no error")
        #expect(try Self.error("SELECT s, s FROM k ORDER BY s") == "no error")
        #expect(try Self.error("SELECT i FROM k UNION SELECT n FROM k ORDER BY i + 1")
                .hasPrefix("invalid UNION/INTERSECT/EXCEPT ORDER BY clause"))
        #expect(try Self.error("SELECT i FROM k UNION SELECT n FROM k ORDER BY (i) DESC, 1") == "no error")
        #expect(try Self.error("VALUES (1), (2) ORDER BY column1 + 1") == "no error")
    }
}
