/// The bank holidays of England and Wales, by the rules that set them and the exceptions the
/// government made (jubilees, a wedding, a funeral, a coronation, VE day's anniversary). They fill
/// the administrator's list for 2002–2030 (`CreateBankHolidays`); the list, not these rules, is
/// what working days are counted against, so a holiday announced later is added there.
enum EnglandAndWales {
    struct Holiday: Sendable, Equatable {
        var day: Day
        var name: String
    }

    static let firstYear = 2002, lastYear = 2030

    static func bankHolidays(in year: Int) -> [Holiday] {
        func day(_ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }
        var out: [Holiday] = []

        // New Year's Day, on the Monday after when it falls at a weekend.
        let newYear = day(1, 1)
        out.append(newYear.isWeekend
            ? Holiday(day: nextMonday(after: newYear), name: "New Year’s Day (substitute day)")
            : Holiday(day: newYear, name: "New Year’s Day"))

        let easter = easterSunday(year)
        out.append(Holiday(day: easter.adding(days: -2), name: "Good Friday"))
        out.append(Holiday(day: easter.adding(days: 1), name: "Easter Monday"))

        // 2020: moved to Friday 8 May for the 75th anniversary of VE day.
        out.append(year == 2020
            ? Holiday(day: day(5, 8), name: "Early May bank holiday (VE day)")
            : Holiday(day: firstMonday(year, 5), name: "Early May bank holiday"))
        if year == 2023 { out.append(Holiday(day: day(5, 8), name: "Bank holiday for the coronation of King Charles III")) }

        // Moved into June for the Golden, Diamond and Platinum Jubilees.
        switch year {
        case 2002:
            out.append(Holiday(day: day(6, 3), name: "Golden Jubilee of Queen Elizabeth II"))
            out.append(Holiday(day: day(6, 4), name: "Spring bank holiday"))
        case 2012:
            out.append(Holiday(day: day(6, 4), name: "Spring bank holiday"))
            out.append(Holiday(day: day(6, 5), name: "Diamond Jubilee of Queen Elizabeth II"))
        case 2022:
            out.append(Holiday(day: day(6, 2), name: "Spring bank holiday"))
            out.append(Holiday(day: day(6, 3), name: "Platinum Jubilee of Queen Elizabeth II"))
        default:
            out.append(Holiday(day: lastMonday(year, 5), name: "Spring bank holiday"))
        }
        if year == 2011 { out.append(Holiday(day: day(4, 29), name: "Royal wedding")) }

        out.append(Holiday(day: lastMonday(year, 8), name: "Summer bank holiday"))
        if year == 2022 { out.append(Holiday(day: day(9, 19), name: "Bank holiday for the State Funeral of Queen Elizabeth II")) }

        // Christmas Day and Boxing Day, each on the next free weekday when it falls at a weekend.
        let christmas = day(12, 25), boxing = day(12, 26)
        switch christmas.weekday {
        case 5: // Friday: Boxing Day is a Saturday
            out.append(Holiday(day: christmas, name: "Christmas Day"))
            out.append(Holiday(day: day(12, 28), name: "Boxing Day (substitute day)"))
        case 6: // Saturday
            out.append(Holiday(day: day(12, 27), name: "Christmas Day (substitute day)"))
            out.append(Holiday(day: day(12, 28), name: "Boxing Day (substitute day)"))
        case 7: // Sunday: Boxing Day is the Monday
            out.append(Holiday(day: boxing, name: "Boxing Day"))
            out.append(Holiday(day: day(12, 27), name: "Christmas Day (substitute day)"))
        default:
            out.append(Holiday(day: christmas, name: "Christmas Day"))
            out.append(Holiday(day: boxing, name: "Boxing Day"))
        }
        return out.sorted { $0.day < $1.day }
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
    static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)!
    }

    private static func nextMonday(after day: Day) -> Day { day.adding(days: (8 - day.weekday) % 7 == 0 ? 7 : (8 - day.weekday) % 7) }
    private static func firstMonday(_ year: Int, _ month: Int) -> Day {
        let first = Day(year: year, month: month, day: 1)!
        return first.adding(days: (8 - first.weekday) % 7)
    }
    private static func lastMonday(_ year: Int, _ month: Int) -> Day {
        let last = Day(year: year, month: month, day: Day.length(of: month, in: year))!
        return last.adding(days: -(last.weekday - 1))
    }
}
