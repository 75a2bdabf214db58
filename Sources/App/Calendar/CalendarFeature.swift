import Vapor

/// Working days: the bank holiday list an administrator keeps, which deadlines are counted against.
struct CalendarFeature: Feature {
    var endpoints: [Endpoint] {
        let c = BankHolidaysController()
        return [
            .get(.bankHolidays, .administrator, c.list),
            .get(.bankHolidaysIn(.key), .administrator, c.list),
            .get(.newBankHoliday, .administrator, c.new),
            .post(.newBankHoliday, .administrator, c.create),
            .post(.removeBankHoliday(.key), .administrator, c.remove),
        ]
    }
}

extension SiteURL {
    static let bankHolidays = SiteURL("admin", "bank-holidays")
    static func bankHolidaysIn(_ year: Parameter<String>) -> SiteURL { SiteURL("admin", "bank-holidays", .text(year, "year")) }
    static let newBankHoliday = SiteURL("admin", "bank-holidays", "new")
    static func removeBankHoliday(_ p: Parameter<UUID>) -> SiteURL { SiteURL("admin", "bank-holidays", "remove", .id(p)) }
}
