import Foundation
import PlanCore
import PlanSupport

/// How each ``Role`` looks: a foreground and background colour and attributes. Read from
/// a theme file (see `themes/README.md`):
///
///     # comment
///     name: default
///     added: green bold
///     selected: reverse
///     header: bright-white on 24 bold
///
/// Colours are `default`, the 16 names (`red`, `bright-red`, …) or 256-colour numbers
/// (0–255); on a 16-colour terminal a number is drawn as the nearest of the 16, and with
/// no colour (or `NO_COLOR`) only the attributes remain.
public struct Theme: Equatable, Sendable {
    public enum Color: Equatable, Sendable {
        case `default`
        /// 0–255 (0–15 are the 16 named colours).
        case index(Int)

        /// The colour on a terminal with `colors` colours (16 or 256): the nearest of the
        /// 16 for a 256-colour number on a 16-colour terminal.
        public func on(colors: Int) -> Int {
            guard case .index(let i) = self else { return -1 }
            if colors >= 256 || i < 16 { return i < colors ? i : i % 8 }
            if i >= 232 { return i < 244 ? (i < 238 ? 0 : 8) : (i < 250 ? 7 : 15) }
            let c = i - 16, r = c / 36, g = (c / 6) % 6, b = c % 6
            let bright = max(r, g, b) >= 4
            let base = (r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)
            return base == 0 && bright ? 8 : base + (bright ? 8 : 0)
        }
    }

    public struct Style: Equatable, Sendable {
        public var foreground: Color = .default
        public var background: Color = .default
        public var bold = false
        public var dim = false
        public var reverse = false
        public var underline = false
        public init() {}
    }

    public var name: String
    public var styles: [Role: Style]

    public func style(_ role: Role) -> Style { styles[role] ?? styles[.text] ?? Style() }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme file's text; every problem is one error naming `file` and the line.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var theme = Theme(name: PathText.lastComponent(file).replacingOccurrences(of: ".theme", with: ""), styles: [:])
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: number + 1, message: message) }
            guard let colon = line.firstIndex(of: ":") else { throw fail("expected 'role: style', found '\(line)'") }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "name" { theme.name = value; continue }
            if key == "description" { continue }
            guard let role = Role(rawValue: key) else {
                throw fail("unknown role '\(key)' (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var style = Style()
            var words = value.split(separator: " ").map { $0.lowercased() }
            var sawForeground = false
            while !words.isEmpty {
                let w = words.removeFirst()
                switch w {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "reverse": style.reverse = true
                case "underline": style.underline = true
                case "plain": break
                case "on":
                    guard let c = words.first, let color = color(c) else { throw fail("expected a colour after 'on'") }
                    words.removeFirst()
                    style.background = color
                default:
                    guard !sawForeground, let color = color(w) else {
                        throw fail("unknown colour or attribute '\(w)' (colours: default, \(colorNames.joined(separator: ", ")), bright-…, 0-255; attributes: bold, dim, reverse, underline)")
                    }
                    style.foreground = color
                    sawForeground = true
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    static func color(_ word: String) -> Color? {
        if word == "default" { return .default }
        if let i = colorNames.firstIndex(of: word) { return .index(i) }
        if word.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(word.dropFirst(7))) { return .index(i + 8) }
        if let n = Int(word), (0...255).contains(n) { return .index(n) }
        return nil
    }

    /// The theme compiled in, used when no theme file can be read: the same as
    /// `themes/default.theme` (a test holds them equal).
    public static let builtIn: Theme = {
        // A constant text known to parse; a failure here is a programming error caught by tests.
        (try? parse(builtInText, file: "default.theme")) ?? Theme(name: "default", styles: [:])
    }()

    static let builtInText = """
        # planscope's default theme: a dark terminal, 256 colours (16 and none work too).
        name: default
        description: dark background
        text: default
        dim: 245
        title: bright-white bold
        border: 240
        border.focused: cyan bold
        selected: reverse
        header: bright-white on 24 bold
        status: 252 on 236
        key: yellow bold
        added: green bold
        removed: red
        changed: yellow
        moved: magenta
        exact: green bold
        inexact: yellow bold
        unsupported: red bold
        error: bright-red bold
        warning: yellow
        ok: green
        match: black on yellow
        command: bright-white
        """
}

/// A theme file that cannot be used: the file, the line and what is wrong.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { "\(file):\(line): \(message)" }
}

/// Finds themes by name: the user's (`$XDG_CONFIG_HOME/planscope/themes/NAME.theme`, default
/// `~/.config/planscope/themes`) first, then the bundled `themes/` folder.
public struct ThemeLibrary: Sendable {
    public let directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// The user's folder, then `bundled` (the repository's `themes/`).
    public static func standard(bundled: String?) -> ThemeLibrary {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        return ThemeLibrary(directories: [config + "/planscope/themes"] + (bundled.map { [$0] } ?? []))
    }

    /// Every theme name found, sorted.
    public var names: [String] {
        var out = Set<String>(["default"])
        for dir in directories {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasSuffix(".theme") {
                out.insert(String(f.dropLast(6)))
            }
        }
        return out.sorted()
    }

    /// The theme `name`, or the built-in default with a one-line reason when it is
    /// missing or does not parse.
    public func theme(named name: String) -> (theme: Theme, problem: String?) {
        for dir in directories {
            let path = dir + "/" + name + ".theme"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do { return (try Theme.parse(String(decoding: data, as: UTF8.self), file: path), nil) } catch {
                return (.builtIn, "\(error); using the default theme")
            }
        }
        if name == "default" { return (.builtIn, nil) }
        return (.builtIn, "no theme '\(name)' (have: \(names.joined(separator: ", "))); using the default theme")
    }
}
