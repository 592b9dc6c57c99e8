/// US social security number allocation rules (SSA): numbers that were never issued are not
/// findings, nor are the famous sample numbers that litter documentation and test data.
public enum SSNRules {
    /// Published in wallets, advertisements and textbooks; never anyone's real number.
    public static let sampleNumbers: Set<Int> = [
        78_051_120,   // 078-05-1120, the Woolworth wallet card
        219_099_999,  // 219-09-9999, a Social Security Administration pamphlet
        123_456_789,  // 123-45-6789, every form's placeholder
    ]

    public static func isValid(area: Int, group: Int, serial: Int) -> Bool {
        guard area != 0, area != 666, area < 900 else { return false }
        guard group != 0, serial != 0 else { return false }
        return !sampleNumbers.contains(area * 1_000_000 + group * 10_000 + serial)
    }
}
