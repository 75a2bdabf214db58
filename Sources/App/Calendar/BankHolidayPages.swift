import Foundation

/// The bank holiday pages, as markup made from plain values (the controller reads).
enum BankHolidayPages {
    struct Holiday: Sendable { var id: UUID; var version: Int; var day: Day; var name: String }

    /// The list for `year`; the current year's list when the year is not known.
    static func year(_ year: Int?) -> SiteURL {
        year.map { SiteURL.bankHolidaysIn(.value(String($0))) } ?? .bankHolidays
    }

    static func list(year: Int, holidays: [Holiday], years: ClosedRange<Int>, csrf: String, notice: HTML = .empty) -> Page {
        let rows = holidays.map { h -> [HTML] in [
            "\(h.day.long)",
            "\(h.name)",
            Component.actionForm(.removeBankHoliday(.value(h.id)), csrf: csrf, label: "Remove", secondary: true, version: h.version,
                                 hidden: "\(h.day.long)"),
        ] }
        var pages: [HTML] = []
        if years.contains(year - 1) {
            pages.append("<a class=\"link\" href=\"\(Self.year(year - 1).path)\" rel=\"prev\">\(year - 1)<span class=\"visually-hidden\"> bank holidays</span></a>")
        }
        if years.contains(year + 1) {
            pages.append("<a class=\"link\" href=\"\(Self.year(year + 1).path)\" rel=\"next\">\(year + 1)<span class=\"visually-hidden\"> bank holidays</span></a>")
        }
        let table: HTML = rows.isEmpty
            ? "<p class=\"body\">There are no bank holidays on the list for \(year).</p>"
            : Component.table(caption: "Bank holidays in \(year)", headers: ["Date", "Name", "Action"], rows: rows)
        return Page(title: "Bank holidays in \(year)", body: """
            <h1 class="heading-l">Bank holidays in \(year)</h1>
            \(notice)
            <p class="body">Working days are Monday to Friday, except the bank holidays on this list. Deadlines, and the notice respondents must have after a late change, are counted in working days.</p>
            <p class="body">The list was filled with the bank holidays of England and Wales for 2002 to 2030. When the government announces another, add it here.</p>
            <p class="body"><a class="button" href="\(SiteURL.newBankHoliday.path)">Add a bank holiday</a></p>
            \(table)
            <nav class="pagination" aria-label="Other years">\(pages)</nav>
            """)
    }

    static func form(_ f: FormState) -> Page {
        f.page("Add a bank holiday", breadcrumbs: [("Bank holidays", .bankHolidays)], action: .newBankHoliday, fields: """
            \(Component.input("day", label: "Date", value: f.input["day"], error: f.errors["day"], hint: "As year-month-day, for example 2003-05-26.", width: "10"))
            \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], hint: "As the government announced it, for example “Spring bank holiday”.", width: "20"))
            """, button: "Add")
    }
}
