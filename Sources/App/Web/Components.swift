import Foundation

/// Messages for the fields of one form, in the order the fields appear.
public struct FormErrors: Sendable, Equatable {
    public private(set) var items: [(field: String, message: String)] = []
    /// Fields whose problem is a conflict with the stored records rather than with the input.
    private var conflicts: Set<String> = []

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    /// Every problem is a conflict with the stored records (the API answers 409, not 422).
    public var onlyConflicts: Bool { !items.isEmpty && items.allSatisfy { conflicts.contains($0.field) } }

    public mutating func add(_ field: String, _ message: String, conflict: Bool = false) {
        guard self[field] == nil else { return }
        items.append((field, message))
        if conflict { conflicts.insert(field) }
    }

    public subscript(field: String) -> String? {
        items.first { $0.field == field }?.message
    }

    public static func == (lhs: FormErrors, rhs: FormErrors) -> Bool {
        lhs.items.map { "\($0.field)=\($0.message)" } == rhs.items.map { "\($0.field)=\($0.message)" }
    }
}

/// GOV.UK Design System patterns, written small. Each function returns one component.
enum Component {
    static func errorSummary(_ errors: FormErrors) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let links = errors.items.map { item -> HTML in
            "<li><a href=\"#\(item.field)\">\(item.message)</a></li>"
        }
        return """
        <div class="error-summary" data-module="error-summary">
          <div role="alert">
            <h2 class="error-summary__title">There is a problem</h2>
            <ul class="list error-summary__list">\(links)</ul>
          </div>
        </div>
        """
    }

    static func csrf(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">"
    }

    /// The version of the record the form was opened at (see `Versioned`); nothing on a new record's form.
    static func version(_ input: FormInput) -> HTML {
        input.has("version") ? "<input type=\"hidden\" name=\"version\" value=\"\(input["version"])\">" : .empty
    }

    /// Shown when a save was refused because someone else saved first: each field where what is
    /// saved now differs from what this person sent, side by side. Their input stays in the form.
    /// The error summary's link lands here (`#version`).
    static func staleNotice(_ rules: [FieldRule], saved: [String: InputValue], yours: FormInput) -> HTML {
        let rows = rules.compactMap { rule -> Row? in
            let now = saved[rule.name]?.display ?? "", mine = yours[rule.name]
            guard yours.has(rule.name), now != mine else { return nil }
            return Row(key: rule.label, value: """
                <p class="body"><strong>Saved now:</strong> \(now.isEmpty ? "(empty)" : now)</p>
                <p class="body"><strong>Yours:</strong> \(mine.isEmpty ? "(empty)" : mine)</p>
                """)
        }
        return """
        <div class="notice" id="version" tabindex="-1">
          <h2 class="heading-m">Someone else saved a change since you opened this</h2>
          <p class="body">Nothing of yours was saved. \(rows.isEmpty
              ? "The page below now shows what is saved: look it over before you try again." as HTML
              : "Your changes are still in the form below. Where what is saved now differs from yours:")</p>
          \(rows.isEmpty ? .empty : summaryList(rows))
          <p class="body">Save again to replace what is saved now with the form as it stands.</p>
        </div>
        """
    }

    private static func fieldStart(_ name: String, _ label: String, _ hint: String?, _ error: String?) -> HTML {
        let hintHTML: HTML = hint.map { "<div id=\"\(name)-hint\" class=\"hint\">\($0)</div>" } ?? .empty
        let errorHTML: HTML = error.map {
            "<p id=\"\(name)-error\" class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>"
        } ?? .empty
        return """
        <div class="form-group\(error == nil ? "" : " form-group--error")">
          <label class="label" for="\(name)">\(label)</label>
          \(hintHTML)\(errorHTML)
        """
    }

    private static func describedBy(_ name: String, _ hint: String?, _ error: String?) -> HTML {
        let ids = [hint == nil ? nil : "\(name)-hint", error == nil ? nil : "\(name)-error"].compactMap { $0 }
        return ids.isEmpty ? .empty : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    static func input(
        _ name: String, label: String, value: String?, error: String?, hint: String? = nil,
        type: String = "text", width: String? = nil, autocomplete: String? = nil
    ) -> HTML {
        let classes = "input" + (width.map { " input--width-\($0)" } ?? "") + (error == nil ? "" : " input--error")
        let auto: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        return """
        \(fieldStart(name, label, hint, error))
          <input class="\(classes)" id="\(name)" name="\(name)" type="\(type)" value="\(value ?? "")"\(auto)\(describedBy(name, hint, error))\(error == nil ? .empty : " aria-invalid=\"true\"" as HTML)>
        </div>
        """
    }

    static func textarea(
        _ name: String, label: String, value: String?, error: String?, hint: String? = nil, rows: Int = 5
    ) -> HTML {
        """
        \(fieldStart(name, label, hint, error))
          <textarea class="textarea\(error == nil ? "" : " textarea--error")" id="\(name)" name="\(name)" rows="\(rows)"\(describedBy(name, hint, error))\(error == nil ? .empty : " aria-invalid=\"true\"" as HTML)>\(value ?? "")</textarea>
        </div>
        """
    }

    static func select(
        _ name: String, label: String, options: [(value: String, text: String)], selected: String?,
        error: String?, hint: String? = nil
    ) -> HTML {
        let opts = options.map { opt -> HTML in
            "<option value=\"\(opt.value)\"\("selected", when: opt.value == selected)>\(opt.text)</option>"
        }
        return """
        \(fieldStart(name, label, hint, error))
          <select class="select" id="\(name)" name="\(name)"\(describedBy(name, hint, error))>\(opts)</select>
        </div>
        """
    }

    /// `hidden` finishes the button's name for screen readers ("Remove" … "Monday 26 May 2003")
    /// where a page has several of the same.
    static func button(_ text: String, secondary: Bool = false, warning: Bool = false, hidden: String? = nil) -> HTML {
        let cls = "button" + (secondary ? " button--secondary" : "") + (warning ? " button--warning" : "")
        let more: HTML = hidden.map { "<span class=\"visually-hidden\"> \($0)</span>" } ?? .empty
        return "<button type=\"submit\" class=\"\(cls)\">\(text)\(more)</button>"
    }

    /// A form holding just a button, for actions such as publish or revoke.
    static func actionForm(_ action: SiteURL, csrf: String, label: String, secondary: Bool = false, warning: Bool = false, version: Int? = nil,
                           hidden: String? = nil) -> HTML {
        let versionField: HTML = version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" } ?? .empty
        return """
        <form method="post" action="\(action.path)" class="inline-form" novalidate>
          \(Component.csrf(csrf))\(versionField)\(button(label, secondary: secondary, warning: warning, hidden: hidden))
        </form>
        """
    }

    struct Row {
        var key: String
        var value: HTML
        var action: (text: String, url: SiteURL, hidden: String)? = nil
    }

    static func summaryList(_ rows: [Row]) -> HTML {
        let items = rows.map { row -> HTML in
            let action: HTML = row.action.map {
                "<dd class=\"summary-list__actions\"><a class=\"link\" href=\"\($0.url.path)\">\($0.text)<span class=\"visually-hidden\"> \($0.hidden)</span></a></dd>"
            } ?? .empty
            return """
            <div class="summary-list__row">
              <dt class="summary-list__key">\(row.key)</dt>
              <dd class="summary-list__value">\(row.value)</dd>\(action)
            </div>
            """
        }
        return "<dl class=\"summary-list\">\(items)</dl>"
    }

    static func table(caption: String, headers: [String], rows: [[HTML]], numericColumns: Set<Int> = []) -> HTML {
        let head = headers.enumerated().map { i, h -> HTML in
            "<th scope=\"col\" class=\"table__header\(numericColumns.contains(i) ? " table__header--numeric" : "")\">\(h)</th>"
        }
        // Written straight into one string: a results table can have a thousand rows of a dozen
        // cells, and a string for each cell and row cost more than the cells themselves.
        let width = rows.map(\.count).max() ?? 0
        let opening = (0..<width).map { "<td class=\"table__cell\(numericColumns.contains($0) ? " table__cell--numeric" : "")\">" }
        var body = ""
        body.reserveCapacity(rows.reduce(0) { total, cells in cells.reduce(total + 30) { $0 + $1.rendered.utf8.count + 40 } })
        for cells in rows {
            body += "<tr class=\"table__row\">"
            for (i, cell) in cells.enumerated() {
                body += opening[i]
                body += cell.rendered
                body += "</td>"
            }
            body += "</tr>"
        }
        // A table wider than a narrow screen scrolls inside its own region, which the keyboard
        // can reach and scroll (WCAG 1.4.10), instead of the whole page scrolling sideways.
        return """
        <div class="table-wrap" role="region" aria-label="\(caption)" tabindex="0">
        <table class="table">
          <caption class="table__caption">\(caption)</caption>
          <thead><tr class="table__row">\(head)</tr></thead>
          <tbody>\(HTML(unsafe: body))</tbody>
        </table>
        </div>
        """
    }

    static func panel(_ title: String, _ body: HTML) -> HTML {
        """
        <div class="panel panel--confirmation">
          <h1 class="panel__title">\(title)</h1>
          <div class="panel__body">\(body)</div>
        </div>
        """
    }

    static func tag(_ text: String, _ colour: String? = nil) -> HTML {
        "<strong class=\"tag\(colour.map { " tag--\($0)" } ?? "")\">\(text)</strong>"
    }
}
