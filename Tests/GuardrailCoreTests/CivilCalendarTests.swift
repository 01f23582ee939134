import GuardrailCore
import Testing

/// Civil dates ⇄ days since 1970-01-01, shared by UTCInstant, ExecCredential and GoTime.
@Suite struct CivilCalendarTests {
    @Test("known dates", arguments: [
        (1970, 1, 1, 0), (1970, 1, 2, 1), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2026, 11, 29, 20_786),
        (1, 1, 1, -719_162), (9999, 12, 31, 2_932_896), (0, 3, 1, -719_468),
    ] as [(Int64, Int64, Int64, Int64)])
    func knownDates(_ year: Int64, _ month: Int64, _ day: Int64, _ days: Int64) {
        #expect(CivilCalendar.daysSince1970(year: year, month: month, day: day) == days)
        let date = CivilCalendar.date(daysSince1970: days)
        #expect(date.year == year && date.month == month && date.day == day)
    }

    @Test("round trip over four centuries around the epoch and year 0")
    func roundTrip() {
        for days in stride(from: Int64(-800_000), through: 150_000, by: 37) {
            let date = CivilCalendar.date(daysSince1970: days)
            #expect(CivilCalendar.daysSince1970(year: date.year, month: date.month, day: date.day) == days)
            #expect(date.day >= 1 && date.day <= CivilCalendar.daysIn(month: date.month, year: date.year))
        }
    }

    @Test("leap years and month lengths")
    func monthLengths() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilCalendar.daysIn(month: 12, year: 2026) == 31)
        #expect(CivilCalendar.floorDivide(-1, 86_400) == -1)
        #expect(CivilCalendar.floorDivide(86_400, 86_400) == 1)
    }
}
