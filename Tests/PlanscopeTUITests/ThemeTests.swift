import Foundation
import PlanscopeTUI
import Testing

@Suite struct ThemeTests {
    static let themes = Support.root.appendingPathComponent("themes")

    @Test func theBundledThemesParseAndTheDefaultIsTheBuiltIn() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path).filter { $0.hasSuffix(".theme") }.sorted()
        #expect(names == ["default.theme", "high-contrast.theme", "light.theme", "monochrome.theme"])
        for name in names {
            let text = try String(contentsOf: Self.themes.appendingPathComponent(name), encoding: .utf8)
            let theme = try Theme.parse(text, file: name)
            #expect(Set(theme.styles.keys) == Set(Role.allCases), "\(name) leaves roles out")
        }
        let text = try String(contentsOf: Self.themes.appendingPathComponent("default.theme"), encoding: .utf8)
        #expect(try Theme.parse(text, file: "default.theme") == Theme.builtIn)
        // Monochrome carries no colour at all.
        let mono = try Theme.parse(String(contentsOf: Self.themes.appendingPathComponent("monochrome.theme"), encoding: .utf8), file: "m")
        #expect(mono.styles.values.allSatisfy { $0.foreground == .default && $0.background == .default })
    }

    @Test func aBadThemeNamesTheFileAndLineAndFallsBack() throws {
        #expect(throws: ThemeError(file: "x.theme", line: 3, message: "unknown role 'colour' (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")) {
            try Theme.parse("name: x\n\ncolour: red\n", file: "x.theme")
        }
        #expect(throws: ThemeError.self) { try Theme.parse("added: purple\n", file: "y.theme") }
        #expect(throws: ThemeError.self) { try Theme.parse("added green\n", file: "z.theme") }
        let dir = NSTemporaryDirectory() + "themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "added: green\nremoved: 300\n".write(toFile: dir + "/broken.theme", atomically: true, encoding: .utf8)
        let (theme, problem) = ThemeLibrary(directories: [dir, Self.themes.path]).theme(named: "broken")
        #expect(theme == .builtIn)
        let reason = problem ?? ""
        #expect(reason.hasPrefix(dir + "/broken.theme:2: unknown colour or attribute '300'"))
        let missing = ThemeLibrary(directories: [Self.themes.path]).theme(named: "nope").problem ?? ""
        #expect(missing.contains("have: default, high-contrast, light, monochrome"))
        // A user theme shadows a bundled one of the same name.
        try "name: light\nadded: blue\n".write(toFile: dir + "/light.theme", atomically: true, encoding: .utf8)
        #expect(ThemeLibrary(directories: [dir, Self.themes.path]).theme(named: "light").theme.style(.added).foreground == .index(4))
    }

    @Test func coloursFitTheTerminal() {
        #expect(Theme.Color.index(196).on(colors: 256) == 196)
        #expect(Theme.Color.index(196).on(colors: 16) == 9)   // bright red
        #expect(Theme.Color.index(28).on(colors: 16) == 2)    // green
        #expect(Theme.Color.index(24).on(colors: 16) == 4)    // blue
        #expect(Theme.Color.index(236).on(colors: 16) == 0)   // dark grey
        #expect(Theme.Color.index(252).on(colors: 16) == 15)
        #expect(Theme.Color.default.on(colors: 256) == -1)
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("表x") == 3)
        #expect(DisplayWidth.of("→✓─") == 3)
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        var grid = CellGrid(width: 6, height: 1)
        grid.put("a表b\u{7}", x: 0, y: 0)
        #expect(grid.lines == ["a表b?"])
    }
}
