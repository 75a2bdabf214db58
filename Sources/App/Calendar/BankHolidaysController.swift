import Fluent
import SQLKit
import Vapor

/// The administrator's bank holiday list: a year at a time, a day added when the government
/// announces one, a day removed. Every change is audited.
struct BankHolidaysController {
    /// The years the list may be read and added to.
    static let years = 1990...2100

    @Sendable func list(req: Request) async throws -> Response {
        let year: Int
        if let asked = req.parameters.get("year") {
            guard asked.count == 4, let number = Int(asked), Self.years.contains(number) else { throw Abort(.notFound) }
            year = number
        } else {
            year = Day.london(req.now).year
        }
        return try await render(req, year: year)
    }

    private func render(_ req: Request, year: Int, notice: HTML = .empty, status: HTTPResponseStatus = .ok) async throws -> Response {
        let rows = try await req.sql.raw("""
            SELECT id, version, day, name FROM bank_holidays WHERE day >= \(bind: "\(year)-01-01") AND day <= \(bind: "\(year)-12-31") ORDER BY day
            """).all()
        let holidays = try rows.compactMap { row -> BankHolidayPages.Holiday? in
            guard let day = Day(iso: try row.decode(column: "day", as: String.self)) else { return nil }
            return .init(id: try row.decode(column: "id", as: UUID.self), version: try row.decode(column: "version", as: Int.self),
                         day: day, name: try row.decode(column: "name", as: String.self))
        }
        var page = BankHolidayPages.list(year: year, holidays: holidays, years: Self.years, csrf: req.csrfToken, notice: notice)
        page.status = status
        return try await req.render(page)
    }

    private func form(_ req: Request) -> FormSave<BankHoliday> {
        FormSave(req, rules: BankHoliday.rules) { f in try await req.render(BankHolidayPages.form(f)) }
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await form(req).show(FormInput())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        return try await form(req).run(req, id: nil, input: input, write: { try await BankHoliday.create(from: input, on: req) }) { holiday in
            req.redirect(to: BankHolidayPages.year(holiday.day?.year), flash: "Bank holiday added: \(holiday.day?.long ?? holiday.dayText), \(holiday.name)")
        }
    }

    /// Removes a day, if it is as the list showed it: a form without the version it was shown
    /// at, or made before someone else's change, removes nothing and shows the list again (409).
    @Sendable func remove(req: Request) async throws -> Response {
        guard let holiday = try await BankHoliday.find(req.uuid(), on: req.db), let id = holiday.id else { throw Abort(.notFound) }
        let year = holiday.day?.year ?? Day.london(req.now).year
        let stale: HTML = "<div class=\"notice\" role=\"alert\"><p class=\"body\">The list changed since you opened it, so nothing was removed. Here it is as it is now.</p></div>"
        guard let seen = Int(FormInput.form(req)[AuditedWrite.version.name]) else {
            return try await render(req, year: year, notice: stale, status: .conflict)
        }
        do {
            let removed = try await req.deleteAudited(BankHoliday.self, id, version: seen, action: "bank-holiday.remove")
            return req.redirect(to: BankHolidayPages.year(removed.day?.year), flash: "Bank holiday removed: \(removed.day?.long ?? removed.dayText), \(removed.name)")
        } catch is StaleEdit {
            return try await render(req, year: year, notice: stale, status: .conflict)
        } catch let abort as Abort where abort.status == .notFound {
            // Removed by someone else since this request found it.
            return try await render(req, year: year, notice: stale, status: .conflict)
        }
    }
}

extension BankHoliday: Versioned {
    static let rules = [
        FieldRule("day", "Date", .line(max: 10), description: "The day, as YYYY-MM-DD."),
        FieldRule("name", "Name", .line(max: 100)),
    ]

    var auditFields: [String: String] { ["date": dayText, "name": name] }
    var currentInput: [String: InputValue] { ["day": .text(dayText), "name": .text(name)] }

    static func create(from input: FormInput, on req: Request) async throws -> BankHoliday {
        let holiday = BankHoliday()
        try await req.createAudited(holiday, from: input, action: "bank-holiday.add") { h, v, tx in
            let text = v.text(rules[0])
            let name = v.text(rules[1])
            if v.errors["day"] == nil {
                if let day = Day(iso: text), BankHolidaysController.years.contains(day.year) {
                    if day.isWeekend {
                        v.fail("day", "\(day.long) is a \(day.weekday == 6 ? "Saturday" : "Sunday"): bank holidays fall on weekdays")
                    } else if try await BankHoliday.query(on: tx).filter(\.$dayText == day.iso).first() != nil {
                        v.fail("day", "\(day.long) is already a bank holiday")
                    }
                    h.dayText = day.iso
                } else if Day(iso: text) != nil {
                    v.fail("day", "Enter a date between \(BankHolidaysController.years.lowerBound) and \(BankHolidaysController.years.upperBound)")
                } else {
                    v.fail("day", "Enter the date as year-month-day, for example 2003-05-26")
                }
            }
            h.name = name
        }
        return holiday
    }
}
